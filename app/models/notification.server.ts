import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import {
  backlogItems,
  moderationNotices,
  notifications,
  posts,
  spaces,
  threads,
  users,
  type BacklogNotificationDetails,
  type EmailMode,
  type NotificationKind,
} from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { enqueueJobs } from "~/jobs.server";
import type { BacklogNotificationKind } from "~/utils/backlog-notification-text";
import { logger } from "~/utils/logger.server";
import { CHANGELOG_STATUS } from "~/utils/public-place";
import { uuidArray } from "~/utils/uuid-array";
import { NOTIFICATION_KINDS } from "#db/schema/values";
import { POSTS_PAGE_SIZE } from "./post.server";
import {
  postIdShownTo,
  postIdShownToUsersRow,
  threadVisibleTo,
  threadVisibleToUsersRow,
} from "./space-access.server";
import { emailModeFor } from "./notification-preferences.server";

export { NOTIFICATION_KINDS };

/** People told directly, by name, beside the post's usual audience. */
type DirectAudience = { kind: "cited" | "proposal_stage"; ids: string[] };

/**
 * Notifies everyone a new post concerns — people mentioned, people told directly (authors a
 * learning cites, a proposal's co-authors and endorsers), the author of the post it replies to,
 * watchers of the thread (and of the space, for a new thread) — once each, by the strongest
 * reason, and only people who can see the thread. Immediate emails are queued as jobs.
 */
export async function notifyAboutNewPost(input: {
  actor: Viewer;
  threadId: string;
  postId: string;
  mentionIds: string[];
  direct?: DirectAudience;
  isNewThread: boolean;
}) {
  const direct = input.direct ?? { kind: "cited", ids: [] };
  return insertNotifications(
    input,
    sql`
      select unnest(${uuidArray(input.mentionIds)}::uuid[]), 'mention', 1
      union all
      select unnest(${uuidArray(direct.ids)}::uuid[]), ${direct.kind}, 2
      union all
      select replied.author_id, 'reply', 2
        from ${posts} current_post join ${posts} replied on replied.id = current_post.reply_to_post_id
        where current_post.id = ${input.postId}
      union all
      select w.user_id, 'watched_thread', 3 from thread_watches w where w.thread_id = ${input.threadId}
      union all
      select sw.user_id, 'watched_space', 4
        from space_watches sw join ${threads} t on t.space_id = sw.space_id
        where t.id = ${input.threadId} and ${input.isNewThread}
    `,
  );
}

/**
 * Notifies the people named, for one reason, about a post (an invitation to co-author, a
 * mention added to a proposal) — only those who can see the thread.
 */
export async function notifyPeople(input: {
  actor: Viewer;
  threadId: string;
  postId: string;
  kind: "mention" | "proposal_invite" | "proposal_comment" | "internal_note";
  userIds: string[];
}) {
  if (input.userIds.length === 0) return [];
  return insertNotifications(
    input,
    sql`select unnest(${uuidArray(input.userIds)}::uuid[]), ${input.kind}, 1`,
  );
}

async function insertNotifications(
  input: { actor: Viewer; threadId: string; postId: string },
  candidates: SQL,
) {
  const created = await db.execute<{
    id: string;
    user_id: string;
    kind: NotificationKind;
    email_mode: EmailMode;
  }>(sql`
    with candidates(user_id, kind, strength) as (${candidates}),
    strongest as (
      select distinct on (user_id) user_id, kind from candidates
      where user_id is not null and user_id <> ${input.actor.id}
      order by user_id, strength
    ),
    inserted as (
    insert into ${notifications} (user_id, kind, thread_id, post_id, actor_id)
    select s.user_id, s.kind::notification_kind, ${input.threadId}, ${input.postId}, ${input.actor.id}
    from strongest s
    join ${users} on ${users.id} = s.user_id
    join ${threads} on ${threads.id} = ${input.threadId}
    join ${spaces} on ${spaces.id} = ${threads.spaceId}
    where ${users.status} = 'active' and ${threadVisibleToUsersRow()}
    returning id, user_id, kind
    )
    select inserted.id, inserted.user_id, inserted.kind,
      ${emailModeFor(sql`inserted.kind`, sql`np.email`)} as email_mode
    from inserted
    left join notification_preferences np on np.user_id = inserted.user_id and np.kind = inserted.kind
  `);
  await queueImmediateEmails(created);
  return created.map((row) => ({ id: row.id, userId: row.user_id, kind: row.kind }));
}

/**
 * A backlog notification's details as a reader sees them: of the contributions it names (each by
 * its post), only those whose post `seen` passes for them, and whether any is left. One that
 * named contributions and has none left in sight is neither shown, nor sent, nor made: it would
 * name threads its reader can no longer see.
 */
export function seenContributions(details: SQL, seen: (postId: SQL) => SQL) {
  const named = sql`(${details} -> 'contributions')`;
  const each = sql`jsonb_array_elements(${named}) with ordinality as named(contribution, n)`;
  const isSeen = seen(sql`(named.contribution ->> 'postId')::uuid`);
  const names = sql`jsonb_typeof(${named}) = 'array' and jsonb_array_length(${named}) > 0`;
  return {
    details: sql<BacklogNotificationDetails | null>`case when ${names}
      then jsonb_set(${details}, '{contributions}', coalesce(
        (select jsonb_agg(named.contribution order by named.n) from ${each} where ${isSeen}),
        '[]'::jsonb))
      else ${details} end`,
    kept: sql<boolean>`case when ${names} then exists (select 1 from ${each} where ${isSeen}) else true end`,
  };
}

