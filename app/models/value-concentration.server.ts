import { sql } from "drizzle-orm";
import { accounts, accountSnapshots, accountStandings, communitySettings } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/**
 * How concentrated customer value is, as of a snapshot date: the share the top 1/2/5/10/20% of
 * accounts hold of revenue, gross profit and lifetime value, the Lorenz curve and Gini
 * coefficient, the tier cut points, and the top-tier accounts. An account's value as of a date
 * is its latest snapshot on or before it, so every date shows every account then known.
 * Aggregated in SQL: the query count does not grow with the number of accounts.
 */

export const VALUE_MEASURES = ["revenue", "grossProfit", "lifetimeValue"] as const;
export type ValueMeasure = (typeof VALUE_MEASURES)[number];
export const TOP_SHARES = [1, 2, 5, 10, 20] as const;
const SNAPSHOT_DATES_SHOWN = 24;
const TOP_ACCOUNTS_SHOWN = 200;

const COLUMN: Record<ValueMeasure, string> = {
  revenue: "revenue_cents",
  grossProfit: "gross_profit_cents",
  lifetimeValue: "lifetime_value_cents",
};

export type MeasureConcentration = {
  measure: ValueMeasure;
  accounts: number;
  totalCents: number;
  /** Share of the total held by the top p% of accounts, by TOP_SHARES. */
  topShares: Record<(typeof TOP_SHARES)[number], number>;
  gini: number;
  /** Cumulative share of the total held by the bottom k% of accounts, k = 0…100. */
  lorenz: { accountShare: number; valueShare: number }[];
  /** The smallest value inside the top tier and inside the high tier (the cut points). */
  cutPoints: { top: number; high: number };
};

function requireValueReader(viewer: Viewer) {
  if (!can(viewer, "read:account:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
}

/** The dates with snapshots, newest first. */
export async function listSnapshotDates(viewer: Viewer): Promise<string[]> {
  requireValueReader(viewer);
  const rows = await db
    .selectDistinct({ asOf: accountSnapshots.asOf })
    .from(accountSnapshots)
    .orderBy(sql`${accountSnapshots.asOf} desc`)
    .limit(SNAPSHOT_DATES_SHOWN);
  return rows.map((row) => row.asOf);
}

/** Every account's values as of `asOf`: its latest snapshot on or before that date (kept in account_standings). */
function valuesAsOf(asOf: string) {
  return sql`(select s.account_id, s.revenue_cents, s.gross_profit_cents, s.lifetime_value_cents
    from ${accountStandings} s where s.as_of = ${asOf}::date)`;
}

async function tierPercents() {
  const [settings] = await db
    .select({ top: communitySettings.topTierPercent, high: communitySettings.highTierPercent })
    .from(communitySettings);
  return { top: settings?.top ?? 1, high: settings?.high ?? 10 };
}

/** The three measures' concentration as of a date, in one query. */
export async function getConcentration(
  viewer: Viewer,
  asOf: string,
): Promise<MeasureConcentration[]> {
  requireValueReader(viewer);
  const tiers = await tierPercents();
  const measures = sql.raw(
    VALUE_MEASURES.map((measure) => `('${measure}', v.${COLUMN[measure]}::float8)`).join(", "),
  );
  const rows = await db.execute<{
    measure: ValueMeasure;
    accounts: number;
    total: number;
    shares: number[];
    gini: number | null;
    cut_top: number | null;
    cut_high: number | null;
    lorenz: { k: number; share: number }[] | null;
  }>(sql`
    with v as ${valuesAsOf(asOf)},
    m as (select x.measure, x.value from v cross join lateral (values ${measures}) as x(measure, value)),
    ranked as (
      select measure, value,
        row_number() over (partition by measure order by value desc) as rank_desc,
        row_number() over (partition by measure order by value asc) as rank_asc,
        count(*) over (partition by measure) as n,
        sum(value) over (partition by measure) as total,
        sum(value) over (partition by measure order by value asc
          rows between unbounded preceding and current row) as cumulative
      from m
    ),
    lorenz as (
      select measure, ceil(rank_asc * 100.0 / n)::int as k, max(cumulative) / nullif(max(total), 0) as share
      from ranked group by measure, 2
    )
    select r.measure, max(r.n)::int as accounts, coalesce(max(r.total), 0)::float8 as total,
      array[${sql.join(
        TOP_SHARES.map(
          (percent) =>
            sql`coalesce(sum(r.value) filter (where r.rank_desc <= ceil(${percent / 100}::float8 * r.n)) / nullif(max(r.total), 0), 0)::float8`,
        ),
        sql`, `,
      )}] as shares,
      (1 - 2 * sum(r.cumulative - r.value / 2) / nullif(max(r.n) * max(r.total), 0))::float8 as gini,
      min(r.value) filter (where r.rank_desc <= ceil(${tiers.top / 100}::float8 * r.n))::float8 as cut_top,
      min(r.value) filter (where r.rank_desc <= ceil(${tiers.high / 100}::float8 * r.n))::float8 as cut_high,
      (select json_agg(json_build_object('k', l.k, 'share', l.share) order by l.k)
        from lorenz l where l.measure = r.measure) as lorenz
    from ranked r group by r.measure`);
  const byMeasure = new Map(rows.map((row) => [row.measure, row]));
  return VALUE_MEASURES.map((measure) => {
    const row = byMeasure.get(measure);
    return {
      measure,
      accounts: row?.accounts ?? 0,
      totalCents: row?.total ?? 0,
      topShares: Object.fromEntries(
        TOP_SHARES.map((percent, index) => [percent, row?.shares[index] ?? 0]),
      ) as MeasureConcentration["topShares"],
      gini: row?.gini ?? 0,
      lorenz: [
        { accountShare: 0, valueShare: 0 },
        ...(row?.lorenz ?? []).map((point) => ({
          accountShare: point.k / 100,
          valueShare: Number(point.share ?? 0),
        })),
      ],
      cutPoints: { top: row?.cut_top ?? 0, high: row?.cut_high ?? 0 },
    };
  });
}

/** The accounts in the top tier as of a date, by revenue, with their share of it. */
export async function listTopTierAccounts(viewer: Viewer, asOf: string) {
  requireValueReader(viewer);
  const tiers = await tierPercents();
  const rows = await db.execute<{
    id: string;
    name: string;
    segment: string;
    revenue_cents: number;
    lifetime_value_cents: number;
    share: number;
  }>(sql`
    with v as ${valuesAsOf(asOf)},
    ranked as (
      select v.*, row_number() over (order by v.revenue_cents desc, v.account_id) as rank,
        count(*) over () as n, sum(v.revenue_cents) over () as total
      from v
    )
    select a.id, a.name, a.segment, r.revenue_cents::float8 as revenue_cents,
      r.lifetime_value_cents::float8 as lifetime_value_cents,
      (r.revenue_cents / nullif(r.total, 0))::float8 as share
    from ranked r join ${accounts} a on a.id = r.account_id
    where r.rank <= ceil(${tiers.top / 100}::float8 * r.n)
    order by r.rank limit ${TOP_ACCOUNTS_SHOWN}`);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    segment: row.segment,
    revenueCents: row.revenue_cents,
    lifetimeValueCents: row.lifetime_value_cents,
    share: row.share ?? 0,
  }));
}
