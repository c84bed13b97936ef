import type { TrackerKind } from "#db/schema/values";

/**
 * Where a tracker's issues live, and which issue an address names. Read with `new URL` and by
 * splitting the path, never with a pattern that could backtrack: addresses come from staff's
 * typing and from every backlog item at once.
 */

/** Longest issue key taken (Jira's project keys are at most 10 letters, Linear's team keys 7). */
const KEY_MAX = 40;
const LINEAR_HOST = "linear.app";

export type TrackerSite = { ok: true; site: string } | { ok: false; message: string };

/**
 * A site as it is kept: Jira's `https://acme.atlassian.net` (with its path when Jira sits under
 * one), Linear's `https://linear.app/<workspace>`, lower-cased, no trailing slash.
 */
export function normalizeTrackerSite(kind: TrackerKind, input: string): TrackerSite {
  const wrong: TrackerSite = {
    ok: false,
    message:
      kind === "jira"
        ? "Enter the site's address, like https://acme.atlassian.net."
        : "Enter the workspace's address, like https://linear.app/acme.",
  };
  const url = parseHttpsUrl(input.trim());
  if (!url || url.search || url.hash || url.username || url.password) return wrong;
  const segments = pathSegments(url.pathname.toLowerCase());
  if (!segments) return wrong;
  if (kind === "linear") {
    return url.host === LINEAR_HOST && segments.length === 1 && isWorkspaceName(segments[0])
      ? { ok: true, site: `https://${LINEAR_HOST}/${segments[0]}` }
      : wrong;
  }
  // Jira Cloud answers at its site's root; a server of the company's own may sit under a path.
  if (url.host === LINEAR_HOST || segments.length > 3 || segments.includes("browse")) return wrong;
  if (!segments.every(isPathWord)) return wrong;
  return { ok: true, site: [url.origin, ...segments].join("/") };
}

/** The tracker, site and issue key an address names, or null when it names no issue. */
export function issueOfUrl(
  address: string | null,
): { kind: TrackerKind; site: string; key: string } | null {
  const url = address ? parseHttpsUrl(address) : null;
  if (!url) return null;
  const segments = pathSegments(url.pathname);
  if (!segments) return null;
  if (url.host === LINEAR_HOST) {
    // /<workspace>/issue/<KEY>[/<slug>]
    if (segments.length < 3 || segments.length > 4 || segments[1] !== "issue") return null;
    const workspace = segments[0].toLowerCase();
    const key = issueKey(segments[2]);
    return isWorkspaceName(workspace) && key
      ? { kind: "linear", site: `https://${LINEAR_HOST}/${workspace}`, key }
      : null;
  }
  // <site>/browse/<KEY>, the site possibly under a path of its own.
  const browse = segments.length - 2;
  if (browse < 0 || browse > 3 || segments[browse] !== "browse") return null;
  const key = issueKey(segments[browse + 1]);
  if (!key) return null;
  const prefix = segments.slice(0, browse).map((segment) => segment.toLowerCase());
  return { kind: "jira", site: [url.origin, ...prefix].join("/"), key };
}

/** The address a tracker's webhook is sent to. */
export function trackerHookUrl(origin: string, integrationId: string): string {
  return `${origin}/hooks/trackers/${integrationId}`;
}

/**
 * An issue key as trackers write it, upper-cased: a project or team key (a letter, then letters,
 * digits or underscores) and the issue's number, like PROJ-123 or ENG-42. Null otherwise.
 */
export function issueKey(text: string | undefined): string | null {
  if (!text || text.length > KEY_MAX) return null;
  const key = text.toUpperCase();
  const dash = key.lastIndexOf("-");
  if (dash < 1 || dash === key.length - 1) return null;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    const letter = code >= 65 && code <= 90;
    const digit = code >= 48 && code <= 57;
    if (i === 0 ? !letter : i < dash ? !(letter || digit || code === 95) : i > dash && !digit) {
      return null;
    }
  }
  return key;
}

function parseHttpsUrl(text: string): URL | null {
  if (text.length > 2_000) return null;
  try {
    const url = new URL(text);
    return url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** The path's segments, without empty ones (a trailing slash); null for a path of over 20. */
function pathSegments(pathname: string): string[] | null {
  const segments = pathname.split("/").filter(Boolean);
  return segments.length > 20 ? null : segments;
}

/** A plain path segment of a site under a path: letters, digits, ".", "_" and "-". */
function isPathWord(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i) | 0x20;
    const letter = code >= 97 && code <= 122;
    const other = segment[i] === "." || segment[i] === "_" || segment[i] === "-";
    if (!letter && !other && !(segment[i] >= "0" && segment[i] <= "9")) return false;
  }
  return segment !== "." && segment !== "..";
}

/** Linear's workspace names in addresses: lower-case letters, digits and dashes. */
function isWorkspaceName(name: string): boolean {
  if (name.length < 1 || name.length > 64) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45)) return false;
  }
  return true;
}
