import { getFormProps, useForm } from "@conform-to/react";
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
  useLocation,
  useSearchParams,
} from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import {
  decideIdeaAction,
  decideLearningAction,
  decideThreadAction,
  ideaPermissions,
  learningPermissions,
  proposalPermissions,
  type LearningAction,
  requireUser,
  threadPermissions,
  type IdeaAction,
  type ThreadAction,
  type Viewer,
} from "~/auth/policy.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { LiveThreadUpdates } from "~/components/live-thread-updates";
import { PostView } from "~/components/post-view";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import { RichTextField } from "~/editor/rich-text-field";
import editorStyles from "~/editor/rich-text.css";
import { IdeaPanel } from "~/components/idea-panel";
import { setWelcomeThread } from "~/models/first-run.server";
import {
  castVote,
  getIdea,
  getIdeaValueForViewer,
  IdeaRuleError,
  listVoters,
  mergeIdea,
  recordProxyVote,
  undoMerge,
  setIdeaStatus,
  withdrawVote,
} from "~/models/idea.server";
import {
  markPostNotificationsRead,
  notifyAboutNewPost,
  notifyPeople,
} from "~/models/notification.server";
import {
  addInternalNote,
  deleteInternalNote,
  InternalNoteError,
  listInternalNotes,
  mayUseInternalNotes,
} from "~/models/internal-note.server";
import { addEvidence, BacklogError, getThreadBacklogLinks } from "~/models/backlog.server";
import { readPostContent } from "~/models/post-content.server";
import { flagWorthALook, TriageError } from "~/models/triage.server";
import { FlagError, flagContent } from "~/models/flag.server";
import { ModerationError, moderateContent } from "~/models/content-moderation.server";
import {
  createReply,
  postMergeNote,
  deletePost,
  getOpeningPostId,
  getPostForViewer,
  listPostsPage,
  pageOfPosition,
  POSTS_PAGE_SIZE,
  PostRuleError,
  toggleReaction,
} from "~/models/post.server";
import {
  getMergedThreadTarget,
  getThreadForViewer,
  markThreadRead,
  setThreadFlag,
  setThreadWatch,
} from "~/models/thread.server";
import {
  listTagsForViewer,
  listThreadTags,
  tagThread,
  TagRuleError,
  untagThread,
} from "~/models/tag.server";
import { ThreadTags } from "~/components/thread-tags";
import { LearningPanel } from "~/components/learning-panel";
import { getLearning, recordCorrection, setConfirmation } from "~/models/learning.server";
import {
  COMMENTS_SHOWN,
  getProposal,
  listEndorsements,
  listProposalsFromIdea,
  listSectionComments,
} from "~/models/proposal.server";
import { ProposalPanel } from "~/components/proposal-panel";
import { BacklogLinks } from "~/components/backlog-links";
import { InternalNotes } from "~/components/internal-notes";
import { useViewer } from "~/root";
import { readFormData } from "~/utils/form.server";
import { proposalStageLabels, proposalStageTones, threadKindLabels } from "~/utils/labels";
import { pageParam, uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";
import { proposalAction } from "./__proposal-actions.server";
import {
  parseThreadAction,
  type ThreadActionInput,
  type ThreadActionSubmission,
} from "./__thread-actions.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

async function requireThread(request: Request, threadId: string | undefined) {
  const user = await requireUser(request);
  const id = uuidParam(threadId);
  const thread = id ? await getThreadForViewer(user, id) : null;
  // A merged thread's address leads to the thread its posts went into.
  const mergedInto = !thread && id ? await getMergedThreadTarget(id) : null;
  if (mergedInto) throw redirect(`/t/${mergedInto}`);
  invariantResponse(
    thread,
    "No such thread. It may have been removed, or be in a space you can't see.",
    {
      status: 404,
    },
  );
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
  const isIdea = thread.kind === "idea";
  const can = threadPermissions(user, thread);
  const isProposal = thread.kind === "proposal";
  const [
    posts,
    idea,
    voters,
    value,
    tags,
    tagOptions,
    learning,
    proposal,
    proposalsFromIdea,
    notes,
    backlog,
  ] = await Promise.all([
    listPostsPage(user, thread.id, page),
    isIdea ? getIdea(user, thread.id) : null,
    isIdea ? listVoters(user, thread.id) : null,
    isIdea ? getIdeaValueForViewer(user, thread.id) : null,
    listThreadTags(user, [thread.id]),
    can.tag ? listTagsForViewer(user) : [],
    thread.kind === "learning" ? getLearning(user, thread.id) : null,
    isProposal ? getProposalPage(user, thread.id, search.get("comments") === "all") : null,
    isIdea ? listProposalsFromIdea(user, thread.id) : [],
    listInternalNotes(user, { threadId: thread.id }),
    getThreadBacklogLinks(user, thread.id),
  ]);
  // A merged idea's address leads to the idea it was merged into; staff stay, to undo it.
  if (idea?.mergedInto && !ideaPermissions(user, idea).merge) {
    throw redirect(`/t/${idea.mergedInto.id}?mergedFrom=${thread.id}`);
  }
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
  const replyTo = replyToId
    ? (posts.find((post) => post.id === replyToId && post.permissions.reply) ?? null)
    : null;
  return {
    thread,
    posts,
    page,
    pages,
    pageSize: POSTS_PAGE_SIZE,
    can,
    tags: tags[thread.id] ?? [],
    tagOptions,
    idea: idea && voters ? { ...idea, can: ideaPermissions(user, idea), voters, value } : null,
    learning: learning ? { ...learning, can: learningPermissions(user, thread) } : null,
    proposal,
    proposalsFromIdea,
    // Staff only: members get null, never an empty list that hints at notes.
    notes: mayUseInternalNotes(user) ? notes : null,
    backlog,
    // Posts after this position arrived since the viewer's last visit.
    previouslyReadPosition: thread.lastReadPosition,
    firstUnread:
      thread.lastReadPosition !== null && thread.lastReadPosition < thread.lastPosition
        ? { position: firstUnread, page: pageOfPosition(firstUnread) }
        : null,
    replyTo: replyTo
      ? { id: replyTo.id, authorName: replyTo.author?.displayName ?? "a former member" }
      : null,
  };
}

/** Everything a proposal's page shows, with what the viewer may do to it. */
async function getProposalPage(user: Viewer, threadId: string, allComments: boolean) {
  const [proposal, { comments, totals }, endorsements] = await Promise.all([
    getProposal(user, threadId),
    listSectionComments(threadId, { all: allComments }),
    listEndorsements(user, threadId),
  ]);
  invariantResponse(proposal, "No such proposal.", { status: 404 });
  return {
    ...proposal,
    comments,
    commentTotals: totals,
    commentsShown: allComments ? null : COMMENTS_SHOWN,
    endorsements,
    can: proposalPermissions(user, proposal),
  };
}

type Thread = Awaited<ReturnType<typeof requireThread>>["thread"];
type Submission = ThreadActionSubmission;
type Intent = ThreadActionInput["intent"];
type IntentInput<I extends Intent> = Extract<ThreadActionInput, { intent: I }>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, thread } = await requireThread(request, params.threadId);
  const submission = parseThreadAction(await readFormData(request));
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
  const decision = decideThreadAction(user, thread, threadActionOf(input.intent));
  if (!decision.ok) {
    return refuse(submission, decision);
  }
  // Idea intents are asked of the idea rules too, once, here.
  const learningAction = learningActionOf(input);
  if (learningAction) {
    if (thread.kind !== "learning") {
      return refuse(submission, { message: "This thread is not a learning.", status: 400 });
    }
    const learningDecision = decideLearningAction(user, thread, learningAction);
    if (!learningDecision.ok) return refuse(submission, learningDecision);
  }
  const ideaAction = ideaActionOf(input.intent);
  const idea = ideaAction ? await requireIdea(user, thread) : null;
  if (idea && ideaAction) {
    const ideaDecision = decideIdeaAction(user, idea, ideaAction);
    if (!ideaDecision.ok) return refuse(submission, ideaDecision);
  }
  switch (input.intent) {
    case "reply":
      return reply(user, thread, submission, input);
    case "react":
    case "delete":
      return changePost(user, thread, submission, input);
    case "watch":
      await setThreadWatch(user, thread.id, input.watch === "on");
      return submission.reply({ resetForm: true });
    case "pin":
    case "lock":
      return changeThreadFlag(user, thread, submission, input);
    case "welcome":
      await setWelcomeThread(user, input.welcome === "on" ? thread.id : null);
      return submission.reply({ resetForm: true });
    case "vote":
    case "withdraw-vote":
      return changeVote(user, thread, submission, input);
    case "set-status":
      return changeIdeaStatus(user, thread, idea!, submission, input);
    case "proxy-vote":
      return addProxyVote(user, thread, submission, input);
    case "merge":
    case "undo-merge":
      return changeMerge(user, thread, submission, input);
    case "tag":
    case "untag":
      return changeTags(user, thread, submission, input);
    case "confirm":
      await setConfirmation(user, thread.id, input.confirmed === "on");
      return submission.reply({ resetForm: true });
    case "invite-coauthor":
    case "answer-invitation":
    case "remove-coauthor":
    case "set-stage":
    case "endorse":
    case "withdraw-endorsement":
    case "comment":
    case "resolve-comment":
      return proposalAction(user, thread, submission, input);
    case "add-note":
    case "delete-note":
      return changeNotes(user, thread, submission, input);
    case "add-to-backlog":
      return linkToBacklog(user, thread, submission, input);
    case "worth-a-look":
      return flagForTeam(user, submission, input);
    case "flag":
      return flagPost(user, submission, input);
    case "moderate":
      return restorePost(user, submission, input);
  }
}

