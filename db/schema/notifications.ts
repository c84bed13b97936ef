import { sql } from "drizzle-orm";
import {
  check,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { backlogItems } from "./backlog";
import { moderationNotices } from "./moderation";
import { posts, threads } from "./forums";
import { users } from "./users";
import { EMAIL_MODES, NOTIFICATION_KINDS } from "./values";

export const notificationKind = pgEnum("notification_kind", NOTIFICATION_KINDS);
export const emailMode = pgEnum("email_mode", EMAIL_MODES);
export type NotificationKind = (typeof notificationKind.enumValues)[number];
export type EmailMode = (typeof emailMode.enumValues)[number];

/** One of the recipient's own contributions a backlog item stands on, as they'd recognise it. */
export type Contribution = {
  via: "vote" | "author" | "post" | "excerpt" | "coauthor" | "endorsement";
  threadTitle: string;
  postId: string;
};
export type BacklogNotificationDetails = {
  status?: string;
  contributions?: Contribution[];
  /** Staff's note on the change (release notes), as the people told read it. */
  note?: string;
};

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    /** About a post (set together with `postId`) or about a backlog item. */
    threadId: uuid("thread_id").references(() => threads.id, { onDelete: "cascade" }),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    backlogItemId: uuid("backlog_item_id").references(() => backlogItems.id, {
      onDelete: "cascade",
    }),
    /** A moderator's notice to an author, or an answer in its appeal conversation. */
    noticeId: uuid("notice_id").references(() => moderationNotices.id, { onDelete: "cascade" }),
    /** What a backlog notification says: the new status and the recipient's own contributions. */
    details: jsonb("details").$type<BacklogNotificationDetails>(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    /** When the notification went out by email (alone or in a digest); null while pending. */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("notifications_post_idx").on(t.postId),
    index("notifications_backlog_item_idx").on(t.backlogItemId),
    index("notifications_notice_idx").on(t.noticeId),
    check(
      "notifications_one_target",
      sql`(${t.postId} is not null and ${t.threadId} is not null and ${t.backlogItemId} is null and ${t.noticeId} is null) or (${t.postId} is null and ${t.threadId} is null and ${t.backlogItemId} is not null and ${t.noticeId} is null) or (${t.postId} is null and ${t.threadId} is null and ${t.backlogItemId} is null and ${t.noticeId} is not null) or (${t.kind}::text in ('membership_change', 'data_export_ready') and ${t.postId} is null and ${t.threadId} is null and ${t.backlogItemId} is null and ${t.noticeId} is null)`,
    ),
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
