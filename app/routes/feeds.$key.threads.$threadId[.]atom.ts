import type { LoaderFunctionArgs } from "@remix-run/node";
import { UUID_PATTERN } from "#db/schema/values";
import { getFeedThread } from "~/models/feed.server";
import { atomResponse } from "~/utils/atom.server";
import { noSuchFeed, requireFeedReader } from "./__feed.server";

const UUID = new RegExp(`^${UUID_PATTERN}$`);

/** One idea's (or any thread's) newest posts, at a member's private address. */
export async function loader({ params }: LoaderFunctionArgs) {
  const reader = await requireFeedReader(params.key);
  const threadId = params.threadId ?? "";
  const thread = UUID.test(threadId) ? await getFeedThread(reader, threadId) : null;
  if (!thread) throw noSuchFeed();
  return atomResponse({
    path: `/t/${thread.id}`,
    selfPath: `/feeds/${params.key}/threads/${thread.id}.atom`,
    title: `Vanguard: ${thread.title}`,
    description: `The newest posts in “${thread.title}”.`,
    entries: thread.entries.map((post) => ({
      path: `/p/${post.id}`,
      title:
        post.position === 1
          ? thread.title
          : `${post.authorName ?? "A former member"} replied to ${thread.title}`,
      date: post.editedAt ?? post.createdAt,
      html: post.bodyHtml,
      author: post.authorName ?? "A former member",
    })),
  });
}