/** Which learning permission a submission needs, if it answers a learning. */
function learningActionOf(input: ThreadActionInput): LearningAction | null {
  if (input.intent === "confirm") return "respond";
  if (input.intent === "reply" && input.correction) return "respond";
  return null;
}

/** The answer when something was refused: the problem as the form's error, with its status. */
function refuse(submission: Submission, problem: { message: string; status: number }) {
  return data(submission.reply({ formErrors: [problem.message] }), { status: problem.status });
}

/** Which idea permission an intent needs, if it is about an idea. */
function ideaActionOf(intent: Intent): IdeaAction | null {
  switch (intent) {
    case "vote":
    case "withdraw-vote":
      return "vote";
    case "set-status":
    case "proxy-vote":
    case "merge":
      return intent;
    case "undo-merge":
      return "merge";
    default:
      return null;
  }
}

/** Which thread permission each intent needs; post intents are checked per post below. */
function threadActionOf(intent: Intent): ThreadAction {
  switch (intent) {
    case "reply":
    case "pin":
    case "lock":
    case "watch":
    case "welcome":
      return intent;
    case "tag":
    case "untag":
      return "tag";
    case "confirm":
      // Checked against the learning rules; seeing the thread is the baseline.
      return "watch";
    case "invite-coauthor":
    case "answer-invitation":
    case "remove-coauthor":
    case "set-stage":
    case "endorse":
    case "withdraw-endorsement":
    case "comment":
    case "resolve-comment":
      // Checked against the proposal rules, with its state read fresh, in the model.
      return "watch";
    case "flag":
    case "moderate":
      // Checked by the flag model (any member, on a post they can see and didn't write) and the
      // moderation model (the policy's content rules).
      return "watch";
    case "add-note":
    case "delete-note":
    case "add-to-backlog":
    case "worth-a-look":
      // Staff only, checked by the notes, backlog and triage models through the policy.
      return "watch";
    case "react":
    case "delete":
    case "vote":
    case "withdraw-vote":
    case "set-status":
    case "proxy-vote":
    case "merge":
    case "undo-merge":
      // Checked per post or per idea below; seeing the thread is the baseline.
      return "watch";
  }
}

