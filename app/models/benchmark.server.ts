import { parse } from "csv-parse/sync";
import { asc, eq, sql } from "drizzle-orm";
import { benchmarkMetrics, type COMMUNITY_BENCHMARKS } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db, type Database } from "~/db.server";
import { recordAuditEvent } from "./audit.server";
import { Refusal } from "./refusal.server";

type CommunityBenchmark = (typeof COMMUNITY_BENCHMARKS)[number];
type Executor = Pick<Database, "execute">;

/**
 * A figure is shown only over at least this many peers (accounts other than the member's own),
 * and two figures a member can compare never differ by fewer: docs/decisions/0016.
 */
export const MIN_COHORT = 5;
export const MAX_METRICS = 20;
/** Lines one paste of imported values may hold: checked before anything is parsed. */
export const MAX_IMPORT_LINES = 20_000;
export const MAX_IMPORT_BYTES = 1_000_000;

function requireBenchmarkStaff(actor: Viewer) {
  if (!can(actor, "manage:benchmark:any")) {
    throw new Refusal("Benchmarks are defined by staff.", 403);
  }
}

/** Every metric with how many accounts have a value, for staff. */
export async function listMetricsForStaff(actor: Viewer) {
  requireBenchmarkStaff(actor);
  return db
    .select({
      id: benchmarkMetrics.id,
      name: benchmarkMetrics.name,
      description: benchmarkMetrics.description,
      source: benchmarkMetrics.source,
      community: benchmarkMetrics.community,
      unit: benchmarkMetrics.unit,
      higherIsBetter: benchmarkMetrics.higherIsBetter,
      retiredAt: benchmarkMetrics.retiredAt,
      accounts: sql<number>`(select count(*)::int from account_metric_values v where v.metric_id = ${benchmarkMetrics.id})`,
    })
    .from(benchmarkMetrics)
    .orderBy(asc(benchmarkMetrics.createdAt))
    .limit(100);
}

export type MetricInput = {
  name: string;
  description: string;
  source: "imported" | "community";
  community: CommunityBenchmark | null;
  unit: "number" | "percent" | "currency";
  higherIsBetter: boolean;
};

export async function createMetric(actor: Viewer, input: MetricInput) {
  requireBenchmarkStaff(actor);
  const id = await db.transaction(async (tx) => {
    const [{ live }] = await tx.execute<{ live: number }>(
      sql`select count(*)::int as live from benchmark_metrics where retired_at is null`,
    );
    if (live >= MAX_METRICS) {
      throw new Refusal(`At most ${MAX_METRICS} benchmarks at a time: retire one first.`, 409);
    }
    const [metric] = await tx
      .insert(benchmarkMetrics)
      .values({ ...input, community: input.source === "community" ? input.community : null })
      .returning({ id: benchmarkMetrics.id });
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "benchmark.created",
        targetType: "settings",
        targetId: metric.id,
        details: { name: input.name },
      },
      tx,
    );
    return metric.id;
  });
  if (input.source === "community") await refreshCommunityBenchmarks(db, id);
  return id;
}

export async function setMetricRetired(actor: Viewer, metricId: string, retired: boolean) {
  requireBenchmarkStaff(actor);
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(benchmarkMetrics)
      .set({ retiredAt: retired ? new Date() : null })
      .where(eq(benchmarkMetrics.id, metricId))
      .returning({ name: benchmarkMetrics.name });
    if (changed.length === 0) throw new Refusal("No such benchmark.", 404);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: retired ? "benchmark.retired" : "benchmark.restored",
        targetType: "settings",
        targetId: metricId,
        details: { name: changed[0].name },
      },
      tx,
    );
    await recomputeBenchmarkFigures(tx);
  });
}

/**
 * Values of an imported metric, pasted as CSV lines "account, value" (the account by its
 * external id or its exact name), replacing each named account's value. Every line is checked
 * first; one problem refuses the whole paste, naming the lines.
 */
