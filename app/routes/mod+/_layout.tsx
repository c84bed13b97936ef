import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useRouteError } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { ErrorPage } from "~/components/error-page";

export async function loader({ request }: LoaderFunctionArgs) {
  // Each page asks its own permission too: loaders run side by side, none waits for this one.
  await requireUserWithPermission(request, "moderate:content:any");
  return null;
}

/** The moderators' frame: their sections above every one of their pages. */
export default function ModerationLayout() {
  return (
    <div className="page">
      <nav className="tabs" aria-label="Moderation">
        <NavLink to="/mod/queue">Queue</NavLink>
        <NavLink to="/mod/log">Log</NavLink>
        <NavLink to="/mod/watched-words">Watched words</NavLink>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
