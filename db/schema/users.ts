import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  smallint,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { USER_ROLES, USER_STATUSES } from "./values";

export const userRole = pgEnum("user_role", USER_ROLES);
export const userStatus = pgEnum("user_status", USER_STATUSES);
export type UserRole = (typeof userRole.enumValues)[number];
export type UserStatus = (typeof userStatus.enumValues)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased; the unique index makes the comparison case-insensitive either way. */
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    handle: text("handle").notNull(),
    role: userRole("role").notNull().default("member"),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "restrict" }),
    status: userStatus("status").notNull().default("active"),
    bio: text("bio").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    /** When the person put away the first-run welcome (it also goes once its steps are done). */
    welcomeDismissedAt: timestamp("welcome_dismissed_at", { withTimezone: true }),
    /** Whether other members see this person's name among an idea's voters (staff always do). */
    showVotes: boolean("show_votes").notNull().default(false),
    /** 0–3, recalculated by a job from tenure and activity; loosens posting limits. */
    trustLevel: smallint("trust_level").notNull().default(0),
    /** Silenced: reads, cannot post. Until null with silencedAt set means indefinitely. */
    silencedAt: timestamp("silenced_at", { withTimezone: true }),
    silencedUntil: timestamp("silenced_until", { withTimezone: true }),
    silenceReason: text("silence_reason"),
    /** With status "suspended": when it ends (null: indefinitely) and why, shown at sign-in. */
    suspendedUntil: timestamp("suspended_until", { withTimezone: true }),
    suspensionReason: text("suspension_reason"),
    /** Set when the person's account left the top tiers: they keep what is open to all members. */
    alumniSince: timestamp("alumni_since", { withTimezone: true }),
    /**
     * Set when the person left (account-deletion.server.ts): the row stays, emptied of everything
     * that names them, so their votes keep counting and what they wrote reads "a former member".
     */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_handle_key").on(sql`lower(${t.handle})`),
    index("users_account_id_idx").on(t.accountId),
    // Staff, moderators and admins are a handful among many members: lists of them (owners,
    // assignees, mentions of staff) read this instead of every member.
    index("users_role_idx").on(t.role),
    // The member directory's order (staff's API and exports read it a page at a time).
    index("users_display_name_idx").on(t.displayName, t.id),
    check("users_member_has_account", sql`${t.role} <> 'member' or ${t.accountId} is not null`),
    check("users_handle_format", sql`${t.handle} ~ '^[a-zA-Z0-9_-]{2,30}$'`),
    check("users_trust_level_range", sql`${t.trustLevel} between 0 and 3`),
  ],
);

/** Kept apart from users so no query that lists people can ever carry a hash along. */
export const passwordHashes = pgTable("password_hashes", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  hash: text("hash").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
