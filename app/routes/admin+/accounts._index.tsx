import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { FilterSelect } from "~/components/ui/filter-select";
import { ACCOUNTS_PAGE_SIZE, getAccount, listAccountsWithTiers } from "~/models/account.server";
import { Pagination } from "~/components/ui/pagination";
import { countPreparedInvitations } from "~/models/membership-invitation.server";
import { formatMoney, formatMoneyCompact } from "~/utils/format";
import { tierLabels } from "~/utils/labels";

const FilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  tier: z.enum(["top1", "top10", "rest"]).optional().catch(undefined),
  sort: z.enum(["revenue", "name", "ltv"]).catch("revenue"),
  saved: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:account:any");
  const filter = FilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [accounts, invitationsToReview, savedAccount] = await Promise.all([
    listAccountsWithTiers(user, {
      q: filter.q || undefined,
      tier: filter.tier,
      sort: filter.sort,
      page: filter.page,
    }),
    countPreparedInvitations(user),
    filter.saved ? getAccount(filter.saved) : null,
  ]);
  return {
    accounts,
    total: accounts[0]?.total ?? 0,
    pageSize: ACCOUNTS_PAGE_SIZE,
    filter,
    saved: savedAccount?.name ?? null,
    invitationsToReview,
  };
}

export default function AdminAccountsPage() {
  const { accounts, total, pageSize, filter, saved, invitationsToReview } =
    useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Accounts</h1>
          <p>
            Customer organizations and their value. Tiers follow revenue rank; see{" "}
            <Link to="/admin/tiers">Tiers</Link>.
          </p>
        </div>
        <div className="row">
          <Link className="btn" to="/admin/accounts/invitations">
            Invitations to review ({invitationsToReview})
          </Link>
          <Link className="btn" to="/admin/accounts/import">
            Import from CSV
          </Link>
          <Link className="btn btn-primary" to="/admin/accounts/new">
            Add account
          </Link>
        </div>
      </div>
      {saved ? <Alert tone="success">Saved {saved}.</Alert> : null}
      <Form method="get" className="filters" role="search" aria-label="Filter accounts">
        <div className="field">
          <label htmlFor="q">Name</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} />
        </div>
        <FilterSelect
          id="tier"
          name="tier"
          label="Tier"
          value={filter.tier}
          any="Any tier"
          options={Object.entries(tierLabels).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          id="sort"
          name="sort"
          label="Sort by"
          value={filter.sort}
          options={[
            { value: "revenue", label: "Revenue" },
            { value: "ltv", label: "Lifetime value" },
            { value: "name", label: "Name" },
          ]}
        />
        <button type="submit" className="btn">
          Apply
        </button>
      </Form>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Tier</th>
              <th scope="col">Segment</th>
              <th scope="col" className="num">
                Revenue (12 mo)
              </th>
              <th scope="col" className="num">
                Gross profit
              </th>
              <th scope="col" className="num">
                Lifetime value
              </th>
              <th scope="col" className="num">
                People
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.length === 0 ? (
              <tr>
                <td colSpan={7} className="empty">
                  {filter.q || filter.tier ? (
                    <>
                      No account matches. <Link to="/admin/accounts">Clear the filters</Link>.
                    </>
                  ) : (
                    <>
                      No accounts yet. <Link to="/admin/accounts/new">Add the first one</Link>.
                    </>
                  )}
                </td>
              </tr>
            ) : (
              accounts.map((account) => (
                <tr key={account.id}>
                  <td>
                    <Link to={`/admin/accounts/${account.id}`}>{account.name}</Link>
                    {account.externalId ? (
                      <div className="muted small">{account.externalId}</div>
                    ) : null}
                  </td>
                  <td>
                    <Badge tone={account.tier === "rest" ? "neutral" : "accent"}>
                      {tierLabels[account.tier]}
                    </Badge>
                  </td>
                  <td>{account.segment || <span className="muted">—</span>}</td>
                  <td className="num" title={formatMoney(account.revenueCents)}>
                    {formatMoneyCompact(account.revenueCents)}
                  </td>
                  <td className="num" title={formatMoney(account.grossProfitCents)}>
                    {formatMoneyCompact(account.grossProfitCents)}
                  </td>
                  <td className="num" title={formatMoney(account.lifetimeValueCents)}>
                    {formatMoneyCompact(account.lifetimeValueCents)}
                  </td>
                  <td className="num">
                    <Link
                      to={`/admin/members?account=${account.id}`}
                      aria-label={`${account.members} people at ${account.name}`}
                    >
                      {account.members}
                    </Link>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={filter.page} pageSize={pageSize} total={total} label="Account pages" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Accounts · Admin · Vanguard" }];
