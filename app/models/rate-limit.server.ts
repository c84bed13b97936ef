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

/**
 * Counts one attempt against several keys, each with its own window, in one statement (one
 * round trip, one commit): a person's per-minute and per-hour limits together.
 */
export async function hitRateLimits(
  hits: { key: string; rule: RateLimitRule }[],
): Promise<RateLimitHit[]> {
  const input = sql.join(
    hits.map(({ key, rule }) => sql`(${key}::text, ${rule.windowMs / 1000}::float8)`),
    sql`, `,
  );
  const rows = await db.execute<{ key: string; count: number; window_started_at: string }>(sql`
    with input(key, secs) as (values ${input})
    insert into ${rateLimits} (key, count)
    select key, 1 from input
    on conflict (key) do update set
      count = case when ${rateLimits.windowStartedAt} <= now() - make_interval(secs => (select secs from input where input.key = excluded.key))
        then 1 else ${rateLimits.count} + 1 end,
      window_started_at = case when ${rateLimits.windowStartedAt} <= now() - make_interval(secs => (select secs from input where input.key = excluded.key))
        then now() else ${rateLimits.windowStartedAt} end
    returning key, count, window_started_at
  `);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return hits.map(({ key, rule }) => {
    const row = byKey.get(key)!;
    const retryAfterMs = Math.max(
      0,
      new Date(row.window_started_at).getTime() + rule.windowMs - Date.now(),
    );
    return { count: row.count, limited: row.count > rule.limit, retryAfterMs };
  });
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
