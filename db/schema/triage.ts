import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { posts, threads } from "./forums";
import { users } from "./users";

/**
 * Staff's triage of one inbox entry (a thread, or a post such as a learning's correction or a
 * post flagged "worth a look"): who owns it and when it was reviewed. An entry without a row is
 * new. `entryKey` is "thread:<id>" or "post:<id>", so one row serves every kind.
 */
export const triageStates = pgTable(
  "triage_states",
  {
    entryKey: text("entry_key").primaryKey(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedById: uuid("reviewed_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("triage_states_owner_idx").on(t.ownerId)],
);

/** A post staff flagged for the team's attention, with why. Staff only. */
export const worthALookFlags = pgTable(
  "worth_a_look_flags",
  {
    postId: uuid("post_id")
      .primaryKey()
      .references(() => posts.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    flaggedById: uuid("flagged_by_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("worth_a_look_flags_created_idx").on(t.createdAt)],
);
