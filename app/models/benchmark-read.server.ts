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
  segment: string;
  seg_peers: number | null;
  seg_p25: number | null;
  seg_median: number | null;
  seg_p75: number | null;
  seg_below: number | null;
  all_peers: number | null;
  all_p25: number | null;
  all_median: number | null;
  all_p75: number | null;
  all_below: number | null;
};

/**
 * The member's account beside its peers, for every live benchmark, in one query over the kept
 * figures (benchmark.server.ts recomputes them when values change): the spread of the accounts of
 * its segment and of every account, and how many of the others are lower. A spread is sent only
 * when at least MIN_COHORT accounts other than the member's own stand behind it, and the wider
 * one is withheld when the two differ by fewer than MIN_COHORT accounts (else the difference of
 * the two would describe those few). Nothing of a withheld cohort leaves the database.
 */
export async function getMyBenchmarks(viewer: Viewer) {
  if (!viewer.accountId) return { segmentName: null, metrics: [] as MemberBenchmark[] };
  const rows = await db.execute<Row>(sql`
    with me as (select id, segment from accounts where id = ${viewer.accountId}),
    figures as (
      select m.id, m.name, m.description, m.unit, m.higher_is_better, m.created_at,
        st.value as own, me.segment, st.segment_below, st.all_below,
        sc.accounts - (st.value is not null)::int as seg_peers, sc.accounts as seg_n,
        sc.p25 as seg_p25, sc.median as seg_median, sc.p75 as seg_p75,
        ac.accounts - (st.value is not null)::int as all_peers, ac.accounts as all_n,
        ac.p25 as all_p25, ac.median as all_median, ac.p75 as all_p75
      from benchmark_metrics m cross join me
        left join benchmark_standings st on st.metric_id = m.id and st.account_id = me.id
        left join benchmark_cohorts sc on sc.metric_id = m.id and me.segment <> ''
          and sc.segment = me.segment
        left join benchmark_cohorts ac on ac.metric_id = m.id and ac.segment is null
      where m.retired_at is null
    ),
    shown as (
      select *, coalesce(seg_peers, 0) >= ${MIN_COHORT} as seg_shown,
        coalesce(all_peers, 0) >= ${MIN_COHORT} and (coalesce(seg_peers, 0) < ${MIN_COHORT}
          or all_n - seg_n >= ${MIN_COHORT}) as all_shown
      from figures
    )
    select id, name, description, unit, higher_is_better, own, segment,
      case when seg_shown then seg_peers end as seg_peers,
      case when seg_shown then seg_p25 end as seg_p25,
      case when seg_shown then seg_median end as seg_median,
      case when seg_shown then seg_p75 end as seg_p75,
      case when seg_shown then segment_below end as seg_below,
      case when all_shown then all_peers end as all_peers,
      case when all_shown then all_p25 end as all_p25,
      case when all_shown then all_median end as all_median,
      case when all_shown then all_p75 end as all_p75,
      case when all_shown then all_below end as all_below
    from shown
    order by created_at, id`);
  const spread = (
    peers: number | null,
    p25: number | null,
    median: number | null,
    p75: number | null,
    below: number | null,
  ): Spread | null =>
    peers === null || p25 === null || median === null || p75 === null
      ? null
      : { peers, p25, median, p75, below: below ?? 0 };
  // Every row carries the account's segment; without benchmarks there is no row to read it from.
  const segmentName =
    rows[0]?.segment ??
    (
      await db.execute<{ segment: string }>(
        sql`select segment from accounts where id = ${viewer.accountId}`,
      )
    )[0]?.segment;
  return {
    segmentName: segmentName || null,
    metrics: rows.map((row): MemberBenchmark => ({
      id: row.id,
      name: row.name,
      description: row.description,
      unit: row.unit,
      higherIsBetter: row.higher_is_better,
      own: row.own,
      segment: spread(row.seg_peers, row.seg_p25, row.seg_median, row.seg_p75, row.seg_below),
      everyone: spread(row.all_peers, row.all_p25, row.all_median, row.all_p75, row.all_below),
    })),
  };
}
