import { Form, Link, NavLink } from "@remix-run/react";
import type { RootViewer } from "~/root";
import { Avatar } from "~/components/ui/avatar";
import { roleLabels } from "~/utils/labels";

export function AppHeader({ viewer }: { viewer: RootViewer | null }) {
  return (
    <header className="topbar">
      <div className="topbar-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Vanguard
        </Link>
        {viewer ? (
          <>
            <nav className="mainnav" aria-label="Main">
              <NavLink to="/" end>
                Home
              </NavLink>
              <NavLink to="/spaces">Spaces</NavLink>
              <NavLink to="/ideas">Ideas</NavLink>
              <NavLink to="/proposals">Proposals</NavLink>
              <NavLink to="/roadmap">Roadmap</NavLink>
              <NavLink to="/search">Search</NavLink>
              {viewer.nav.staff ? <NavLink to="/staff">Staff</NavLink> : null}
              {viewer.nav.moderation ? <NavLink to="/mod/queue">Moderation</NavLink> : null}
              {viewer.nav.admin ? <NavLink to="/admin">Admin</NavLink> : null}
            </nav>
            <NavLink
              to="/notifications"
              className="bell"
              aria-label={
                viewer.unreadNotifications > 0
                  ? `Notifications, ${viewer.unreadNotifications} unread`
                  : "Notifications"
              }
            >
              <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path
                  fill="currentColor"
                  d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
                />
              </svg>
              {viewer.unreadNotifications > 0 ? (
                <span className="bell-count" aria-hidden="true">
                  {viewer.unreadNotifications > 99 ? "99+" : viewer.unreadNotifications}
                </span>
              ) : null}
            </NavLink>
            <details className="usermenu">
              <summary aria-label={`Account menu for ${viewer.displayName}`}>
                <Avatar name={viewer.displayName} />
                <span className="small usermenu-name">{viewer.displayName}</span>
              </summary>
              <div className="usermenu-panel">
                <div className="usermenu-who">
                  Signed in as <strong>@{viewer.handle}</strong>
                  <br />
                  {roleLabels[viewer.role]}
                </div>
                <Link to={`/u/${viewer.handle}`}>Profile</Link>
                <Link to="/me/bookmarks">Bookmarks</Link>
                <Link to="/me/drafts">Drafts</Link>
                <Link to="/settings">Settings</Link>
                <Form method="post" action="/logout">
                  <button type="submit">Sign out</button>
                </Form>
              </div>
            </details>
          </>
        ) : null}
      </div>
    </header>
  );
}
