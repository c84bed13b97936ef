import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { posts, threads } from "./forums";
import { users } from "./users";
import { IDEA_IMPORTANCES, IDEA_STATUSES } from "./values";

export const ideaStatus = pgEnum("idea_status", IDEA_STATUSES);
export const ideaImportance = pgEnum("idea_importance", IDEA_IMPORTANCES);
export type IdeaStatus = (typeof ideaStatus.enumValues)[number];
export type IdeaImportance = (typeof ideaImportance.enumValues)[number];

/**
 * What an idea adds to its thread (a thread of kind "idea"): its status and its vote count,
 * kept in step with `idea_votes` by the same transaction so boards sort without counting.
 */
export const ideas = pgTable(
  "ideas",
  {
    threadId: uuid("thread_id")
      .primaryKey()
      .references(() => threads.id, { onDelete: "cascade" }),
    status: ideaStatus("status").notNull().default("open"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    voteCount: integer("vote_count").notNull().default(0),
    /**
     * Staff-only: the revenue of the distinct accounts whose people vote for it, kept with the
     * count so the board sorts by value without summing votes. Never selected for members.
     */
    valueCents: bigint("value_cents", { mode: "number" }).notNull().default(0),
    /** Set while this idea is merged into another: its page leads there. */
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => ideas.threadId, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ideas_status_votes_idx").on(t.status, t.voteCount.desc()),
    index("ideas_votes_idx").on(t.voteCount.desc()),
    index("ideas_value_idx").on(t.valueCents.desc()),
    check("ideas_vote_count_nonnegative", sql`${t.voteCount} >= 0`),
  ],
);

/** One vote per member per idea (the primary key makes a double submit one vote). */
export const ideaVotes = pgTable(
  "idea_votes",
  {
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.threadId, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    importance: ideaImportance("importance").notNull(),
    /** A proxy vote: the staff member who recorded it for the member, and what they heard. */
    addedById: uuid("added_by_id").references(() => users.id, { onDelete: "set null" }),
    proxyNote: text("proxy_note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.userId] }),
    index("idea_votes_user_idx").on(t.userId),
    index("idea_votes_created_idx").on(t.ideaId, t.createdAt),
    // The board's "trending": votes of the last days, counted per idea.
    index("idea_votes_recent_idx").on(t.createdAt, t.ideaId),
  ],
);

/** Every status an idea has had, who set it and the staff reply that explained it, if any. */
export const ideaStatusChanges = pgTable(
  "idea_status_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.threadId, { onDelete: "cascade" }),
    fromStatus: ideaStatus("from_status").notNull(),
    toStatus: ideaStatus("to_status").notNull(),
    changedById: uuid("changed_by_id").references(() => users.id, { onDelete: "set null" }),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("idea_status_changes_idea_idx").on(t.ideaId, t.createdAt),
    index("idea_status_changes_recent_idx").on(t.createdAt.desc()),
  ],
);

/**
 * Idea A merged into idea B by staff, with everything needed to undo it: the votes A had (in
 * `idea_merge_votes`) and, for voters who had voted for both, their vote on B before the merge.
 */
export const ideaMerges = pgTable(
  "idea_merges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fromIdeaId: uuid("from_idea_id")
      .notNull()
      .references(() => ideas.threadId, { onDelete: "cascade" }),
    intoIdeaId: uuid("into_idea_id")
      .notNull()
      .references(() => ideas.threadId, { onDelete: "cascade" }),
    mergedById: uuid("merged_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp("undone_at", { withTimezone: true }),
    undoneById: uuid("undone_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("idea_merges_from_idx").on(t.fromIdeaId),
    index("idea_merges_into_idx").on(t.intoIdeaId),
  ],
);

export const ideaMergeVotes = pgTable(
  "idea_merge_votes",
  {
    mergeId: uuid("merge_id")
      .notNull()
      .references(() => ideaMerges.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    importance: ideaImportance("importance").notNull(),
    addedById: uuid("added_by_id").references(() => users.id, { onDelete: "set null" }),
    proxyNote: text("proxy_note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
    /** The voter's vote on the target before the merge, if they had one. */
    targetImportanceBefore: ideaImportance("target_importance_before"),
  },
  (t) => [primaryKey({ columns: [t.mergeId, t.userId] })],
);
