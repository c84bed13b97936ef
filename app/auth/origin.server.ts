const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

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
}): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
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
