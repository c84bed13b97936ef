import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import {
  notificationPreferences,
  notifications,
  posts,
  spaces,
  threads,
  users,
  type EmailMode,
  type NotificationKind,
} from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { enqueueJobs } from "~/jobs.server";
import { logger } from "~/utils/logger.server";
import { notificationKinds } from "~/utils/notification-kinds";
import { threadVisibleTo, threadVisibleToUsersRow } from "./space-access.server";

export { notificationKinds };

export const defaultEmailModes: Record<NotificationKind, EmailMode> = {
  mention: "immediate",
  reply: "immediate",
  watched_thread: "digest",
  watched_space: "digest",
  cited: "immediate",
  proposal_invite: "immediate",
  proposal_stage: "immediate",
  proposal_comment: "digest",
  internal_note: "immediate",
};

const uuidArray = (ids: string[]) =>
  `{${ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)).join(",")}}`;

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
  const defaults = sql.join(
    Object.entries(defaultEmailModes).map(([kind, mode]) => sql`when ${kind} then ${mode}`),
    sql` `,
  );
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
      coalesce(np.email, (case inserted.kind::text ${defaults} end)::email_mode) as email_mode
    from inserted
    left join notification_preferences np on np.user_id = inserted.user_id and np.kind = inserted.kind
  `);
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
  return created.map((row) => ({ id: row.id, userId: row.user_id, kind: row.kind }));
}

export const NOTIFICATIONS_PAGE_SIZE = 30;

/** The viewer's notifications, newest first, leaving out anything in spaces they can no longer see. */
export async function listNotifications(viewer: Viewer, page: number) {
  const where = and(eq(notifications.userId, viewer.id), threadVisibleTo(viewer));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        postId: notifications.postId,
        threadTitle: threads.title,
        spaceName: spaces.name,
        actorName: users.displayName,
        excerpt: sql<string>`left(${posts.bodyText}, 200)`,
      })
      .from(notifications)
      .innerJoin(threads, eq(threads.id, notifications.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .innerJoin(posts, eq(posts.id, notifications.postId))
      .leftJoin(users, eq(users.id, notifications.actorId))
      .where(where)
      .orderBy(desc(notifications.createdAt))
      .limit(NOTIFICATIONS_PAGE_SIZE)
      .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(notifications)
      .innerJoin(threads, eq(threads.id, notifications.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(where),
  ]);
  return { notifications: rows, total };
}

export async function countUnreadNotifications(viewer: Viewer): Promise<number> {
  const [{ count }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .innerJoin(threads, eq(threads.id, notifications.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(
      and(
        eq(notifications.userId, viewer.id),
        isNull(notifications.readAt),
        threadVisibleTo(viewer),
      ),
    );
  return count;
}

export async function markNotificationsRead(viewer: Viewer, notificationId?: string) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, viewer.id),
        isNull(notifications.readAt),
        notificationId ? eq(notifications.id, notificationId) : undefined,
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

export async function getEmailPreferences(
  userId: string,
): Promise<Record<NotificationKind, EmailMode>> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const preferences = { ...defaultEmailModes };
  for (const row of rows) preferences[row.kind] = row.email;
  return preferences;
}

export async function setEmailPreferences(
  userId: string,
  preferences: Record<NotificationKind, EmailMode>,
) {
  await db
    .insert(notificationPreferences)
    .values(notificationKinds.map((kind) => ({ userId, kind, email: preferences[kind] })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { email: sql`excluded.email` },
    });
}
