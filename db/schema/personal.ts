import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { posts, spaces, threadKind, threads } from "./forums";
import { users } from "./users";

/**
 * What someone is writing and hasn't posted: one per person and place, saved as they type. The
 * place is a reply in a thread (`threadId`) or a new thread in a space (`spaceId`); `place` spells
 * it ("reply:<thread>", "thread:<space>") so one unique key serves both. Private to its writer.
 */
export const drafts = pgTable(
  "drafts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    place: text("place").notNull(),
    threadId: uuid("thread_id").references(() => threads.id, { onDelete: "cascade" }),
    spaceId: uuid("space_id").references(() => spaces.id, { onDelete: "cascade" }),
    /** For a new thread: the kind chosen on the form (discussion, idea …). */
    threadKind: threadKind("thread_kind"),
    title: text("title"),
    /** The body as the editor submits it, validated like a post's. */
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("drafts_user_place_key").on(t.userId, t.place),
    index("drafts_user_updated_idx").on(t.userId, t.updatedAt.desc()),
    check(
      "drafts_one_place",
      sql`(${t.threadId} is not null and ${t.spaceId} is null and ${t.place} = 'reply:' || ${t.threadId}::text) or (${t.spaceId} is not null and ${t.threadId} is null and ${t.place} = 'thread:' || ${t.spaceId}::text)`,
    ),
  ],
);

/**
 * A post or a whole thread (no `postId`) someone keeps to come back to, with an optional note
 * and reminder. `remindedAt` is set when the reminder went out, so it goes out once.
 */
export const bookmarks = pgTable(
  "bookmarks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    note: text("note").notNull().default(""),
    remindAt: timestamp("remind_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("bookmarks_user_target_key").on(t.userId, t.threadId, t.postId).nullsNotDistinct(),
    index("bookmarks_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("bookmarks_due_idx")
      .on(t.remindAt)
      .where(sql`${t.remindedAt} is null and ${t.remindAt} is not null`),
    index("bookmarks_post_idx").on(t.postId),
  ],
);
