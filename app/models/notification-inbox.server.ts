import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import {
  backlogItems,
  moderationNotices,
  notifications,
  posts,
  spaces,
  threads,
  users,
  type BacklogNotificationDetails,
  type NotificationKind,
} from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db, executePrepared } from "~/db.server";
import { POSTS_PAGE_SIZE } from "./post.server";
import { postIdShownTo, threadVisibleTo } from "./space-access.server";
import { changelogEntryShown, seenContributions } from "./notification.server";

// A person's notifications as they read them: grouped per subject and kind, counted for the
// bell, and marked read; only those they may still see (the writing side is notification.server.ts).

/** Groups of notifications per page. */
export const NOTIFICATIONS_PAGE_SIZE = 30;

/**
 * The page and the bell read at most this many of a person's latest notifications: a busy
 * thread adds hundreds of rows, but they make one group, so this is months of anyone's news,
 * and every request's work stays bounded however long someone has been a member.
 */
export const NOTIFICATION_WINDOW = 2_000;

const seenContributionsOf = (viewer: Viewer) =>
  seenContributions(sql`${notifications.details}`, (postId) => postIdShownTo(viewer, postId));

/**
 * What a group of notifications is about: its thread, backlog item or moderation notice. With
 * the kind it is the group's key; a kind always names the same one of the three. A change to the
 * reader's own access (membership_change) is about none of them, so each is a group of its own.
 */
const subjectOf = sql`coalesce(${notifications.threadId}, ${notifications.backlogItemId}, ${notifications.noticeId}, ${notifications.id})`;

/** The moderators act and answer as a team: notifications of these kinds name nobody. */
const TEAM_KINDS = sql`('moderation_notice', 'appeal_reply')`;

/**
 * The common table expressions `recent`, `seen_threads` and `events`: among the viewer's latest
 * NOTIFICATION_WINDOW notifications (only the unread ones, for the bell), those they may still
 * see, each with its group's subject. The window is an index scan taken before any filter, so
 * the work is bounded whatever the filter keeps.
 *
 * A notification about a post shows while its thread passes the thread rule, which is asked
 * once per thread (a busy thread's hundred events ask once), and while the post itself is not
 * held, hidden or removed; one about a backlog item names only contributions the viewer can
 * still see, and shows only while one is left; a notice was addressed to them alone.
 */
function visibleEvents(viewer: Viewer, only: "all" | "unread" = "all") {
  // A post its author has since deleted drops out of everyone's notifications (nor is it
  // emailed), and one a moderator has held, hidden or removed out of everyone's but theirs.
  const postGone = can(viewer, "moderate:content:any")
    ? sql`gone.deleted_at is not null`
    : sql`(gone.deleted_at is not null or gone.moderation is not null)`;
  const postShown = sql`not exists (select 1 from ${posts} gone where gone.id = ${notifications.postId} and ${postGone})`;
  return sql`
    recent as (
      select * from ${notifications} where ${notifications.userId} = ${viewer.id}
      order by ${notifications.createdAt} desc limit ${NOTIFICATION_WINDOW}
    ),
    seen_threads as (
      select ${threads.id} as id from ${threads} join ${spaces} on ${spaces.id} = ${threads.spaceId}
      where ${threads.id} in (select thread_id from recent) and ${threadVisibleTo(viewer)}
    ),
    events as (
      select ${notifications.id} as id, ${notifications.kind} as kind, ${subjectOf} as subject,
        ${notifications.createdAt} as created_at, ${notifications.readAt} as read_at,
        ${notifications.postId} as post_id,
        case when ${notifications.kind} in ${TEAM_KINDS} then null else ${notifications.actorId} end as actor_id
      from recent as ${notifications}
      where ${only === "unread" ? sql`${notifications.readAt} is null` : sql`true`}
        and (${notifications.threadId} is null or (
          ${notifications.threadId} in (select id from seen_threads) and ${postShown}))
        and ${seenContributionsOf(viewer).kept}
        and ${changelogEntryShown}
    )`;
}

