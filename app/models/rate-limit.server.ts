import { eq, sql } from "drizzle-orm";
import { rateLimits } from "#db/schema";
import { db } from "~/db.server";

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitState = { limited: boolean; retryAfterMs: number };

/** Whether `key` has used up its allowance in the current window (without counting this call). */
export async function checkRateLimit(key: string, rule: RateLimitRule): Promise<RateLimitState> {
  const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, key));
  if (!row) return { limited: false, retryAfterMs: 0 };
  const windowEndsAt = row.windowStartedAt.getTime() + rule.windowMs;
  const remaining = windowEndsAt - Date.now();
  if (remaining <= 0) return { limited: false, retryAfterMs: 0 };
  return { limited: row.count >= rule.limit, retryAfterMs: remaining };
}

/** Counts one hit against `key`; a window that has run out starts over. Atomic across processes. */
export async function recordRateLimitHit(key: string, rule: RateLimitRule): Promise<void> {
  const windowStart = sql`now() - make_interval(secs => ${rule.windowMs / 1000})`;
  await db
    .insert(rateLimits)
    .values({ key, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart} then 1 else ${rateLimits.count} + 1 end`,
        windowStartedAt: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart} then now() else ${rateLimits.windowStartedAt} end`,
      },
    });
}

export async function clearRateLimit(key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

export function minutesUntil(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
