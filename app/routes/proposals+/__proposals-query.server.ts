import { z } from "zod";
import { PROPOSAL_STAGES } from "#db/schema/values";
import { PROPOSAL_SORTS } from "~/utils/labels";
import { PageSchema } from "~/validation/common";

// Server-only so the list ships no validation library; anything odd falls back to the default.
export const ProposalListQuerySchema = z.object({
  sort: z.enum(PROPOSAL_SORTS).catch("updated"),
  stage: z.enum(PROPOSAL_STAGES).optional().catch(undefined),
  space: z.string().max(60).optional().catch(undefined),
  show: z.enum(["mine", "coauthor"]).optional().catch(undefined),
  page: PageSchema,
});
