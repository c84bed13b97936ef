import { and, type Column, desc, eq, type Placeholder, type SQL, sql } from "drizzle-orm";
import {
  communitySettings,
  flags,
  moderationReviews,
  posts,
  spaces,
  threads,
  users,
  type FlagReason,
  type UserRole,
} from "#db/schema";
import { can, flagsMayHold, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { flagReasonLabels } from "~/utils/labels";
import { recordAuditEvent } from "./audit.server";
import { requirePostingAllowed } from "./posting-check.server";
import { hitRateLimit, minutesUntil, undoRateLimitHit } from "./rate-limit.server";
import { holdContent, reviewKeyOf } from "./content-moderation.server";
import { recordNotice, sendNotice } from "./moderation-notice.server";
import { postShownTo, threadVisibleTo } from "./space-access.server";
import { Refusal } from "./refusal.server";

export type FlagInput = { reason: FlagReason; note?: string } & (
  { postId: string; userId?: never } | { userId: string; postId?: never }
);

/** How many flags one person may raise in an hour. */
const FLAG_RATE = { limit: 30, windowMs: 60 * 60_000 };

/** Trusted members' spam flags hide at once, pending review. */
export const INSTANT_HIDE_TRUST_LEVEL = 3;

type Target = {
  key: string;
  type: "post" | "thread" | "user";
  postId: string | null;
  threadId: string | null;
  position: number;
  subjectUserId: string | null;
  /** The author's role: flags hold only what the policy lets them (`flagsMayHold`). */
  subjectRole: UserRole | null;
  state: string | null;
  subject: string;
};

async function findTarget(viewer: Viewer, input: FlagInput): Promise<Target> {
  if (input.postId) {
    const [post] = await db
      .select({
        postId: posts.id,
        position: posts.position,
        threadId: threads.id,
        threadTitle: threads.title,
        authorId: posts.authorId,
        authorRole: users.role,
        state: posts.moderation,
        deleted: sql<boolean>`${posts.deletedAt} is not null`,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(users, eq(users.id, posts.authorId))
      .where(and(eq(posts.id, input.postId), threadVisibleTo(viewer), postShownTo(viewer)));
    if (!post || post.deleted)
      throw new Refusal("That post is gone, or in a space you can't see.", 404);
    if (post.authorId === viewer.id)
      throw new Refusal("You can't flag your own post; edit or delete it instead.", 409);
    return {
      key: reviewKeyOf(post),
      type: post.position === 1 ? "thread" : "post",
      postId: post.postId,
      threadId: post.threadId,
      position: post.position,
      subjectUserId: post.authorId,
      subjectRole: post.authorRole,
      state: post.state,
      subject:
        post.position === 1
          ? `your thread “${post.threadTitle}”`
          : `your reply in “${post.threadTitle}”`,
    };
  }
  const [person] = await db
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.id, input.userId!), eq(users.status, "active")));
  if (!person) throw new Refusal("No such member.", 404);
  if (person.id === viewer.id) throw new Refusal("You can't flag your own profile.", 409);
  return {
    key: `user:${person.id}`,
    type: "user",
    postId: null,
    threadId: null,
    position: 0,
    subjectUserId: person.id,
    subjectRole: person.role,
    state: null,
    subject: "your profile",
  };
}

export type FlagOutcome = { status: "received" | "already-flagged"; hidden: boolean };

/**
 * A member flags a post, a thread (its opening post) or a profile, with a reason. One open flag
 * per member per target: flagging again says so. Enough flags from members who have earned
 * trust (level 1 and up), or one spam flag from a trusted member (level 3), hide the content
 * until a moderator decides; its author is told. Flags on staff's and admins' posts only open a
 * review, for an admin to decide: they never hold them.
 */
