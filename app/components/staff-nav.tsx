import { NavLink } from "@remix-run/react";

/** The staff workspace's sections, at the top of each of its pages. */
export function StaffNav() {
  return (
    <nav className="tabs" aria-label="Staff workspace">
      <NavLink to="/staff/inbox">Inbox</NavLink>
      <NavLink to="/staff/backlog">Backlog</NavLink>
      <NavLink to="/roadmap">Roadmap</NavLink>
      <NavLink to="/staff/tags">Tags</NavLink>
    </nav>
  );
}
