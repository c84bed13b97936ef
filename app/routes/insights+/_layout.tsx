import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useRouteError } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { ErrorPage } from "~/components/error-page";

export async function loader({ request }: LoaderFunctionArgs) {
  // Each page asks its own permission too: loaders run side by side, none waits for this one.
  await requireUserWithPermission(request, "read:account:any");
  return null;
}

/** Customer-value insights, for staff and admins: its sections above each of its pages. */
export default function InsightsLayout() {
  return (
    <div className="page">
      <nav className="tabs" aria-label="Insights">
        <NavLink to="/staff">← Workspace</NavLink>
        <NavLink to="/insights/value">Value concentration</NavLink>
        <NavLink to="/insights/groups">Top groups</NavLink>
        <NavLink to="/insights/accounts">Accounts</NavLink>
        <NavLink to="/insights/look-alikes">Look-alikes</NavLink>
        <NavLink to="/insights/lapsed">Lapsed</NavLink>
        <NavLink to="/insights/influence">Influence</NavLink>
        <NavLink to="/insights/benchmarks">Benchmarks</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
