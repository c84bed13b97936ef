import { z } from "zod";
import { TRIAGE_KINDS } from "#db/schema/values";
import { PageSchema } from "~/validation/common";

// Server-only so the page ships no validation library; anything odd falls back to the default.
export const InboxQuerySchema = z.object({
  show: z.enum(["open", "mine", "reviewed"]).catch("open"),
  kind: z.enum(TRIAGE_KINDS).optional().catch(undefined),
  space: z.uuid().optional().catch(undefined),
  page: PageSchema,
});