type GroupRow = {
  kind: NotificationKind;
  subject: string;
  newest_at: string;
  events: number;
  unread: number;
  actors: number;
  actor_names: string[] | null;
  newest_id: string;
  post_id: string | null;
  backlog_item_id: string | null;
  item_title: string | null;
  item_public: boolean | null;
  details: BacklogNotificationDetails | null;
  notice_id: string | null;
  notice_action: string | null;
  notice_subject: string | null;
  thread_title: string | null;
  space_name: string | null;
  actor_name: string | null;
  excerpt: string | null;
};

/**
 * The viewer's notifications grouped per subject (thread, backlog item, notice) and kind,
 * newest group first, one page of groups: how many events each holds and how many are unread,
 * the latest few people behind it, the newest event's words, and the post to open (the first
 * unread one, else the newest). Grouped, paged and described in one query; the number of
 * groups in another, the same the bell counts from.
 */
export async function listNotificationGroups(viewer: Viewer, page: number) {
  const offset = (Math.max(1, page) - 1) * NOTIFICATIONS_PAGE_SIZE;
  const [rows, counts] = await Promise.all([
    db.execute<GroupRow>(sql`
      with ${visibleEvents(viewer)},
      groups as (
        select kind, subject, max(created_at) as newest_at, count(*)::int as events,
          count(*) filter (where read_at is null)::int as unread,
          count(distinct actor_id)::int as actors,
          (array_agg(id order by created_at desc, id desc))[1] as newest_id,
          (array_agg(post_id order by created_at, id) filter (where read_at is null))[1] as first_unread_post_id
        from events group by kind, subject
      ),
      shown as (
        select * from groups order by newest_at desc, newest_id desc
        limit ${NOTIFICATIONS_PAGE_SIZE} offset ${offset}
      )
      select shown.kind, shown.subject, shown.newest_at, shown.events, shown.unread, shown.actors,
        shown.newest_id,
        coalesce(shown.first_unread_post_id, ${notifications.postId}) as post_id,
        ${notifications.backlogItemId} as backlog_item_id,
        -- A backlog item's name reaches members only while it is on the public roadmap.
        case when ${backlogItems.isPublic} or ${can(viewer, "manage:backlog:any")}
          then ${backlogItems.title} end as item_title,
        ${backlogItems.isPublic} as item_public,
        ${seenContributionsOf(viewer).details} as details,
        ${notifications.noticeId} as notice_id,
        ${moderationNotices.action} as notice_action,
        ${moderationNotices.subject} as notice_subject,
        ${threads.title} as thread_title, ${spaces.name} as space_name,
        case when shown.kind in ${TEAM_KINDS} then null else ${users.displayName} end as actor_name,
        left(${posts.bodyText}, 200) as excerpt,
        (select array_agg(latest.display_name order by latest.at desc) from (
          select ${users.displayName} as display_name, max(events.created_at) as at
          from events join ${users} on ${users.id} = events.actor_id
          where events.kind = shown.kind and events.subject = shown.subject
          group by ${users.id}, ${users.displayName}
          order by at desc limit 3
        ) latest) as actor_names
      from shown
      join ${notifications} on ${notifications.id} = shown.newest_id
      left join ${threads} on ${threads.id} = ${notifications.threadId}
      left join ${spaces} on ${spaces.id} = ${threads.spaceId}
      left join ${posts} on ${posts.id} = coalesce(shown.first_unread_post_id, ${notifications.postId})
      left join ${backlogItems} on ${backlogItems.id} = ${notifications.backlogItemId}
      left join ${moderationNotices} on ${moderationNotices.id} = ${notifications.noticeId}
      left join ${users} on ${users.id} = ${notifications.actorId}
      order by shown.newest_at desc, shown.newest_id desc
    `),
    countNotificationGroups(viewer),
  ]);
  return {
    groups: rows.map((row) => ({
      kind: row.kind,
      subject: row.subject,
      newestAt: new Date(row.newest_at),
      events: row.events,
      unread: row.unread,
      actors: row.actors,
      actorNames: row.actor_names ?? [],
      newestId: row.newest_id,
      postId: row.post_id,
      backlogItemId: row.backlog_item_id,
      itemTitle: row.item_title,
      itemPublic: row.item_public,
      details: row.details,
      noticeId: row.notice_id,
      noticeAction: row.notice_action,
      noticeSubject: row.notice_subject,
      threadTitle: row.thread_title,
      spaceName: row.space_name,
      actorName: row.actor_name,
      excerpt: row.excerpt,
    })),
    total: counts.total,
    unread: counts.unread,
    windowFull: counts.windowFull,
  };
}