async function reply(
  user: Viewer,
  thread: Thread,
  submission: Submission,
  input: IntentInput<"reply">,
) {
  const body = readPostContent(input.bodyJson, input.body);
  if (!body.ok) {
    return data(submission.reply({ fieldErrors: { body: [body.message] } }), { status: 400 });
  }
  try {
    const created = await createReply(user, thread.id, {
      content: body.content,
      replyToPostId: input.replyToPostId ?? null,
    });
    if (input.correction) await recordCorrection(thread.id, created.postId);
    if (!created.held)
      await notifyAboutNewPost({
        actor: user,
        threadId: thread.id,
        postId: created.postId,
        mentionIds: body.content.mentionIds,
        isNewThread: false,
      });
    throw redirect(
      `/t/${thread.id}?page=${pageOfPosition(created.position)}#post-${created.postId}`,
    );
  } catch (error) {
    if (error instanceof PostRuleError) {
      return data(submission.reply({ fieldErrors: { body: [error.message] } }), {
        status: error.status,
      });
    }
    throw error;
  }
}

async function flagPost(user: Viewer, submission: Submission, input: IntentInput<"flag">) {
  try {
    const flagged = await flagContent(user, {
      postId: input.postId,
      reason: input.reason,
      note: input.note,
    });
    if (flagged.status === "already-flagged") {
      return refuse(submission, {
        message: "You already flagged this; the moderators will review it.",
        status: 409,
      });
    }
    // The post now says "You flagged this", linking to what becomes of it.
    return submission.reply({ resetForm: true });
  } catch (error) {
    if (error instanceof FlagError) return refuse(submission, error);
    throw error;
  }
}

