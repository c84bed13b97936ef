import { sql } from "drizzle-orm";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { MIN_COHORT } from "./benchmark.server";

export type Spread = { peers: number; p25: number; median: number; p75: number; below: number };

export type MemberBenchmark = {
  id: string;
  name: string;
  description: string;
  unit: "number" | "percent" | "currency";
  higherIsBetter: boolean;
  /** The member's own account's value, or null when it has none. */
  own: number | null;
  /** Peers in the account's segment; null when there are too few to show. */
  segment: Spread | null;
  /** Every other account; null when too few, or when it would tell the segment's figures apart. */
  everyone: Spread | null;
};

type Row = {
  id: string;
  name: string;
  description: string;
  unit: MemberBenchmark["unit"];
  higher_is_better: boolean;
  own: number | null;
  seg_n: number;
  seg_q: number[] | null;
  seg_below: number;
  all_n: number;
  all_q: number[] | null;
  all_below: number;
};

/**
 * The member's account beside its peers, for every live benchmark, in one query: the spread
 * (quartiles and median) of the other accounts in its segment, and of every other account. A
 * spread is computed by the database only when its cohort holds at least MIN_COHORT peers, and
 * withheld when the two cohorts differ by fewer than MIN_COHORT accounts (else the difference of
 * the two would describe those few). Figures are never sent for a cohort that is withheld.
 */
export async function getMyBenchmarks(viewer: Viewer) {
  if (!viewer.accountId) return { segmentName: null, metrics: [] as MemberBenchmark[] };
  const rows = await db.execute<Row & { segment: string }>(sql`
    with me as (select id, segment from accounts where id = ${viewer.accountId}),
    live as (select * from benchmark_metrics where retired_at is null),
    peers as (
      select v.metric_id, v.value, (a.segment = me.segment and me.segment <> '') as same
      from account_metric_values v
        join live on live.id = v.metric_id
        join accounts a on a.id = v.account_id
        cross join me
      where v.account_id <> me.id
    ),
    own as (
      select v.metric_id, v.value from account_metric_values v join me on v.account_id = me.id
    ),
    figures as (
      select p.metric_id,
        count(*) filter (where p.same)::int as seg_n,
        count(*)::int as all_n,
        percentile_cont(array[0.25, 0.5, 0.75]) within group (order by p.value)
          filter (where p.same) as seg_q,
        percentile_cont(array[0.25, 0.5, 0.75]) within group (order by p.value) as all_q,
        count(*) filter (where p.same and p.value < own.value)::int as seg_below,
        count(*) filter (where p.value < own.value)::int as all_below
      from peers p left join own on own.metric_id = p.metric_id
      group by p.metric_id
    )
    select live.id, live.name, live.description, live.unit, live.higher_is_better,
      own.value as own, me.segment,
      coalesce(f.seg_n, 0) as seg_n, coalesce(f.all_n, 0) as all_n,
      case when coalesce(f.seg_n, 0) >= ${MIN_COHORT} then f.seg_q end as seg_q,
      case when coalesce(f.seg_n, 0) >= ${MIN_COHORT} then f.seg_below else 0 end as seg_below,
      case when coalesce(f.all_n, 0) >= ${MIN_COHORT}
        and (coalesce(f.seg_n, 0) < ${MIN_COHORT} or f.all_n - f.seg_n >= ${MIN_COHORT})
        then f.all_q end as all_q,
      case when coalesce(f.all_n, 0) >= ${MIN_COHORT}
        and (coalesce(f.seg_n, 0) < ${MIN_COHORT} or f.all_n - f.seg_n >= ${MIN_COHORT})
        then f.all_below else 0 end as all_below
    from live cross join me
      left join figures f on f.metric_id = live.id
      left join own on own.metric_id = live.id
    order by live.created_at, live.id`);
  const spread = (n: number, q: number[] | null, below: number): Spread | null =>
    q ? { peers: n, p25: q[0], median: q[1], p75: q[2], below } : null;
  return {
    segmentName: rows[0]?.segment || null,
    metrics: rows.map((row): MemberBenchmark => ({
      id: row.id,
      name: row.name,
      description: row.description,
      unit: row.unit,
      higherIsBetter: row.higher_is_better,
      own: row.own,
      segment: spread(row.seg_n, row.seg_q, row.seg_below),
      // The number of peers in "everyone" is shown only with its figures.
      everyone: spread(row.all_n, row.all_q, row.all_below),
    })),
  };
}
