import { and, asc, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import {
  communitySettings,
  notifications,
  postRevisions,
  posts,
  spaces,
  threadReads,
  threads,
  threadWatches,
  users,
  type ProposalSections,
  type ThreadKind,
  type UserRole,
} from "#db/schema";
import {
  decideThreadModeration,
  type ThreadModerationAction,
  type Viewer,
} from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { publishAccessChange } from "~/live.server";
import { recordAuditEvent } from "./audit.server";
import { holdContent } from "./content-moderation.server";
import { clearDraftIn } from "./draft.server";
import { startIdea } from "./idea.server";
import { startLearning, type LearningSource } from "./learning.server";
import { startProposal } from "./proposal.server";
import type { PostContent } from "./post-content.server";
import { refusePost } from "./post.server";
import { requirePostingAllowed } from "./posting-check.server";
import { recordNotice, sendNotice } from "./moderation-notice.server";
import { spaceVisibleTo, threadVisibleTo } from "./space-access.server";
import { Refusal, requireAllowed } from "./refusal.server";
import {
  listedIdeaStatus,
  listedIdeaVotes,
  listedProposalStage,
  readerReplyCount,
} from "./thread-list-columns.server";

export const THREADS_PAGE_SIZE = 30;
export type ThreadSort = "latest" | "new" | "top";

/** A space's threads for one viewer: pinned first, then by the chosen order, with unread counts. */
export async function listThreadsInSpace(
  viewer: Viewer,
  spaceId: string,
  options: { sort: ThreadSort; kind?: ThreadKind; page: number },
) {
  const where = and(
    eq(threads.spaceId, spaceId),
    options.kind ? eq(threads.kind, options.kind) : undefined,
    threadVisibleTo(viewer),
  );
  const order: SQL[] =
    options.sort === "new"
      ? [desc(threads.createdAt)]
      : options.sort === "top"
        ? [desc(threads.replyCount), desc(threads.lastActivityAt)]
        : [desc(threads.lastActivityAt)];
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: threads.id,
        title: threads.title,
        kind: threads.kind,
        replyCount: readerReplyCount,
        lastPosition: threads.lastPosition,
        moderation: threads.moderation,
        ideaStatus: listedIdeaStatus,
        voteCount: listedIdeaVotes,
        proposalStage: listedProposalStage,
        pinned: isNotNull(threads.pinnedAt),
        locked: isNotNull(threads.lockedAt),
        createdAt: threads.createdAt,
        lastActivityAt: threads.lastActivityAt,
        authorName: users.displayName,
        authorHandle: users.handle,
        lastReadPosition: threadReads.lastReadPosition,
      })
      .from(threads)
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(users, eq(users.id, threads.authorId))
      .leftJoin(
        threadReads,
        and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, viewer.id)),
      )
      .where(where)
      .orderBy(sql`${threads.pinnedAt} is null`, ...order, asc(threads.id))
      .limit(THREADS_PAGE_SIZE)
      .offset((options.page - 1) * THREADS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(threads)
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(where),
  ]);
  return {
    threads: rows.map(({ lastReadPosition, ...thread }) => ({
      ...thread,
      unread:
        lastReadPosition === null ? null : Math.max(0, thread.lastPosition - lastReadPosition),
    })),
    total,
  };
}

/** The role of whoever started the thread, for the moderation matrix (null: a former member). */
const authorRoleOfThread = sql<UserRole | null>`(select ${users.role} from ${users} where ${users.id} = ${threads.authorId})`;

/** A thread with its space, if the viewer may see the space; null otherwise. */
export async function getThreadForViewer(viewer: Viewer, threadId: string) {
  const [row] = await db
    .select({
      id: threads.id,
      title: threads.title,
      kind: threads.kind,
      replyCount: readerReplyCount,
      lastPosition: threads.lastPosition,
      locked: sql<boolean>`${threads.lockedAt} is not null`,
      pinned: sql<boolean>`${threads.pinnedAt} is not null`,
      createdAt: threads.createdAt,
      authorId: threads.authorId,
      authorRole: authorRoleOfThread,
      space: { id: spaces.id, slug: spaces.slug, name: spaces.name, visibility: spaces.visibility },
      isWelcomeThread: sql<boolean>`exists (select 1 from ${communitySettings} where ${eq(communitySettings.welcomeThreadId, threads.id)})`,
      watching: sql<boolean>`exists (select 1 from ${threadWatches} where ${and(eq(threadWatches.threadId, threads.id), eq(threadWatches.userId, viewer.id))})`,
      lastReadPosition: sql<
        number | null
      >`(select ${threadReads.lastReadPosition} from ${threadReads} where ${and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, viewer.id))})`,
    })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(and(eq(threads.id, threadId), threadVisibleTo(viewer)));
  return row ?? null;
}

