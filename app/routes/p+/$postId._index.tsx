import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { markThreadPageNotificationsRead } from "~/models/notification-inbox.server";
import { getPostForViewer, pageOfPosition } from "~/models/post.server";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";

/**
 * A post's permanent address, where notifications lead: opens its thread on the right page,
 * scrolled to the post. Notifications about the posts on that page are read before the redirect,
 * so the bell on the page that follows already counts them out (a group of them, as one).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = uuidParam(params.postId);
  const post = id ? await getPostForViewer(user, id) : null;
  invariantResponse(
    post,
    "No such post. It may have been deleted, or be somewhere you can't see.",
    {
      status: 404,
    },
  );
  const page = pageOfPosition(post.position);
  await markThreadPageNotificationsRead(user, post.thread.id, page);
  return redirect(`/t/${post.thread.id}?page=${page}#post-${post.id}`);
}

/** Only reached when the loader throws: the root's error boundary renders the page. */
export default function PostPermalink() {
  return null;
}
