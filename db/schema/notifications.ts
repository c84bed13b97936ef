import { index, pgEnum, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { posts, threads } from "./forums";
import { users } from "./users";

export const notificationKind = pgEnum("notification_kind", [
  "mention",
  "reply",
  "watched_thread",
  "watched_space",
  "cited",
  "proposal_invite",
  "proposal_stage",
  "proposal_comment",
  "internal_note",
]);
export const emailMode = pgEnum("email_mode", ["immediate", "digest", "off"]);
export type NotificationKind = (typeof notificationKind.enumValues)[number];
export type EmailMode = (typeof emailMode.enumValues)[number];

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** When the notification went out by email (alone or in a digest); null while pending. */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("notifications_post_idx").on(t.postId),
  ],
);

/** Email preference per person and kind; a missing row means the kind's default. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    email: emailMode("email").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
