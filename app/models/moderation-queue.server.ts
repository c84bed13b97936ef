import { and, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { flags, moderationReviews, posts, spaces, threads, users } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { listOpenAppeals } from "./moderation-notice.server";
import { noticeShownTo, threadVisibleTo } from "./space-access.server";

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
        person: item.subjectUserId ? (personById.get(item.subjectUserId) ?? null) : null,
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
