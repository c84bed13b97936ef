import type { LoaderFunctionArgs } from "@remix-run/node";
import { listFeedThreads } from "~/models/feed.server";
import { atomResponse } from "~/utils/atom.server";
import { requireFeedReader } from "./__feed.server";

/** A member's personal feed: the newest threads in every space they may read. */
export async function loader({ params }: LoaderFunctionArgs) {
  const reader = await requireFeedReader(params.key);
  const threads = await listFeedThreads(reader);
  return atomResponse({
    path: "/",
    selfPath: `/feeds/${params.key}/activity.atom`,
    title: "Vanguard: new in your spaces",
    description: "New threads in every space you can read.",
    entries: threads.map((thread) => ({
      path: `/t/${thread.id}`,
      title: `${thread.title} (${thread.spaceName})`,
      date: thread.createdAt,
      html: thread.bodyHtml ?? "",
      author: thread.authorName ?? "A former member",
    })),
  });
}
