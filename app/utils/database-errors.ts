// Which errors mean the database is out of reach (answered as 503 "try again"), not a bad query.
// Pure: the route layer and the error pages classify errors here without touching the client.

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE", // a write to a connection the server had just closed
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
]);

/** True when an error means "the database cannot be reached", as opposed to a bad query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_ERROR_CODES.has(code) || code.startsWith("08"))) {
    return true;
  }
  const cause = (error as { cause?: unknown }).cause;
  return cause ? isDatabaseUnavailable(cause) : false;
}

/** The longest wait, in seconds, between two attempts to reach a database that went away. */
export const MAX_RECONNECT_DELAY_SECONDS = 1;

/**
 * How long the database client waits before its next connection attempt after `retries` failed
 * ones (postgres.js's `backoff` option, in seconds). Its default grows to 20 s: a request during
 * an outage then waits that long before it can be told 503, and the app takes as long to notice
 * the database is back. Capped at a second, a page answers 503 within a second while the database
 * is away and serves again within a second of its return; an attempt against a stopped server on
 * the same network is a refused connection, cheap enough to make once a second per pool.
 */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.05 * 2 ** Math.max(0, retries), MAX_RECONNECT_DELAY_SECONDS);
}
