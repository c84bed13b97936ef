import { and, eq, sql } from "drizzle-orm";
import {
  flags,
  moderationReviews,
  posts,
  spaces,
  threads,
  users,
  type ContentModeration,
  type UserRole,
} from "#db/schema";
import {
  can,
  decideContentModeration,
  matrixAllows,
  type ContentModerationAction,
  type Viewer,
} from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { mentionedUserIds, type RichTextDoc } from "~/editor/content.server";
import { publishAccessChange } from "~/live.server";
import { recordAuditEvent } from "./audit.server";
import { recordNotice, sendNotice, type NoticeAction } from "./moderation-notice.server";
import { notifyAboutNewPost } from "./notification.server";
import { threadVisibleTo } from "./space-access.server";
import { Refusal } from "./refusal.server";

/** A post as moderation sees it; its opening post stands for a whole thread. */
export type ModerationTarget = {
  postId: string;
  position: number;
  threadId: string;
  threadTitle: string;
  authorId: string | null;
  authorRole: UserRole | null;
  state: ContentModeration | null;
  /** Validated when it was written. */
  body: Record<string, unknown>;
};

/** The review key of a post: its thread's for an opening post, its own for a reply. */
export function reviewKeyOf(target: { position: number; threadId: string; postId: string }) {
  return target.position === 1 ? `thread:${target.threadId}` : `post:${target.postId}`;
}

function describe(target: ModerationTarget) {
  return target.position === 1
    ? `your thread “${target.threadTitle}”`
    : `your reply in “${target.threadTitle}”`;
}

/**
 * The post, if the viewer can see its thread (so a moderator never acts in a space they can't
 * see), locked for the rest of the transaction so two moderators take turns.
 */
async function lockTarget(tx: Transaction, viewer: Viewer, postId: string) {
  const [row] = await tx
    .select({
      postId: posts.id,
      position: posts.position,
      threadId: threads.id,
      threadTitle: threads.title,
      authorId: posts.authorId,
      authorRole: users.role,
      state: posts.moderation,
      body: posts.body,
      deleted: sql<boolean>`${posts.deletedAt} is not null`,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.id, postId), threadVisibleTo(viewer)))
    .for("update", { of: posts });
  if (!row || row.deleted)
    throw new Refusal("That post is gone, or in a space you can't see.", 404);
  return row satisfies ModerationTarget;
}

function requireDecision(
  viewer: Viewer,
  target: ModerationTarget,
  action: ContentModerationAction,
) {
  const decision = decideContentModeration(
    viewer,
    { authorId: target.authorId, authorRole: target.authorRole, state: target.state },
    action,
  );
  if (!decision.ok) throw new Refusal(decision.message, decision.status);
}

/** Sets a post's state (and its thread's, for an opening post). */
export async function setContentState(
  tx: Transaction,
  target: { postId: string; position: number; threadId: string },
  state: ContentModeration | null,
  reason: string | null,
) {
  await tx
    .update(posts)
    .set({ moderation: state, moderationReason: reason, moderatedAt: state ? new Date() : null })
    .where(eq(posts.id, target.postId));
  if (target.position === 1) {
    await tx.update(threads).set({ moderation: state }).where(eq(threads.id, target.threadId));
    // A held, hidden or removed thread leaves its readers' live pages too.
    if (state) await publishAccessChange({ threadIds: [target.threadId] }, tx);
  }
}

/**
 * Closes the target's pending review, if any, with what was decided; its flags are upheld or
 * dismissed, and the flaggers read the resolution on their flags page.
 */
async function resolveReview(
  tx: Transaction,
  key: string,
  actorId: string,
  resolution: string,
  upheld: boolean,
): Promise<string | null> {
  const [review] = await tx
    .update(moderationReviews)
    .set({ status: "resolved", resolvedAt: new Date(), resolvedById: actorId, resolution })
    .where(and(eq(moderationReviews.targetKey, key), eq(moderationReviews.status, "pending")))
    .returning({ id: moderationReviews.id });
  if (!review) return null;
  await tx
    .update(flags)
    .set({ status: upheld ? "upheld" : "dismissed" })
    .where(and(eq(flags.reviewId, review.id), eq(flags.status, "open")));
  return review.id;
}

const outcomes: Record<
  "hide" | "remove" | "restore" | "restore-removed" | "approve",
  {
    state: ContentModeration | null;
    audit: string;
    resolution: string;
    upheld: boolean;
    notice?: NoticeAction;
  }
> = {
  hide: {
    state: "hidden",
    audit: "hidden",
    resolution: "Hidden by a moderator",
    upheld: true,
    notice: "hidden",
  },
  remove: {
    state: "removed",
    audit: "removed",
    resolution: "Removed by a moderator",
    upheld: true,
    notice: "removed",
  },
  restore: {
    state: null,
    audit: "restored",
    resolution: "Restored: no action needed",
    upheld: false,
  },
  "restore-removed": {
    state: null,
    audit: "restored",
    resolution: "Restored by an admin",
    upheld: false,
  },
  approve: { state: null, audit: "approved", resolution: "Approved by a moderator", upheld: false },
};

export type ModerationOutcome = { message: string };

/**
 * Hides, removes, restores or approves a post (an opening post: its whole thread). A reason is
 * required to hide or remove, and goes to the author in a notice they can answer. Every step is
 * in the audit log with the state before and after. Approving held content tells the people who
 * would have heard of it when it was posted.
 */
