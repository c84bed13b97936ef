import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { users } from "./users";
import { INTERACTION_KINDS, type VALUE_TIERS } from "./values";

export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** The parameters a run used, written on the influence page beside its figures. */
export type InfluenceParameters = {
  damping: number;
  halfLifeDays: number;
  reachDays: number;
  weights: Record<InteractionKind, number>;
};

/**
 * One computation of the interaction graph and everyone's influence (influence.server.ts). A
 * run is read only once `completedAt` is set, so a page never shows half a run; older runs stay
 * as the history of scores.
 */
export const influenceRuns = pgTable(
  "influence_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    parameters: jsonb("parameters").$type<InfluenceParameters>().notNull(),
    interactions: integer("interactions").notNull().default(0),
    edges: integer("edges").notNull().default(0),
    members: integer("members").notNull().default(0),
    iterations: integer("iterations").notNull().default(0),
    durationMs: integer("duration_ms").notNull().default(0),
  },
  (t) => [index("influence_runs_completed_idx").on(t.completedAt.desc())],
);

/**
 * The interaction graph of a run: who engaged with whose content, by kind, with the decayed
 * weight of those interactions. Only the latest completed run's edges are kept.
 *
 * Derived data, rewritten whole by each run (millions of rows): the table is UNLOGGED (written
 * without the WAL; after a crash it is empty until the next run, and the scores, which are
 * logged, stay) and has no foreign keys, whose checks cost more than the rest of the insert. The
 * job deletes the edges of earlier runs; pages join users, so a deleted member's edges show
 * nothing and are gone at the next run.
 */
export const influenceEdges = pgTable(
  "influence_edges",
  {
    runId: uuid("run_id").notNull(),
    sourceId: uuid("source_id").notNull(),
    targetId: uuid("target_id").notNull(),
    kind: text("kind").$type<InteractionKind>().notNull(),
    interactions: integer("interactions").notNull(),
    weight: doublePrecision("weight").notNull(),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull(),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.targetId, t.sourceId, t.kind] }),
    index("influence_edges_source_idx").on(t.runId, t.sourceId),
    check("influence_edges_not_self", sql`${t.sourceId} <> ${t.targetId}`),
    check(
      "influence_edges_kind",
      sql.raw(`kind in (${INTERACTION_KINDS.map((kind) => `'${kind}'`).join(", ")})`),
    ),
  ],
);

/**
 * A member's influence in a run: the PageRank of the graph scaled so that 1 is the average
 * member in it, the rank by it, the reach of the last 90 days, their account's tier then, and
 * their power three ways (influence-power.server.ts), so that pages read them rather than count.
 */
export const memberInfluence = pgTable(
  "member_influence",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => influenceRuns.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    score: doublePrecision("score").notNull(),
    rank: integer("rank").notNull(),
    reachMembers: integer("reach_members").notNull(),
    reachAccounts: integer("reach_accounts").notNull(),
    /** Their account's value tier at the run; null without an account. */
    accountTier: text("account_tier").$type<(typeof VALUE_TIERS)[number]>(),
    referent: integer("referent").notNull().default(0),
    informational: integer("informational").notNull().default(0),
    expert: integer("expert").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.userId] }),
    index("member_influence_rank_idx").on(t.runId, t.rank),
    index("member_influence_user_idx").on(t.userId, t.runId),
  ],
);

/** An account's influence in a run: the sum of its members' scores, ranked, and its reach. */
export const accountInfluence = pgTable(
  "account_influence",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => influenceRuns.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    score: doublePrecision("score").notNull(),
    rank: integer("rank").notNull(),
    members: integer("members").notNull(),
    reachMembers: integer("reach_members").notNull(),
    reachAccounts: integer("reach_accounts").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.accountId] }),
    index("account_influence_rank_idx").on(t.runId, t.rank),
  ],
);

/**
 * Whom the people of top-1% accounts engage with most outside their own account, in a run: their
 * role models, the strongest first, with the engagement behind them and the top-1% people who
 * engage most (influence-people.server.ts). Computed by the run, as reading it from the graph
 * took seconds.
 */
export const influenceRoleModels = pgTable(
  "influence_role_models",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => influenceRuns.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    followers: integer("followers").notNull(),
    interactions: integer("interactions").notNull(),
    weight: doublePrecision("weight").notNull(),
    kinds: jsonb("kinds").$type<{ kind: InteractionKind; interactions: number }[]>().notNull(),
    engagedBy: uuid("engaged_by").array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.userId] }),
    index("influence_role_models_position_idx").on(t.runId, t.position),
  ],
);