export type NewThread = {
  kind: ThreadKind;
  title: string;
  content: PostContent;
  /** The form's one-time key, so a repeated submission makes one thread. */
  creationKey?: string;
  /** A learning's sources, already resolved to what the author may see. */
  sources?: LearningSource[];
  /** A proposal's document and the idea it started from. */
  proposal?: { sections: ProposalSections; sourceIdeaId: string | null };
  /** Test fixtures only, as for `createReply`: no route passes it (server-imports.test.ts). */
  bypassPostingCheck?: "fixture";
};

/**
 * Opens a thread with its first post, after the posting check on its title and words: a held
 * word keeps a thread (an idea, a learning) for the moderators; a proposal, written and revised
 * together, is refused instead (docs/decisions/0010). The author watches it and has read it.
 */
export async function createThread(viewer: Viewer, spaceId: string, input: NewThread) {
  // Sent again after the first one was made (a double click): the same thread, checked once.
  const made = input.creationKey ? await findThreadMadeWith(viewer, input.creationKey) : null;
  if (made) return { ...made, repeated: true, held: false };
  const proposal = input.kind === "proposal";
  const holdReason =
    input.bypassPostingCheck === "fixture"
      ? null
      : await requirePostingAllowed(
          viewer,
          {
            action: "thread",
            content: input.content,
            place: { spaceId },
            // A proposal is born a draft, read by fewer: its document keeps typed handles as text.
            mentions: proposal ? undefined : { spaceId },
            title: input.title,
            noun: proposal ? "proposal" : "post",
            duplicates: true,
            held: proposal ? "refuse" : "hold",
          },
          refusePost,
        );
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .insert(threads)
      .values({
        spaceId,
        authorId: viewer.id,
        kind: input.kind,
        title: input.title,
        creationKey: input.creationKey,
      })
      .onConflictDoNothing({ target: threads.creationKey })
      .returning({ id: threads.id });
    if (!thread) {
      // Sent twice at once: the first submission made it (and it is the same person's, or nothing).
      const made = await findThreadMadeWith(viewer, input.creationKey!, tx);
      if (!made) throw new Error("A thread creation key was reused by someone else");
      return { ...made, repeated: true, held: false };
    }
    const [post] = await tx
      .insert(posts)
      .values({
        threadId: thread.id,
        authorId: viewer.id,
        position: 1,
        body: input.content.body,
        bodyHtml: input.content.bodyHtml,
        bodyText: input.content.bodyText,
        searchTitle: input.title,
      })
      .returning({ id: posts.id });
    await tx.insert(postRevisions).values({
      postId: post.id,
      revision: 1,
      title: input.title,
      body: input.content.body,
      bodyText: input.content.bodyText,
      editorId: viewer.id,
    });
    await tx.insert(threadWatches).values({ userId: viewer.id, threadId: thread.id });
    await tx
      .insert(threadReads)
      .values({ userId: viewer.id, threadId: thread.id, lastReadPosition: 1 });
    // Posted from the new-thread form: the draft kept for it ends with the write.
    if (input.kind !== "proposal") {
      await clearDraftIn(tx, viewer.id, { kind: "thread", spaceId });
    }
    if (input.kind === "idea") await startIdea(tx, viewer, thread.id);
    if (input.kind === "learning") await startLearning(tx, thread.id, input.sources ?? []);
    if (input.kind === "proposal" && input.proposal) {
      await startProposal(tx, viewer, thread.id, { title: input.title, ...input.proposal });
    }
    if (holdReason) {
      await holdContent(
        tx,
        { postId: post.id, position: 1, threadId: thread.id, authorId: viewer.id },
        holdReason,
      );
    }
    return {
      threadId: thread.id,
      postId: post.id,
      repeated: false,
      held: Boolean(holdReason),
    };
  });
}

