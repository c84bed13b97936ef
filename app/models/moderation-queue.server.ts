import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { flags, moderationReviews, posts, spaces, threads, users, type UserRole } from "#db/schema";
import {
  can,
  decideContentModeration,
  decideThreadModeration,
  matrixAllows,
  type Viewer,
} from "~/auth/policy.server";
import { db } from "~/db.server";
import { dismissReview, moderateContent } from "./content-moderation.server";
import { listOpenAppeals } from "./moderation-notice.server";
import { noticeShownTo, threadVisibleTo } from "./space-access.server";
import { mergeThreads, moveThread, setThreadFlag } from "./thread-moderation.server";
import { Refusal } from "./refusal.server";

export const QUEUE_PAGE_SIZE = 20;
/** Each item shows at most this many of its flags (the count says how many there are). */
const FLAGS_SHOWN = 20;

/**
 * Pending reviews the moderator can act on (content in spaces they can see, and profiles),
 * freshest first, each with its flags, the post between its neighbours, and its author's
 * history. Six queries whatever the page holds.
 */
export async function listModerationQueue(viewer: Viewer, page: number) {
  const where = and(
    eq(moderationReviews.status, "pending"),
    sql`(${moderationReviews.threadId} is null or ${threadVisibleTo(viewer)})`,
  );
  // The page's reviews first, by the queue's order, visibility read from threads and spaces
  // alone; the LIMIT keeps this subquery apart, so posts are joined for those twenty only.
  const pageOfReviews = db
    .select({ id: moderationReviews.id })
    .from(moderationReviews)
    .leftJoin(threads, eq(threads.id, moderationReviews.threadId))
    .leftJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(where)
    .orderBy(desc(moderationReviews.lastActivityAt), desc(moderationReviews.id))
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE)
    .as("page_of_reviews");
  const [items, [{ total }], appeals] = await Promise.all([
    db
      .select({
        id: moderationReviews.id,
        targetType: moderationReviews.targetType,
        heldReason: moderationReviews.heldReason,
        createdAt: moderationReviews.createdAt,
        lastActivityAt: moderationReviews.lastActivityAt,
        subjectUserId: moderationReviews.subjectUserId,
        post: {
          id: posts.id,
          position: posts.position,
          bodyHtml: posts.bodyHtml,
          state: posts.moderation,
          createdAt: posts.createdAt,
        },
        thread: {
          id: threads.id,
          title: threads.title,
          locked: sql<boolean>`${threads.lockedAt} is not null`,
          pinned: sql<boolean>`${threads.pinnedAt} is not null`,
          spaceId: threads.spaceId,
          authorId: threads.authorId,
          // Aliased by hand: a bare column here would bind to the subquery's own users.
          authorRole: sql<UserRole | null>`(select a.role from users a where a.id = ${threads.authorId})`,
          moderation: threads.moderation,
        },
        space: { name: spaces.name, slug: spaces.slug },
      })
      .from(pageOfReviews)
      .innerJoin(moderationReviews, eq(moderationReviews.id, pageOfReviews.id))
      .leftJoin(posts, eq(posts.id, moderationReviews.postId))
      .leftJoin(threads, eq(threads.id, moderationReviews.threadId))
      .leftJoin(spaces, eq(spaces.id, threads.spaceId))
      .orderBy(desc(moderationReviews.lastActivityAt), desc(moderationReviews.id)),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(moderationReviews)
      .leftJoin(threads, eq(threads.id, moderationReviews.threadId))
      .leftJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(where),
    listOpenAppeals(viewer),
  ]);

  const reviewIds = items.map((item) => item.id);
  const subjectIds = [
    ...new Set(items.flatMap((item) => (item.subjectUserId ? [item.subjectUserId] : []))),
  ];
  const neighbours: SQL[] = items.flatMap((item) =>
    item.post?.id && item.thread?.id
      ? [
          and(
            eq(posts.threadId, item.thread.id),
            inArray(posts.position, [item.post.position - 1, item.post.position + 1]),
          )!,
        ]
      : [],
  );
  const [flagRows, contextRows, people] = await Promise.all([
    reviewIds.length === 0
      ? []
      : db.execute<{
          review_id: string;
          reason: string;
          note: string | null;
          created_at: string;
          flagger_name: string;
          flagger_handle: string;
          flagger_trust_level: number;
          count: number;
        }>(sql`
          select * from (
            select f.review_id, f.reason, f.note, f.created_at, u.display_name as flagger_name,
              u.handle as flagger_handle, u.trust_level as flagger_trust_level,
              count(*) over (partition by f.review_id)::int as count,
              row_number() over (partition by f.review_id order by f.created_at) as n
            from ${flags} f join ${users} u on u.id = f.flagger_id
            where f.review_id in (${sql.join(
              reviewIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )}) and f.status = 'open'
          ) ranked where n <= ${FLAGS_SHOWN} order by created_at
        `),
    neighbours.length === 0
      ? []
      : db
          .select({
            threadId: posts.threadId,
            position: posts.position,
            id: posts.id,
            excerpt: sql<string>`left(${posts.bodyText}, 300)`,
            deleted: sql<boolean>`${posts.deletedAt} is not null`,
            authorName: users.displayName,
          })
          .from(posts)
          .leftJoin(users, eq(users.id, posts.authorId))
          .where(or(...neighbours)),
    subjectIds.length === 0
      ? []
      : db
          .select({
            id: users.id,
            displayName: users.displayName,
            handle: users.handle,
            role: users.role,
            trustLevel: users.trustLevel,
            createdAt: users.createdAt,
            suspended: sql<boolean>`${users.status} = 'suspended' and (${users.suspendedUntil} is null or ${users.suspendedUntil} > now())`,
            silenced: sql<boolean>`${users.silencedAt} is not null and (${users.silencedUntil} is null or ${users.silencedUntil} > now())`,
            // Plain SQL with aliases: inside a subquery, bare column names would bind to it.
            // Recent activity, read off posts_author_idx: a prolific author costs no more.
            recentPosts: sql<number>`(select count(*)::int from posts p where p.author_id = users.id and p.created_at > now() - interval '30 days' and p.deleted_at is null)`,
            moderatedPosts: sql<number>`(select count(*)::int from posts p where p.author_id = users.id and p.moderation in ('hidden', 'removed'))`,
            // Notices pass the notice rule: none from spaces the moderator can't see.
            notices: sql<number>`(select count(*)::int from moderation_notices
              where moderation_notices.user_id = users.id and ${noticeShownTo(viewer)})`,
            lastNotice: sql<
              string | null
            >`(select moderation_notices.action || ': ' || moderation_notices.reason
              from moderation_notices where moderation_notices.user_id = users.id and ${noticeShownTo(viewer)}
              order by moderation_notices.created_at desc limit 1)`,
            upheldFlags: sql<number>`(select count(*)::int from moderation_reviews r where r.subject_user_id = users.id and r.status = 'resolved' and exists (select 1 from flags f where f.review_id = r.id and f.status = 'upheld'))`,
          })
          .from(users)
          .where(inArray(users.id, subjectIds)),
  ]);

  type FlagRow = (typeof flagRows)[number];
  const flagsByReview = new Map<string, FlagRow[]>();
  for (const row of flagRows) {
    flagsByReview.set(row.review_id, [...(flagsByReview.get(row.review_id) ?? []), row]);
  }
  const personById = new Map(people.map((person) => [person.id, person]));
  const around = (threadId: string, position: number) =>
    contextRows.find((row) => row.threadId === threadId && row.position === position) ?? null;

  return {
    total,
    appeals,
    items: items.map((item) => {
      const itemFlags = flagsByReview.get(item.id) ?? [];
      const post = item.post?.id ? item.post : null;
      const thread = item.thread?.id ? item.thread : null;
      const person = item.subjectUserId ? (personById.get(item.subjectUserId) ?? null) : null;
      return {
        id: item.id,
        targetType: item.targetType,
        heldReason: item.heldReason,
        createdAt: item.createdAt,
        lastActivityAt: item.lastActivityAt,
        post,
        thread,
        space: thread ? item.space : null,
        flagCount: itemFlags[0]?.count ?? 0,
        flags: itemFlags.map((flag) => ({
          reason: flag.reason,
          note: flag.note,
          createdAt: new Date(flag.created_at),
          flaggerName: flag.flagger_name,
          flaggerHandle: flag.flagger_handle,
          flaggerTrustLevel: flag.flagger_trust_level,
        })),
        before: post && thread ? around(thread.id, post.position - 1) : null,
        after: post && thread ? around(thread.id, post.position + 1) : null,
        person,
        can: queueItemPermissions(viewer, {
          targetType: item.targetType,
          subject: { id: item.subjectUserId, role: person?.role ?? null },
          post,
          thread,
        }),
      };
    }),
  };
}