export async function moderateContent(
  viewer: Viewer,
  postId: string,
  action: keyof typeof outcomes,
  reason: string | null,
): Promise<ModerationOutcome> {
  const outcome = outcomes[action];
  if (outcome.notice && !reason?.trim())
    throw new Refusal("Say why: the author reads the reason.", 400);
  const { target, notice } = await db.transaction(async (tx) => {
    const target = await lockTarget(tx, viewer, postId);
    requireDecision(viewer, target, action);
    await setContentState(tx, target, outcome.state, outcome.state ? reason : null);
    const kind = target.position === 1 ? "thread" : "post";
    await resolveReview(tx, reviewKeyOf(target), viewer.id, outcome.resolution, outcome.upheld);
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: `${kind}.${outcome.audit}`,
        targetType: kind,
        targetId: kind === "thread" ? target.threadId : target.postId,
        details: {
          reason: reason ?? undefined,
          authorId: target.authorId,
          from: target.state ?? "visible",
          to: outcome.state ?? "visible",
        },
      },
      tx,
    );
    const notice =
      outcome.notice && target.authorId
        ? await recordNotice(tx, {
            userId: target.authorId,
            actorId: viewer.id,
            action: outcome.notice,
            reason: reason!,
            subject: describe(target),
            postId: target.postId,
            threadId: target.threadId,
          })
        : null;
    return { target, notice };
  });
  if (notice) await sendNotice(notice);
  if (action === "approve" && target.authorId) {
    await notifyAboutNewPost({
      actor: { id: target.authorId, role: target.authorRole ?? "member", accountId: null },
      threadId: target.threadId,
      postId: target.postId,
      mentionIds: mentionedUserIds(target.body as RichTextDoc),
      isNewThread: target.position === 1,
    });
  }
  const what = target.position === 1 ? "thread" : "post";
  return {
    message: {
      hide: `The ${what} is hidden; its author was told why.`,
      remove: `The ${what} is removed; its author was told why. Admins can restore it.`,
      restore: `The ${what} is visible again.`,
      "restore-removed": `The ${what} is restored.`,
      approve: `The ${what} is approved and visible to everyone who can see the space.`,
    }[action],
  };
}

/**
 * Holds a post for review: nobody but its author and the moderators sees it until a moderator
 * decides. Opens (or joins) the target's pending review with the reason it waits. The caller's
 * transaction also made the post, or received the flag that tipped it.
 */
export async function holdContent(
  tx: Transaction,
  target: { postId: string; position: number; threadId: string; authorId: string | null },
  reason: string,
) {
  await setContentState(tx, target, "held", reason);
  const key = reviewKeyOf(target);
  await tx
    .insert(moderationReviews)
    .values({
      targetKey: key,
      targetType: target.position === 1 ? "thread" : "post",
      postId: target.postId,
      threadId: target.threadId,
      subjectUserId: target.authorId,
      heldReason: reason,
    })
    .onConflictDoUpdate({
      target: moderationReviews.targetKey,
      targetWhere: sql`${moderationReviews.status} = 'pending'`,
      set: { heldReason: reason, lastActivityAt: new Date() },
    });
  await recordAuditEvent(
    {
      actorId: null,
      action: target.position === 1 ? "thread.held" : "post.held",
      targetType: target.position === 1 ? "thread" : "post",
      targetId: target.position === 1 ? target.threadId : target.postId,
      // No person acted: the log says a rule did.
      details: { reason, authorId: target.authorId, automatic: true },
    },
    tx,
  );
}

/** Holds a post that was just written (a watched word): in its own small transaction. */
export async function holdNewContent(
  target: { postId: string; position: number; threadId: string; authorId: string | null },
  reason: string,
) {
  await db.transaction((tx) => holdContent(tx, target, reason));
}

/**
 * Closes a review without acting on its content: the flags were mistaken. Held content (held by
 * flags) is released, which the policy asks as an approval. Flags on a profile are closed by
 * anyone who moderates, except the person flagged. A second moderator arriving late is told it
 * was handled, not refused.
 */
export async function dismissReview(viewer: Viewer, reviewId: string): Promise<ModerationOutcome> {
  if (!can(viewer, "moderate:content:any")) throw new Refusal("Only moderators do this.", 403);
  return db.transaction(async (tx) => {
    const [review] = await tx
      .select({
        status: moderationReviews.status,
        resolution: moderationReviews.resolution,
        resolvedBy: users.displayName,
        postId: moderationReviews.postId,
        targetKey: moderationReviews.targetKey,
        targetType: moderationReviews.targetType,
        subjectUserId: moderationReviews.subjectUserId,
        // Aliased by hand: a bare column here would bind to the subquery's own users.
        subjectRole: sql<UserRole | null>`(select s.role from users s where s.id = ${moderationReviews.subjectUserId})`,
      })
      .from(moderationReviews)
      .leftJoin(users, eq(users.id, moderationReviews.resolvedById))
      .where(eq(moderationReviews.id, reviewId))
      .for("update", { of: moderationReviews });
    if (!review) throw new Refusal("No such review.", 404);
    if (review.status !== "pending") {
      return {
        message: `Already handled by ${review.resolvedBy ?? "another moderator"}: ${review.resolution ?? "resolved"}.`,
      };
    }
    let released = false;
    if (review.postId) {
      const target = await lockTarget(tx, viewer, review.postId);
      requireDecision(viewer, target, "dismiss");
      released = target.state === "held";
      if (released) await setContentState(tx, target, null, null);
    } else if (
      !matrixAllows(viewer, "dismiss", { id: review.subjectUserId, role: review.subjectRole })
    ) {
      throw new Refusal("Ask another moderator to look at the flags on your profile.", 403);
    }
    await resolveReview(tx, review.targetKey, viewer.id, "No action needed", false);
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "review.dismissed",
        targetType: review.targetType,
        targetId: review.targetKey.slice(review.targetKey.indexOf(":") + 1),
        details: {},
      },
      tx,
    );
    return {
      message: released
        ? "Closed with no action: the post is visible again."
        : "Flags dismissed; the content stays as it is.",
    };
  });
}
