import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { bookmarks, drafts, notifications, posts, spaces, threads, users } from "#db/schema";
import type { RichTextDoc } from "~/editor/types";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { BOOKMARK_REMINDERS, type BookmarkReminder } from "~/utils/bookmark-reminders";
import { logger } from "~/utils/logger.server";
import { queueImmediateEmails } from "./notification.server";
import { emailModeFor } from "./notification-preferences.server";
import { draftAt } from "./draft.server";
import { Refusal } from "./refusal.server";
import { postIdShownTo, postIdShownToUsersRow, threadIdVisibleTo } from "./space-access.server";

/** Bookmarks one person may keep; a thousand is years of reading. */
export const MAX_BOOKMARKS = 1_000;
export const BOOKMARKS_PAGE_SIZE = 50;
const MAX_NOTE = 500;

/** When a reminder chosen as "in 1 hour", "tomorrow" or "next week" is due, from `now`. */
export function remindAtFor(choice: BookmarkReminder, now = new Date()): Date | null {
  const hours = BOOKMARK_REMINDERS[choice].hours;
  return hours === null ? null : new Date(now.getTime() + hours * 3_600_000);
}

function requireBookmarksAllowed(viewer: Viewer) {
  if (!can(viewer, "bookmark:content:own")) throw new Refusal("Sign in to keep bookmarks.", 403);
}

/** What a bookmark points at: one post, or a whole thread. */
export type BookmarkTarget = { postId: string } | { threadId: string };

/**
 * Bookmarks a post or a thread the viewer sees, or changes the reminder and note of their
 * bookmark of it. At most `MAX_BOOKMARKS`, checked in the statement that inserts.
 */
export async function saveBookmark(
  viewer: Viewer,
  target: BookmarkTarget,
  input: { remind: BookmarkReminder; note?: string },
) {
  requireBookmarksAllowed(viewer);
  const note = (input.note ?? "").trim();
  if (note.length > MAX_NOTE) {
    throw new Refusal(`Keep the note under ${MAX_NOTE} characters.`, 400, "note");
  }
  const threadId = await visibleThreadOf(viewer, target);
  if (!threadId) {
    throw new Refusal("No such post or thread. It may have been removed, or be private.", 404);
  }
  const postId = "postId" in target ? target.postId : null;
  const remindAt = remindAtFor(input.remind);
  const [saved] = await db
    .insert(bookmarks)
    .select(
      sql`select gen_random_uuid(), ${viewer.id}::uuid, ${threadId}::uuid, ${postId}::uuid,
        ${note}, ${remindAt?.toISOString() ?? null}::timestamptz, null::timestamptz, now()
        where (select count(*) from ${bookmarks} where ${bookmarks.userId} = ${viewer.id}::uuid)
          < ${MAX_BOOKMARKS}`,
    )
    .onConflictDoUpdate({
      target: [bookmarks.userId, bookmarks.threadId, bookmarks.postId],
      set: { note, remindAt, remindedAt: null },
    })
    .returning({ id: bookmarks.id });
  if (!saved) {
    throw new Refusal(
      `You have ${MAX_BOOKMARKS} bookmarks, the most you can keep. Remove some to add this one.`,
      409,
    );
  }
  return saved;
}

/** The thread of a post or thread the viewer sees now, or null. */
async function visibleThreadOf(viewer: Viewer, target: BookmarkTarget) {
  if ("postId" in target) {
    const [row] = await db
      .select({ threadId: posts.threadId })
      .from(posts)
      .where(
        and(
          eq(posts.id, target.postId),
          sql`${posts.deletedAt} is null`,
          postIdShownTo(viewer, sql`${target.postId}::uuid`),
        ),
      );
    return row?.threadId ?? null;
  }
  const [row] = await db
    .select({ id: sql<string>`${target.threadId}::uuid` })
    .from(sql`(select 1) as one`)
    .where(threadIdVisibleTo(viewer, sql`${target.threadId}::uuid`));
  return row?.id ?? null;
}

/** Removes one of the viewer's own bookmarks; another person's id matches nothing. */
export async function removeBookmark(viewer: Viewer, target: BookmarkTarget | { id: string }) {
  requireBookmarksAllowed(viewer);
  await db.delete(bookmarks).where(and(eq(bookmarks.userId, viewer.id), targetIs(target)));
}

/** Changes the reminder of one of the viewer's own bookmarks. */
export async function setBookmarkReminder(
  viewer: Viewer,
  bookmarkId: string,
  remind: BookmarkReminder,
) {
  requireBookmarksAllowed(viewer);
  const [changed] = await db
    .update(bookmarks)
    .set({ remindAt: remindAtFor(remind), remindedAt: null })
    .where(and(eq(bookmarks.userId, viewer.id), eq(bookmarks.id, bookmarkId)))
    .returning({ id: bookmarks.id });
  if (!changed) throw new Refusal("No such bookmark of yours.", 404);
}

function targetIs(target: BookmarkTarget | { id: string }) {
  if ("id" in target) return eq(bookmarks.id, target.id);
  if ("postId" in target) return eq(bookmarks.postId, target.postId);
  return and(eq(bookmarks.threadId, target.threadId), sql`${bookmarks.postId} is null`);
}

/**
 * Whether the bookmark's target is shown to the viewer, as SQL over `bookmarks`: the post (and
 * its thread), or the thread, by the thread page's own rule.
 */
