import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { can, requireUser } from "~/auth/policy.server";
import { Alert } from "~/components/ui/alert";
import { RelativeTime } from "~/components/ui/relative-time";
import { getHomeSummary } from "~/models/community.server";
import { formatCount } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const summary = await getHomeSummary(user.id);
  return {
    displayName: user.displayName,
    role: user.role,
    accountName: summary?.accountName ?? null,
    joinedAt: summary?.joinedAt ?? null,
    members: summary?.members ?? 0,
    accounts: summary?.accountsCount ?? 0,
    canAdminister: can(user, "read:member:any"),
  };
}

export default function HomePage() {
  const home = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const firstName = home.displayName.split(" ")[0];
  return (
    <div className="page">
      {searchParams.get("welcome") ? (
        <Alert tone="success">Welcome to the community, {firstName}. You're signed in.</Alert>
      ) : null}
      <div className="page-header">
        <div>
          <h1>Welcome back, {firstName}</h1>
          <p>
            {home.accountName ? (
              <>
                You're here for <strong>{home.accountName}</strong>.{" "}
              </>
            ) : null}
            Member since <RelativeTime date={home.joinedAt} />.
          </p>
        </div>
      </div>
      <div className="grid-2">
        <section className="card stat" aria-labelledby="members-stat">
          <span className="stat-value">{formatCount(home.members)}</span>
          <span className="stat-label" id="members-stat">
            people in the community
          </span>
        </section>
        <section className="card stat" aria-labelledby="accounts-stat">
          <span className="stat-value">{formatCount(home.accounts)}</span>
          <span className="stat-label" id="accounts-stat">
            customer organizations represented
          </span>
        </section>
      </div>
      {home.canAdminister ? (
        <section className="card" aria-labelledby="admin-tasks">
          <h2 id="admin-tasks">Administration</h2>
          <p className="muted">
            Invite people, manage roles and suspensions, and keep account value data current.
          </p>
          <div className="row">
            <Link className="btn btn-primary" to="/admin/members/invite">
              Invite someone
            </Link>
            <Link className="btn" to="/admin/members">
              Members
            </Link>
            <Link className="btn" to="/admin/accounts">
              Accounts and tiers
            </Link>
          </div>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Home · Vanguard" }];
