import { z } from "zod";

// Server-only so the search page ships no validation library to the browser.
// A real calendar date (2024-02-31 is refused), or nothing.
const date = z.iso.date().optional().catch(undefined);
export const SearchQuerySchema = z.object({
  q: z.string().trim().max(200).default(""),
  space: z.string().max(60).optional().catch(undefined),
  kind: z.enum(["discussion", "insight"]).optional().catch(undefined),
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
