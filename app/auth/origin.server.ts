import { verifyRequestOrigin } from "lucia";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Lucia's CSRF rule: a state-changing request must carry an Origin header naming this site.
 * `host` is the host the request was addressed to; `appUrl` the configured public URL, if any.
 */
export function isTrustedOrigin(request: {
  method: string;
  origin: string | undefined;
  host: string | undefined;
  appUrl?: string;
}): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return true;
  if (!request.origin) return false;
  const allowed = [request.host, request.appUrl ? new URL(request.appUrl).host : undefined].filter(
    (value): value is string => Boolean(value),
  );
  return allowed.length > 0 && verifyRequestOrigin(request.origin, allowed);
}
