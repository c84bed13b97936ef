import { z } from "zod";
import { IDEA_STATUSES } from "#db/schema/values";
import { IDEA_SORTS } from "~/utils/labels";
import { PageSchema } from "~/validation/common";

// Server-only so the board ships no validation library. Anything odd in the address falls back
// to the default instead of failing: a shared link keeps working after filters change.
export const IdeaBoardQuerySchema = z.object({
  sort: z.enum(IDEA_SORTS).catch("top"),
  status: z.enum(IDEA_STATUSES).optional().catch(undefined),
  space: z.string().max(60).optional().catch(undefined),
  tag: z.uuid().optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  voted: z.literal("1").optional().catch(undefined),
  page: PageSchema,
});
