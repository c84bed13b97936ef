import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts, type ValueTier } from "./accounts";
import { accountImports } from "./account-imports";
import { invitations } from "./auth";
import { users } from "./users";
import { LAPSED_ACTIONS, LAPSED_SIGNALS, MEMBERSHIP_INVITATION_STATES } from "./values";

export const lapsedSignal = pgEnum("lapsed_signal", LAPSED_SIGNALS);
export const lapsedAction = pgEnum("lapsed_action", LAPSED_ACTIONS);
export const membershipInvitationState = pgEnum(
  "membership_invitation_state",
  MEMBERSHIP_INVITATION_STATES,
);

/**
 * Every account's values, revenue rank and tier as of each snapshot date (its latest snapshot on
 * or before it), kept by account-standing.server.ts whenever snapshots change, so the insight
 * pages read a tier history instead of ranking every account on every request.
 */
export const accountStandings = pgTable(
  "account_standings",
  {
    asOf: date("as_of", { mode: "string" }).notNull(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    revenueCents: bigint("revenue_cents", { mode: "number" }).notNull(),
    grossProfitCents: bigint("gross_profit_cents", { mode: "number" }).notNull(),
    lifetimeValueCents: bigint("lifetime_value_cents", { mode: "number" }).notNull(),
    revenueRank: integer("revenue_rank").notNull(),
    tier: text("tier").$type<ValueTier>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.asOf, t.accountId] }),
    index("account_standings_account_idx").on(t.accountId, t.asOf),
    check("account_standings_tier", sql`${t.tier} in ('top1', 'top10', 'rest')`),
  ],
);

/** Each time an account's live tier changed, and what the app did about its people. */
export const accountTierChanges = pgTable(
  "account_tier_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    fromTier: text("from_tier").$type<ValueTier>().notNull(),
    toTier: text("to_tier").$type<ValueTier>().notNull(),
    importId: uuid("import_id").references(() => accountImports.id, { onDelete: "set null" }),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("account_tier_changes_account_idx").on(t.accountId, t.changedAt)],
);

/** Invitations prepared for a top-tier account's contact emails, for an admin to send or put aside. */
export const membershipInvitations = pgTable(
  "membership_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tierChangeId: uuid("tier_change_id").references(() => accountTierChanges.id, {
      onDelete: "set null",
    }),
    state: membershipInvitationState("state").notNull().default("prepared"),
    invitationId: uuid("invitation_id").references(() => invitations.id, { onDelete: "set null" }),
    decidedById: uuid("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("membership_invitations_prepared_key")
      .on(t.accountId, sql`lower(${t.email})`)
      .where(sql`${t.state} = 'prepared'`),
    index("membership_invitations_state_idx").on(t.state, t.createdAt),
  ],
);

/**
 * An account or a member on the lapsed list, with the signal that put it there. One row per
 * subject and signal: detection refreshes it, and a handled entry reopens when the signal returns
 * after it was handled (`signalSince` later than `handledAt`).
 */
export const lapsedEntries = pgTable(
  "lapsed_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** Null for an account's own signal; a member of the account for a member's. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    signal: lapsedSignal("signal").notNull(),
    /** When the current episode of the signal began (the snapshot it fell out, the last activity). */
    signalSince: timestamp("signal_since", { withTimezone: true }).notNull(),
    /** What the signal saw, for its explanation ("top 1% on 2026-06-30, rest on 2026-09-30"). */
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    /** Whether the last detection still saw the signal. */
    active: boolean("active").notNull().default(true),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    handledAt: timestamp("handled_at", { withTimezone: true }),
    handledById: uuid("handled_by_id").references(() => users.id, { onDelete: "set null" }),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("lapsed_entries_subject_key").on(
      t.accountId,
      sql`coalesce(${t.userId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.signal,
    ),
    index("lapsed_entries_open_idx").on(t.handledAt, t.signalSince),
  ],
);

/** What staff did about a lapsed entry: its history, shown with the entry. */
export const lapsedEntryEvents = pgTable(
  "lapsed_entry_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => lapsedEntries.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: lapsedAction("action").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("lapsed_entry_events_entry_idx").on(t.entryId, t.createdAt)],
);

/** Reusable emails staff send to a lapsed account's people; placeholders are filled per person. */
export const emailTemplates = pgTable("email_templates", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  updatedById: uuid("updated_by_id").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Each account's community activity per calendar month (UTC): how many of its members were active
 * and what they did. Kept by `refresh_account_activity(since)` (an hourly job redoes the current
 * and previous month), so comparing groups of accounts reads months, not every post.
 */
export const accountActivityMonths = pgTable(
  "account_activity_months",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    activeMembers: integer("active_members").notNull(),
    /** New threads other than ideas (discussions, insights, proposals, learnings). */
    posts: integer("posts").notNull(),
    ideas: integer("ideas").notNull(),
    replies: integer("replies").notNull(),
    votes: integer("votes").notNull(),
    reactions: integer("reactions").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.month] })],
);

/** Each account's members and how many were active in the last 30 and 90 days, as of `computedAt`. */
export const accountActivityRecent = pgTable("account_activity_recent", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id, { onDelete: "cascade" }),
  members: integer("members").notNull(),
  active30: integer("active_30").notNull(),
  active90: integer("active_90").notNull(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
});
