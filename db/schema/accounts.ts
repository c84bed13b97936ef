import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  integer,
  pgTable,
  pgView,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { threads } from "./forums";
import { users } from "./users";
import { VALUE_MEMBERSHIP_MODES } from "./values";

/** A customer organization. Money is kept in whole cents so sums are exact. */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    externalId: text("external_id"),
    segment: text("segment").notNull().default(""),
    revenueCents: bigint("revenue_cents", { mode: "number" }).notNull().default(0),
    grossProfitCents: bigint("gross_profit_cents", { mode: "number" }).notNull().default(0),
    lifetimeValueCents: bigint("lifetime_value_cents", { mode: "number" }).notNull().default(0),
    customerSince: date("customer_since", { mode: "string" }),
    region: text("region").notNull().default(""),
    renewalDate: date("renewal_date", { mode: "string" }),
    /** The staff member who owns the relationship. */
    ownerId: uuid("owner_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    acquisitionSource: text("acquisition_source").notNull().default(""),
    firstProduct: text("first_product").notNull().default(""),
    products: text("products")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Where to send invitations when the account's people are invited (never shown to members). */
    contactEmails: text("contact_emails")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * The tier the app last acted on for this account's people (invitations, alumni). When the
     * live tier (account_tiers) differs, account-tier-change.server.ts records and acts on it.
     */
    settledTier: text("settled_tier").$type<ValueTier>().notNull().default("rest"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("accounts_settled_tier", sql`${t.settledTier} in ('top1', 'top10', 'rest')`),
    uniqueIndex("accounts_external_id_key").on(t.externalId),
    uniqueIndex("accounts_name_key").on(sql`lower(${t.name})`),
    check("accounts_revenue_non_negative", sql`${t.revenueCents} >= 0`),
    check("accounts_ltv_non_negative", sql`${t.lifetimeValueCents} >= 0`),
  ],
);

/**
 * Community-wide settings: exactly one row (id = 1). Tier cut points are percentages of accounts
 * ranked by revenue, so "top 1%" means the first ceil(1% × accounts) accounts.
 */
export const communitySettings = pgTable(
  "community_settings",
  {
    id: integer("id").primaryKey().default(1),
    topTierPercent: doublePrecision("top_tier_percent").notNull().default(1),
    highTierPercent: doublePrecision("high_tier_percent").notNull().default(10),
    /** The thread where new members introduce themselves, linked from their first-run welcome. */
    welcomeThreadId: uuid("welcome_thread_id").references((): AnyPgColumn => threads.id, {
      onDelete: "set null",
    }),
    /** Flags from this many different members (trust level 1 or more) hide content for review. */
    flagsToHide: integer("flags_to_hide").notNull().default(3),
    /** What an account entering the top tiers does: nothing, invitations to review, or invitations sent. */
    valueMembership: text("value_membership")
      .$type<(typeof VALUE_MEMBERSHIP_MODES)[number]>()
      .notNull()
      .default("off"),
    /**
     * Hosts webhooks may reach although they resolve to a private, loopback or link-local
     * address: an admin's named exception, for a receiver on the company's own network or a test.
     */
    webhookAllowedHosts: text("webhook_allowed_hosts")
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** Staff and admins sign in only through single sign-on (while it is configured). */
    staffSsoRequired: boolean("staff_sso_required").notNull().default(false),
    /** Members may sign in through single sign-on too (matched by verified email, never created). */
    memberSsoAllowed: boolean("member_sso_allowed").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("community_settings_flags_to_hide", sql`${t.flagsToHide} between 1 and 50`),
    check(
      "community_settings_value_membership",
      sql`${t.valueMembership} in ('off', 'review', 'send')`,
    ),
    check("community_settings_single_row", sql`${t.id} = 1`),
    check(
      "community_settings_tier_order",
      sql`${t.topTierPercent} > 0 and ${t.topTierPercent} < ${t.highTierPercent} and ${t.highTierPercent} <= 100`,
    ),
  ],
);

export const valueTiers = ["top1", "top10", "rest"] as const;
export type ValueTier = (typeof valueTiers)[number];

/**
 * Value tier per account, computed from revenue rank and the configured cut points (defined in
 * the migration "account_tiers_view"), so a tier is never typed in and never stale.
 */
export const accountTiers = pgView("account_tiers", {
  accountId: uuid("account_id").notNull(),
  revenueRank: bigint("revenue_rank", { mode: "number" }).notNull(),
  tier: text("tier").$type<ValueTier>().notNull(),
}).existing();
