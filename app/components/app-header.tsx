import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type KeyboardEvent } from "react";
import type { RootViewer } from "~/root";
import { Avatar } from "~/components/ui/avatar";
import { roleLabels } from "~/utils/labels";

type Section = { label: string; links: Array<{ to: string; label: string; end?: boolean }> };

/** The areas beyond the community that a role works in, each with its pages (DESIGN.md). */
function sectionsFor(nav: RootViewer["nav"]): Section[] {
  const sections: Section[] = [];
  if (nav.staff) {
    sections.push({
      label: "Staff",
      links: [
        { to: "/staff", label: "Workspace", end: true },
        { to: "/staff/inbox", label: "Inbox" },
        { to: "/staff/backlog", label: "Backlog" },
        { to: "/staff/tags", label: "Tags" },
        { to: "/staff/exports", label: "Exports" },
      ],
    });
  }
  if (nav.moderation) {
    sections.push({
      label: "Moderation",
      links: [
        { to: "/mod/queue", label: "Queue" },
        { to: "/mod/log", label: "Log" },
        { to: "/mod/watched-words", label: "Watched words" },
      ],
    });
  }
  if (nav.admin) {
    sections.push({
      label: "Admin",
      links: [
        { to: "/admin", label: "Overview", end: true },
        { to: "/admin/members", label: "Members" },
        { to: "/admin/accounts", label: "Accounts" },
        { to: "/admin/spaces", label: "Spaces" },
        { to: "/admin/tiers", label: "Tiers" },
        { to: "/admin/integrations", label: "Integrations" },
        { to: "/admin/sign-in", label: "Sign-in" },
        { to: "/admin/outbox", label: "Outbox" },
      ],
    });
  }
  return sections;
}

function CommunityLinks() {
  return (
    <>
      <NavLink to="/" end>
        Home
      </NavLink>
      <NavLink to="/spaces">Spaces</NavLink>
      <NavLink to="/ideas">Ideas</NavLink>
      <NavLink to="/proposals">Proposals</NavLink>
      <NavLink to="/roadmap">Roadmap</NavLink>
      <NavLink to="/search">Search</NavLink>
    </>
  );
}

function SectionLinks({ section }: { section: Section }) {
  return section.links.map((link) => (
    <NavLink key={link.to} to={link.to} end={link.end}>
      {link.label}
    </NavLink>
  ));
}

/**
 * The top bar. Menus are <details>, so they open without JavaScript and by keyboard (Enter or
 * Space on their summary); with it, Escape closes the open one and a followed link closes them
 * all. On a laptop the community's links stand in a row and each working area (Staff,
 * Moderation, Admin) is a menu, so the bar stays one line; on a phone all of it folds into one
 * "Menu", since a row of links cut at the screen's edge hides the last ones without a cue.
 */
export function AppHeader({ viewer }: { viewer: RootViewer | null }) {
  const header = useRef<HTMLElement>(null);
  const location = useLocation();
  useEffect(() => {
    for (const menu of header.current?.querySelectorAll("details[open]") ?? []) {
      menu.removeAttribute("open");
    }
  }, [location]);

  const closeOnEscape = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "Escape") return;
    const open = (event.target as Element).closest("details[open]");
    if (!(open instanceof HTMLDetailsElement)) return;
    open.open = false;
    open.querySelector("summary")?.focus();
  };

  const sections = viewer ? sectionsFor(viewer.nav) : [];
  return (
    // Escape is handled on the bar, for whichever of its menus holds the focus.
    <header className="topbar" ref={header} onKeyDown={closeOnEscape}>
      <div className="topbar-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Vanguard
        </Link>
        {viewer ? (
          <>
            <nav className="mainnav" aria-label="Main">
              <CommunityLinks />
              {sections.map((section) => (
                <details key={section.label} className="navgroup">
                  <summary>{section.label}</summary>
                  <div className="menu-panel">
                    <SectionLinks section={section} />
                  </div>
                </details>
              ))}
            </nav>
            <details className="navmenu">
              <summary>Menu</summary>
              <nav className="menu-panel navmenu-panel" aria-label="Main">
                <CommunityLinks />
                {sections.map((section) => (
                  <div key={section.label} className="navmenu-section">
                    <span className="navmenu-heading" id={`navmenu-${section.label}`}>
                      {section.label}
                    </span>
                    <div role="group" aria-labelledby={`navmenu-${section.label}`}>
                      <SectionLinks section={section} />
                    </div>
                  </div>
                ))}
              </nav>
            </details>
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
              <div className="menu-panel usermenu-panel">
                <div className="usermenu-who">
                  Signed in as <strong>@{viewer.handle}</strong>
                  <br />
                  {roleLabels[viewer.role]}
                </div>
                <Link to={`/u/${viewer.handle}`}>Profile</Link>
                <Link to="/me/bookmarks">Bookmarks</Link>
                <Link to="/me/drafts">Drafts</Link>
                <Link to="/me/data">My data</Link>
                {viewer.nav.benchmarks ? <Link to="/me/benchmarks">How you compare</Link> : null}
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
