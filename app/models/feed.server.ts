import { createHmac, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { feedKeys, posts, spaces, threads, users } from "#db/schema";
import { UUID_PATTERN } from "#db/schema/values";
import type { Viewer } from "~/auth/policy.server";
import { activePersonOf, personNowColumns, type SessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { threadVisibleTo } from "./space-access.server";

// Private feed addresses: feed readers send no cookie, so the address itself says who reads, as
// GitHub's private feeds do. Each feed serves exactly what its person may read now, read fresh
// on every fetch (a suspension, a lost space or a reset address stops it at once).

const PURPOSE = "vanguard:feed:v1";
const UUID = new RegExp(`^${UUID_PATTERN}$`);
const MAC = /^[A-Za-z0-9_-]{43}$/;
/** Entries in one feed: feed readers poll, they don't page back. */
export const FEED_ENTRIES = 50;
const LAST_USED_PRECISION_MS = 60 * 60_000;

function mac(userId: string, generation: number): string {
  const { APP_SECRET } = getEnv();
  if (!APP_SECRET) throw new Error("APP_SECRET is not set: feed addresses can't be signed");
  return createHmac("sha256", APP_SECRET)
    .update(`${PURPOSE}\n${userId}\n${generation}`)
    .digest("base64url");
}

const keyOf = (userId: string, generation: number) => `${userId}.${mac(userId, generation)}`;

/** The viewer's feed key (the part of each feed address that says who reads), or null if off. */
export async function getFeedKey(viewer: Viewer): Promise<string | null> {
  const [row] = await db
    .select({ generation: feedKeys.generation, enabled: feedKeys.enabled })
    .from(feedKeys)
    .where(eq(feedKeys.userId, viewer.id));
  return row?.enabled ? keyOf(viewer.id, row.generation) : null;
}

/**
 * Turns the viewer's feeds on: the same addresses again if they were on, new ones if they had
 * been turned off (the generation moved on when they were).
 */
export async function turnOnFeeds(viewer: Viewer): Promise<void> {
  await db
    .insert(feedKeys)
    .values({ userId: viewer.id })
    .onConflictDoUpdate({ target: feedKeys.userId, set: { enabled: true } });
}

/** A new address for every feed of the viewer's: the old ones stop answering. */
export async function resetFeedKey(viewer: Viewer): Promise<void> {
  await db
    .update(feedKeys)
    .set({ generation: sql`${feedKeys.generation} + 1`, lastUsedAt: null })
    .where(eq(feedKeys.userId, viewer.id));
}

export async function turnOffFeeds(viewer: Viewer): Promise<void> {
  await db
    .update(feedKeys)
    .set({ enabled: false, generation: sql`${feedKeys.generation} + 1`, lastUsedAt: null })
    .where(eq(feedKeys.userId, viewer.id));
}

/**
 * Who a feed key reads as, fresh from the database, or null: a key this app did not sign, one
 * that was reset, feeds turned off, or a person suspended or gone.
 */
export async function readerOfFeedKey(key: string): Promise<SessionUser | null> {
  if (key.length > 100) return null;
  const [userId, signature, ...rest] = key.split(".");
  if (rest.length > 0 || !userId || !signature || !UUID.test(userId) || !MAC.test(signature)) {
    return null;
  }
  const [row] = await db
    .select({
      generation: feedKeys.generation,
      enabled: feedKeys.enabled,
      lastUsedAt: feedKeys.lastUsedAt,
      ...personNowColumns,
    })
    .from(feedKeys)
    .innerJoin(users, eq(users.id, feedKeys.userId))
    .where(eq(feedKeys.userId, userId));
  const reader = activePersonOf(row);
  if (!row || !reader || !row.enabled) return null;
  const expected = Buffer.from(mac(userId, row.generation));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.update(feedKeys).set({ lastUsedAt: new Date() }).where(eq(feedKeys.userId, userId));
  }
  return reader;
}

/**
 * The newest threads the viewer may read (in one space, when given), each with its opening
 * post. Held, hidden or removed content stays out of feeds for everyone, moderators included:
 * a feed reader shows no labels.
 */
export async function listFeedThreads(viewer: Viewer, spaceSlug?: string) {
  return db
    .select({
      id: threads.id,
      title: threads.title,
      kind: threads.kind,
      createdAt: threads.createdAt,
      lastActivityAt: threads.lastActivityAt,
      spaceName: spaces.name,
      authorName: users.displayName,
      bodyHtml: posts.bodyHtml,
    })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(
      posts,
      and(
        eq(posts.threadId, threads.id),
        eq(posts.position, 1),
        isNull(posts.deletedAt),
        isNull(posts.moderation),
      ),
    )
    .leftJoin(users, eq(users.id, threads.authorId))
    .where(
      and(
        threadVisibleTo(viewer),
        isNull(threads.moderation),
        spaceSlug ? eq(spaces.slug, spaceSlug) : undefined,
      ),
    )
    .orderBy(desc(threads.createdAt))
    .limit(FEED_ENTRIES);
}

/** One thread the viewer may read, with its newest posts, for its feed; null if not theirs. */
export async function getFeedThread(viewer: Viewer, threadId: string) {
  const [thread] = await db
    .select({ id: threads.id, title: threads.title, lastActivityAt: threads.lastActivityAt })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(and(eq(threads.id, threadId), threadVisibleTo(viewer), isNull(threads.moderation)));
  if (!thread) return null;
  const entries = await db
    .select({
      id: posts.id,
      position: posts.position,
      createdAt: posts.createdAt,
      editedAt: posts.editedAt,
      bodyHtml: posts.bodyHtml,
      authorName: users.displayName,
    })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(and(eq(posts.threadId, threadId), isNull(posts.deletedAt), isNull(posts.moderation)))
    .orderBy(desc(posts.position))
    .limit(FEED_ENTRIES);
  return { ...thread, entries };
}
