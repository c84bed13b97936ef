import type { LoaderFunctionArgs } from "@remix-run/node";
import { listFeedThreads } from "~/models/feed.server";
import { getSpaceForViewer } from "~/models/space.server";
import { atomResponse } from "~/utils/atom.server";
import { noSuchFeed, requireFeedReader } from "./__feed.server";

/** One space's new threads, at a member's private address; only a space they may read. */
export async function loader({ params }: LoaderFunctionArgs) {
  const reader = await requireFeedReader(params.key);
  const space = await getSpaceForViewer(reader, params.slug ?? "");
  if (!space) throw noSuchFeed();
  const threads = await listFeedThreads(reader, space.slug);
  return atomResponse({
    path: `/spaces/${space.slug}`,
    selfPath: `/feeds/${params.key}/spaces/${space.slug}.atom`,
    title: `Vanguard: ${space.name}`,
    description: `New threads in ${space.name}.`,
    entries: threads.map((thread) => ({
      path: `/t/${thread.id}`,
      title: thread.title,
      date: thread.createdAt,
      html: thread.bodyHtml ?? "",
      author: thread.authorName ?? "A former member",
    })),
  });
}
