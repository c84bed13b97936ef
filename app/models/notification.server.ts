import { sql, type SQL } from "drizzle-orm";
import {
  backlogItems,
  notifications,
  posts,
  spaces,
  threads,
  users,
  type BacklogNotificationDetails,
  type EmailMode,
  type NotificationKind,
} from "#db/schema";
import { type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { enqueueJobs } from "~/jobs.server";
import type { BacklogNotificationKind } from "~/utils/backlog-notification-text";
import { logger } from "~/utils/logger.server";
import { CHANGELOG_STATUS } from "~/utils/public-place";
import { uuidArray } from "~/utils/uuid-array";
import { NOTIFICATION_KINDS } from "#db/schema/values";
import { postIdShownToUsersRow, threadVisibleToUsersRow } from "./space-access.server";
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
