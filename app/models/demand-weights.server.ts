import { sql, type SQL } from "drizzle-orm";
import { backlogItems } from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { SIGNAL_WEIGHTS, TIER_MULTIPLIERS } from "~/utils/demand-rule";
import { mayReadInfluence } from "./influence-read.server";

/**
 * The weights of demand as SQL, one definition for the backlog's stored figures and an idea's
 * figures on its page (the sentences beside them come from the same constants, demand-rule.ts).
 */

/** One of our own constants, written into the SQL as a number literal. */
const n = (value: number) => sql.raw(String(Math.trunc(value)));

/** How strongly a person asked: their vote's importance, or "other" for any other contribution. */
export const signalSql = (importance: SQL) => sql`case ${importance}
  when 'critical' then ${n(SIGNAL_WEIGHTS.critical)}
  when 'important' then ${n(SIGNAL_WEIGHTS.important)}
  when 'nice_to_have' then ${n(SIGNAL_WEIGHTS.nice_to_have)}
  else ${n(SIGNAL_WEIGHTS.other)}
end`;

/** An account's multiplier by its tier, over `at`, a row of the account_tiers view (or null). */
export const tierMultiplierSql = sql`case coalesce(at.tier, 'rest')
  when 'top1' then ${n(TIER_MULTIPLIERS.top1)}
  when 'top10' then ${n(TIER_MULTIPLIERS.top10)}
  else ${n(TIER_MULTIPLIERS.rest)} end`;

/**
 * A CTE `latest_influence (id, floor)`: the latest completed influence run and the score of a
 * member nobody engages with in it (1 − damping, on the scale where 1 is the average member), which
 * is what a supporter who joined or first interacted after the run counts for. No row before the
 * first run.
 */
export const latestInfluenceCte = sql`latest_influence as (
  select id, 1 - (parameters ->> 'damping')::float8 as floor
  from influence_runs where completed_at is not null
  order by completed_at desc limit 1
)`;

/**
 * A person's influence for demand, over `li` (latest_influence, joined on true) and `mi` (their
 * member_influence row in that run, left joined): 0 before any run.
 */
export const supporterInfluenceSql = sql`coalesce(mi.score, li.floor, 0)`;

/** An item's influence-weighted demand, for those who may read influence: null for anyone else. */
export function influenceWeightedFor(viewer: Viewer) {
  return mayReadInfluence(viewer) ? backlogItems.influenceWeighted : sql<number | null>`null`;
}