async function changeThreadFlag(
  user: Viewer,
  thread: Thread,
  submission: Submission,
  input: IntentInput<"pin" | "lock">,
) {
  try {
    if (input.intent === "pin")
      await setThreadFlag(user, thread.id, "pinned", input.pinned === "on");
    else await setThreadFlag(user, thread.id, "locked", input.locked === "on");
  } catch (error) {
    if (error instanceof ModerationError) return refuse(submission, error);
    throw error;
  }
  return submission.reply({ resetForm: true });
}

async function restorePost(user: Viewer, submission: Submission, input: IntentInput<"moderate">) {
  try {
    await moderateContent(user, input.postId, input.decision, input.reason ?? null);
  } catch (error) {
    if (error instanceof ModerationError) return refuse(submission, error);
    throw error;
  }
  return submission.reply({ resetForm: true });
}

async function changePost(
  user: Viewer,
  thread: Thread,
  submission: Submission,
  input: IntentInput<"react" | "delete">,
) {
  const post = await getPostForViewer(user, input.postId);
  invariantResponse(post && post.thread.id === thread.id, "No such post in this thread.", {
    status: 404,
  });
  try {
    if (input.intent === "react") await toggleReaction(user, post, input.kind);
    else await deletePost(user, post);
  } catch (error) {
    if (error instanceof PostRuleError) {
      return refuse(submission, error);
    }
    throw error;
  }
  return submission.reply({ resetForm: true });
}

type Idea = Awaited<ReturnType<typeof requireIdea>>;

async function requireIdea(user: Viewer, thread: Thread) {
  const idea = thread.kind === "idea" ? await getIdea(user, thread.id) : null;
  invariantResponse(idea, "This thread is not an idea.", { status: 400 });
  return idea;
}

async function changeVote(
  user: Viewer,
  thread: Thread,
  submission: Submission,
  input: IntentInput<"vote" | "withdraw-vote">,
) {
  try {
    if (input.intent === "vote") await castVote(user, thread.id, input.importance);
    else await withdrawVote(user, thread.id);
  } catch (error) {
    if (!(error instanceof IdeaRuleError)) throw error;
    return refuse(submission, error);
  }
  return submission.reply({ resetForm: true });
}

