import { eq, sql } from "drizzle-orm";
import { rateLimits } from "#db/schema";
import { db } from "~/db.server";

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitHit = { count: number; limited: boolean; retryAfterMs: number };

/**
 * Counts one attempt against `key` and says whether it is over the limit, in one atomic statement,
 * so parallel requests cannot all slip under the limit before any of them is counted. A window
 * that has run out starts over.
 */
export async function hitRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitHit> {
  const windowStart = sql`now() - make_interval(secs => ${rule.windowMs / 1000})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart} then 1 else ${rateLimits.count} + 1 end`,
        windowStartedAt: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart} then now() else ${rateLimits.windowStartedAt} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStartedAt: rateLimits.windowStartedAt });
  const retryAfterMs = Math.max(0, row.windowStartedAt.getTime() + rule.windowMs - Date.now());
  return { count: row.count, limited: row.count > rule.limit, retryAfterMs };
}

/** Takes back one counted attempt (e.g. a sign-in that turned out to be right). */
export async function undoRateLimitHit(key: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(eq(rateLimits.key, key));
}

export async function clearRateLimit(key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

export function minutesUntil(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
