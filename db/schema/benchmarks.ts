import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
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