/** The thread (and its opening post) this person made with this form's one-time key, if any. */
async function findThreadMadeWith(
  viewer: Viewer,
  creationKey: string,
  executor: Pick<typeof db, "select"> = db,
) {
  const [made] = await executor
    .select({ threadId: threads.id, postId: posts.id })
    .from(threads)
    .innerJoin(posts, and(eq(posts.threadId, threads.id), eq(posts.position, 1)))
    .where(and(eq(threads.creationKey, creationKey), eq(threads.authorId, viewer.id)));
  return made ?? null;
}

export async function setThreadWatch(viewer: Viewer, threadId: string, watching: boolean) {
  if (watching) {
    await db.insert(threadWatches).values({ userId: viewer.id, threadId }).onConflictDoNothing();
  } else {
    await db
      .delete(threadWatches)
      .where(and(eq(threadWatches.userId, viewer.id), eq(threadWatches.threadId, threadId)));
  }
}

/** Moves the viewer's read marker forward (never back) to `position`. */
export async function markThreadRead(viewer: Viewer, threadId: string, position: number) {
  await db
    .insert(threadReads)
    .values({ userId: viewer.id, threadId, lastReadPosition: position })
    .onConflictDoUpdate({
      target: [threadReads.userId, threadReads.threadId],
      set: {
        lastReadPosition: sql`greatest(${threadReads.lastReadPosition}, excluded.last_read_position)`,
        updatedAt: new Date(),
      },
    });
}

/** The latest active threads across every space the viewer sees, for the home page. */
export async function listRecentThreadsForViewer(viewer: Viewer, limit = 10) {
  const rows = await db
    .select({
      id: threads.id,
      title: threads.title,
      kind: threads.kind,
      replyCount: readerReplyCount,
      lastPosition: threads.lastPosition,
      moderation: threads.moderation,
      ideaStatus: listedIdeaStatus,
      voteCount: listedIdeaVotes,
      proposalStage: listedProposalStage,
      lastActivityAt: threads.lastActivityAt,
      spaceName: spaces.name,
      spaceSlug: spaces.slug,
      lastReadPosition: threadReads.lastReadPosition,
    })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(
      threadReads,
      and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, viewer.id)),
    )
    .where(threadVisibleTo(viewer))
    .orderBy(desc(threads.lastActivityAt))
    .limit(limit);
  return rows.map(({ lastReadPosition, ...thread }) => ({
    ...thread,
    unread: lastReadPosition === null ? null : Math.max(0, thread.lastPosition - lastReadPosition),
  }));
}

const moderationFlags = {
  pinned: { column: "pinnedAt", on: "thread.pinned", off: "thread.unpinned" },
  locked: { column: "lockedAt", on: "thread.locked", off: "thread.unlocked" },
} as const;

/**
 * Pins a thread (pinned threads lead their space's list) or locks it against new replies, or
 * undoes either, as far as the moderation matrix lets the viewer act on its author; recorded in
 * the audit log.
 */
export async function setThreadFlag(
  viewer: Viewer,
  threadId: string,
  flag: keyof typeof moderationFlags,
  on: boolean,
) {
  const { column, on: onAction, off: offAction } = moderationFlags[flag];
  const action: ThreadModerationAction =
    flag === "pinned" ? (on ? "pin" : "unpin") : on ? "lock" : "unlock";
  await db.transaction(async (tx) => {
    const thread = await lockThreadForModeration(tx, viewer, threadId);
    if (!thread) throw new Refusal("That thread is gone, or in a space you can't see.", 404);
    requireThreadModeration(viewer, thread, action);
    await tx
      .update(threads)
      .set({ [column]: on ? new Date() : null })
      .where(eq(threads.id, threadId));
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: on ? onAction : offAction,
        targetType: "thread",
        targetId: threadId,
      },
      tx,
    );
  });
}

