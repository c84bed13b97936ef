import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useRouteError } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { ErrorPage } from "~/components/error-page";

export async function loader({ request }: LoaderFunctionArgs) {
  // Each page asks its own permission too: loaders run side by side, none waits for this one.
  await requireUserWithPermission(request, "manage:backlog:any");
  return null;
}

/** The staff workspace's frame: its sections above every one of its pages. */
export default function StaffLayout() {
  return (
    <div className="page">
      <nav className="tabs" aria-label="Staff workspace">
        <NavLink to="/staff" end>
          Workspace
        </NavLink>
        <NavLink to="/staff/inbox">Inbox</NavLink>
        <NavLink to="/staff/backlog">Backlog</NavLink>
        <NavLink to="/roadmap">Roadmap</NavLink>
        <NavLink to="/staff/tags">Tags</NavLink>
        <NavLink to="/insights/value">Insights</NavLink>
        <NavLink to="/staff/exports">Exports</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