/**
 * A changelog entry's notification stands for the entry: it shows, and is emailed, only while
 * its item is on the changelog. Staff who take an item off it (made private, or moved back)
 * take its name and release notes out of every subscriber's notifications and digests with it.
 * Contributors' own notifications stay: they were told as contributors.
 */
export const changelogEntryShown = sql<boolean>`(${notifications.kind} <> 'changelog_entry'
  or exists (select 1 from ${backlogItems} entry_item where entry_item.id = ${notifications.backlogItemId}
    and entry_item.is_public and entry_item.status = ${CHANGELOG_STATUS}))`;

/**
 * Tells members about a backlog item: that it moved ("you asked, we built", naming each one's
 * own contributions), that it shipped (changelog subscribers), or asks whether they may be
 * credited. Active people only, told only of contributions they can still see (and not at all
 * when none is left); at most `MAX_BACKLOG_RECIPIENTS` per call.
 */
export async function notifyAboutBacklogItem(input: {
  actor: Viewer;
  itemId: string;
  kind: BacklogNotificationKind;
  recipients: { userId: string; details: BacklogNotificationDetails }[];
}) {
  const recipients = input.recipients
    .filter((r) => r.userId !== input.actor.id)
    .slice(0, MAX_BACKLOG_RECIPIENTS);
  if (recipients.length === 0) return [];
  const seen = seenContributions(sql`c.details`, postIdShownToUsersRow);
  const created = await db.execute<{
    id: string;
    user_id: string;
    kind: NotificationKind;
    email_mode: EmailMode;
  }>(sql`
    with candidates(user_id, details) as (
      select * from jsonb_to_recordset(${JSON.stringify(recipients)}::jsonb)
        as r("userId" uuid, details jsonb)
    ),
    inserted as (
      insert into ${notifications} (user_id, kind, backlog_item_id, actor_id, details)
      select c.user_id, ${input.kind}::notification_kind, ${input.itemId}, ${input.actor.id},
        ${seen.details}
      from candidates c join ${users} on ${users.id} = c.user_id
      where ${users.status} = 'active' and ${seen.kept}
      returning id, user_id, kind
    )
    select inserted.id, inserted.user_id, inserted.kind,
      ${emailModeFor(sql`inserted.kind`, sql`np.email`)} as email_mode
    from inserted
    left join notification_preferences np on np.user_id = inserted.user_id and np.kind = inserted.kind
  `);
  await queueImmediateEmails(created);
  return created.map((row) => ({ id: row.id, userId: row.user_id, kind: row.kind }));
}

/**
 * Tells one person about a moderator's notice to them, or the moderators' answer to their appeal.
 * It is addressed to them alone, whatever they can see: the notice page explains it.
 */
export async function notifyAboutNotice(input: {
  actorId: string | null;
  noticeId: string;
  userId: string;
  kind: "moderation_notice" | "appeal_reply";
}) {
  const created = await db.execute<{ id: string; email_mode: EmailMode }>(sql`
    with inserted as (
      insert into ${notifications} (user_id, kind, notice_id, actor_id)
      select ${users.id}, ${input.kind}::notification_kind, ${input.noticeId}, ${input.actorId}
      from ${users} where ${users.id} = ${input.userId} and ${users.status} = 'active'
      returning id, user_id, kind
    )
    select inserted.id, ${emailModeFor(sql`inserted.kind`, sql`np.email`)} as email_mode
    from inserted
    left join notification_preferences np on np.user_id = inserted.user_id and np.kind = inserted.kind
  `);
  await queueImmediateEmails(created);
}

/** Tells someone the copy of their data they asked for is ready (data-export.server.ts). */
export async function notifyDataExportReady(userId: string, exportId: string) {
  const created = await db.execute<{ id: string; email_mode: EmailMode }>(sql`
    with inserted as (
      insert into ${notifications} (user_id, kind, details)
      values (${userId}, 'data_export_ready', ${JSON.stringify({ exportId })}::jsonb)
      returning id, user_id, kind
    )
    select inserted.id, ${emailModeFor(sql`inserted.kind`, sql`np.email`)} as email_mode
    from inserted
    left join notification_preferences np on np.user_id = inserted.user_id and np.kind = inserted.kind
  `);
  await queueImmediateEmails(created);
}

/** A status change or a new changelog entry tells at most this many people at once. */
export const MAX_BACKLOG_RECIPIENTS = 5_000;

export async function queueImmediateEmails(created: { id: string; email_mode: EmailMode }[]) {
  const immediate = created.filter((row) => row.email_mode === "immediate");
  try {
    await enqueueJobs(
      "notification-email",
      immediate.map((row) => ({ notificationId: row.id })),
    );
  } catch (error) {
    // The post is saved and the notifications are in the app; a lost email is logged, not a 500.
    logger.error({ err: error }, "could not queue notification emails");
  }
}

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
  const [{ count }] = await db.execute<{ count: number }>(sql`
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
