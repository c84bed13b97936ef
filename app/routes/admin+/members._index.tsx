import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { FilterSelect } from "~/components/ui/filter-select";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { listPendingInvitations } from "~/auth/invitation.server";
import { listAccountOptions } from "~/models/account.server";
import { listUsersForAdmin, MEMBERS_PAGE_SIZE } from "~/models/user.server";
import { RoleSchema } from "~/validation/common";
import { roleLabels } from "~/utils/labels";
import { PageSchema } from "~/validation/common";

const FilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: RoleSchema.optional().catch(undefined),
  status: z.enum(["active", "suspended"]).optional().catch(undefined),
  account: z.uuid().optional().catch(undefined),
  page: PageSchema,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:member:any");
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, accounts, invitations] = await Promise.all([
    listUsersForAdmin({
      q: filter.q || undefined,
      role: filter.role,
      status: filter.status,
      accountId: filter.account,
      page: filter.page,
    }),
    listAccountOptions(),
    listPendingInvitations(),
  ]);
  return { ...result, filter, accounts, invitations, pageSize: MEMBERS_PAGE_SIZE };
}

export default function AdminMembersPage() {
  const { users, total, filter, accounts, invitations, pageSize } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Members</h1>
          <p>Everyone in the community: customers' people, staff, moderators and admins.</p>
        </div>
        <Link className="btn btn-primary" to="/admin/members/invite">
          Invite someone
        </Link>
      </div>
      {searchParams.get("notice") === "account-deleted" ? (
        <Alert tone="success">
          The account is deleted, and the audit log records it with the reason you gave.
        </Alert>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label="Filter members">
        <div className="field">
          <label htmlFor="q">Name or email</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} />
        </div>
        <FilterSelect
          id="role"
          name="role"
          label="Role"
          value={filter.role}
          any="Any role"
          options={Object.entries(roleLabels).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          id="account"
          name="account"
          label="Account"
          value={filter.account}
          any="Any account"
          options={accounts.map((account) => ({ value: account.id, label: account.name }))}
        />
        <FilterSelect
          id="status"
          name="status"
          label="Status"
          value={filter.status}
          any="Any status"
          options={[
            { value: "active", label: "Active" },
            { value: "suspended", label: "Suspended" },
          ]}
        />
        <button type="submit" className="btn">
          Filter
        </button>
      </Form>
      <p className="muted small" aria-live="polite">
        {total === 1 ? "1 person" : `${total} people`}
      </p>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">Members</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Account</th>
              <th scope="col">Status</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {users.length === 0 ? (
              <tr>
                <td colSpan={6} className="empty">
                  Nobody matches these filters. <Link to="/admin/members">Clear the filters</Link>.
                </td>
              </tr>
            ) : (
              users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/admin/members/${user.id}`}>{user.displayName}</Link>
                    <div className="muted small">@{user.handle}</div>
                  </td>
                  <td>{user.email}</td>
                  <td>{roleLabels[user.role]}</td>
                  <td>{user.accountName ?? <span className="muted">—</span>}</td>
                  <td>
                    {user.status === "suspended" ? (
                      <Badge tone="danger">Suspended</Badge>
                    ) : (
                      <Badge tone="success">Active</Badge>
                    )}
                    {user.alumniSince ? (
                      <>
                        {" "}
                        <Badge tone="warning">Alumni</Badge>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <RelativeTime date={user.lastSeenAt} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={filter.page} pageSize={pageSize} total={total} />
      <section className="card section-gap" aria-labelledby="pending-invitations">
        <h2 id="pending-invitations">Pending invitations</h2>
        {invitations.length === 0 ? (
          <p className="muted">No invitation is waiting to be accepted.</p>
        ) : (
          <ul className="stack" role="list">
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <strong>{invitation.email}</strong> as {roleLabels[invitation.role].toLowerCase()}
                {invitation.accountName ? ` of ${invitation.accountName}` : ""}
                <span className="muted small">
                  {" "}
                  ·{" "}
                  {invitation.invitedBy
                    ? `invited by ${invitation.invitedBy}`
                    : "invited from the command line"}{" "}
                  <RelativeTime date={invitation.createdAt} />, expires{" "}
                  <RelativeTime date={invitation.expiresAt} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Members · Admin · Vanguard" }];
