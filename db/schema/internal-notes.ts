import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { backlogItems } from "./backlog";
import { posts, threads } from "./forums";
import { users } from "./users";

/**
 * A staff member's note on a thread (an idea, a proposal…), one post of it, a backlog item or an account: staff only,
 * never shown, searched, counted or sent to anyone else. Rich text like a post, so staff can
 * mention each other.
 */
export const internalNotes = pgTable(
  "internal_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id").references(() => threads.id, { onDelete: "cascade" }),
    /** The post the note is about; null for the thread as a whole. */
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    backlogItemId: uuid("backlog_item_id").references(() => backlogItems.id, {
      onDelete: "cascade",
    }),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: jsonb("body").$type<Record<string, unknown>>().notNull(),
    bodyHtml: text("body_html").notNull(),
    bodyText: text("body_text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("internal_notes_thread_idx").on(t.threadId, t.createdAt),
    index("internal_notes_backlog_item_idx").on(t.backlogItemId, t.createdAt),
    index("internal_notes_account_idx").on(t.accountId, t.createdAt),
    check(
      "internal_notes_one_target",
      sql`num_nonnulls(${t.threadId}, ${t.backlogItemId}, ${t.accountId}) = 1`,
    ),
  ],
);