export async function flagContent(viewer: Viewer, input: FlagInput): Promise<FlagOutcome> {
  if (!can(viewer, "flag:content:own")) throw new Refusal("You can't flag content.", 403);
  if (input.reason === "other" && !input.note?.trim())
    throw new Refusal("Say in a few words what is wrong.", 400);
  const target = await findTarget(viewer, input);
  if (input.note?.trim()) {
    // A note is words: the posting check, but not its rate (flags have their own, below), and a
    // held word passes, since the moderators who read the note are who reviews it.
    await requirePostingAllowed(
      viewer,
      { action: null, text: input.note.trim(), noun: "note", held: "pass" },
      (refusal) => new Refusal(refusal.message, refusal.status),
    );
  }
  // Flags open work for moderators: one person can't bury the queue.
  const counted = await hitRateLimit(`flags:${viewer.id}`, FLAG_RATE);
  if (counted.limited) {
    await undoRateLimitHit(`flags:${viewer.id}`);
    throw new Refusal(
      `You can flag at most ${FLAG_RATE.limit} things an hour. Try again in ${minutesUntil(counted.retryAfterMs)} minutes; the moderators have your other flags.`,
      429,
    );
  }
  const result = await db.transaction(async (tx) => {
    const [review] = await tx
      .insert(moderationReviews)
      .values({
        targetKey: target.key,
        targetType: target.type,
        postId: target.postId,
        threadId: target.threadId,
        subjectUserId: target.subjectUserId,
      })
      .onConflictDoUpdate({
        target: moderationReviews.targetKey,
        targetWhere: sql`${moderationReviews.status} = 'pending'`,
        set: { lastActivityAt: new Date() },
      })
      .returning({ id: moderationReviews.id });
    const [flag] = await tx
      .insert(flags)
      .values({
        reviewId: review.id,
        flaggerId: viewer.id,
        reason: input.reason,
        note: input.note?.trim() || null,
      })
      .onConflictDoNothing({ target: [flags.reviewId, flags.flaggerId] })
      .returning({ id: flags.id });
    if (!flag) return { status: "already-flagged" as const, notice: null };
    // In the log beside what moderators did about it; only moderators read the log.
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "flag.created",
        targetType: target.type,
        targetId:
          target.type === "user"
            ? target.subjectUserId!
            : target.type === "thread"
              ? target.threadId!
              : target.postId!,
        details: { reason: input.note?.trim() || undefined, flag: flagReasonLabels[input.reason] },
      },
      tx,
    );
    // Staff's and admins' words stay up while their review waits (docs/decisions/0010).
    if (!target.postId || target.state !== null || !flagsMayHold(target.subjectRole))
      return { status: "received" as const, notice: null };

    const [weight] = await tx
      .select({
        trusted: sql<number>`count(*) filter (where ${users.trustLevel} >= 1 or ${users.role} <> 'member')::int`,
        threshold: sql<number>`(select ${communitySettings.flagsToHide} from ${communitySettings} where ${communitySettings.id} = 1)`,
        flaggerLevel: sql<number>`(select ${users.trustLevel} from ${users} where ${users.id} = ${viewer.id})`,
      })
      .from(flags)
      .innerJoin(users, eq(users.id, flags.flaggerId))
      .where(eq(flags.reviewId, review.id));
    const threshold = weight.threshold ?? 3;
    const instantSpam =
      input.reason === "spam" &&
      (weight.flaggerLevel >= INSTANT_HIDE_TRUST_LEVEL || viewer.role !== "member");
    if (!instantSpam && weight.trusted < threshold)
      return { status: "received" as const, notice: null };
    const reason = instantSpam
      ? "A trusted member flagged it as spam"
      : `${weight.trusted} members flagged it`;
    const post = {
      postId: target.postId,
      position: target.position,
      threadId: target.threadId!,
      authorId: target.subjectUserId,
    };
    await holdContent(tx, post, reason);
    const notice = target.subjectUserId
      ? await recordNotice(tx, {
          userId: target.subjectUserId,
          actorId: null,
          action: "held",
          reason: `${reason}, so it is hidden until a moderator reviews it.`,
          subject: target.subject,
          postId: target.postId,
          threadId: target.threadId,
        })
      : null;
    return { status: "received" as const, notice };
  });
  if (result.notice) await sendNotice(result.notice);
  return { status: result.status, hidden: result.notice !== null };
}

export const MY_FLAGS_PAGE_SIZE = 30;

/** The viewer's own flags, newest first, with what became of each. */
export async function listMyFlags(viewer: Viewer, page: number) {
  const rows = await db
    .select({
      id: flags.id,
      reason: flags.reason,
      note: flags.note,
      status: flags.status,
      createdAt: flags.createdAt,
      targetType: moderationReviews.targetType,
      postId: moderationReviews.postId,
      resolution: moderationReviews.resolution,
      resolvedAt: moderationReviews.resolvedAt,
      // Named only while the flagger can still see it.
      threadTitle: sql<
        string | null
      >`case when ${threadVisibleTo(viewer)} then ${threads.title} end`,
      personName: sql<
        string | null
      >`(select ${users.displayName} from ${users} where ${users.id} = ${moderationReviews.subjectUserId} and ${moderationReviews.targetType} = 'user')`,
    })
    .from(flags)
    .innerJoin(moderationReviews, eq(moderationReviews.id, flags.reviewId))
    .leftJoin(threads, eq(threads.id, moderationReviews.threadId))
    .leftJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(eq(flags.flaggerId, viewer.id))
    .orderBy(desc(flags.createdAt))
    .limit(MY_FLAGS_PAGE_SIZE)
    .offset((page - 1) * MY_FLAGS_PAGE_SIZE);
  return rows;
}

/**
 * Whether this person (an id, or a prepared statement's placeholder for one) has an open flag on
 * the post `postId` names (a column of the query).
 */
export function openFlagByOn(flaggerId: string | Placeholder, postId: SQL | Column): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${flags} join ${moderationReviews} on ${moderationReviews.id} = ${flags.reviewId}
    where ${flags.flaggerId} = ${flaggerId} and ${flags.status} = 'open' and ${moderationReviews.postId} = ${postId})`;
}

/** How many trusted members' flags hide content pending review. */
export async function getFlagsToHide(): Promise<number> {
  const [row] = await db
    .select({ flagsToHide: communitySettings.flagsToHide })
    .from(communitySettings)
    .where(eq(communitySettings.id, 1));
  return row?.flagsToHide ?? 3;
}

/** An admin sets that number; audited with the old and new values. */
export async function setFlagsToHide(viewer: Viewer, flagsToHide: number) {
  if (!can(viewer, "manage:settings:any")) throw new Refusal("Only admins change this.", 403);
  const before = await getFlagsToHide();
  if (before === flagsToHide) return;
  await db.transaction(async (tx) => {
    await tx
      .insert(communitySettings)
      .values({ id: 1, flagsToHide })
      .onConflictDoUpdate({
        target: communitySettings.id,
        set: { flagsToHide, updatedAt: new Date() },
      });
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "settings.flags_to_hide_changed",
        targetType: "settings",
        targetId: "community",
        details: { from: before, to: flagsToHide },
      },
      tx,
    );
  });
}
