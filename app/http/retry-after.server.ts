import type { RequestHandler } from "express";

/** Seconds a client is asked to wait when the app cannot answer (the database is away). */
export const RETRY_AFTER_SECONDS = 30;

/**
 * Every 503 says when to come back (`Retry-After`), whichever layer made it: the root's error page
 * and a data request's error lose the headers of the response a loader threw, and a live stream's
 * refusal has none. A route that chose its own value keeps it.
 */
export function sayWhenToRetry(): RequestHandler {
  return (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      const status = typeof args[0] === "number" ? args[0] : res.statusCode;
      if (status === 503 && !res.getHeader("Retry-After")) {
        res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
      }
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  };
}
