import { sql } from "drizzle-orm";
import {
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  date,
} from "drizzle-orm/pg-core";
import { posts, threads } from "./forums";
import { users } from "./users";
import {
  APPEAL_STATUSES,
  FLAG_REASONS,
  FLAG_STATUSES,
  FLAG_TARGET_TYPES,
  REVIEW_STATUSES,
  WATCHED_WORD_ACTIONS,
} from "./values";

export const flagReason = pgEnum("flag_reason", FLAG_REASONS);
export const flagTargetType = pgEnum("flag_target_type", FLAG_TARGET_TYPES);
export const reviewStatus = pgEnum("review_status", REVIEW_STATUSES);
export const flagStatus = pgEnum("flag_status", FLAG_STATUSES);
export const watchedWordAction = pgEnum("watched_word_action", WATCHED_WORD_ACTIONS);
export const appealStatus = pgEnum("appeal_status", APPEAL_STATUSES);
export type FlagReason = (typeof flagReason.enumValues)[number];
export type FlagTargetType = (typeof flagTargetType.enumValues)[number];

/**
 * One thing waiting for a moderator's decision: flagged content (all its flags point here) or
 * content held for review. At most one pending review per target, so the queue groups by target
 * without grouping at read time.
 */
export const moderationReviews = pgTable(
  "moderation_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** "post:<id>", "thread:<id>" or "user:<id>": one pending review per key. */
    targetKey: text("target_key").notNull(),
    targetType: flagTargetType("target_type").notNull(),
    /** The post (a thread's opening post for a thread), or null for a profile. */
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id").references(() => threads.id, { onDelete: "cascade" }),
    /** The content's author, or the flagged profile's owner. */
    subjectUserId: uuid("subject_user_id").references(() => users.id, { onDelete: "cascade" }),
    status: reviewStatus("status").notNull().default("pending"),
    /** Why the content waits hidden: a watched word, enough flags, a trusted member's spam flag. */
    heldReason: text("held_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The latest flag or hold, so the queue shows the freshest first. */
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedById: uuid("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
    /** What the moderator did, in words the flaggers read ("Hidden", "No action needed"). */
    resolution: text("resolution"),
  },
  (t) => [
    uniqueIndex("moderation_reviews_pending_target_key")
      .on(t.targetKey)
      .where(sql`${t.status} = 'pending'`),
    // The queue's order, freshest first with a stable tiebreak, read straight off the index.
    index("moderation_reviews_pending_idx")
      .on(t.lastActivityAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'pending'`),
    index("moderation_reviews_subject_idx").on(t.subjectUserId, t.createdAt.desc()),
  ],
);

/** One member's flag on a review's target; one open flag per member per target. */
export const flags = pgTable(
  "flags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => moderationReviews.id, { onDelete: "cascade" }),
    flaggerId: uuid("flagger_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: flagReason("reason").notNull(),
    note: text("note"),
    status: flagStatus("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("flags_review_flagger_key").on(t.reviewId, t.flaggerId),
    index("flags_flagger_idx").on(t.flaggerId, t.createdAt.desc()),
  ],
);

/** Words that block a post, or hold it for a moderator. Matched as whole words or phrases. */
export const watchedWords = pgTable(
  "watched_words",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Lower-cased, single spaces. */
    phrase: text("phrase").notNull(),
    action: watchedWordAction("action").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("watched_words_phrase_key").on(t.phrase)],
);

/**
 * What a moderator did to someone's content, told to them with the reason. Its messages are the
 * private conversation in which the author can appeal.
 */
export const moderationNotices = pgTable(
  "moderation_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** hidden, removed, edited, moved, silenced, suspended. */
    action: text("action").notNull(),
    reason: text("reason").notNull(),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "set null" }),
    threadId: uuid("thread_id").references(() => threads.id, { onDelete: "set null" }),
    /** What it was about, kept in words in case the content goes. */
    subject: text("subject").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null until the author replies; open while the moderators owe an answer. */
    appealStatus: appealStatus("appeal_status"),
    appealUpdatedAt: timestamp("appeal_updated_at", { withTimezone: true }),
  },
  (t) => [
    index("moderation_notices_user_idx").on(t.userId, t.createdAt.desc()),
    index("moderation_notices_open_appeals_idx")
      .on(t.appealUpdatedAt.desc())
      .where(sql`${t.appealStatus} = 'open'`),
  ],
);

export const noticeMessages = pgTable(
  "notice_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    noticeId: uuid("notice_id")
      .notNull()
      .references(() => moderationNotices.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notice_messages_notice_idx").on(t.noticeId, t.createdAt)],
);

/** The days each person visited, one row a day: trust levels count them. */
export const userVisitDays = pgTable(
  "user_visit_days",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
