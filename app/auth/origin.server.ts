const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The one address posted to from outside the site: the one-click unsubscribe link of an email
 * (RFC 8058), which mail providers POST from their own servers, with no Origin and no session.
 * The signed token in the address is its authority, not a cookie, so a forged cross-site post
 * without the token gains nothing; every other address keeps the check.
 */
const OUTSIDE_POSTS = /^\/unsubscribe\/[A-Za-z0-9_.-]+$/;

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
}): boolean {
  const method = request.method.toUpperCase();
  if (SAFE_METHODS.has(method)) return true;
  if (method === "POST" && request.path !== undefined && OUTSIDE_POSTS.test(request.path)) {
    return true;
  }
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
