import { type SQL, sql } from "drizzle-orm";
import { accounts, accountTierChanges, accountTiers, type ValueTier } from "#db/schema";
import type { Database } from "~/db.server";
import { staleInsightFigures } from "./insight-figures.server";

/**
 * Keeps what follows from account values changing: the per-snapshot standings (values, rank and
 * tier as of each snapshot date, in `account_standings`) and the record of live tier changes.
 * Every write of account values (an import, an admin's edit, new cut points) calls both, inside
 * its own transaction, so the history and the tiers never disagree with the values.
 */

type Executor = Pick<Database, "execute">;

/** Recomputes the standings of every snapshot date on or after `since` (null: every date). */
export async function refreshAccountStandings(tx: Executor, since: string | SQL | null) {
  await tx.execute(
    sql`select refresh_account_standings(coalesce(${since}::date, '-infinity'::date))`,
  );
  await staleInsightFigures(tx);
}

/**
 * Every transaction that writes account values takes this lock first, before any row lock.
 * Settling tiers updates other accounts' rows and every backlog item's demand; a writer that
 * held one account's row while waiting here deadlocked with the settler waiting for that row.
 */
export async function lockAccountValues(tx: Executor) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('vanguard:settle-tiers'))`);
}

export type TierChange = { id: string; accountId: string; fromTier: ValueTier; toTier: ValueTier };

/**
 * Records each account whose live tier differs from the tier last settled for it, and settles
 * it: returns the changes, for membership to act on (invitations when an account rises, alumni
 * when it falls). Two imports at once record each change once.
 */
export async function recordTierChanges(
  tx: Executor,
  importId: string | null,
): Promise<TierChange[]> {
  // One settling at a time: the next statement then sees the other's committed tiers. Callers
  // took the lock already (a transaction may take it again).
  await lockAccountValues(tx);
  const rows = await tx.execute<{
    id: string;
    account_id: string;
    from_tier: ValueTier;
    to_tier: ValueTier;
  }>(sql`
    with moved as (
      select a.id, a.settled_tier as before, t.tier
      from ${accounts} a join ${accountTiers} t on t.account_id = a.id
      where a.settled_tier <> t.tier
    ), settled as (
      update ${accounts} a set settled_tier = m.tier from moved m where a.id = m.id
    )
    insert into ${accountTierChanges} (account_id, from_tier, to_tier, import_id)
    select id, before, tier, ${importId}::uuid from moved
    returning id, account_id, from_tier, to_tier`);
  return [...rows].map((row) => ({
    id: row.id,
    accountId: row.account_id,
    fromTier: row.from_tier,
    toTier: row.to_tier,
  }));
}