export type NotificationGroup = Awaited<
  ReturnType<typeof listNotificationGroups>
>["groups"][number];

/**
 * How many groups the viewer has and how many of them are unread (a group is unread while any
 * of its events is), by the same grouping as the page; and whether the window was full.
 */
export async function countNotificationGroups(viewer: Viewer) {
  const [row] = await db.execute<{ total: number; unread: number; window_full: boolean }>(sql`
    with ${visibleEvents(viewer)},
    groups as (
      select bool_or(read_at is null) as unread from events group by kind, subject
    )
    select count(*)::int as total, count(*) filter (where unread)::int as unread,
      (select count(*) from (
        select 1 from ${notifications} where ${notifications.userId} = ${viewer.id}
        limit ${NOTIFICATION_WINDOW}
      ) kept) >= ${NOTIFICATION_WINDOW} as window_full
    from groups
  `);
  return { total: row.total, unread: row.unread, windowFull: row.window_full };
}

/** The bell: how many groups of notifications are unread, as the page groups them. */
export async function countUnreadNotifications(viewer: Viewer): Promise<number> {
  // Prepared: it runs on every page, and planning it cost as much as running it.
  const [{ count }] = await executePrepared<{ count: number }>(sql`
    with ${visibleEvents(viewer, "unread")}
    select count(*)::int as count from (
      select 1 from events group by kind, subject
    ) unread_groups
  `);
  return count;
}

/** "Mark all as read": every notification of the viewer's. */
export async function markNotificationsRead(viewer: Viewer) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, viewer.id), isNull(notifications.readAt)));
}

/** "Mark read" on one group: every event of that kind about that subject, as the page groups. */
export async function markNotificationGroupRead(
  viewer: Viewer,
  group: { kind: NotificationKind; subject: string },
) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, viewer.id),
        eq(notifications.kind, group.kind),
        sql`${subjectOf} = ${group.subject}::uuid`,
        isNull(notifications.readAt),
      ),
    );
}

/**
 * A post's address opens its thread at the post's page, and seeing a page settles the
 * notifications about the posts on it: settled before the redirect, so the bell on the page that
 * follows already counts out a group that page reads in full (the page's own loader runs beside
 * the bell's, not before it).
 */
export async function markThreadPageNotificationsRead(
  viewer: Viewer,
  threadId: string,
  page: number,
) {
  const first = (page - 1) * POSTS_PAGE_SIZE + 1;
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, viewer.id),
        eq(notifications.threadId, threadId),
        isNull(notifications.readAt),
        sql`${notifications.postId} in (select ${posts.id} from ${posts}
          where ${posts.threadId} = ${threadId}
            and ${posts.position} between ${first} and ${first + POSTS_PAGE_SIZE - 1})`,
      ),
    );
}

/** Seeing posts settles the notifications about them (and only them). */
export async function markPostNotificationsRead(viewer: Viewer, postIds: string[]) {
  if (postIds.length === 0) return;
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, viewer.id),
        inArray(notifications.postId, postIds),
        isNull(notifications.readAt),
      ),
    );
}

/** Reading a notice settles the notifications about it. */
export async function markNoticeNotificationsRead(viewer: Viewer, noticeId: string) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, viewer.id),
        eq(notifications.noticeId, noticeId),
        isNull(notifications.readAt),
      ),
    );
}
