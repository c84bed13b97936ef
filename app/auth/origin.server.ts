const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The addresses posted to from outside the site, with no Origin and no session: the one-click
 * unsubscribe link of an email (RFC 8058), which mail providers POST from their own servers, and
 * an issue tracker's webhook (Jira's, Linear's). What makes each one's authority is in the
 * request itself, not a cookie: the signed token in the unsubscribe address, the tracker's HMAC
 * signature over the body. A forged cross-site post without them gains nothing; every other
 * address keeps the check.
 */
const OUTSIDE_POSTS = [
  /^\/unsubscribe\/[A-Za-z0-9_.-]+$/,
  /^\/hooks\/trackers\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
];

/**
 * The CSRF rule: a state-changing request must carry an Origin header naming this site exactly —
 * scheme, host and port. With APP_URL set, that is the one public origin (so an `http://` page
 * cannot post to an `https://` deployment, and a proxy's inner address counts for nothing);
 * without it, the scheme and host the request itself was addressed to.
 */
export function isTrustedOrigin(request: {
  method: string;
  origin: string | undefined;
  /** The Host header the request was addressed to. */
  host: string | undefined;
  /** The scheme the request arrived over ("http" or "https"). */
  protocol: string;
  appUrl?: string;
  /** The path asked for, without its query. */
  path?: string;
  /** The Authorization header, if any. */
  authorization?: string;
}): boolean {
  const method = request.method.toUpperCase();
  if (SAFE_METHODS.has(method)) return true;
  const path = request.path;
  if (method === "POST" && path !== undefined && OUTSIDE_POSTS.some((rule) => rule.test(path))) {
    return true;
  }
  // A call to the JSON API with a token: scripts send no Origin. No other site's page can make a
  // browser send an Authorization header (that needs a CORS preflight, which we never grant),
  // and the API authenticates by the token alone, never by the session cookie.
  if (path?.startsWith("/api/") && request.authorization?.startsWith("Bearer ")) return true;
  const origin = originOf(request.origin);
  if (!origin) return false;
  const expected = request.appUrl
    ? originOf(request.appUrl)
    : request.host
      ? originOf(`${request.protocol}://${request.host}`)
      : null;
  return expected !== null && origin === expected;
}

/** `scheme://host[:port]` as URL normalises it (default ports dropped, host lower-cased). */
function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}
