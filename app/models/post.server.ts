import { and, eq, sql } from "drizzle-orm";
import {
  postReactions,
  postRevisions,
  posts,
  spaces,
  threadReads,
  threads,
  users,
  REACTION_KINDS,
  type ReactionKind,
  type UserRole,
} from "#db/schema";
import {
  can,
  decideContentModeration,
  decidePostAction,
  postPermissions,
  type PostAction,
  type PostState,
  type Viewer,
} from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { readPostContent, type PostContent } from "./post-content.server";
import { requirePostingAllowed, type PostingStatus } from "./posting-check.server";
import { holdContent } from "./content-moderation.server";
import { readPostsPage } from "./post-page-queries.server";
import { clearDraftIn } from "./draft.server";
import { isPostShownTo, postShownTo, threadVisibleTo } from "./space-access.server";
import { Refusal } from "./refusal.server";

export const POSTS_PAGE_SIZE = 30;
export const reactionKinds: readonly ReactionKind[] = REACTION_KINDS;

/** Throws the policy's refusal, in its own words, unless the viewer may do this to the post. */
export function requirePostAction(viewer: Viewer, post: PostState, action: PostAction) {
  const decision = decidePostAction(viewer, post, action);
  if (!decision.ok) throw new Refusal(decision.message, decision.status);
}

/** A thread's opening post, which notifications about the thread as a whole point at. */
export async function getOpeningPostId(threadId: string): Promise<string> {
  const [row] = await db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), eq(posts.position, 1)));
  return row.id;
}

export function pageOfPosition(position: number): number {
  return Math.max(1, Math.ceil(position / POSTS_PAGE_SIZE));
}

type ReactionSummary = { kind: ReactionKind; count: number; mine: boolean; names: string[] };

/**
 * One page of a thread, in order, with authors, what each post replies to, and reactions (counts,
 * whether the viewer reacted, and who). Two prepared queries, at once, whatever the page size.
 */
export async function listPostsPage(viewer: Viewer, threadId: string, page: number) {
  const first = (page - 1) * POSTS_PAGE_SIZE + 1;
  const last = page * POSTS_PAGE_SIZE;
  const [rows, reactions] = await readPostsPage(
    viewer,
    threadId,
    first,
    last,
    can(viewer, "flag:content:own"),
  );
  const byPost = new Map<string, ReactionSummary[]>();
  for (const { postId, ...reaction } of reactions) {
    byPost.set(postId, [...(byPost.get(postId) ?? []), reaction]);
  }
  // Staff see which account (and value tier) a post comes from; members never do.
  const staffView = can(viewer, "read:tier:any");
  return rows.map(({ authorAccount, threadLocked, threadKind, moderationReason, ...row }) => {
    // Held, hidden or removed words reach moderators and (unless removed) their author only;
    // everyone else reads a marker saying a moderator acted.
    const shown = isPostShownTo(viewer, {
      authorId: row.author?.id ?? null,
      moderation: row.moderation,
    });
    const own = row.author?.id === viewer.id;
    return {
      ...row,
      shown,
      moderationReason: shown && row.moderation ? moderationReason : null,
      authorAccount: staffView && authorAccount?.name ? authorAccount : null,
      bodyHtml: row.deleted || !shown ? "" : row.bodyHtml,
      author: row.author?.id ? row.author : null,
      replyTo:
        row.replyTo?.id && row.replyTo.position !== null
          ? {
              id: row.replyTo.id,
              position: row.replyTo.position,
              authorName: row.replyTo.authorName,
            }
          : null,
      reactions: reactionKinds.map(
        (kind) =>
          byPost.get(row.id)?.find((r) => r.kind === kind) ?? {
            kind,
            count: 0,
            mine: false,
            names: [],
          },
      ),
      permissions: {
        ...postPermissions(viewer, {
          ...row,
          authorId: row.author?.id ?? null,
          authorRole: row.author?.role ?? null,
          threadLocked,
          threadKind,
        }),
        flag: can(viewer, "flag:content:own") && !own && !row.deleted && row.moderation === null,
        moderate: can(viewer, "moderate:content:any") && !row.deleted,
        // Approving or restoring it in place, where the matrix lets the viewer act on its author.
        release:
          !row.deleted &&
          row.moderation !== null &&
          decideContentModeration(
            viewer,
            {
              authorId: row.author?.id ?? null,
              authorRole: row.author?.role ?? null,
              state: row.moderation,
            },
            row.moderation === "held"
              ? "approve"
              : row.moderation === "removed"
                ? "restore-removed"
                : "restore",
          ).ok,
        // Hiding in place, where the policy allows it for this author (never one's own words).
        hide:
          !row.deleted &&
          row.moderation === null &&
          decideContentModeration(
            viewer,
            { authorId: row.author?.id ?? null, authorRole: row.author?.role ?? null, state: null },
            "hide",
          ).ok,
      },
    };
  });
}

