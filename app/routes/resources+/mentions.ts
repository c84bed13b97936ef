import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { can } from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { searchMentionCandidates, searchStaffMentionCandidates } from "~/models/mention.server";
import { getSpaceByIdForViewer } from "~/models/space.server";

const QuerySchema = z.object({
  space: z.uuid().optional(),
  /** Staff's notes on backlog items, which only staff read: only staff are suggested. */
  scope: z.literal("staff").optional(),
  q: z.string().trim().max(50).default(""),
});

/**
 * Mention autocomplete: only people who can see the space, and only for a space the asker sees;
 * or, for staff writing a note outside any space, only staff.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ users: [] }, { status: 400 });
  if (query.data.scope === "staff") {
    if (!can(user, "write:internal-note:any")) return Response.json({ users: [] }, { status: 403 });
    const users = await searchStaffMentionCandidates(query.data.q, user.id);
    return Response.json({ users }, { headers: { "Cache-Control": "private, max-age=10" } });
  }
  if (!query.data.space) return Response.json({ users: [] }, { status: 400 });
  const space = await getSpaceByIdForViewer(user, query.data.space);
  if (!space) return Response.json({ users: [] }, { status: 404 });
  const users = await searchMentionCandidates(space.id, query.data.q, user.id);
  return Response.json({ users }, { headers: { "Cache-Control": "private, max-age=10" } });
}
