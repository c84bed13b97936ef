import { sql, type SQL } from "drizzle-orm";
import {
  boolean,
  customType,
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
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./users";
import {
  CONTENT_MODERATION_STATES,
  GATED_TIERS,
  REACTION_KINDS,
  SPACE_VISIBILITIES,
  THREAD_KINDS,
} from "./values";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const spaceVisibility = pgEnum("space_visibility", SPACE_VISIBILITIES);
export const gatedTier = pgEnum("gated_tier", GATED_TIERS);
export const threadKind = pgEnum("thread_kind", THREAD_KINDS);
export const reactionKind = pgEnum("reaction_kind", REACTION_KINDS);
export type SpaceVisibility = (typeof spaceVisibility.enumValues)[number];
export type GatedTier = (typeof gatedTier.enumValues)[number];
export type ThreadKind = (typeof threadKind.enumValues)[number];
export type ReactionKind = (typeof reactionKind.enumValues)[number];
export const contentModeration = pgEnum("content_moderation", CONTENT_MODERATION_STATES);
export type ContentModeration = (typeof contentModeration.enumValues)[number];

/**
 * A forum. Who may see (and post in) it: every member, members of accounts in `minTier` or
 * above, or an explicit member list. Staff and admins see every space.
 */
export const spaces = pgTable(
  "spaces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    visibility: spaceVisibility("visibility").notNull().default("members"),
    minTier: gatedTier("min_tier"),
    position: integer("position").notNull().default(0),
    /** Whether members may post ideas here (staff always may). */
    ideasEnabled: boolean("ideas_enabled").notNull().default(false),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("spaces_slug_key").on(t.slug)],
);

export const spaceMembers = pgTable(
  "space_members",
  {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedById: uuid("added_by_id").references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.spaceId, t.userId] }),
    index("space_members_user_idx").on(t.userId),
  ],
);

/** Staff who observe a space. Shown in the space's header: observation is disclosed, never hidden. */
export const spaceObservers = pgTable(
  "space_observers",
  {
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.userId] })],
);

export const threads = pgTable(
  "threads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    kind: threadKind("kind").notNull().default("discussion"),
    title: text("title").notNull(),
    /** Replies, not counting the opening post; kept by the write path so lists need no count(*). */
    replyCount: integer("reply_count").notNull().default(0),
    /** Highest post position so far (1 = the opening post). */
    lastPosition: integer("last_position").notNull().default(1),
    pinnedAt: timestamp("pinned_at", { withTimezone: true }),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    /** The opening post's moderation state, kept here so every thread list filters on one column. */
    moderation: contentModeration("moderation"),
    /** Set when a moderator merged this thread's posts into another; its address leads there. */
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => threads.id, {
      onDelete: "set null",
    }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * The new-thread form's one-time key: a double click or a resent form finds the thread the
     * first submission made instead of making a second.
     */
    creationKey: uuid("creation_key"),
  },
  (t) => [
    uniqueIndex("threads_creation_key_key").on(t.creationKey),
    index("threads_space_activity_idx").on(t.spaceId, t.lastActivityAt.desc()),
    // The home page's latest threads across every space the reader sees, newest first.
    index("threads_activity_idx").on(t.lastActivityAt.desc()),
    index("threads_space_created_idx").on(t.spaceId, t.createdAt.desc()),
    index("threads_author_idx").on(t.authorId),
    // The triage inbox: new ideas and insights, newest first.
    index("threads_kind_created_idx").on(t.kind, t.createdAt.desc()),
    // Similar-idea suggestions: typed titles by trigram distance (GiST serves the nearest first).
    index("threads_title_trgm_idx").using("gist", t.title.op("gist_trgm_ops")),
  ],
);

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    /** 1 for the opening post, then 2, 3… in order: pages and permalinks are computed from it. */
    position: integer("position").notNull(),
    replyToPostId: uuid("reply_to_post_id").references((): AnyPgColumn => posts.id, {
      onDelete: "set null",
    }),
    /** Validated tiptap JSON; the sanitized HTML and the plain text are derived from it on write. */
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    bodyHtml: text("body_html").notNull(),
    bodyText: text("body_text").notNull(),
    /** The thread's title on its opening post, so one index searches titles and bodies. */
    searchTitle: text("search_title"),
    search: tsvector("search").generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('english', coalesce(${posts.searchTitle}, '')), 'A') || setweight(to_tsvector('english', ${posts.bodyText}), 'B')`,
    ),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** Null for an ordinary post; see CONTENT_MODERATION_STATES. */
    moderation: contentModeration("moderation"),
    /** The moderator's reason (or the automatic rule's), shown to the author. */
    moderationReason: text("moderation_reason"),
    moderatedAt: timestamp("moderated_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("posts_thread_position_key").on(t.threadId, t.position),
    index("posts_author_idx").on(t.authorId, t.createdAt.desc()),
    // A person's post count (the member directory, a page of 50 people): read from the index
    // alone. Through posts_author_idx each count visited every post's row, 0.85 s for a page of
    // people with 3,000 posts each; through this one 22 ms.
    index("posts_author_live_idx")
      .on(t.authorId)
      .where(sql`${t.deletedAt} is null`),
    index("posts_search_idx").using("gin", t.search),
    // Opening posts alone, for matching ideas by their words (similar-idea suggestions).
    index("posts_opening_search_idx")
      .using("gin", t.search)
      .where(sql`${t.position} = 1`),
    index("posts_created_idx").on(t.createdAt),
    // Answers to a post: what the expert power of its author counts (influence-people.server.ts).
    index("posts_reply_to_idx")
      .on(t.replyToPostId)
      .where(sql`${t.replyToPostId} is not null`),
    // A person's history for moderators: their hidden and removed posts, a handful each.
    index("posts_author_moderated_idx")
      .on(t.authorId)
      .where(sql`${t.moderation} in ('hidden', 'removed')`),
  ],
);

/** Every version of a post, the first included, so readers can see what changed. */
export type RevisionChange = { text: string; change: "added" | "removed" | "same" };

export const postRevisions = pgTable(
  "post_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    title: text("title"),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    bodyText: text("body_text").notNull(),
    /** Word diff against the previous revision, computed once when saved (null for the first). */
    changes: jsonb("changes").$type<RevisionChange[]>(),
    editorId: uuid("editor_id").references(() => users.id, { onDelete: "set null" }),
    /** Why a moderator edited someone else's post; null when authors edit their own. */
    reason: text("reason"),
    /**
     * A moderator's edit that redacts: the versions before it (and what this one removed) are
     * shown to moderators and above only; see `listRevisionsPage`.
     */
    redacts: boolean("redacts").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("post_revisions_post_revision_key").on(t.postId, t.revision)],
);

export const postReactions = pgTable(
  "post_reactions",
  {
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: reactionKind("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.userId, t.kind] }),
    index("post_reactions_user_idx").on(t.userId),
    // Activity by month and lately (account-activity.server.ts) reads reactions by date.
    index("post_reactions_created_idx").on(t.createdAt),
  ],
);

/** How far each person has read each thread. */
export const threadReads = pgTable(
  "thread_reads",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    lastReadPosition: integer("last_read_position").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.threadId] }),
    index("thread_reads_thread_idx").on(t.threadId),
  ],
);

export const threadWatches = pgTable(
  "thread_watches",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.threadId] }),
    index("thread_watches_thread_idx").on(t.threadId),
  ],
);

export const spaceWatches = pgTable(
  "space_watches",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    spaceId: uuid("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.spaceId] }),
    index("space_watches_space_idx").on(t.spaceId),
  ],
);
