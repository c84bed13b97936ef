import { redirect } from "@remix-run/node";
import {
  ideaPermissions,
  learningPermissions,
  proposalPermissions,
  threadPermissions,
  type Viewer,
} from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { getThreadBacklogLinks } from "~/models/backlog-list.server";
import { getReaderStateInThread } from "~/models/bookmark.server";
import { getIdea } from "~/models/idea.server";
import { getIdeaValueForViewer, listVoters } from "~/models/idea-value.server";
import { listInternalNotes, mayUseInternalNotes } from "~/models/internal-note.server";
import { getLearning } from "~/models/learning.server";
import { markPostNotificationsRead } from "~/models/notification-inbox.server";
import { listPostsPage, pageOfPosition, POSTS_PAGE_SIZE } from "~/models/post.server";
import { getProposal } from "~/models/proposal.server";
import { COMMENTS_SHOWN, listSectionComments } from "~/models/proposal-comment.server";
import { listEndorsements } from "~/models/proposal-endorsement.server";
import { listProposalsFromIdea } from "~/models/proposal-list.server";
import { listTagsForViewer, listThreadTags } from "~/models/tag.server";
import { getThreadForViewer, markThreadRead } from "~/models/thread.server";
import { getMergedThreadTarget } from "~/models/thread-moderation.server";
import { pageParam, uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";

/** The signed-in reader and the thread they may see, or the answer that stops the request. */
export async function requireThread(request: Request, threadId: string | undefined) {
  const user = await requireUser(request);
  const id = uuidParam(threadId);
  const thread = id ? await getThreadForViewer(user, id) : null;
  // A merged thread's address leads to the thread its posts went into.
  const mergedInto = !thread && id ? await getMergedThreadTarget(id) : null;
  if (mergedInto) throw redirect(`/t/${mergedInto}`);
  invariantResponse(
    thread,
    "No such thread. It may have been removed, or be in a space you can't see.",
    { status: 404 },
  );
  return { user, thread };
}

export type ThreadForPage = Awaited<ReturnType<typeof requireThread>>["thread"];

/**
 * Everything the thread page shows its reader: the page of posts (where they left off, unless a
 * page is asked for), and each kind's panel with what the reader may do there. Reading marks the
 * posts shown, and the notifications about them, read.
 */
export async function loadThreadPage(request: Request, user: Viewer, thread: ThreadForPage) {
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
    { draft, bookmarks },
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
    getReaderStateInThread(user, thread.id, { draft: can.reply }),
  ]);
  const bookmarkOf = new Map(bookmarks.map((bookmark) => [bookmark.postId, bookmark]));
  // A merged idea's address leads to the idea it was merged into; staff stay, to undo it.
  if (idea?.mergedInto && !ideaPermissions(user, idea).merge) {
    throw redirect(`/t/${idea.mergedInto.id}?mergedFrom=${thread.id}`);
  }
  const lastShown = posts.at(-1)?.position ?? 0;
  // Everything on the page shown counts as read, and so do the notifications about it. Read
  // markers only move forward: each write runs only when there is something new on this page.
  const unreadNotices = posts.filter((post) => post.unreadNotice).map((post) => post.id);
  await Promise.all([
    lastShown > (thread.lastReadPosition ?? 0) ? markThreadRead(user, thread.id, lastShown) : null,
    unreadNotices.length > 0 ? markPostNotificationsRead(user, unreadNotices) : null,
  ]);
  const replyToId = search.get("replyTo");
  const replyTo = replyToId
    ? (posts.find((post) => post.id === replyToId && post.permissions.reply) ?? null)
    : null;
  return {
    thread: { ...thread, bookmark: bookmarkOf.get(null) ?? null },
    posts: posts.map(({ unreadNotice: _unreadNotice, ...post }) => ({
      ...post,
      bookmark: bookmarkOf.get(post.id) ?? null,
    })),
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
    // The reader's unposted reply here, which the reply box starts from.
    draft,
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
