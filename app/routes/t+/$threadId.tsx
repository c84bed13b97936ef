import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { BacklogLinks } from "~/components/backlog-links";
import { BookmarkControl } from "~/components/bookmark-control";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { IdeaPanel, IdeaStaffTools } from "~/components/idea-panel";
import { InternalNotes } from "~/components/internal-notes";
import { LearningPanel } from "~/components/learning-panel";
import { LiveThreadUpdates } from "~/components/live-thread-updates";
import { PostView } from "~/components/post-view";
import { ProposalPanel } from "~/components/proposal-panel";
import { ThreadTags } from "~/components/thread-tags";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Pagination } from "~/components/ui/pagination";
import editorStyles from "~/editor/rich-text.css";
import { useViewer } from "~/root";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { readFormData } from "~/utils/form.server";
import { threadKindLabels } from "~/utils/labels";
import { threadAction } from "./__thread-action.server";
import { loadThreadPage, requireThread } from "./__thread-page.server";
import { ReplyBox } from "./__reply-box";
import { IdeaProposals, ThreadJumps, ToggleForm, useTargetHash } from "./__thread-parts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, thread } = await requireThread(request, params.threadId);
  return loadThreadPage(request, user, thread);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, thread } = await requireThread(request, params.threadId);
  return threadAction(user, thread, await readFormData(request));
}

