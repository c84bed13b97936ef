import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";
import { DATA_EXPORT_STATES, FIELD_VISIBILITIES } from "./values";

export const dataExportState = pgEnum("data_export_state", DATA_EXPORT_STATES);
export const fieldVisibility = pgEnum("field_visibility", FIELD_VISIBILITIES);
export type DataExportState = (typeof dataExportState.enumValues)[number];
export type FieldVisibility = (typeof fieldVisibility.enumValues)[number];

/**
 * A member's request for everything held about them as one JSON file, built by a job
 * (data-export.server.ts). The file is kept apart (`data_export_files`) so lists never read it,
 * and both go once `expires_at` passes.
 */
export const dataExports = pgTable(
  "data_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    state: dataExportState("state").notNull().default("queued"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    byteSize: integer("byte_size"),
  },
  (t) => [index("data_exports_user_idx").on(t.userId, t.requestedAt.desc())],
);

export const dataExportFiles = pgTable("data_export_files", {
  exportId: uuid("export_id")
    .primaryKey()
    .references(() => dataExports.id, { onDelete: "cascade" }),
  content: text("content").notNull(),
});

/**
 * An extra question admins ask members on their profile ("Your role", "Team size"), with why it
 * is asked. Answering is up to each member, who decides who sees their answer. Retired fields
 * (`retiredAt`) are asked no more; answers already given stay with their members until removed.
 */
export const profileFields = pgTable("profile_fields", {
  id: uuid("id").primaryKey().defaultRandom(),
  label: text("label").notNull(),
  purpose: text("purpose").notNull(),
  position: smallint("position").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
});

/** A member's answer to a profile field, and who may see it. */
export const profileFieldValues = pgTable(
  "profile_field_values",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fieldId: uuid("field_id")
      .notNull()
      .references(() => profileFields.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
    visibility: fieldVisibility("visibility").notNull().default("self"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.fieldId] }),
    check("profile_field_values_length", sql`char_length(${t.value}) between 1 and 500`),
  ],
);