/** The post's author's role, for the moderation matrix (null: a former member). */
export const authorRoleOfPost = sql<UserRole | null>`(select ${users.role} from ${users} where ${users.id} = ${posts.authorId})`;

/** A post the viewer may see, with its thread and space; null otherwise. */
export async function getPostForViewer(viewer: Viewer, postId: string) {
  const [row] = await db
    .select({
      id: posts.id,
      position: posts.position,
      authorId: posts.authorId,
      authorRole: authorRoleOfPost,
      body: posts.body,
      bodyText: posts.bodyText,
      deleted: sql<boolean>`${posts.deletedAt} is not null`,
      moderation: posts.moderation,
      thread: {
        id: threads.id,
        title: threads.title,
        locked: sql<boolean>`${threads.lockedAt} is not null`,
        kind: threads.kind,
      },
      space: { id: spaces.id, slug: spaces.slug, name: spaces.name },
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(and(eq(posts.id, postId), threadVisibleTo(viewer), postShownTo(viewer)));
  return row ?? null;
}

export type NewReply = {
  content: PostContent;
  replyToPostId: string | null;
  /**
   * Test fixtures only (db/testing/factories.ts), which write piles of posts fast: the posting
   * check counts and compares what people write. No route passes it (server-imports.test.ts).
   */
  bypassPostingCheck?: "fixture";
};

/** Refuses a post's words in the post rules' own error. */
export const refusePost = (refusal: { message: string; status: PostingStatus }) =>
  new Refusal(refusal.message, refusal.status);

/**
 * Adds a reply at the end of the thread, after the posting check (silence, links, duplicates,
 * watched words, rate): a held word keeps it for the moderators. The thread row is locked so
 * positions never collide.
 */
export async function createReply(viewer: Viewer, threadId: string, input: NewReply) {
  const holdReason =
    input.bypassPostingCheck === "fixture"
      ? null
      : await requirePostingAllowed(
          viewer,
          {
            action: "reply",
            content: input.content,
            mentions: { threadId },
            place: { threadId },
            duplicates: true,
            held: "hold",
          },
          refusePost,
        );
  return insertReply(viewer, threadId, { ...input, holdReason }, { endsDraft: true });
}

/**
 * A note the app writes in someone's name after they merged an idea: its words are the app's
 * (the merged idea's title passed the check when it was written), so no posting check.
 */
export async function postMergeNote(
  viewer: Viewer,
  input: { fromTitle: string; intoThreadId: string; votesMoved: number },
) {
  const note = readPostContent(
    undefined,
    `Merged “${input.fromTitle}” into this idea: its ${input.votesMoved} ${input.votesMoved === 1 ? "vote counts" : "votes count"} here now, and its followers follow this one.`,
  );
  if (!note.ok) return null;
  return insertReply(viewer, input.intoThreadId, {
    content: note.content,
    replyToPostId: null,
    holdReason: null,
  });
}

async function insertReply(
  viewer: Viewer,
  threadId: string,
  input: { content: PostContent; replyToPostId: string | null; holdReason: string | null },
  options: { endsDraft?: boolean } = {},
) {
  return db.transaction(async (tx) => {
    const written = await writeReply(tx, viewer, threadId, input);
    // The reply the person was writing here is posted: their draft of it goes with the write.
    if (options.endsDraft) await clearDraftIn(tx, viewer.id, { kind: "reply", threadId });
    return written;
  });
}

/**
 * Writes a reply inside the caller's transaction, for a model that ran the posting check on
 * these words itself and writes more with them (a proposal's stage rationale).
 */
export async function writeReply(
  tx: Transaction,
  viewer: Viewer,
  threadId: string,
  input: { content: PostContent; replyToPostId: string | null; holdReason: string | null },
) {
  const [thread] = await tx
    .update(threads)
    .set({
      lastPosition: sql`${threads.lastPosition} + 1`,
      replyCount: sql`${threads.replyCount} + 1`,
      lastActivityAt: new Date(),
    })
    .where(and(eq(threads.id, threadId), sql`${threads.lockedAt} is null`))
    .returning({ position: threads.lastPosition });
  if (!thread) throw new Refusal("This thread is locked: it takes no new replies.", 409);

  let replyToPostId = input.replyToPostId;
  if (replyToPostId) {
    const [target] = await tx
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.id, replyToPostId), eq(posts.threadId, threadId)));
    replyToPostId = target?.id ?? null;
  }
  const [post] = await tx
    .insert(posts)
    .values({
      threadId,
      authorId: viewer.id,
      position: thread.position,
      replyToPostId,
      body: input.content.body,
      bodyHtml: input.content.bodyHtml,
      bodyText: input.content.bodyText,
    })
    .returning({ id: posts.id, position: posts.position });
  await tx.insert(postRevisions).values({
    postId: post.id,
    revision: 1,
    body: input.content.body,
    bodyText: input.content.bodyText,
    editorId: viewer.id,
  });
  await tx
    .insert(threadReads)
    .values({ userId: viewer.id, threadId, lastReadPosition: post.position })
    .onConflictDoUpdate({
      target: [threadReads.userId, threadReads.threadId],
      set: {
        // Your own reply moves the marker only if you had read everything before it; replies
        // that arrived while you were writing stay "new" for you.
        lastReadPosition: sql`case when ${threadReads.lastReadPosition} >= ${post.position - 1} then ${post.position} else ${threadReads.lastReadPosition} end`,
        updatedAt: new Date(),
      },
    });
  if (input.holdReason) {
    // Waits for a moderator: no live event, and the caller tells nobody.
    await holdContent(
      tx,
      { postId: post.id, position: post.position, threadId, authorId: viewer.id },
      input.holdReason,
    );
    return { postId: post.id, position: post.position, replyToPostId, held: true };
  }
  await tx.execute(
    sql`select pg_notify('thread_events', ${JSON.stringify({ type: "post", threadId, postId: post.id, position: post.position, authorId: viewer.id })})`,
  );
  return { postId: post.id, position: post.position, replyToPostId, held: false };
}