export default function ThreadPage() {
  const {
    thread,
    posts,
    page,
    pages,
    pageSize,
    previouslyReadPosition,
    firstUnread,
    replyTo,
    can,
    idea,
    tags,
    tagOptions,
    learning,
    proposal,
    proposalsFromIdea,
    notes,
    backlog,
    draft,
  } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const answer = useActionAnswer();
  const lastResult = answer?.result;
  // A flag or a moderator's decision that went through closes the tool it was made with.
  const toolUsed =
    answer !== undefined &&
    !problemsOf(answer) &&
    ["flag", "moderate"].includes(answer.intent ?? "");
  const viewer = useViewer();
  const replyResult = lastResult?.initialValue?.intent === "reply" ? lastResult : undefined;
  const otherProblem =
    lastResult && !replyResult && lastResult.error?.[""] ? lastResult.error[""] : null;
  const firstNew =
    previouslyReadPosition === null
      ? null
      : posts.find((post) => post.position > previouslyReadPosition)?.id;
  const targetHash = useTargetHash();
  // Staff's tools sit beside the conversation, not above it.
  const staffAside = Boolean(
    (idea && (idea.can["set-status"] || idea.can["proxy-vote"] || idea.value)) ||
    (notes && viewer) ||
    backlog,
  );
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
            {thread.kind === "discussion" ? (
              <span>{threadKindLabels.discussion}</span>
            ) : (
              <Badge tone="accent">{threadKindLabels[thread.kind]}</Badge>
            )}
            {thread.pinned ? <Badge tone="warning">Pinned</Badge> : null}
            {thread.locked ? <Badge>Locked</Badge> : null}
            <span>
              {thread.replyCount} {thread.replyCount === 1 ? "reply" : "replies"}
            </span>
          </div>
          <ThreadTags tags={tags} options={tagOptions} canTag={can.tag} />
        </div>
        <div className="row">
          {can.pin ? (
            <ToggleForm intent="pin" field="pinned" on={thread.pinned}>
              {thread.pinned ? "Unpin thread" : "Pin thread"}
            </ToggleForm>
          ) : null}
          {can.lock ? (
            <ToggleForm intent="lock" field="locked" on={thread.locked}>
              {thread.locked ? "Unlock thread" : "Lock thread"}
            </ToggleForm>
          ) : null}
          {can.welcome ? (
            <ToggleForm intent="welcome" field="welcome" on={thread.isWelcomeThread}>
              {thread.isWelcomeThread
                ? "Stop sending new members here"
                : "Make this the welcome thread"}
            </ToggleForm>
          ) : null}
          <BookmarkControl
            target={{ threadId: thread.id }}
            bookmark={thread.bookmark}
            what="thread"
          />
          <ToggleForm intent="watch" field="watch" on={thread.watching} pressed={thread.watching}>
            {thread.watching ? "Watching" : "Watch thread"}
          </ToggleForm>
        </div>
      </div>
      {otherProblem ? <Alert tone="error">{otherProblem.join(" ")}</Alert> : null}
      {idea && searchParams.get("mergedFrom") ? (
        <Alert>The idea you followed was merged into this one; its votes count here now.</Alert>
      ) : null}
      <div className={staffAside ? "with-aside" : undefined}>
        <div className="with-aside-main">
          {idea ? <IdeaPanel idea={idea} /> : null}
          {learning ? <LearningPanel learning={learning} threadId={thread.id} /> : null}
          {idea ? (
            <IdeaProposals
              threadId={thread.id}
              proposals={proposalsFromIdea}
              canPropose={!idea.mergedInto}
            />
          ) : null}
          {proposal ? (
            <ProposalPanel threadId={thread.id} proposal={proposal} lastResult={lastResult} />
          ) : null}
          {proposal ? <h2 className="proposal-discussion-heading">Discussion</h2> : null}
          <ThreadJumps threadId={thread.id} pages={pages} firstUnread={firstUnread} />
          <Pagination
            page={page}
            pageSize={pageSize}
            total={thread.lastPosition}
            label="Pages, top"
          />
          <ol className="post-list" aria-label="Posts">
            {(proposal ? posts.filter((post) => post.position > 1) : posts).map((post) => (
              <li
                key={post.id}
                id={post.position === thread.lastPosition ? "last-post" : undefined}
              >
                {post.id === firstNew ? (
                  <div
                    className="new-marker"
                    id="unread"
                    role="separator"
                    aria-label="New since your last visit"
                  >
                    <span>New since your last visit</span>
                  </div>
                ) : null}
                <PostView
                  post={post}
                  threadId={thread.id}
                  page={page}
                  highlighted={targetHash === `#post-${post.id}`}
                  openTool={toolUsed ? null : openToolOn(searchParams, post.id)}
                />
              </li>
            ))}
          </ol>
          <Pagination
            page={page}
            pageSize={pageSize}
            total={thread.lastPosition}
            label="Pages, bottom"
          />
          {viewer ? (
            <LiveThreadUpdates
              key={page}
              threadId={thread.id}
              viewerId={viewer.id}
              lastPositionOnPage={page * pageSize}
              lastPosition={thread.lastPosition}
            />
          ) : null}
        </div>
        {staffAside ? (
          <aside className="with-aside-side" aria-label="Staff tools">
            {idea ? <IdeaStaffTools idea={idea} lastResult={lastResult} /> : null}
            {notes && viewer ? (
              <InternalNotes
                key={notes.length}
                notes={notes}
                viewerId={viewer.id}
                posts={posts}
                mentionsUrl={`/resources/mentions?space=${thread.space.id}`}
                lastResult={lastResult}
              />
            ) : null}
            {backlog ? (
              <BacklogLinks
                threadId={thread.id}
                posts={posts.filter((post) => !post.deleted)}
                citedBy={backlog.citedBy}
                choices={backlog.choices}
                lastResult={lastResult}
              />
            ) : null}
          </aside>
        ) : null}
      </div>
      {can.reply ? (
        <ReplyBox
          thread={thread}
          page={page}
          replyTo={replyTo}
          canCorrect={Boolean(learning?.can.respond)}
          draft={draft}
        />
      ) : (
        <p className="card muted" id="reply">
          This thread is locked: it takes no new replies.
        </p>
      )}
    </div>
  );
}

/** The rarely used tool a link opened on this post: `?flag=`, `?hide=` or `?bookmark=` its id. */
function openToolOn(search: URLSearchParams, postId: string) {
  return (
    (["flag", "hide", "bookmark"] as const).find((tool) => search.get(tool) === postId) ?? null
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  {
    title: `${loaderData?.thread.title ?? "Thread"} · ${loaderData?.thread.space.name ?? ""} · Vanguard`,
  },
];
