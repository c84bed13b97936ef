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
} from "drizzle-orm/pg-core";
import { threads } from "./forums";
import { users } from "./users";
import { TAG_COLORS, TAG_VISIBILITIES } from "./values";

export const tagVisibility = pgEnum("tag_visibility", TAG_VISIBILITIES);
export const tagColor = pgEnum("tag_color", TAG_COLORS);
export type TagVisibility = (typeof tagVisibility.enumValues)[number];
export type TagColor = (typeof tagColor.enumValues)[number];

/** The staff's taxonomy. Names are unique whatever their case, so "Billing" and "billing" are one. */
export const tags = pgTable(
  "tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    color: tagColor("color").notNull().default("grey"),
    /** An optional grouping such as "Product area" or "Theme". */
    groupName: text("group_name"),
    visibility: tagVisibility("visibility").notNull().default("public"),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tags_name_key").on(sql`lower(${t.name})`)],
);

export const threadTags = pgTable(
  "thread_tags",
  {
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    tagId: uuid("tag_id")
      .notNull()
      .references(() => tags.id, { onDelete: "cascade" }),
    addedById: uuid("added_by_id").references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.tagId] }), index("thread_tags_tag_idx").on(t.tagId)],
);
