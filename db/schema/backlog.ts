import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
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
import { posts, threads } from "./forums";
import { tags } from "./tags";
import { trackerIntegrations } from "./trackers";
import { users } from "./users";
import { BACKLOG_STATUSES, CREDIT_CHOICES, EVIDENCE_KINDS } from "./values";

export const backlogStatus = pgEnum("backlog_status", BACKLOG_STATUSES);
export const evidenceKind = pgEnum("evidence_kind", EVIDENCE_KINDS);
export type BacklogStatus = (typeof backlogStatus.enumValues)[number];
export type EvidenceKind = (typeof evidenceKind.enumValues)[number];
export type CreditChoice = (typeof CREDIT_CHOICES)[number];

/**
 * A piece of work the product team may do, backed by evidence from the community. The demand
 * columns are derived from the evidence (see `refreshBacklogDemand`) and kept with the item so
 * the backlog sorts and filters by them without aggregating votes on every page view.
 */
export const backlogItems = pgTable(
  "backlog_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    description: jsonb("description").$type<Record<string, unknown>>(),
    descriptionHtml: text("description_html").notNull().default(""),
    descriptionText: text("description_text").notNull().default(""),
    status: backlogStatus("status").notNull().default("triage"),
    ownerId: uuid("owner_id").references(() => users.id, { onDelete: "set null" }),
    /** Free text such as "Q3" or "Spring release". */
    target: text("target").notNull().default(""),
    /** Where the work is tracked (a Jira or Linear issue). */
    externalUrl: text("external_url"),
    /** Set when externalUrl is an issue of a configured tracker: the item follows that issue. */
    trackerIntegrationId: uuid("tracker_integration_id").references(() => trackerIntegrations.id, {
      onDelete: "set null",
    }),
    trackerIssueKey: text("tracker_issue_key"),
    /** The issue as its tracker last told us (title and status name). */
    trackerIssueTitle: text("tracker_issue_title"),
    trackerIssueStatus: text("tracker_issue_status"),
    trackerSyncedAt: timestamp("tracker_synced_at", { withTimezone: true }),
    /** Whether members see it on the roadmap and changelog. */
    isPublic: boolean("is_public").notNull().default(false),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    /** When it last moved to shipped: its changelog date. */
    shippedAt: timestamp("shipped_at", { withTimezone: true }),
    /** What shipped, in staff's words, written before the announcement: the changelog shows it. */
    releaseNotes: jsonb("release_notes").$type<Record<string, unknown>>(),
    releaseNotesHtml: text("release_notes_html").notNull().default(""),
    releaseNotesText: text("release_notes_text").notNull().default(""),
    memberCount: integer("member_count").notNull().default(0),
    accountCount: integer("account_count").notNull().default(0),
    revenueCents: bigint("revenue_cents", { mode: "number" }).notNull().default(0),
    lifetimeValueCents: bigint("lifetime_value_cents", { mode: "number" }).notNull().default(0),
    top1RevenueCents: bigint("top1_revenue_cents", { mode: "number" }).notNull().default(0),
    top10RevenueCents: bigint("top10_revenue_cents", { mode: "number" }).notNull().default(0),
    top1AccountCount: integer("top1_account_count").notNull().default(0),
    top10AccountCount: integer("top10_account_count").notNull().default(0),
    criticalCount: integer("critical_count").notNull().default(0),
    importantCount: integer("important_count").notNull().default(0),
    niceToHaveCount: integer("nice_to_have_count").notNull().default(0),
    weightedScore: integer("weighted_score").notNull().default(0),
    /** Supporters' influence (backlog-demand.server.ts), from the latest influence run. */
    influenceWeighted: doublePrecision("influence_weighted").notNull().default(0),
  },
  (t) => [
    index("backlog_items_status_idx").on(t.status),
    index("backlog_items_tracker_issue_idx")
      .on(t.trackerIntegrationId, t.trackerIssueKey)
      .where(sql`${t.trackerIntegrationId} is not null`),
    index("backlog_items_weighted_idx").on(t.weightedScore.desc()),
    index("backlog_items_members_idx").on(t.memberCount.desc()),
    index("backlog_items_shipped_idx")
      .on(t.shippedAt.desc())
      .where(sql`${t.status} = 'shipped' and ${t.isPublic}`),
  ],
);

export const backlogItemTags = pgTable(
  "backlog_item_tags",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => backlogItems.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.tagId] }),
    index("backlog_item_tags_tag_idx").on(t.tagId),
  ],
);

/**
 * What an item stands on: a whole thread, one post, or a passage quoted from a post. The quote
 * is kept as it was chosen, so it survives later edits of the post (shown "since edited").
 */
export const backlogEvidence = pgTable(
  "backlog_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => backlogItems.id, { onDelete: "cascade" }),
    kind: evidenceKind("kind").notNull(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    quote: text("quote"),
    addedById: uuid("added_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("backlog_evidence_item_idx").on(t.itemId, t.createdAt),
    index("backlog_evidence_thread_idx").on(t.threadId),
    index("backlog_evidence_post_idx").on(t.postId),
    uniqueIndex("backlog_evidence_thread_key")
      .on(t.itemId, t.threadId)
      .where(sql`${t.kind} = 'thread'`),
    uniqueIndex("backlog_evidence_post_key")
      .on(t.itemId, t.postId)
      .where(sql`${t.kind} = 'post'`),
  ],
);

export const backlogStatusChanges = pgTable(
  "backlog_status_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => backlogItems.id, { onDelete: "cascade" }),
    fromStatus: backlogStatus("from_status").notNull(),
    toStatus: backlogStatus("to_status").notNull(),
    changedById: uuid("changed_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("backlog_status_changes_item_idx").on(t.itemId, t.createdAt),
    // The staff workspace reads the week's changes across every item, newest first.
    index("backlog_status_changes_recent_idx").on(t.createdAt.desc()),
  ],
);

/** Members who asked to hear of each new changelog entry. */
export const changelogSubscriptions = pgTable("changelog_subscriptions", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A status change staff confirmed, waiting out its undo window before it takes effect and the
 * people behind the item are told (one per item). The job that releases it deletes the row; an
 * undo deletes it before then, and nothing has changed or been sent.
 */
export const backlogAnnouncements = pgTable(
  "backlog_announcements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => backlogItems.id, { onDelete: "cascade" }),
    fromStatus: backlogStatus("from_status").notNull(),
    toStatus: backlogStatus("to_status").notNull(),
    notes: jsonb("notes").$type<Record<string, unknown>>(),
    notesHtml: text("notes_html").notNull().default(""),
    notesText: text("notes_text").notNull().default(""),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    sendAt: timestamp("send_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("backlog_announcements_item_key").on(t.itemId),
    index("backlog_announcements_send_at_idx").on(t.sendAt),
  ],
);