async function addProxyVote(
  user: Viewer,
  thread: Thread,
  submission: Submission,
  input: IntentInput<"proxy-vote">,
) {
  try {
    await recordProxyVote(user, thread.id, input);
  } catch (error) {
    if (!(error instanceof IdeaRuleError)) throw error;
    return data(submission.reply({ fieldErrors: { person: [error.message] } }), {
      status: error.status,
    });
  }
  return submission.reply({ resetForm: true });
}

async function changeMerge(
  user: Viewer,
  thread: Thread,
  submission: Submission,
  input: IntentInput<"merge" | "undo-merge">,
) {
  try {
    if (input.intent === "undo-merge") {
      await undoMerge(user, thread.id);
      return submission.reply({ resetForm: true });
    }
    const target = await getThreadForViewer(user, input.target);
    if (!target || target.kind !== "idea") {
      return data(submission.reply({ fieldErrors: { target: ["That address isn't an idea."] } }), {
        status: 400,
      });
    }
    const { votesMoved } = await mergeIdea(user, thread.id, target.id);
    // Said on the target, where A's watchers now watch too: everyone affected hears of it.
    const posted = await postMergeNote(user, {
      fromTitle: thread.title,
      intoThreadId: target.id,
      votesMoved,
    });
    if (posted) {
      await notifyAboutNewPost({
        actor: user,
        threadId: target.id,
        postId: posted.postId,
        mentionIds: [],
        isNewThread: false,
      });
    }
  } catch (error) {
    if (!(error instanceof IdeaRuleError || error instanceof PostRuleError)) throw error;
    const field = input.intent === "merge" ? "target" : "";
    return data(submission.reply({ fieldErrors: { [field]: [error.message] } }), {
      status: error.status,
    });
  }
  return submission.reply({ resetForm: true });
}

/** A staff note: written (its mentioned colleagues told) or taken back by its author. */
async function changeNotes(
  user: Viewer,
  thread: Thread,
  submission: Submission,
  input: IntentInput<"add-note" | "delete-note">,
) {
  try {
    if (input.intent === "delete-note") {
      await deleteInternalNote(user, { threadId: thread.id }, input.noteId);
      return submission.reply({ resetForm: true });
    }
    const body = readPostContent(input.noteJson, input.note);
    if (!body.ok) {
      return data(submission.reply({ fieldErrors: { note: [body.message] } }), { status: 400 });
    }
    const note = await addInternalNote(
      user,
      { threadId: thread.id },
      {
        postId: input.postId ?? null,
        content: body.content,
      },
    );
    await notifyPeople({
      actor: user,
      threadId: thread.id,
      postId: input.postId ?? (await getOpeningPostId(thread.id)),
      kind: "internal_note",
      userIds: note.mentionedStaffIds,
    });
  } catch (error) {
    if (!(error instanceof InternalNoteError)) throw error;
    return refuse(submission, error);
  }
  return submission.reply({ resetForm: true });
}

async function linkToBacklog(
  user: Viewer,
  thread: Thread,
  submission: Submission,
  input: IntentInput<"add-to-backlog">,
) {
  try {
    await addEvidence(
      user,
      input.itemId,
      input.postId
        ? { postId: input.postId, quote: input.quote?.trim() || null }
        : { threadId: thread.id },
    );
  } catch (error) {
    if (!(error instanceof BacklogError)) throw error;
    return refuse(submission, error);
  }
  return submission.reply({ resetForm: true });
}

async function flagForTeam(
  user: Viewer,
  submission: Submission,
  input: IntentInput<"worth-a-look">,
) {
  try {
    await flagWorthALook(user, input.postId, input.flagNote);
  } catch (error) {
    if (!(error instanceof TriageError)) throw error;
    return refuse(submission, error);
  }
  return submission.reply({ resetForm: true });
}

async function changeTags(
  user: Viewer,
  thread: Thread,
  submission: Submission,
  input: IntentInput<"tag" | "untag">,
) {
  try {
    if (input.intent === "tag") await tagThread(user, thread.id, input.tag);
    else await untagThread(user, thread.id, input.tagId);
  } catch (error) {
    if (!(error instanceof TagRuleError)) throw error;
    return data(submission.reply({ fieldErrors: { [error.field]: [error.message] } }), {
      status: error.status,
    });
  }
  return submission.reply({ resetForm: true });
}

