import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import {
  moderationNotices,
  noticeMessages,
  spaces,
  threads,
  users,
  type UserRole,
} from "#db/schema";
import { can, decideNoticeAction, rolesActedOnBy, type Viewer } from "~/auth/policy.server";
import { db, type Database } from "~/db.server";
import { cutText } from "~/utils/storable-text";
import { recordAuditEvent } from "./audit.server";
import { notifyAboutNotice } from "./notification.server";
import { requirePostingAllowed } from "./posting-check.server";
import { noticeShownTo, threadVisibleTo } from "./space-access.server";
import { Refusal } from "./refusal.server";

export type NoticeAction =
  "hidden" | "removed" | "edited" | "moved" | "merged" | "held" | "silenced" | "suspended";

type Executor = Pick<Database, "insert">;

/**
 * Records what a moderator did to someone's content (or to them), with the reason, inside the
 * action's transaction. Tell them with `sendNotice` once it has committed.
 */
export async function recordNotice(
  executor: Executor,
  input: {
    userId: string;
    actorId: string | null;
    action: NoticeAction;
    reason: string;
    subject: string;
    postId?: string | null;
    threadId?: string | null;
  },
): Promise<{ id: string; userId: string; actorId: string | null }> {
  const [notice] = await executor
    .insert(moderationNotices)
    .values({
      userId: input.userId,
      actorId: input.actorId,
      action: input.action,
      reason: input.reason,
      subject: cutText(input.subject, 300),
      postId: input.postId ?? null,
      threadId: input.threadId ?? null,
    })
    .returning({ id: moderationNotices.id });
  return { id: notice.id, userId: input.userId, actorId: input.actorId };
}

export async function sendNotice(notice: { id: string; userId: string; actorId: string | null }) {
  await notifyAboutNotice({
    actorId: notice.actorId,
    noticeId: notice.id,
    userId: notice.userId,
    kind: "moderation_notice",
  });
}

/**
 * A notice with its conversation, for the person it was sent to, or for a moderator whose role
 * the matrix lets act on that person (in a space the moderator can see). The person reads the
 * team's answers as "The moderators": nothing sent to them names, identifies or ranks the
 * moderator who answered.
 */
export async function getNoticeForViewer(viewer: Viewer, noticeId: string) {
  const [notice] = await db
    .select({
      id: moderationNotices.id,
      userId: moderationNotices.userId,
      userRole: users.role,
      action: moderationNotices.action,
      reason: moderationNotices.reason,
      subject: moderationNotices.subject,
      postId: moderationNotices.postId,
      threadId: moderationNotices.threadId,
      createdAt: moderationNotices.createdAt,
      appealStatus: moderationNotices.appealStatus,
      personName: users.displayName,
      personHandle: users.handle,
      inVisibleSpace: sql<boolean>`(${threads.id} is null or ${threadVisibleTo(viewer)})`,
    })
    .from(moderationNotices)
    .innerJoin(users, eq(users.id, moderationNotices.userId))
    .leftJoin(threads, eq(threads.id, moderationNotices.threadId))
    .leftJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(eq(moderationNotices.id, noticeId));
  if (!notice) return null;
  const own = notice.userId === viewer.id;
  if (!own && !notice.inVisibleSpace) return null;
  if (!decideNoticeAction(viewer, notice, "read").ok) return null;
  const messages = await db
    .select({
      id: noticeMessages.id,
      body: noticeMessages.body,
      createdAt: noticeMessages.createdAt,
      authorId: noticeMessages.authorId,
      authorName: users.displayName,
    })
    .from(noticeMessages)
    .leftJoin(users, eq(users.id, noticeMessages.authorId))
    .where(eq(noticeMessages.noticeId, noticeId))
    .orderBy(asc(noticeMessages.createdAt))
    .limit(200);
  return {
    id: notice.id,
    userId: notice.userId,
    action: notice.action,
    reason: notice.reason,
    subject: notice.subject,
    postId: notice.postId,
    threadId: notice.threadId,
    createdAt: notice.createdAt,
    appealStatus: notice.appealStatus,
    personName: notice.personName,
    personHandle: notice.personHandle,
    messages: messages.map((message) => {
      const fromPerson = message.authorId === notice.userId;
      return {
        id: message.id,
        body: message.body,
        createdAt: message.createdAt,
        fromPerson,
        // The team answers together: the person reads "The moderators", never who.
        authorName: fromPerson
          ? (message.authorName ?? "A former member")
          : own
            ? "The moderators"
            : (message.authorName ?? "A former moderator"),
      };
    }),
  };
}

export const MAX_APPEAL_MESSAGES = 50;

/** What deciding who may write in a notice's conversation needs, read in one statement. */
function selectNoticeAccess(executor: Pick<Database, "select">, viewer: Viewer, noticeId: string) {
  return executor
    .select({
      userId: moderationNotices.userId,
      userRole: users.role,
      appealStatus: moderationNotices.appealStatus,
      inVisibleSpace: sql<boolean>`(${threads.id} is null or ${threadVisibleTo(viewer)})`,
      // Aliased by hand: a bare column here would bind to the subquery's own table.
      messages: sql<number>`(select count(*)::int from notice_messages m where m.notice_id = ${moderationNotices.id})`,
    })
    .from(moderationNotices)
    .innerJoin(users, eq(users.id, moderationNotices.userId))
    .leftJoin(threads, eq(threads.id, moderationNotices.threadId))
    .leftJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(eq(moderationNotices.id, noticeId));
}

