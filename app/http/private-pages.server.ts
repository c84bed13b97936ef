import type { RequestHandler } from "express";

/**
 * Pages and their data requests depend on who is signed in (names, notifications, private
 * spaces), so no shared cache may keep them and Back after signing out must not show them again:
 * every answer from the app is `private, no-store` unless its route chose a policy itself (a
 * feed or a suggestion list), and varies by cookie whatever it chose. Static files are served
 * before this and keep their own long caching.
 */
export function keepPagesPrivate(): RequestHandler {
  return (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
      if (!res.getHeader("Cache-Control")) res.setHeader("Cache-Control", "private, no-store");
      const vary = String(res.getHeader("Vary") ?? "");
      if (!/\bcookie\b/i.test(vary)) res.setHeader("Vary", vary ? `${vary}, Cookie` : "Cookie");
      return writeHead.apply(this, args);
    } as typeof writeHead;
    next();
  };
}
