import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { flags, moderationReviews, posts, spaces, threads, users } from "#db/schema";
import {
  decideMemberModeration,
  memberModerationPermissions,
  type MemberModerationAction,
  type Viewer,
} from "~/auth/policy.server";
import { endAllSessionsOf } from "~/auth/session.server";
import { db, type Transaction } from "~/db.server";
import { formatDateTime } from "~/utils/format";
import {
  MEMBER_MODERATION_REASON_MAX,
  MEMBER_MODERATION_REASON_MIN,
} from "~/validation/member-moderation";
import { recordAuditEvent } from "./audit.server";
import { listNoticesFor, recordNotice, sendNotice } from "./moderation-notice.server";
import { postShownTo, threadVisibleTo } from "./space-access.server";
import { getTrustProgress } from "./trust-level.server";
import { Refusal } from "./refusal.server";

export type Restriction = { reason: string; until: Date | null };

/** The recent posts a moderator sees on someone's page. */
export const RECENT_POSTS_ON_PERSON_PAGE = 10;
/** The notices (moderation history) shown on someone's page. */
export const NOTICES_ON_PERSON_PAGE = 20;

// In force now: a silence or suspension without an end, or whose end is still ahead.
const silenceActive = sql<boolean>`(${users.silencedAt} is not null and (${users.silencedUntil} is null or ${users.silencedUntil} > now()))`;
const suspensionActive = sql<boolean>`(${users.status} = 'suspended' and (${users.suspendedUntil} is null or ${users.suspendedUntil} > now()))`;

/** The person, locked for the rest of the transaction so two moderators take turns. */
async function lockPerson(
  tx: Transaction,
  viewer: Viewer,
  userId: string,
  action: MemberModerationAction,
) {
  const [person] = await tx
    .select({
      id: users.id,
      role: users.role,
      status: users.status,
      silencedAt: users.silencedAt,
      silencedUntil: users.silencedUntil,
      suspendedUntil: users.suspendedUntil,
    })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)))
    .for("update");
  if (!person) throw new Refusal("No such member.", 404);
  const decision = decideMemberModeration(viewer, person, action);
  if (!decision.ok) throw new Refusal(decision.message, decision.status);
  return person;
}

function checkRestriction(input: Restriction): Restriction {
  const reason = input.reason.trim();
  if (reason.length < MEMBER_MODERATION_REASON_MIN)
    throw new Refusal("Say why: they read this, and it is kept in the log.", 400);
  if (reason.length > MEMBER_MODERATION_REASON_MAX)
    throw new Refusal(
      `Use at most ${MEMBER_MODERATION_REASON_MAX} characters for the reason.`,
      400,
    );
  if (input.until && input.until.getTime() <= Date.now())
    throw new Refusal("Choose an end in the future.", 400);
  return { reason, until: input.until };
}

const untilWords = (until: Date | null) =>
  until ? `until ${formatDateTime(until)}` : "until a moderator lifts it";

/**
 * Closes a pending review of the person's profile (flags on them), since a moderator has acted
 * on them: its open flags are upheld and the flaggers read the resolution on their flags page.
 */
async function resolveProfileReview(
  tx: Transaction,
  userId: string,
  actorId: string,
  resolution: string,
) {
  await tx.execute(sql`
    with resolved as (
      update ${moderationReviews}
      set status = 'resolved', resolved_at = now(), resolved_by_id = ${actorId},
        resolution = ${resolution}
      where ${moderationReviews.targetKey} = ${`user:${userId}`}
        and ${moderationReviews.status} = 'pending'
      returning id
    )
    update ${flags} set status = 'upheld'
    where ${flags.reviewId} in (select id from resolved) and ${flags.status} = 'open'`);
}

/**
 * Silences someone: they read but can't post, until `until` (null: until lifted). Silencing
 * someone already silenced replaces the end and the reason. They are told, with the reason.
 */
export async function silenceMember(viewer: Viewer, userId: string, input: Restriction) {
  const { reason, until } = checkRestriction(input);
  const notice = await db.transaction(async (tx) => {
    await lockPerson(tx, viewer, userId, "silence");
    await tx
      .update(users)
      .set({ silencedAt: sql`now()`, silencedUntil: until, silenceReason: reason })
      .where(eq(users.id, userId));
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "user.silenced",
        targetType: "user",
        targetId: userId,
        details: { reason, until: until?.toISOString() ?? null },
      },
      tx,
    );
    await resolveProfileReview(tx, userId, viewer.id, "Silenced");
    return recordNotice(tx, {
      userId,
      actorId: viewer.id,
      action: "silenced",
      reason,
      subject: `posting, ${untilWords(until)}`,
    });
  });
  await sendNotice(notice);
}

/**
 * Suspends someone: they can't sign in, until `until` (null: until lifted), and every session
 * of theirs ends now. The notice is kept for the record; they read the reason when they try to
 * sign in (a suspended person gets no notifications).
 */
