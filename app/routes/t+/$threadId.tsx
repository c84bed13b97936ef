import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import { useEffect } from "react";
import { can, canReplyToThread, requireUser } from "~/auth/policy.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { LiveThreadUpdates } from "~/components/live-thread-updates";
import { PostView } from "~/components/post-view";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import { RichTextField } from "~/editor/rich-text-field";
import editorStyles from "~/editor/rich-text.css";
import { markPostNotificationsRead, notifyAboutNewPost } from "~/models/notification.server";
import { readPostContent } from "~/models/post-content.server";
import { claimPostingAllowance } from "~/models/posting-limits.server";
import {
  createReply,
  deletePost,
  getPostForViewer,
  listPostsPage,
  pageOfPosition,
  POSTS_PAGE_SIZE,
  PostRuleError,
  toggleReaction,
} from "~/models/post.server";
import {
  getThreadForViewer,
  markThreadRead,
  setThreadFlag,
  setThreadWatch,
} from "~/models/thread.server";
import { threadKindLabels } from "~/utils/labels";
import { pageParam, uuidParam } from "~/utils/query.server";
import { ThreadActionSchema } from "./__thread-actions.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

async function requireThread(request: Request, threadId: string | undefined) {
  const user = await requireUser(request);
  const id = uuidParam(threadId);
  const thread = id ? await getThreadForViewer(user, id) : null;
  if (!thread) throw data({ message: "No such thread." }, { status: 404 });
  return { user, thread };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, thread } = await requireThread(request, params.threadId);
  const search = new URL(request.url).searchParams;
  const pages = pageOfPosition(thread.lastPosition);
  const firstUnread = Math.min((thread.lastReadPosition ?? 0) + 1, thread.lastPosition);
  const page = Math.min(
    search.has("page") ? pageParam(request) : pageOfPosition(firstUnread),
    pages,
  );
  const posts = await listPostsPage(user, thread.id, page);
  const lastShown = posts.at(-1)?.position ?? 0;
  // Everything on the page shown counts as read, and so do the notifications about it. Read
  // markers only move forward, so the notifications query runs only when there is something new.
  if (lastShown > (thread.lastReadPosition ?? 0) || thread.unreadNotifications > 0) {
    await Promise.all([
      markThreadRead(user, thread.id, lastShown),
      markPostNotificationsRead(
        user,
        posts.map((post) => post.id),
      ),
    ]);
  }
  const replyToId = search.get("replyTo");
  const replyTo = replyToId ? (posts.find((post) => post.id === replyToId) ?? null) : null;
  return {
    thread,
    posts,
    page,
    pageSize: POSTS_PAGE_SIZE,
    canModerate: can(user, "moderate:thread:any"),
    // Posts after this position arrived since the viewer's last visit.
    previouslyReadPosition: thread.lastReadPosition,
    replyTo: replyTo
      ? { id: replyTo.id, authorName: replyTo.author?.displayName ?? "a former member" }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, thread } = await requireThread(request, params.threadId);
  const parsed = ThreadActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data(
      { error: "That action wasn't understood. Reload the page and try again." },
      { status: 400 },
    );
  const input = parsed.data;

  if (input.intent === "pin" || input.intent === "lock") {
    if (!can(user, "moderate:thread:any"))
      throw data({ message: "Only moderators can do that." }, { status: 403 });
    if (input.intent === "pin")
      await setThreadFlag(user.id, thread.id, "pinned", input.pinned === "on");
    else await setThreadFlag(user.id, thread.id, "locked", input.locked === "on");
    return { error: null };
  }
  if (input.intent === "watch") {
    await setThreadWatch(user, thread.id, input.watch === "on");
    return { error: null };
  }
  if (input.intent === "reply") {
    if (!canReplyToThread(thread))
      return data(
        { error: "This thread is locked: it takes no new replies.", text: input.body ?? "" },
        { status: 409 },
      );
    const body = readPostContent(input.bodyJson, input.body);
    if (!body.ok) return data({ error: body.message, text: input.body ?? "" }, { status: 400 });
    const allowance = await claimPostingAllowance(user, "reply");
    if (!allowance.ok)
      return data({ error: allowance.message, text: input.body ?? "" }, { status: 429 });
    try {
      const reply = await createReply(user, thread.id, {
        content: body.content,
        replyToPostId: input.replyToPostId ?? null,
      });
      await notifyAboutNewPost({
        actor: user,
        threadId: thread.id,
        postId: reply.postId,
        mentionIds: body.content.mentionIds,
        isNewThread: false,
      });
      throw redirect(`/t/${thread.id}?page=${pageOfPosition(reply.position)}#post-${reply.postId}`);
    } catch (error) {
      if (error instanceof PostRuleError)
        return data({ error: error.message }, { status: error.status });
      throw error;
    }
  }

  const post = await getPostForViewer(user, input.postId);
  if (!post || post.thread.id !== thread.id)
    throw data({ message: "No such post." }, { status: 404 });
  try {
    if (input.intent === "react") await toggleReaction(user, post, input.kind);
    else await deletePost(user, post);
  } catch (error) {
    if (error instanceof PostRuleError)
      return data({ error: error.message }, { status: error.status });
    throw error;
  }
  return { error: null };
}

