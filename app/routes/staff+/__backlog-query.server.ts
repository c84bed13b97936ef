import { z } from "zod";
import { BACKLOG_STATUSES } from "#db/schema/values";
import { BACKLOG_SORT_KEYS } from "~/utils/labels";
import { PageSchema } from "~/validation/common";

const count = z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined);

// Server-only so the page ships no validation library; anything odd falls back to the default.
export const BacklogQuerySchema = z.object({
  sort: z.enum(BACKLOG_SORT_KEYS).catch("weighted"),
  status: z.enum(BACKLOG_STATUSES).optional().catch(undefined),
  tag: z.uuid().optional().catch(undefined),
  owner: z.uuid().optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  minMembers: count,
  minScore: count,
  page: PageSchema,
});

export function readBacklogQuery(request: Request) {
  const query = BacklogQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    query,
    modelQuery: {
      sort: query.sort,
      status: query.status,
      tagId: query.tag,
      ownerId: query.owner,
      q: query.q || undefined,
      minMembers: query.minMembers,
      minScore: query.minScore,
      page: query.page,
    },
  };
}