export async function suspendMember(viewer: Viewer, userId: string, input: Restriction) {
  const { reason, until } = checkRestriction(input);
  await db.transaction(async (tx) => {
    await lockPerson(tx, viewer, userId, "suspend");
    await tx
      .update(users)
      .set({ status: "suspended", suspendedUntil: until, suspensionReason: reason })
      .where(eq(users.id, userId));
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "user.suspended",
        targetType: "user",
        targetId: userId,
        details: { reason, until: until?.toISOString() ?? null },
      },
      tx,
    );
    await resolveProfileReview(tx, userId, viewer.id, "Suspended");
    await recordNotice(tx, {
      userId,
      actorId: viewer.id,
      action: "suspended",
      reason,
      subject: `your membership, ${untilWords(until)}`,
    });
  });
  await endAllSessionsOf(userId);
}

/**
 * Ends a silence or a suspension early (or clears one whose end has passed), with an optional
 * reason for the log.
 */
export async function liftRestriction(
  viewer: Viewer,
  userId: string,
  kind: "silence" | "suspension",
  reason?: string,
) {
  const why = reason?.trim() || null;
  if (why && why.length > MEMBER_MODERATION_REASON_MAX)
    throw new Refusal(
      `Use at most ${MEMBER_MODERATION_REASON_MAX} characters for the reason.`,
      400,
    );
  await db.transaction(async (tx) => {
    const person = await lockPerson(tx, viewer, userId, "lift");
    if (kind === "silence") {
      if (!person.silencedAt)
        throw new Refusal("They aren't silenced; another moderator lifted it.", 409);
      await tx
        .update(users)
        .set({ silencedAt: null, silencedUntil: null, silenceReason: null })
        .where(eq(users.id, userId));
    } else {
      if (person.status !== "suspended")
        throw new Refusal("They aren't suspended; another moderator lifted it.", 409);
      await tx
        .update(users)
        .set({ status: "active", suspendedUntil: null, suspensionReason: null })
        .where(eq(users.id, userId));
    }
    const ended = kind === "silence" ? person.silencedUntil : person.suspendedUntil;
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: kind === "silence" ? "user.silence_lifted" : "user.suspension_lifted",
        targetType: "user",
        targetId: userId,
        // `until`: when it would have ended, for the record.
        details: { reason: why, until: ended?.toISOString() ?? null },
      },
      tx,
    );
  });
}

/** Someone a moderator may act on, by handle (any case): just enough for the page's action. */
export async function findPersonByHandle(handle: string) {
  const [person] = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${handle}) and ${users.deletedAt} is null`);
  return person ?? null;
}

/**
 * Everything a moderator weighs before silencing or suspending someone: who they are, where
 * they stand, their trust figures, what has been done before, and what they wrote lately (in
 * spaces the viewer can see). Four queries, whatever the person's history.
 */
export async function getPersonForModeration(viewer: Viewer, handle: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.displayName,
      handle: users.handle,
      role: users.role,
      status: users.status,
      joinedAt: users.createdAt,
      lastSeenAt: users.lastSeenAt,
      trustLevel: users.trustLevel,
      silencedAt: users.silencedAt,
      silencedUntil: users.silencedUntil,
      silenceReason: users.silenceReason,
      silenceActive,
      suspendedUntil: users.suspendedUntil,
      suspensionReason: users.suspensionReason,
      suspensionActive,
      postCount: db.$count(posts, and(eq(posts.authorId, users.id), isNull(posts.deletedAt))),
      moderatedPostCount: db.$count(
        posts,
        and(eq(posts.authorId, users.id), inArray(posts.moderation, ["hidden", "removed"])),
      ),
    })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${handle}) and ${users.deletedAt} is null`);
  if (!row) return null;

  const [trust, notices, recentPosts] = await Promise.all([
    getTrustProgress(row.id),
    listNoticesFor(viewer, row.id, NOTICES_ON_PERSON_PAGE),
    db
      .select({
        id: posts.id,
        position: posts.position,
        createdAt: posts.createdAt,
        excerpt: sql<string>`left(${posts.bodyText}, 200)`,
        moderation: posts.moderation,
        threadId: threads.id,
        threadTitle: threads.title,
        spaceName: spaces.name,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(
        and(
          eq(posts.authorId, row.id),
          isNull(posts.deletedAt),
          threadVisibleTo(viewer),
          postShownTo(viewer),
        ),
      )
      .orderBy(desc(posts.createdAt))
      .limit(RECENT_POSTS_ON_PERSON_PAGE),
  ]);

  const decision = decideMemberModeration(viewer, row, "silence");
  return {
    person: {
      id: row.id,
      name: row.name,
      handle: row.handle,
      role: row.role,
      status: row.status,
      joinedAt: row.joinedAt,
      lastSeenAt: row.lastSeenAt,
      trustLevel: row.trustLevel,
      silence: {
        active: row.silenceActive,
        since: row.silencedAt,
        until: row.silencedUntil,
        reason: row.silenceReason,
      },
      suspension: {
        active: row.suspensionActive,
        until: row.suspendedUntil,
        reason: row.suspensionReason,
      },
      postCount: row.postCount,
      moderatedPostCount: row.moderatedPostCount,
    },
    trust,
    notices,
    recentPosts,
    permissions: memberModerationPermissions(viewer, row),
    /** Why the viewer can't act on this person (the policy's words), or null if they can. */
    refusal: decision.ok ? null : decision.message,
  };
}
