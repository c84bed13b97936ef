import { z } from "zod";
import { IDEA_STATUSES } from "#db/schema/values";
import { IDEA_SORTS } from "~/utils/labels";
import { PageSchema } from "~/validation/common";
import { VoteImportanceSchema } from "~/validation/ideas";

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

const IdeaIdSchema = z.uuid({ error: "Choose the idea to vote for." });

/** A vote cast, changed or withdrawn from the board: the idea page's two intents, by idea. */
export const BoardVoteSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("vote"), ideaId: IdeaIdSchema, importance: VoteImportanceSchema }),
  z.object({ intent: z.literal("withdraw-vote"), ideaId: IdeaIdSchema }),
]);

/** The board's own address with its filters and page, from a request to it: where a vote returns. */
export function boardAddress(request: Request) {
  const search = new URL(request.url).searchParams;
  const kept = new URLSearchParams();
  for (const name of Object.keys(IdeaBoardQuerySchema.shape)) {
    const value = search.get(name);
    if (value) kept.set(name, value);
  }
  const query = kept.toString();
  return query ? `/ideas?${query}` : "/ideas";
}
