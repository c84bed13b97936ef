import type { RequestHandler } from "express";

/**
 * No page accepts a NUL character in its address (PostgreSQL cannot compare text with one), and
 * a search, filter or handle that holds one would otherwise reach the database and fail there.
 * One check here covers every loader's query parameters.
 */
export function rejectUnreadableUrls(): RequestHandler {
  return (req, res, next) => {
    if (!hasNulCharacter(req.originalUrl)) return next();
    res
      .status(400)
      .type("text/plain")
      .send("This address contains a character no page here accepts (a NUL byte). Remove it.");
  };
}

export function hasNulCharacter(url: string): boolean {
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (/%00/.test(path) || path.includes("\0")) return true;
  if (query === -1) return false;
  for (const [key, value] of new URLSearchParams(url.slice(query + 1))) {
    if (key.includes("\0") || value.includes("\0")) return true;
  }
  return false;
}
