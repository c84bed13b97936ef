import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { getAdminOverview } from "~/models/community.server";
import { formatCount } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:member:any");
  return { overview: await getAdminOverview() };
}

export default function AdminOverviewPage() {
  const { overview } = useLoaderData<typeof loader>();
  const areas = [
    {
      to: "/admin/members",
      title: "Members",
      figure: overview.activeMembers,
      unit: "active",
      detail: `${formatCount(overview.suspendedMembers)} suspended · ${formatCount(overview.openInvitations)} invitations waiting`,
    },
    {
      to: "/admin/spaces",
      title: "Spaces",
      figure: overview.spaces,
      unit: "spaces",
      detail: "Who may see each forum, its member list and its observers.",
    },
    {
      to: "/admin/accounts",
      title: "Accounts",
      figure: overview.accounts,
      unit: "customer accounts",
      detail: "Revenue, profit and lifetime value behind each member.",
    },
    {
      to: "/admin/tiers",
      title: "Tiers",
      figure: null,
      unit: "",
      detail: "Where the top 1% and top 10% cut points sit, and the value they hold.",
    },
    {
      to: "/admin/outbox",
      title: "Outbox",
      figure: overview.emails,
      unit: "emails",
      detail: "Every email the community has sent, as its recipient read it.",
    },
  ];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Admin</h1>
          <p>Run the community: who is in it, what they can see, and the value behind them.</p>
        </div>
        <Link className="btn btn-primary" to="/admin/members/invite">
          Invite someone
        </Link>
      </div>
      <ul className="admin-areas">
        {areas.map((area) => (
          <li key={area.to} className="card">
            <h2>
              <Link to={area.to}>{area.title}</Link>
            </h2>
            {area.figure !== null ? (
              <p className="stat">
                <span className="stat-value">{formatCount(area.figure)}</span>
                <span className="stat-label">{area.unit}</span>
              </p>
            ) : null}
            <p className="muted small">{area.detail}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Admin · Vanguard" }];
