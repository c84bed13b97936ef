import { z } from "zod";

// Server-only so the space page ships no validation library to the browser.
export const ThreadListQuerySchema = z.object({
  sort: z.enum(["latest", "new", "top"]).catch("latest"),
  kind: z.enum(["discussion", "insight"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const WatchSchema = z.object({ watch: z.enum(["on", "off"]) });
