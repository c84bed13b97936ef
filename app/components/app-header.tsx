import { Form, Link, NavLink } from "@remix-run/react";
import type { RootViewer } from "~/root";
import { initials } from "~/utils/format";
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
              {viewer.nav.admin ? <NavLink to="/admin">Admin</NavLink> : null}
            </nav>
            <details className="usermenu">
              <summary aria-label={`Account menu for ${viewer.displayName}`}>
                <span className="avatar" aria-hidden="true">
                  {initials(viewer.displayName)}
                </span>
                <span className="small usermenu-name">{viewer.displayName}</span>
              </summary>
              <div className="usermenu-panel">
                <div className="usermenu-who">
                  Signed in as <strong>@{viewer.handle}</strong>
                  <br />
                  {roleLabels[viewer.role]}
                </div>
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
