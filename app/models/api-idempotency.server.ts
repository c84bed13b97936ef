import { and, eq, sql } from "drizzle-orm";
import { apiIdempotencyKeys } from "#db/schema";
import { db } from "~/db.server";
import { Refusal } from "./refusal.server";

/** How long a create's answer is kept for its retries. */
export const IDEMPOTENCY_KEPT_HOURS = 24;

/** A claim unanswered this long belongs to a request that will never answer. */
const STALE_CLAIM_SECONDS = 120;

export type Claim = { kind: "run" } | { kind: "replay"; status: number; body: string };

/**
 * Claims an idempotency key for a request, or finds the answer a first request with it got.
 * The primary key makes two requests racing with one key one claim: the other waits its turn
 * and finds the answer, or that the first is still running.
 */
export async function claimIdempotencyKey(
  tokenId: string,
  key: string,
  fingerprint: string,
): Promise<Claim> {
  const claimed = await db
    .insert(apiIdempotencyKeys)
    .values({ tokenId, key, fingerprint })
    .onConflictDoNothing()
    .returning({ key: apiIdempotencyKeys.key });
  if (claimed.length > 0) return { kind: "run" };
  const [held] = await db
    .select()
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key)));
  if (!held) return claimIdempotencyKey(tokenId, key, fingerprint);
  if (held.fingerprint !== fingerprint) {
    throw new Refusal("This Idempotency-Key was used for a different request: use a new key.", 422);
  }
  if (held.status === null || held.body === null) {
    // A claim never answered for this long died with its process: this retry takes it over
    // (what it protects stays safe to run twice: imports match by external id, a proxy vote
    // is one per person).
    const [taken] = await db
      .update(apiIdempotencyKeys)
      .set({ createdAt: new Date() })
      .where(
        and(
          eq(apiIdempotencyKeys.tokenId, tokenId),
          eq(apiIdempotencyKeys.key, key),
          sql`${apiIdempotencyKeys.status} is null`,
          sql`${apiIdempotencyKeys.createdAt} < now() - make_interval(secs => ${STALE_CLAIM_SECONDS})`,
        ),
      )
      .returning({ key: apiIdempotencyKeys.key });
    if (taken) return { kind: "run" };
    throw new Refusal(
      "A request with this Idempotency-Key is still running: retry in a moment.",
      409,
    );
  }
  return { kind: "replay", status: held.status, body: held.body };
}

/** Keeps the answer a claimed key got; `null` frees the key (a failure worth retrying). */
export async function settleIdempotencyKey(
  tokenId: string,
  key: string,
  answer: { status: number; body: string } | null,
): Promise<void> {
  const which = and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key));
  if (answer === null) await db.delete(apiIdempotencyKeys).where(which);
  else await db.update(apiIdempotencyKeys).set(answer).where(which);
}

/** Forgets answers older than a day (the retention job). */
export async function purgeIdempotencyKeys(): Promise<number> {
  const purged = await db
    .delete(apiIdempotencyKeys)
    .where(
      sql`${apiIdempotencyKeys.createdAt} < now() - make_interval(hours => ${IDEMPOTENCY_KEPT_HOURS})`,
    )
    .returning({ key: apiIdempotencyKeys.key });
  return purged.length;
}