export async function importMetricValues(actor: Viewer, metricId: string, text: string) {
  requireBenchmarkStaff(actor);
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES) {
    throw new Refusal("Paste at most 1 MB at a time.", 413, "values");
  }
  const [metric] = await db
    .select({ source: benchmarkMetrics.source })
    .from(benchmarkMetrics)
    .where(eq(benchmarkMetrics.id, metricId));
  if (!metric) throw new Refusal("No such benchmark.", 404);
  if (metric.source !== "imported") {
    throw new Refusal("The community counts this benchmark itself.", 409, "values");
  }
  let rows: string[][];
  try {
    rows = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      to: MAX_IMPORT_LINES + 1,
    });
  } catch {
    throw new Refusal("That isn't CSV: one account and one value per line.", 400, "values");
  }
  if (rows.length > MAX_IMPORT_LINES) {
    throw new Refusal(
      `Paste at most ${MAX_IMPORT_LINES.toLocaleString("en")} lines at a time.`,
      413,
      "values",
    );
  }
  const entries = rows.map(([account = "", value = ""], index) => ({
    line: index + 1,
    account: account.slice(0, 200),
    value: Number(value.replace(/[,$%\s]/g, "")),
  }));
  const badValues = entries.filter((entry) => !entry.account || !Number.isFinite(entry.value));
  if (badValues.length > 0) {
    throw new Refusal(
      `Lines ${badValues
        .slice(0, 5)
        .map((e) => e.line)
        .join(", ")} need an account and a number.`,
      400,
      "values",
    );
  }
  return db.transaction(async (tx) => {
    const matched = await tx.execute<{ line: number; account_id: string | null }>(sql`
      select e.line, (select a.id from accounts a
          where a.external_id = e.account or lower(a.name) = lower(e.account)
          order by (a.external_id = e.account) desc nulls last limit 1) as account_id
      from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as e(line int, account text, value float8)`);
    const unknown = matched.filter((row) => row.account_id === null);
    if (unknown.length > 0) {
      throw new Refusal(
        `No account matches lines ${unknown
          .slice(0, 5)
          .map((row) => row.line)
          .join(", ")}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""}.`,
        400,
        "values",
      );
    }
    const saved = await tx.execute<{ account_id: string }>(sql`
      insert into account_metric_values (metric_id, account_id, value, as_of)
      select distinct on (m.account_id) ${metricId}::uuid, m.account_id, e.value, current_date
      from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as e(line int, account text, value float8)
      join jsonb_to_recordset(${JSON.stringify(matched)}::jsonb) as m(line int, account_id uuid)
        on m.line = e.line
      order by m.account_id, e.line desc
      on conflict (metric_id, account_id) do update set value = excluded.value, as_of = excluded.as_of
      returning account_id`);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "benchmark.values_imported",
        targetType: "settings",
        targetId: metricId,
        details: { accounts: saved.length },
      },
      tx,
    );
    await recomputeBenchmarkFigures(tx);
    return saved.length;
  });
}

/**
 * Recomputes every live benchmark's spreads (per segment and over all accounts) and each
 * account's place in them, whole: after an import, the hourly refresh, or a metric made, retired
 * or restored. In one transaction (the caller's when given), so readers see the previous figures
 * until it commits.
 */
export async function recomputeBenchmarkFigures(executor?: Executor): Promise<void> {
  if (!executor) return db.transaction((tx) => recomputeBenchmarkFigures(tx));
  await executor.execute(sql`delete from benchmark_cohorts`);
  await executor.execute(sql`delete from benchmark_standings`);
  await executor.execute(sql`
    insert into benchmark_cohorts (metric_id, segment, accounts, p25, median, p75)
    select metric_id, segment, n, q[1], q[2], q[3] from (
      select v.metric_id,
        case when grouping(a.segment) = 1 then null else a.segment end as segment,
        count(*)::int as n,
        percentile_cont(array[0.25, 0.5, 0.75]::float8[]) within group (order by v.value) as q
      from account_metric_values v
        join benchmark_metrics m on m.id = v.metric_id and m.retired_at is null
        join accounts a on a.id = v.account_id
      group by grouping sets ((v.metric_id, a.segment), (v.metric_id))
    ) cohorts
    -- Accounts without a segment are in no segment's cohort, only in everyone's.
    where segment is null or segment <> ''`);
  await executor.execute(sql`
    insert into benchmark_standings (metric_id, account_id, value, segment_below, all_below)
    select v.metric_id, v.account_id, v.value,
      (rank() over (partition by v.metric_id, a.segment order by v.value) - 1)::int,
      (rank() over (partition by v.metric_id order by v.value) - 1)::int
    from account_metric_values v
      join benchmark_metrics m on m.id = v.metric_id and m.retired_at is null
      join accounts a on a.id = v.account_id`);
}

const COMMUNITY_VALUES: Record<CommunityBenchmark, string> = {
  // Kept hourly by the activity job (account-activity.server.ts).
  active_members_90d: `select account_id, active_90::float8 as value from account_activity_recent`,
  posts_90d: `select account_id, sum(posts)::float8 as value from account_activity_months
    where month >= date_trunc('month', now() - interval '90 days') group by account_id`,
  ideas_shipped: `select u.account_id, count(*)::float8 as value from ideas i
    join threads t on t.id = i.thread_id join users u on u.id = t.author_id
    where i.status = 'shipped' and u.account_id is not null group by u.account_id`,
};

/**
 * The community's own figures for every account, written beside the imported ones so the member
 * page reads one table: run after the hourly activity refresh, and when a metric is made.
 */
export async function refreshCommunityBenchmarks(executor: Executor = db, onlyMetricId?: string) {
  const metrics = await executor.execute<{ id: string; community: CommunityBenchmark }>(sql`
    select id, community from benchmark_metrics
    where source = 'community' and retired_at is null
      ${onlyMetricId ? sql`and id = ${onlyMetricId}` : sql``}`);
  for (const metric of metrics) {
    await executor.execute(sql`
      with fresh as (${sql.raw(COMMUNITY_VALUES[metric.community])}),
      removed as (
        delete from account_metric_values v where v.metric_id = ${metric.id}
          and not exists (select 1 from fresh f where f.account_id = v.account_id)
      )
      insert into account_metric_values (metric_id, account_id, value, as_of)
      select ${metric.id}::uuid, account_id, value, current_date from fresh
      on conflict (metric_id, account_id) do update set value = excluded.value, as_of = excluded.as_of`);
  }
  await recomputeBenchmarkFigures(executor === db ? undefined : executor);
  return metrics.length;
}
