import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { SIMILAR_QUERY_MAX, suggestSimilarIdeas } from "~/models/idea-similar.server";

// Longer text is cut rather than refused: it is someone still typing a title.
const QuerySchema = z.object({
  q: z
    .string()
    .default("")
    .transform((q) => q.slice(0, SIMILAR_QUERY_MAX)),
});

/** Ideas like the one being typed, among those the asker may see. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const ideas = await suggestSimilarIdeas(user, query.q);
  return Response.json({ ideas }, { headers: { "Cache-Control": "private, max-age=10" } });
}