/** A post as getPostForViewer returns it to someone who may see it. */
export type VisiblePost = NonNullable<Awaited<ReturnType<typeof getPostForViewer>>>;

/** What the policy's post rules read, from a post as getPostForViewer returns it. */
export function postState(post: VisiblePost): PostState {
  return { ...post, threadLocked: post.thread.locked, threadKind: post.thread.kind };
}

/**
 * The author deletes a reply: its text and history go, a "deleted by author" marker stays so the
 * conversation around it still reads.
 */
export async function deletePost(viewer: Viewer, post: VisiblePost) {
  requirePostAction(viewer, postState(post), "delete");
  await db.transaction(async (tx) => {
    await tx
      .update(posts)
      .set({
        deletedAt: new Date(),
        body: { type: "doc", content: [] },
        bodyHtml: "",
        bodyText: "",
      })
      .where(eq(posts.id, post.id));
    await tx.delete(postRevisions).where(eq(postRevisions.postId, post.id));
  });
}

/** Adds or removes the viewer's reaction of one kind. */
export async function toggleReaction(viewer: Viewer, post: VisiblePost, kind: ReactionKind) {
  requirePostAction(viewer, postState(post), "react");
  const postId = post.id;
  const removed = await db
    .delete(postReactions)
    .where(
      and(
        eq(postReactions.postId, postId),
        eq(postReactions.userId, viewer.id),
        eq(postReactions.kind, kind),
      ),
    )
    .returning({ postId: postReactions.postId });
  if (removed.length === 0) {
    await db
      .insert(postReactions)
      .values({ postId, userId: viewer.id, kind })
      .onConflictDoNothing();
  }
}
