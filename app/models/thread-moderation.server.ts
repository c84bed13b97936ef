// Moderating threads: pinning and locking, moving to another space, merging into another thread.
// Each asks the moderation matrix about the thread's author, is audited, and tells the author.
import { and, eq, inArray, sql } from "drizzle-orm";
import { notifications, posts, spaces, threads, threadWatches, type ThreadKind } from "#db/schema";
import {
  decideThreadModeration,
  type ThreadModerationAction,
  type Viewer,
} from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { publishAccessChange } from "~/live.server";
import { recordAuditEvent } from "./audit.server";
import { recordNotice, sendNotice } from "./moderation-notice.server";
import { Refusal, requireAllowed } from "./refusal.server";
import { spaceVisibleTo, threadVisibleTo } from "./space-access.server";
import { authorRoleOfThread } from "./thread.server";

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
