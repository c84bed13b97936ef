import { sql } from "drizzle-orm";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { requireInfluenceReader } from "./influence-read.server";

export type InfluencedRevenue = {
  /** Other accounts whose people engaged with the member's content, each counted once. */
  accounts: number;
  revenueCents: number;
  /** Of those, the accounts with value snapshots before and after their first engagement. */
  compared: number;
  /** Their revenue then (at that snapshot) and in the latest snapshot, added up. */
  engagedBeforeCents: number;
  engagedNowCents: number;
  /** The median first engagement: the start of the comparison for accounts that did not engage. */
  baselineDate: string | null;
  /** Accounts that did not engage (nor the member's own), over the same period. */
  others: number;
  othersBeforeCents: number;
  othersNowCents: number;
  latestSnapshot: string | null;
};

/**
 * The revenue a member's content reaches: the other accounts whose people engaged with it (in
 * the run's graph), and how their revenue moved from the snapshot before their first engagement
 * to the latest snapshot (for those that engaged before it), beside accounts that did not engage over the same period (from the
 * median first engagement). An association, not a cause: the page says so. One query.
 */
export async function getInfluencedRevenue(
  viewer: Viewer,
  runId: string,
  userId: string,
): Promise<InfluencedRevenue> {
  requireInfluenceReader(viewer);
  const [row] = await db.execute<InfluencedRevenue>(sql`
    with own as (select account_id from users where id = ${userId}),
    engaged as (
      select s.account_id, min(e.first_at)::date as first_day
      from influence_edges e join users s on s.id = e.source_id
      where e.run_id = ${runId} and e.target_id = ${userId} and s.account_id is not null
        and s.account_id is distinct from (select account_id from own)
      group by s.account_id
    ), latest as (
      select max(as_of) as as_of from account_snapshots
    ), engaged_values as (
      -- Compared only when a snapshot came after the first engagement.
      select g.account_id, a.revenue_cents, g.first_day,
        (select revenue_cents from account_snapshots b
          where b.account_id = g.account_id and b.as_of <= g.first_day
            and g.first_day < (select as_of from latest)
          order by b.as_of desc limit 1) as before_cents,
        n.revenue_cents as now_cents
      from engaged g join accounts a on a.id = g.account_id
      left join account_snapshots n on n.account_id = g.account_id
        and n.as_of = (select as_of from latest)
    ), baseline as (
      select percentile_disc(0.5) within group (order by first_day) as day
      from engaged_values where before_cents is not null
    ), baseline_snapshot as (
      select max(as_of) as as_of from account_snapshots
      where as_of <= (select day from baseline)
    ), other_values as (
      -- The others, between the snapshot date before the median first engagement and the latest
      -- (each account with a snapshot on both), read by date rather than account by account.
      select b.revenue_cents as before_cents, n.revenue_cents as now_cents
      from account_snapshots b
      join account_snapshots n on n.account_id = b.account_id
        and n.as_of = (select as_of from latest)
      where b.as_of = (select as_of from baseline_snapshot)
        and b.account_id not in (select account_id from engaged)
        and b.account_id is distinct from (select account_id from own)
    )
    select
      (select count(*)::int from engaged_values) as accounts,
      (select coalesce(sum(revenue_cents), 0)::float8 from engaged_values) as "revenueCents",
      (select count(*)::int from engaged_values where before_cents is not null
        and now_cents is not null) as compared,
      (select coalesce(sum(before_cents), 0)::float8 from engaged_values
        where before_cents is not null and now_cents is not null) as "engagedBeforeCents",
      (select coalesce(sum(now_cents), 0)::float8 from engaged_values
        where before_cents is not null and now_cents is not null) as "engagedNowCents",
      (select day::text from baseline) as "baselineDate",
      (select count(*)::int from other_values where before_cents is not null
        and now_cents is not null) as others,
      (select coalesce(sum(before_cents), 0)::float8 from other_values
        where before_cents is not null and now_cents is not null) as "othersBeforeCents",
      (select coalesce(sum(now_cents), 0)::float8 from other_values
        where before_cents is not null and now_cents is not null) as "othersNowCents",
      (select as_of::text from latest) as "latestSnapshot"`);
  return row;
}