/**
 * A staff member moves the idea on. Their message, if any, is posted first as their reply, so
 * voters (who watch what they vote for) and watchers hear of it as of any reply.
 */
async function changeIdeaStatus(
  user: Viewer,
  thread: Thread,
  idea: Idea,
  submission: Submission,
  input: IntentInput<"set-status">,
) {
  if (idea.status === input.status) {
    return data(submission.reply({ formErrors: ["The idea already has that status."] }), {
      status: 409,
    });
  }
  let postId: string | null = null;
  if (input.message) {
    const body = readPostContent(undefined, input.message);
    if (!body.ok) {
      return data(submission.reply({ fieldErrors: { message: [body.message] } }), { status: 400 });
    }
    try {
      const created = await createReply(user, thread.id, {
        content: body.content,
        replyToPostId: null,
      });
      postId = created.postId;
      await notifyAboutNewPost({
        actor: user,
        threadId: thread.id,
        postId,
        mentionIds: body.content.mentionIds,
        isNewThread: false,
      });
    } catch (error) {
      if (!(error instanceof PostRuleError)) throw error;
      return refuse(submission, error);
    }
  }
  try {
    await setIdeaStatus(user, thread.id, input.status, postId);
  } catch (error) {
    if (!(error instanceof IdeaRuleError)) throw error;
    return refuse(submission, error);
  }
  return submission.reply({ resetForm: true });
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
  } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const lastResult = useActionData<typeof action>();
  const viewer = useViewer();
  const replying = useIsPending({ intent: "reply" });
  const replyResult = lastResult?.initialValue?.intent === "reply" ? lastResult : undefined;
  const otherProblem =
    lastResult && !replyResult && lastResult.error?.[""] ? lastResult.error[""] : null;
  const [form, fields] = useForm({ id: "reply-form", lastResult: replyResult });
  const firstNew =
    previouslyReadPosition === null
      ? null
      : posts.find((post) => post.position > previouslyReadPosition)?.id;
  const targetHash = useTargetHash();
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
          <ToggleForm intent="watch" field="watch" on={thread.watching} pressed={thread.watching}>
            {thread.watching ? "Watching" : "Watch thread"}
          </ToggleForm>
        </div>
      </div>
      {otherProblem ? <Alert tone="error">{otherProblem.join(" ")}</Alert> : null}
      {idea && searchParams.get("mergedFrom") ? (
        <Alert>The idea you followed was merged into this one; its votes count here now.</Alert>
      ) : null}
      {idea ? <IdeaPanel idea={idea} lastResult={lastResult} /> : null}
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
      {proposal ? <h2 className="proposal-discussion-heading">Discussion</h2> : null}
      <ThreadJumps threadId={thread.id} pages={pages} firstUnread={firstUnread} />
      <Pagination page={page} pageSize={pageSize} total={thread.lastPosition} label="Pages, top" />
      <ol className="post-list" aria-label="Posts">
        {(proposal ? posts.filter((post) => post.position > 1) : posts).map((post) => (
          <li key={post.id} id={post.position === thread.lastPosition ? "last-post" : undefined}>
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
      {can.reply ? (
        <section className="card reply-box" aria-labelledby="reply-heading" id="reply">
          <h2 id="reply-heading">{replyTo ? `Reply to ${replyTo.authorName}` : "Reply"}</h2>
          {replyTo ? (
            <p className="small">
              Your reply will link back to <a href={`#post-${replyTo.id}`}>their post</a>.{" "}
              <Link to={`/t/${thread.id}?page=${page}#reply`}>Reply to the thread instead</Link>
            </p>
          ) : null}
          <Form
            method="post"
            className="form"
            {...getFormProps(form)}
            key={`reply-${thread.lastPosition}-${searchParams.get("correction") ?? ""}`}
          >
            <input type="hidden" name="intent" value="reply" />
            {replyTo ? <input type="hidden" name="replyToPostId" value={replyTo.id} /> : null}
            {learning?.can.respond ? (
              <div className="field checkbox-field">
                <label htmlFor="reply-correction">
                  <input
                    type="checkbox"
                    id="reply-correction"
                    name="correction"
                    value="on"
                    defaultChecked={
                      replyResult
                        ? fields.correction.initialValue === "on"
                        : searchParams.get("correction") === "1"
                    }
                    aria-describedby="reply-correction-hint"
                  />{" "}
                  This is a correction: something in the learning is wrong
                </label>
                <span id="reply-correction-hint" className="field-hint">
                  Say what's wrong and what's right instead. Staff may take it into the learning.
                </span>
              </div>
            ) : null}
            <RichTextField
              name={fields.body.name}
              id="reply-body"
              label="Your reply"
              hint="Type @ to mention someone who can see this space. Select text in a post and press Quote to quote it."
              errors={fields.body.errors ?? form.errors}
              initialText={
                typeof fields.body.initialValue === "string" ? fields.body.initialValue : undefined
              }
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
      ) : (
        <p className="card muted" id="reply">
          This thread is locked: it takes no new replies.
        </p>
      )}
    </div>
  );
}

/** An idea's way to co-design: the proposals started from it, and starting one. */
function IdeaProposals({
  threadId,
  proposals,
  canPropose,
}: {
  threadId: string;
  proposals: { id: string; title: string; stage: keyof typeof proposalStageLabels }[];
  canPropose: boolean;
}) {
  return (
    <section className="card idea-proposals" aria-labelledby="idea-proposals-heading">
      <h2 id="idea-proposals-heading">Proposals from this idea</h2>
      {proposals.length > 0 ? (
        <ul>
          {proposals.map((proposal) => (
            <li key={proposal.id}>
              <Link to={`/t/${proposal.id}`}>{proposal.title}</Link>{" "}
              <Badge tone={proposalStageTones[proposal.stage]}>
                {proposalStageLabels[proposal.stage]}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {canPropose ? (
        <p>
          <Link className="btn" to={`/proposals/new?idea=${threadId}`}>
            Turn this idea into a proposal
          </Link>
        </p>
      ) : null}
    </section>
  );
}

/** A one-button form that turns a thread setting on or off. */
function ToggleForm({
  intent,
  field,
  on,
  pressed,
  children,
}: {
  intent: "pin" | "lock" | "watch" | "welcome";
  field: string;
  on: boolean;
  pressed?: boolean;
  children: ReactNode;
}) {
  const pending = useIsPending({ intent });
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={on ? "off" : "on"} />
      <Button aria-pressed={pressed} pending={pending}>
        {children}
      </Button>
    </Form>
  );
}

/** Where a reader of a long thread wants to go: where they left off, and the end. */
function ThreadJumps({
  threadId,
  pages,
  firstUnread,
}: {
  threadId: string;
  pages: number;
  firstUnread: { position: number; page: number } | null;
}) {
  if (pages <= 1 && !firstUnread) return null;
  return (
    <nav className="thread-jumps" aria-label="Jump to">
      {firstUnread ? (
        <Link className="btn btn-small" to={`/t/${threadId}?page=${firstUnread.page}#unread`}>
          First unread post
        </Link>
      ) : null}
      {pages > 1 ? (
        <Link className="btn btn-small" to={`/t/${threadId}?page=${pages}#last-post`}>
          Last post
        </Link>
      ) : null}
    </nav>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  {
    title: `${loaderData?.thread.title ?? "Thread"} · ${loaderData?.thread.space.name ?? ""} · Vanguard`,
  },
];

/**
 * The address's #fragment once hydrated. CSS `:target` alone misses client-side navigations (a
 * notification opened from the bell), and reading the hash during render would differ from the
 * server's HTML.
 */
function useTargetHash() {
  const { hash } = useLocation();
  const [targetHash, setTargetHash] = useState("");
  useEffect(() => setTargetHash(hash), [hash]);
  return targetHash;
}
