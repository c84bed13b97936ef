import { NavLink } from "@remix-run/react";

/** The moderators' sections, at the top of each of their pages. */
export function ModNav() {
  return (
    <nav className="tabs" aria-label="Moderation">
      <NavLink to="/mod/queue">Queue</NavLink>
      <NavLink to="/mod/log">Log</NavLink>
      <NavLink to="/mod/watched-words">Watched words</NavLink>
    </nav>
  );
}