function bookmarkShownTo(viewer: Viewer) {
  return sql`(case when ${bookmarks.postId} is not null
    then ${postIdShownTo(viewer, sql`${bookmarks.postId}`)}
    else ${threadIdVisibleTo(viewer, sql`${bookmarks.threadId}`)} end)`;
}

/**
 * What the reader keeps in a thread, in one query for its page: their bookmarks there and, when
 * they may reply, their draft reply (as `getDraft` reads it).
 */
export async function getReaderStateInThread(
  viewer: Viewer,
  threadId: string,
  options: { draft: boolean },
) {
  if (!can(viewer, "bookmark:content:own")) return { bookmarks: [], draft: null };
  const place = { kind: "reply" as const, threadId };
  const [row] = await db
    .select({
      bookmarks: sql<
        { id: string; postId: string | null; remindAt: string | null }[]
      >`coalesce((select json_agg(json_build_object('id', b.id, 'postId', b.post_id, 'remindAt', b.remind_at))
        from ${bookmarks} b where b.user_id = ${viewer.id}::uuid and b.thread_id = ${threadId}::uuid), '[]'::json)`,
      draft: options.draft
        ? sql<{
            body: RichTextDoc;
            updatedAt: string;
          } | null>`(select json_build_object('body', ${drafts.body}, 'updatedAt', ${drafts.updatedAt})
            from ${drafts} where ${draftAt(viewer, place)})`
        : sql<null>`null`,
    })
    .from(sql`(select 1) as one`);
  return row;
}

const EXCERPT = 200;
const bookmarkedPost = alias(posts, "bookmarked_post");

/**
 * The viewer's bookmarks, newest first, a page at a time: only those whose post or thread they
 * still see (and nothing of the others, not even a title), with the post's place in its thread.
 */
export async function listBookmarks(viewer: Viewer, page: number) {
  if (!can(viewer, "bookmark:content:own")) return { bookmarks: [], total: 0 };
  const shown = and(eq(bookmarks.userId, viewer.id), bookmarkShownTo(viewer));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: bookmarks.id,
        note: bookmarks.note,
        remindAt: bookmarks.remindAt,
        remindedAt: bookmarks.remindedAt,
        createdAt: bookmarks.createdAt,
        postId: bookmarks.postId,
        position: bookmarkedPost.position,
        excerpt: sql<
          string | null
        >`left(coalesce(${bookmarkedPost.bodyText}, (select p1.body_text from posts p1 where p1.thread_id = ${bookmarks.threadId} and p1.position = 1)), ${EXCERPT + 1})`,
        thread: { id: threads.id, title: threads.title },
        space: { slug: spaces.slug, name: spaces.name },
      })
      .from(bookmarks)
      .leftJoin(bookmarkedPost, eq(bookmarkedPost.id, bookmarks.postId))
      // A post's thread is where it lives now (a merge moves posts), else the bookmarked thread.
      .innerJoin(
        threads,
        eq(threads.id, sql`coalesce(${bookmarkedPost.threadId}, ${bookmarks.threadId})`),
      )
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(shown)
      .orderBy(desc(bookmarks.createdAt), desc(bookmarks.id))
      .limit(BOOKMARKS_PAGE_SIZE)
      .offset((page - 1) * BOOKMARKS_PAGE_SIZE),
    db.select({ total: db.$count(bookmarks, shown) }).from(sql`(select 1) as one`),
  ]);
  return {
    bookmarks: rows.map((row) => {
      const text = (row.excerpt ?? "").replace(/\s+/g, " ").trim();
      return { ...row, excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text };
    }),
    total,
  };
}

/** Reminders sent by one sweep at most; the next sweep (a minute later) takes the rest. */
const REMINDERS_PER_SWEEP = 500;

/**
 * Sends every reminder that is due, once: its bookmark is marked reminded in the same statement
 * that writes the notification, and only people who are active and still see the post (or the
 * thread's opening post) are told; a reminder about something they lost is dropped, unsent.
 */
export async function sendDueBookmarkReminders(): Promise<number> {
  const created = await db.execute<{
    id: string;
    user_id: string;
    kind: "bookmark_reminder";
    email_mode: "immediate" | "digest" | "off";
  }>(sql`
    with due as (
      update ${bookmarks} set reminded_at = now()
      where ${bookmarks.id} in (
        select b.id from ${bookmarks} b
        where b.reminded_at is null and b.remind_at <= now()
        order by b.remind_at limit ${REMINDERS_PER_SWEEP}
        for update skip locked)
      returning ${bookmarks.userId} as user_id,
        coalesce(${bookmarks.postId}, (select p.id from ${posts} p
          where p.thread_id = ${bookmarks.threadId} and p.position = 1)) as post_id
    ),
    inserted as (
      insert into ${notifications} (user_id, kind, thread_id, post_id, actor_id)
      select due.user_id, 'bookmark_reminder', target.thread_id, due.post_id, null
      from due
      join ${posts} target on target.id = due.post_id
      join ${users} on ${users.id} = due.user_id
      where ${users.status} = 'active' and target.deleted_at is null
        and ${postIdShownToUsersRow(sql`due.post_id`)}
      returning id, user_id, kind
    )
    select inserted.id, inserted.user_id, inserted.kind,
      ${emailModeFor(sql`inserted.kind`, sql`np.email`)} as email_mode
    from inserted
    left join notification_preferences np on np.user_id = inserted.user_id and np.kind = inserted.kind
  `);
  await queueImmediateEmails(created);
  if (created.length > 0) logger.info({ reminders: created.length }, "sent bookmark reminders");
  return created.length;
}
