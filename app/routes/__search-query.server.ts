import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "~/utils/storable-text";
import { IDEA_STATUSES, THREAD_KINDS } from "#db/schema/values";

// Server-only so the search page ships no validation library to the browser.
// A real calendar date (2024-02-31 is refused), or nothing.
const date = z.iso.date().optional().catch(undefined);
export const SearchQuerySchema = z.object({
  q: z.string().trim().default(""),
  space: z.string().max(60).optional().catch(undefined),
  kind: z.enum(THREAD_KINDS).optional().catch(undefined),
  status: z.enum(IDEA_STATUSES).optional().catch(undefined),
  author: z
    .string()
    .trim()
    .max(30)
    .transform((handle) => handle.replace(/^@/, ""))
    .optional()
    .catch(undefined),
  from: date,
  to: date,
  sort: z.enum(["relevance", "newest"]).catch("relevance"),
  page: z.coerce.number().int().min(1).max(50).catch(1),
});

export const MAX_SEARCH_LENGTH = 200;

/** The search page's filters, and what is wrong with the words when they can't be searched. */
export function parseSearchQuery(url: URL) {
  const query = SearchQuerySchema.parse(Object.fromEntries(url.searchParams));
  const problem =
    query.q.length > MAX_SEARCH_LENGTH
      ? `Searches can be at most ${MAX_SEARCH_LENGTH} characters; yours has ${query.q.length}. Use fewer words.`
      : isStorableText(query.q)
        ? null
        : UNSTORABLE_TEXT_MESSAGE;
  return { query, problem };
}
