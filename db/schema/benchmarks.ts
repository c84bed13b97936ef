import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { BENCHMARK_SOURCES, BENCHMARK_UNITS, COMMUNITY_BENCHMARKS } from "./values";

export const benchmarkSource = pgEnum("benchmark_source", BENCHMARK_SOURCES);
export const communityBenchmark = pgEnum("community_benchmark", COMMUNITY_BENCHMARKS);
export const benchmarkUnit = pgEnum("benchmark_unit", BENCHMARK_UNITS);

/**
 * A figure staff compare accounts on: imported per account (adoption, spend per seat) or counted
 * by the community itself (`community` names which). Members see their own account's value beside
 * the spread of their segment's, never a cohort under five (benchmark.server.ts).
 */
export const benchmarkMetrics = pgTable(
  "benchmark_metrics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    source: benchmarkSource("source").notNull(),
    community: communityBenchmark("community"),
    unit: benchmarkUnit("unit").notNull().default("number"),
    higherIsBetter: boolean("higher_is_better").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    check(
      "benchmark_metrics_source",
      sql`(${t.source} = 'community') = (${t.community} is not null)`,
    ),
  ],
);

/** An imported metric's value for one account, as of a date. */
export const accountMetricValues = pgTable(
  "account_metric_values",
  {
    metricId: uuid("metric_id")
      .notNull()
      .references(() => benchmarkMetrics.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    value: doublePrecision("value").notNull(),
    asOf: date("as_of", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.metricId, t.accountId] })],
);

/**
 * Each benchmark's spread per segment and over every account, and each account's place in them,
 * recomputed whole whenever the values under them change (an import, the hourly refresh, a new or
 * retired metric): the member page reads a few rows instead of sorting every account's value.
 * `segment` is null for the cohort of every account.
 */
export const benchmarkCohorts = pgTable(
  "benchmark_cohorts",
  {
    metricId: uuid("metric_id")
      .notNull()
      .references(() => benchmarkMetrics.id, { onDelete: "cascade" }),
    segment: text("segment"),
    accounts: integer("accounts").notNull(),
    p25: doublePrecision("p25").notNull(),
    median: doublePrecision("median").notNull(),
    p75: doublePrecision("p75").notNull(),
  },
  (t) => [unique("benchmark_cohorts_key").on(t.metricId, t.segment).nullsNotDistinct()],
);

export const benchmarkStandings = pgTable(
  "benchmark_standings",
  {
    metricId: uuid("metric_id")
      .notNull()
      .references(() => benchmarkMetrics.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    value: doublePrecision("value").notNull(),
    /** Accounts of its segment, and of all, with a lower value. */
    segmentBelow: integer("segment_below").notNull(),
    allBelow: integer("all_below").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.metricId] })],
);