/**
 * Moderators answer (or close) the appeals of the people the matrix lets them act on, in spaces
 * they see; the person writes to the moderators, and can't close it themselves. Anyone else is
 * told there is no such notice.
 */
function requireNoticeAccess<
  Notice extends { userId: string; userRole: UserRole; inVisibleSpace: boolean },
>(viewer: Viewer, notice: Notice | undefined, close?: boolean): Notice & { own: boolean } {
  const own = notice?.userId === viewer.id;
  if (
    !notice ||
    (!own && !notice.inVisibleSpace) ||
    !decideNoticeAction(viewer, notice, own ? "read" : "answer").ok
  )
    throw new Refusal("No such notice.", 404);
  if (own && close)
    throw new Refusal("The moderators close an appeal once they have answered it.", 403);
  return { ...notice, own };
}

/**
 * The person writes to the moderators about a notice (an appeal); moderators answer in the same
 * conversation. The person's message opens the appeal in the queue; an answer tells them.
 */
export async function postNoticeMessage(
  viewer: Viewer,
  noticeId: string,
  input: { body: string; close?: boolean },
) {
  // Asked before the posting check too, so its answers (a rate, a word) never tell someone who
  // may not read the notice that it exists.
  const about = requireNoticeAccess(
    viewer,
    (await selectNoticeAccess(db, viewer, noticeId))[0],
    input.close,
  );
  // Only the moderators read the conversation, and they are who reviews held words, so those
  // pass; a silenced person may still write about their own notice (the appeal is how a
  // silence is questioned). Blocked words, new members' links and the rate apply to everyone.
  await requirePostingAllowed(
    viewer,
    {
      action: "comment",
      text: input.body,
      noun: "message",
      held: "pass",
      silence: about.own ? "allows" : "refuses",
    },
    (refusal) => new Refusal(refusal.message, refusal.status),
  );
  const result = await db.transaction(async (tx) => {
    // Again under the row lock: a role or the thread's space may have changed meanwhile.
    const notice = requireNoticeAccess(
      viewer,
      (await selectNoticeAccess(tx, viewer, noticeId).for("update", { of: moderationNotices }))[0],
      input.close,
    );
    const own = notice.own;
    if (notice.messages >= MAX_APPEAL_MESSAGES)
      throw new Refusal("This conversation is full; the moderators have your messages.", 409);
    if (own && notice.appealStatus === "closed")
      throw new Refusal("The moderators closed this appeal; their answer stands.", 409);
    await tx.insert(noticeMessages).values({ noticeId, authorId: viewer.id, body: input.body });
    const status = own ? "open" : input.close ? "closed" : "answered";
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: own ? "notice.appealed" : `notice.appeal_${status}`,
        targetType: "notice",
        targetId: noticeId,
        details: { message: cutText(input.body, 500) },
      },
      tx,
    );
    await tx
      .update(moderationNotices)
      .set({ appealStatus: status, appealUpdatedAt: new Date() })
      .where(eq(moderationNotices.id, noticeId));
    return { own, userId: notice.userId };
  });
  if (!result.own) {
    await notifyAboutNotice({
      actorId: viewer.id,
      noticeId,
      userId: result.userId,
      kind: "appeal_reply",
    });
  }
}

/**
 * Appeals waiting for the moderators, oldest question first: those the viewer may answer (the
 * matrix's roles, never their own, about content in spaces they see).
 */
export async function listOpenAppeals(viewer: Viewer, limit = 20) {
  const answerable = rolesActedOnBy(viewer, "answer-notice");
  if (!can(viewer, "moderate:content:any") || answerable.length === 0) return [];
  return db
    .select({
      id: moderationNotices.id,
      action: moderationNotices.action,
      reason: moderationNotices.reason,
      subject: moderationNotices.subject,
      appealUpdatedAt: moderationNotices.appealUpdatedAt,
      personName: users.displayName,
      personHandle: users.handle,
      lastMessage: sql<string>`(select left(${noticeMessages.body}, 300) from ${noticeMessages}
        where ${noticeMessages.noticeId} = ${moderationNotices.id}
        order by ${noticeMessages.createdAt} desc limit 1)`,
    })
    .from(moderationNotices)
    .innerJoin(users, eq(users.id, moderationNotices.userId))
    .leftJoin(threads, eq(threads.id, moderationNotices.threadId))
    .leftJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(
      and(
        eq(moderationNotices.appealStatus, "open"),
        inArray(users.role, answerable),
        ne(moderationNotices.userId, viewer.id),
        sql`(${threads.id} is null or ${threadVisibleTo(viewer)})`,
      ),
    )
    .orderBy(asc(moderationNotices.appealUpdatedAt))
    .limit(limit);
}

/**
 * The notices someone has had, newest first: their moderation history, as far as the viewer
 * may read it (the notice rule: nothing about content in spaces they can't see).
 */
export async function listNoticesFor(viewer: Viewer, userId: string, limit = 10) {
  return db
    .select({
      id: moderationNotices.id,
      action: moderationNotices.action,
      reason: moderationNotices.reason,
      subject: moderationNotices.subject,
      createdAt: moderationNotices.createdAt,
      appealStatus: moderationNotices.appealStatus,
    })
    .from(moderationNotices)
    .where(and(eq(moderationNotices.userId, userId), noticeShownTo(viewer)))
    .orderBy(desc(moderationNotices.createdAt))
    .limit(limit);
}
