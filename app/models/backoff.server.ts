import { eq, sql } from "drizzle-orm";
import { failureBackoffs } from "#db/schema";
import { db } from "~/db.server";

/**
 * Growing delays after repeated failures (OWASP's advice for accounts, rather than a lock-out):
 * five attempts are free, then each failure makes the next attempt wait 1, 2, 4 … up to 60
 * minutes. Failures are forgotten a day after the last one, or at once by clearBackoff (a right
 * password, a password reset).
 */
export const BACKOFF = {
  freeFailures: 5,
  firstDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Whose failures are counted together. */
export const backoffKeys = {
  signIn: (email: string) => `sign-in:${email.toLowerCase()}`,
  currentPassword: (userId: string) => `current-password:${userId}`,
};

export type BackoffClaim = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts an attempt as a failure before it is checked, in one atomic statement, so parallel
 * guesses are counted too; a right answer takes it back with clearBackoff. While the key waits,
 * attempts are refused without being counted and without checking anything.
 */
export async function claimAttempt(key: string): Promise<BackoffClaim> {
  const forgotten = sql`${failureBackoffs.lastFailureAt} < now() - make_interval(secs => ${BACKOFF.forgetAfterMs / 1000})`;
  const failures = sql`case when ${forgotten} then 1 else ${failureBackoffs.failures} + 1 end`;
  const counted = await db
    .insert(failureBackoffs)
    .values({ key, failures: 1, blockedUntil: sql`now()`, lastFailureAt: sql`now()` })
    .onConflictDoUpdate({
      target: failureBackoffs.key,
      set: {
        failures,
        blockedUntil: sql`now() + make_interval(secs => ${delaySql(failures)})`,
        lastFailureAt: sql`now()`,
      },
      where: sql`${failureBackoffs.blockedUntil} <= now()`,
    })
    .returning({ failures: failureBackoffs.failures });
  if (counted.length) return { allowed: true };
  const [row] = await db
    .select({ blockedUntil: failureBackoffs.blockedUntil })
    .from(failureBackoffs)
    .where(eq(failureBackoffs.key, key));
  return {
    allowed: false,
    retryAfterMs: Math.max(1_000, (row?.blockedUntil.getTime() ?? 0) - Date.now()),
  };
}

export async function clearBackoff(key: string): Promise<void> {
  await db.delete(failureBackoffs).where(eq(failureBackoffs.key, key));
}

/** Seconds to wait after the n-th failure in a row. */
function delaySql(failures: ReturnType<typeof sql>) {
  const { freeFailures, firstDelayMs, maxDelayMs } = BACKOFF;
  return sql`case when ${failures} <= ${freeFailures} then 0
    else least(${firstDelayMs / 1000} * power(2, least(${failures} - ${freeFailures + 1}, 30)), ${maxDelayMs / 1000}) end`;
}
