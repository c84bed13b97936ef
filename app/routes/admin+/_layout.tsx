import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useRouteError } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { ErrorPage } from "~/components/error-page";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "read:member:any");
  return null;
}

export default function AdminLayout() {
  return (
    <div className="page">
      <nav className="subnav" aria-label="Admin">
        <NavLink to="/admin/members">Members</NavLink>
        <NavLink to="/admin/spaces">Spaces</NavLink>
        <NavLink to="/admin/accounts">Accounts</NavLink>
        <NavLink to="/admin/tiers">Tiers</NavLink>
        <NavLink to="/admin/profile-fields">Profile questions</NavLink>
        <NavLink to="/admin/integrations">Integrations</NavLink>
        <NavLink to="/admin/sign-in">Sign-in</NavLink>
        <NavLink to="/admin/outbox">Outbox</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
