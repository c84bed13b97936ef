import { and, desc, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
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
  type RevisionChange,
  type UserRole,
} from "#db/schema";
import {
  can,
  decideContentModeration,
  decidePostAction,
  editNeedsReason,
  postPermissions,
  type PostAction,
  type PostState,
  type Viewer,
} from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { cutText } from "~/utils/storable-text";
import { readPostContent, type PostContent } from "./post-content.server";
import { requirePostingAllowed, type PostingStatus } from "./posting-check.server";
import { recordAuditEvent } from "./audit.server";
import { holdContent } from "./content-moderation.server";
import { readPostsPage } from "./post-page-queries.server";
import { recordNotice, sendNotice } from "./moderation-notice.server";
import { acceptCorrection } from "./learning.server";
import { clearDraftIn } from "./draft.server";
import { diffRevisionTexts } from "./revision-diff.server";
import { isPostShownTo, postShownTo, threadVisibleTo } from "./space-access.server";
import { Refusal } from "./refusal.server";

export const POSTS_PAGE_SIZE = 30;
export const reactionKinds: readonly ReactionKind[] = REACTION_KINDS;

/** Throws the policy's refusal, in its own words, unless the viewer may do this to the post. */
function requirePostAction(viewer: Viewer, post: PostState, action: PostAction) {
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
const authorRoleOfPost = sql<UserRole | null>`(select ${users.role} from ${users} where ${users.id} = ${posts.authorId})`;

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

type VisiblePost = NonNullable<Awaited<ReturnType<typeof getPostForViewer>>>;

/** What the policy's post rules read, from a post as getPostForViewer returns it. */
export function postState(post: VisiblePost): PostState {
  return { ...post, threadLocked: post.thread.locked, threadKind: post.thread.kind };
}

/**
 * Saves a new version of a post (and the thread's title, for an opening post) as a revision.
 * A moderator editing someone else's post gives a reason, kept with the revision and audited,
 * and may redact: the earlier versions (a phone number, an address) are then shown to moderators
 * and above only (see `listRevisionsPage`).
 */
export async function editPost(
  viewer: Viewer,
  post: VisiblePost,
  input: {
    title?: string;
    content: PostContent;
    reason?: string;
    /** Keep the earlier versions from everyone below moderators: a moderator's edit only. */
    redact?: boolean;
    acceptsCorrection?: string;
  },
) {
  requirePostAction(viewer, postState(post), "edit");
  const reason = editNeedsReason(viewer, postState(post)) ? input.reason?.trim() : undefined;
  if (editNeedsReason(viewer, postState(post)) && !reason)
    throw new Refusal("Say why you are editing someone else's post.", 400);
  if (input.redact && !reason)
    throw new Refusal(
      "Only a moderator's edit of someone else's post redacts its earlier versions.",
      400,
    );
  const redacts = Boolean(input.redact);
  const title = post.position === 1 ? input.title : undefined;
  // A watched word in the new text sends the post back to the moderators.
  const holdReason = await requirePostingAllowed(
    viewer,
    {
      action: "edit",
      content: input.content,
      mentions: { threadId: post.thread.id },
      place: { threadId: post.thread.id },
      title,
      held: "hold",
    },
    refusePost,
  );
  const notice = await db.transaction(async (tx) => {
    // The row lock makes simultaneous edits (author and moderator, a double submit) take turns,
    // and an edit that lost a race with a delete does not bring the text back.
    const [current] = await tx
      .select({
        deleted: sql<boolean>`${posts.deletedAt} is not null`,
        threadLocked: sql<boolean>`${threads.lockedAt} is not null`,
        // A role changed since the page was read counts as it is now.
        authorRole: authorRoleOfPost,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(eq(posts.id, post.id))
      .for("update", { of: posts });
    if (!current) throw new Refusal("That post was deleted.", 409);
    // Deleted, or locked, while the author was typing.
    requirePostAction(viewer, { ...postState(post), ...current }, "edit");
    const [previous] = await tx
      .select({ revision: postRevisions.revision, bodyText: postRevisions.bodyText })
      .from(postRevisions)
      .where(eq(postRevisions.postId, post.id))
      .orderBy(desc(postRevisions.revision))
      .limit(1);
    const revision = (previous?.revision ?? 0) + 1;
    await tx.insert(postRevisions).values({
      postId: post.id,
      revision,
      title: title ?? null,
      body: input.content.body,
      bodyText: input.content.bodyText,
      // Diffed once here, so the history page only reads, however long or often edited.
      changes: previous ? diffRevisionTexts(previous.bodyText, input.content.bodyText) : null,
      editorId: viewer.id,
      reason: reason ?? null,
      redacts,
    });
    if (reason)
      await recordAuditEvent(
        {
          actorId: viewer.id,
          action: "post.edited_by_moderator",
          targetType: "post",
          targetId: post.id,
          details: {
            reason,
            authorId: post.authorId,
            revision: (previous?.revision ?? 0) + 1,
            ...(redacts ? { redacted: true } : {}),
            // What it said and says, for the log; the full versions are in the post's history.
            before: previous ? cutText(previous.bodyText, AUDIT_TEXT_LIMIT) : undefined,
            after: cutText(input.content.bodyText, AUDIT_TEXT_LIMIT),
          },
        },
        tx,
      );
    await tx
      .update(posts)
      .set({
        body: input.content.body,
        bodyHtml: input.content.bodyHtml,
        bodyText: input.content.bodyText,
        editedAt: new Date(),
        ...(title ? { searchTitle: title } : {}),
      })
      .where(eq(posts.id, post.id));
    if (title) await tx.update(threads).set({ title }).where(eq(threads.id, post.thread.id));
    if (input.acceptsCorrection && post.position === 1 && post.thread.kind === "learning") {
      await acceptCorrection(tx, viewer, {
        learningId: post.thread.id,
        correctionPostId: input.acceptsCorrection,
        revision,
      });
    }
    if (holdReason && !post.moderation) {
      await holdContent(
        tx,
        {
          postId: post.id,
          position: post.position,
          threadId: post.thread.id,
          authorId: post.authorId,
        },
        holdReason,
      );
    }
    if (!reason || !post.authorId) return null;
    return recordNotice(tx, {
      userId: post.authorId,
      actorId: viewer.id,
      action: "edited",
      reason,
      subject:
        post.position === 1
          ? `your thread “${title ?? post.thread.title}”`
          : `your reply in “${post.thread.title}”`,
      postId: post.id,
      threadId: post.thread.id,
    });
  });
  if (notice) await sendNotice(notice);
}

/** The log keeps this much of a moderated text before and after; the history keeps it whole. */
const AUDIT_TEXT_LIMIT = 2_000;

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

export const REVISIONS_PAGE_SIZE = 10;

/**
 * One page of a post's versions, newest first, each with what changed since the one before. The
 * diffs were stored when each version was saved; versions saved before that have theirs worked
 * out here, within the same bounds.
 *
 * A moderator's redacting edit keeps everything before it from viewers below moderators (the
 * author included: what was redacted may be someone else's data, and the author was told why in
 * the notice): in SQL, so the text never leaves the database for them. Those versions come back
 * `redacted`, with no text, title or reason, and the redacting version shows only what it kept
 * and added, not what it removed.
 */
export async function listRevisionsPage(viewer: Viewer, postId: string, page: number) {
  const earlier = alias(postRevisions, "earlier");
  // In raw SQL an alias renders as its bare name, so the FROM clause names the table it stands for.
  const fromEarlier = sql`${postRevisions} as ${sql.identifier("earlier")}`;
  const isEarlierRevision = and(
    eq(earlier.postId, postRevisions.postId),
    lt(earlier.revision, postRevisions.revision),
  );
  // Versions numbered below this are redacted for the viewer (0: none).
  const redactedBelow = can(viewer, "moderate:content:any")
    ? sql`0`
    : sql`(select coalesce(max(${earlier.revision}), 0) from ${fromEarlier}
        where ${earlier.postId} = ${postId} and ${earlier.redacts})`;
  const withheld = sql`${postRevisions.revision} < ${redactedBelow}`;
  // Whether the version before this one may be shown: it is at or after the last redaction.
  const previousShown = sql`${postRevisions.revision} > ${redactedBelow}`;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        revision: postRevisions.revision,
        redacted: sql<boolean>`${withheld}`,
        redacts: postRevisions.redacts,
        title: sql<string | null>`case when not ${withheld} then ${postRevisions.title} end`,
        // Only needed where no diff was stored.
        bodyText: sql<
          string | null
        >`case when ${postRevisions.changes} is null and not ${withheld} then ${postRevisions.bodyText} end`,
        // The redacting version's diff without what it removed.
        changes: sql<RevisionChange[] | null>`case
          when ${withheld} then null
          when ${previousShown} then ${postRevisions.changes}
          else (select coalesce(jsonb_agg(part.value order by part.n), '[]'::jsonb)
            from jsonb_array_elements(${postRevisions.changes}) with ordinality as part(value, n)
            where part.value ->> 'change' <> 'removed')
        end`,
        createdAt: postRevisions.createdAt,
        editorName: users.displayName,
        reason: sql<string | null>`case when not ${withheld} then ${postRevisions.reason} end`,
        previousText: sql<
          string | null
        >`case when ${postRevisions.changes} is null and ${previousShown} then (
          select ${earlier.bodyText} from ${fromEarlier} where ${isEarlierRevision}
          order by ${earlier.revision} desc limit 1) end`,
        previousTitle: sql<string | null>`case when ${previousShown} then (
          select ${earlier.title} from ${fromEarlier} where ${isEarlierRevision}
          order by ${earlier.revision} desc limit 1) end`,
      })
      .from(postRevisions)
      .leftJoin(users, eq(users.id, postRevisions.editorId))
      .where(eq(postRevisions.postId, postId))
      .orderBy(desc(postRevisions.revision))
      .limit(REVISIONS_PAGE_SIZE)
      .offset((page - 1) * REVISIONS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(postRevisions)
      .where(eq(postRevisions.postId, postId)),
  ]);
  const versions = rows.map(({ bodyText, changes, previousText, previousTitle, ...row }) => ({
    ...row,
    titleChanged: Boolean(previousTitle && row.title && previousTitle !== row.title),
    changes: row.redacted
      ? []
      : (changes ??
        (previousText === null
          ? [{ text: bodyText ?? "", change: "same" as const }]
          : diffRevisionTexts(previousText, bodyText ?? ""))),
  }));
  return { versions, total, pageSize: REVISIONS_PAGE_SIZE };
}