/** The thread as the moderation rules read it, if the viewer sees it, locked for the transaction. */
async function lockThreadForModeration(tx: Transaction, viewer: Viewer, threadId: string) {
  const [thread] = await tx
    .select({
      id: threads.id,
      authorId: threads.authorId,
      authorRole: authorRoleOfThread,
      moderation: threads.moderation,
    })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(and(eq(threads.id, threadId), threadVisibleTo(viewer)))
    .for("update", { of: threads });
  return thread ?? null;
}

/** Throws the policy's refusal, in its words, unless the matrix lets the viewer do this. */
function requireThreadModeration(
  viewer: Viewer,
  thread: Parameters<typeof decideThreadModeration>[1],
  action: ThreadModerationAction,
) {
  requireAllowed(decideThreadModeration(viewer, thread, action));
}

/**
 * A moderator moves a thread to another space they can see, with a reason, if the matrix lets
 * them act on its author; audited, and the author is told where it went and why.
 */
export async function moveThread(
  viewer: Viewer,
  threadId: string,
  input: { spaceId: string; reason: string },
) {
  const notice = await db.transaction(async (tx) => {
    const [thread] = await tx
      .select({
        id: threads.id,
        title: threads.title,
        authorId: threads.authorId,
        authorRole: authorRoleOfThread,
        moderation: threads.moderation,
        spaceId: threads.spaceId,
        spaceName: spaces.name,
      })
      .from(threads)
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(and(eq(threads.id, threadId), threadVisibleTo(viewer)))
      .for("update", { of: threads });
    if (!thread) throw new Refusal("No such thread.", 404);
    requireThreadModeration(viewer, thread, "move");
    if (thread.spaceId === input.spaceId)
      throw new Refusal(`The thread is already in ${thread.spaceName}.`, 409);
    const [destination] = await tx
      .select({ id: spaces.id, name: spaces.name })
      .from(spaces)
      .where(and(eq(spaces.id, input.spaceId), spaceVisibleTo(viewer)));
    if (!destination) throw new Refusal("Choose a space you can see.", 400);
    await tx.update(threads).set({ spaceId: destination.id }).where(eq(threads.id, thread.id));
    // Readers who can't see the new space stop following it live.
    await publishAccessChange({ threadIds: [thread.id] }, tx);
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "thread.moved",
        targetType: "thread",
        targetId: thread.id,
        details: { reason: input.reason, from: thread.spaceName, to: destination.name },
      },
      tx,
    );
    if (!thread.authorId || thread.authorId === viewer.id) return null;
    return recordNotice(tx, {
      userId: thread.authorId,
      actorId: viewer.id,
      action: "moved",
      reason: input.reason,
      subject: `your thread “${thread.title}”, from ${thread.spaceName} to ${destination.name}`,
      threadId: thread.id,
    });
  });
  if (notice) await sendNotice(notice);
}

/** Thread kinds whose merge is only their posts; ideas merge with their votes on the idea page. */
const MERGEABLE_KINDS: readonly ThreadKind[] = ["discussion", "insight"];

/**
 * A moderator merges a thread into another: its posts follow the other thread's, in their
 * order; its watchers and public tags come along; its address leads to the other thread. The
 * readers of the first must be able to read the second (same space, or one open to all).
 * Both threads' authors must be people the moderator may act on, and neither thread may be held,
 * hidden or removed: a removed thread's replies would otherwise reach the other's readers.
 * Audited, and its author is told where their thread went and why.
 */