export default function ThreadPage() {
  const { thread, posts, page, pageSize, previouslyReadPosition, replyTo, canModerate } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const replying =
    navigation.state === "submitting" && navigation.formData?.get("intent") === "reply";
  const firstNew =
    previouslyReadPosition === null
      ? null
      : posts.find((post) => post.position > previouslyReadPosition)?.id;
  // Opening a thread where you left off: scroll to the first post you haven't read.
  useEffect(() => {
    if (!window.location.hash && firstNew)
      document.getElementById(`post-${firstNew}`)?.scrollIntoView();
    // Only on arrival; later renders (live updates, reactions) must not move the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [thread.id]);

  return (
    <div className="page thread-page">
      <Breadcrumbs
        items={[
          { to: "/spaces", label: "Spaces" },
          { to: `/spaces/${thread.space.slug}`, label: thread.space.name },
          { label: thread.title },
        ]}
      />
      <div className="page-header">
        <div>
          <h1>{thread.title}</h1>
          <div className="meta">
            {thread.kind === "insight" ? (
              <Badge tone="accent">{threadKindLabels.insight}</Badge>
            ) : (
              <span>{threadKindLabels.discussion}</span>
            )}
            {thread.pinned ? <Badge tone="warning">Pinned</Badge> : null}
            {thread.locked ? <Badge>Locked</Badge> : null}
            <span>
              {thread.replyCount} {thread.replyCount === 1 ? "reply" : "replies"}
            </span>
          </div>
        </div>
        <div className="row">
          {canModerate ? (
            <>
              <Form method="post">
                <input type="hidden" name="intent" value="pin" />
                <input type="hidden" name="pinned" value={thread.pinned ? "off" : "on"} />
                <button type="submit" className="btn">
                  {thread.pinned ? "Unpin thread" : "Pin thread"}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="lock" />
                <input type="hidden" name="locked" value={thread.locked ? "off" : "on"} />
                <button type="submit" className="btn">
                  {thread.locked ? "Unlock thread" : "Lock thread"}
                </button>
              </Form>
            </>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="watch" />
            <input type="hidden" name="watch" value={thread.watching ? "off" : "on"} />
            <button type="submit" className="btn" aria-pressed={thread.watching}>
              {thread.watching ? "Watching" : "Watch thread"}
            </button>
          </Form>
        </div>
      </div>
      {actionData?.error && !("text" in actionData) ? (
        <Alert tone="error">{actionData.error}</Alert>
      ) : null}
      <Pagination page={page} pageSize={pageSize} total={thread.lastPosition} />
      <ol className="post-list" aria-label="Posts">
        {posts.map((post) => (
          <li key={post.id}>
            {post.id === firstNew ? (
              <div className="new-marker" role="separator" aria-label="New since your last visit">
                <span>New since your last visit</span>
              </div>
            ) : null}
            <PostView post={post} threadId={thread.id} page={page} />
          </li>
        ))}
      </ol>
      <Pagination page={page} pageSize={pageSize} total={thread.lastPosition} />
      <LiveThreadUpdates
        threadId={thread.id}
        lastPositionOnPage={page * pageSize}
        lastPosition={thread.lastPosition}
      />
      {thread.locked ? (
        <p className="card muted">This thread is locked: it takes no new replies.</p>
      ) : (
        <section className="card reply-box" aria-labelledby="reply-heading" id="reply">
          <h2 id="reply-heading">{replyTo ? `Reply to ${replyTo.authorName}` : "Reply"}</h2>
          {replyTo ? (
            <p className="small">
              Your reply will link back to <a href={`#post-${replyTo.id}`}>their post</a>.{" "}
              <Link to={`/t/${thread.id}?page=${page}#reply`}>Reply to the thread instead</Link>
            </p>
          ) : null}
          <Form method="post" className="form" key={`reply-${thread.lastPosition}`}>
            <input type="hidden" name="intent" value="reply" />
            {replyTo ? <input type="hidden" name="replyToPostId" value={replyTo.id} /> : null}
            <RichTextField
              name="body"
              id="reply-body"
              label="Your reply"
              hint="Type @ to mention someone who can see this space. Select text in a post and press Quote to quote it."
              errors={
                actionData && "text" in actionData && actionData.error
                  ? [actionData.error]
                  : undefined
              }
              initialText={actionData && "text" in actionData ? String(actionData.text) : undefined}
              mentionsUrl={`/resources/mentions?space=${thread.space.id}`}
              activate="on-interaction"
              rows={5}
            />
            <div>
              <Button variant="primary" pending={replying} pendingLabel="Posting…">
                Post reply
              </Button>
            </div>
          </Form>
        </section>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  {
    title: `${loaderData?.thread.title ?? "Thread"} · ${loaderData?.thread.space.name ?? ""} · Vanguard`,
  },
];

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