/** How many reviews wait, for the moderators' home page; null for anyone who doesn't moderate. */
export async function countModerationWork(viewer: Viewer): Promise<number | null> {
  if (!can(viewer, "moderate:content:any")) return null;
  const [{ count }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(moderationReviews)
    .leftJoin(threads, eq(threads.id, moderationReviews.threadId))
    .leftJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(
      and(
        eq(moderationReviews.status, "pending"),
        sql`(${moderationReviews.threadId} is null or ${threadVisibleTo(viewer)})`,
      ),
    );
  return count;
}

/**
 * What the viewer may do to one queue item, from the same rules the actions ask, so the page
 * offers only the buttons that work (a moderator sees no Approve on an admin's post).
 */
function queueItemPermissions(
  viewer: Viewer,
  item: {
    targetType: string;
    subject: { id: string | null; role: UserRole | null };
    post: { state: "held" | "hidden" | "removed" | null } | null;
    thread: {
      authorId: string | null;
      authorRole: UserRole | null;
      moderation: "held" | "hidden" | "removed" | null;
    } | null;
  },
) {
  const content = item.post
    ? { authorId: item.subject.id, authorRole: item.subject.role, state: item.post.state }
    : null;
  const onContent = (action: "approve" | "hide" | "remove" | "dismiss") =>
    content ? decideContentModeration(viewer, content, action).ok : false;
  const onThread = (action: "lock" | "pin" | "move" | "merge") =>
    item.thread ? decideThreadModeration(viewer, item.thread, action).ok : false;
  const whole = item.targetType === "thread";
  return {
    approve: onContent("approve"),
    dismiss: content
      ? onContent("dismiss")
      : can(viewer, "moderate:content:any") && matrixAllows(viewer, "dismiss", item.subject),
    hide: onContent("hide"),
    remove: onContent("remove"),
    edit:
      content !== null &&
      can(viewer, "update:post:any") &&
      matrixAllows(viewer, "edit", item.subject),
    lock: item.targetType !== "user" && onThread("lock"),
    pin: whole && onThread("pin"),
    move: whole && onThread("move"),
    merge: whole && onThread("merge"),
  };
}

/** What a moderator does from the queue, always about one review (as the queue's forms send it). */
export type ReviewAction =
  | { intent: "dismiss"; reviewId: string }
  | { intent: "approve"; reviewId: string; postId: string }
  | { intent: "hide" | "remove"; reviewId: string; postId: string; reason: string }
  | { intent: "lock"; reviewId: string; threadId: string; locked: "on" | "off" }
  | { intent: "pin"; reviewId: string; threadId: string; pinned: "on" | "off" }
  | { intent: "move"; reviewId: string; threadId: string; spaceId: string; reason: string }
  | { intent: "merge"; reviewId: string; threadId: string; target: string; reason: string };

const NOT_THIS_REVIEW =
  "That isn't what this review is about; reload the queue and act on the item again.";

/**
 * Acts on a queue item: the review must be one the viewer can see, and the post or thread acted
 * on must be the one it is about (a form replayed with another review's id acts on nothing).
 * A review already decided answers with who decided it, as news for a late second moderator, and
 * so does an action that meets a conflict (409: someone else got there first): what happened, not
 * blame. Each action then asks the policy itself, in its own domain function.
 */
export async function actOnReview(viewer: Viewer, input: ReviewAction): Promise<string> {
  if (!can(viewer, "moderate:content:any")) throw new Refusal("Only moderators do this.", 403);
  const [review] = await db
    .select({
      status: moderationReviews.status,
      resolution: moderationReviews.resolution,
      resolvedBy: users.displayName,
      targetType: moderationReviews.targetType,
      postId: moderationReviews.postId,
      threadId: moderationReviews.threadId,
    })
    .from(moderationReviews)
    .leftJoin(users, eq(users.id, moderationReviews.resolvedById))
    .leftJoin(threads, eq(threads.id, moderationReviews.threadId))
    .leftJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(
      and(
        eq(moderationReviews.id, input.reviewId),
        sql`(${moderationReviews.threadId} is null or ${threadVisibleTo(viewer)})`,
      ),
    );
  if (!review) throw new Refusal("That review is gone, or in a space you can't see.", 404);
  if (review.status !== "pending")
    return `Already handled by ${review.resolvedBy ?? "another moderator"}: ${review.resolution ?? "resolved"}.`;
  try {
    return await decideReview(viewer, review, input);
  } catch (error) {
    if (error instanceof Refusal && error.status === 409) return error.message;
    throw error;
  }
}

/** The action itself, on the post or thread the pending review is about. */
async function decideReview(
  viewer: Viewer,
  review: { targetType: string; postId: string | null; threadId: string | null },
  input: ReviewAction,
): Promise<string> {
  const requireAbout = (matches: boolean) => {
    if (!matches) throw new Refusal(NOT_THIS_REVIEW, 400);
  };
  switch (input.intent) {
    case "dismiss":
      return (await dismissReview(viewer, input.reviewId)).message;
    case "approve":
    case "hide":
    case "remove":
      requireAbout(review.postId === input.postId);
      return (
        await moderateContent(
          viewer,
          input.postId,
          input.intent,
          input.intent === "approve" ? null : input.reason,
        )
      ).message;
    case "lock":
      requireAbout(review.threadId === input.threadId);
      await setThreadFlag(viewer, input.threadId, "locked", input.locked === "on");
      return input.locked === "on"
        ? "The thread is locked: it takes no new replies, reactions or edits."
        : "The thread is unlocked.";
    case "pin":
      requireAbout(review.targetType === "thread" && review.threadId === input.threadId);
      await setThreadFlag(viewer, input.threadId, "pinned", input.pinned === "on");
      return input.pinned === "on"
        ? "The thread is pinned: it leads its space's list."
        : "The thread is unpinned.";
    case "move":
      requireAbout(review.targetType === "thread" && review.threadId === input.threadId);
      await moveThread(viewer, input.threadId, { spaceId: input.spaceId, reason: input.reason });
      return "The thread is moved; its author was told where and why.";
    case "merge":
      requireAbout(review.targetType === "thread" && review.threadId === input.threadId);
      await mergeThreads(viewer, input.threadId, { intoId: input.target, reason: input.reason });
      return "The thread is merged: its posts follow the other thread's, and its address leads there.";
  }
}
