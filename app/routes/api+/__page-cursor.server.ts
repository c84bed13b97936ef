import { Refusal } from "~/models/refusal.server";

// Lists the pages read by page number (the backlog, ordered by demand that moves) still answer
// with an opaque cursor, so clients walk every list of the API the same way and the list can move
// to keyset pages without a change on their side.

const MAX_PAGE = 10_000;

export const pageCursor = {
  encode: (page: number) => Buffer.from(`p${page}`).toString("base64url"),
  /** The page a cursor stands for (1 without one). */
  decode(cursor: string | undefined): number {
    if (cursor === undefined) return 1;
    const text = Buffer.from(cursor, "base64url").toString("utf8");
    const page = text.startsWith("p") ? Number(text.slice(1)) : NaN;
    if (!Number.isInteger(page) || page < 2 || page > MAX_PAGE) {
      throw new Refusal(
        "This cursor is not one we gave out: start from the first page.",
        400,
        "cursor",
      );
    }
    return page;
  },
  /** The next page's cursor, or null on the last page. */
  next: (page: number, pageSize: number, total: number) =>
    page * pageSize < total && page < MAX_PAGE ? pageCursor.encode(page + 1) : null,
};