export async function mergeThreads(
  viewer: Viewer,
  fromId: string,
  input: { intoId: string; reason: string },
) {
  if (fromId === input.intoId) throw new Refusal("A thread can't be merged into itself.", 400);
  const notice = await db.transaction(async (tx) => {
    const pair = await tx
      .select({
        id: threads.id,
        title: threads.title,
        kind: threads.kind,
        authorId: threads.authorId,
        authorRole: authorRoleOfThread,
        moderation: threads.moderation,
        spaceId: threads.spaceId,
        spaceOpen: sql<boolean>`${spaces.visibility} = 'members'`,
        lastPosition: threads.lastPosition,
      })
      .from(threads)
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(and(inArray(threads.id, [fromId, input.intoId]), threadVisibleTo(viewer)))
      .orderBy(threads.id)
      .for("update", { of: threads });
    const from = pair.find((thread) => thread.id === fromId);
    const into = pair.find((thread) => thread.id === input.intoId);
    if (!from) throw new Refusal("That thread is gone, or already merged.", 409);
    if (!into)
      throw new Refusal("Paste the address of a thread you can see, that isn't merged.", 400);
    // Both sides are the matrix's: the thread merged away and the one that takes its posts.
    requireThreadModeration(viewer, from, "merge");
    requireThreadModeration(viewer, into, "merge-into");
    if (!MERGEABLE_KINDS.includes(from.kind) || !MERGEABLE_KINDS.includes(into.kind))
      throw new Refusal(
        "Only discussions and insights merge here; merge ideas from the idea's page, with their votes.",
        409,
      );
    if (from.spaceId !== into.spaceId && !into.spaceOpen)
      throw new Refusal(
        "Merge into a thread in the same space, or in one open to all members: its readers follow it.",
        409,
      );
    const moved = await tx.execute<{ id: string }>(sql`
      update ${posts} set thread_id = ${into.id},
        position = ${into.lastPosition} + ranked.n, search_title = null
      from (select id, row_number() over (order by position) as n from ${posts}
            where thread_id = ${from.id}) ranked
      where ${posts.id} = ranked.id
      returning ${posts.id}`);
    await tx
      .update(threads)
      .set({
        lastPosition: sql`${threads.lastPosition} + ${moved.length}`,
        replyCount: sql`${threads.replyCount} + ${moved.length}`,
        lastActivityAt: sql`greatest(${threads.lastActivityAt}, (select last_activity_at from threads t where t.id = ${from.id}))`,
      })
      .where(eq(threads.id, into.id));
    await tx
      .update(threads)
      .set({ mergedIntoId: into.id, replyCount: 0, lastPosition: 0, moderation: null })
      .where(eq(threads.id, from.id));
    // Its posts now live in the other thread: its live pages close, the page redirects there.
    await publishAccessChange({ threadIds: [from.id] }, tx);
    await tx.execute(sql`
      insert into ${threadWatches} (user_id, thread_id)
      select user_id, ${into.id} from ${threadWatches} where thread_id = ${from.id}
      on conflict do nothing`);
    await tx.execute(sql`
      insert into thread_tags (thread_id, tag_id, added_by_id)
      select ${into.id}, tag_id, added_by_id from thread_tags where thread_id = ${from.id}
      on conflict do nothing`);
    await tx
      .update(notifications)
      .set({ threadId: into.id })
      .where(eq(notifications.threadId, from.id));
    // Flags on the merged thread are settled by the merge; its replies' reviews follow them.
    await tx.execute(sql`
      with settled as (
        update moderation_reviews set status = 'resolved', resolved_at = now(),
          resolved_by_id = ${viewer.id}, resolution = 'Merged into another thread'
        where target_key = ${`thread:${from.id}`} and status = 'pending'
        returning id
      )
      update flags set status = 'upheld' where review_id in (select id from settled) and status = 'open'`);
    await tx.execute(sql`
      update moderation_reviews set thread_id = ${into.id}
      where thread_id = ${from.id} and target_key <> ${`thread:${from.id}`}`);
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "thread.merged",
        targetType: "thread",
        targetId: from.id,
        details: { reason: input.reason, from: from.title, to: into.title, intoId: into.id },
      },
      tx,
    );
    if (!from.authorId || from.authorId === viewer.id) return null;
    return recordNotice(tx, {
      userId: from.authorId,
      actorId: viewer.id,
      action: "merged",
      reason: input.reason,
      subject: `your thread “${from.title}”, into “${into.title}”`,
      threadId: into.id,
    });
  });
  if (notice) await sendNotice(notice);
}

/** Where a merged thread's address leads, if it was merged; null otherwise. */
export async function getMergedThreadTarget(threadId: string): Promise<string | null> {
  const [row] = await db
    .select({ into: threads.mergedIntoId })
    .from(threads)
    .where(eq(threads.id, threadId));
  return row?.into ?? null;
}
