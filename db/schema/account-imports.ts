import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
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
import { accounts } from "./accounts";
import { users } from "./users";
import { ACCOUNT_IMPORT_STATES } from "./values";

export const accountImportState = pgEnum("account_import_state", ACCOUNT_IMPORT_STATES);

/**
 * One CSV file of account values, from its preview to its application. A previewed import holds
 * its parsed rows in `account_import_rows` until an admin applies or discards it, so the file is
 * sent once and what is applied is exactly what was previewed.
 */
export const accountImports = pgTable(
  "account_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    importedById: uuid("imported_by_id").references(() => users.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    state: accountImportState("state").notNull().default("previewed"),
    /** The latest "as of" date in the file: the snapshot its values belong to. */
    asOf: date("as_of", { mode: "string" }),
    rowCount: integer("row_count").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** Up to a page of row-level problems, for the preview: line, column and what is wrong. */
    errors: jsonb("errors")
      .$type<{ line: number; column: string; message: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The optional columns the file carries: applying it leaves the others as they are. */
    columns: text("columns")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp("applied_at", { withTimezone: true }),
  },
  (t) => [index("account_imports_created_idx").on(t.createdAt.desc())],
);

/** A previewed row, already validated; removed when its import is applied or discarded. */
export const accountImportRows = pgTable(
  "account_import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => accountImports.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    segment: text("segment").notNull(),
    region: text("region").notNull(),
    revenueCents: bigint("revenue_cents", { mode: "number" }).notNull(),
    grossProfitCents: bigint("gross_profit_cents", { mode: "number" }).notNull(),
    lifetimeValueCents: bigint("lifetime_value_cents", { mode: "number" }).notNull(),
    customerSince: date("customer_since", { mode: "string" }),
    renewalDate: date("renewal_date", { mode: "string" }),
    ownerId: uuid("owner_id"),
    acquisitionSource: text("acquisition_source").notNull(),
    firstProduct: text("first_product").notNull(),
    products: text("products").array().notNull(),
    contactEmails: text("contact_emails").array().notNull(),
    asOf: date("as_of", { mode: "string" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.line] }),
    uniqueIndex("account_import_rows_external_id_key").on(t.importId, t.externalId),
  ],
);

/**
 * An account's values as of a date: each import adds (or, for the same date, replaces) one per
 * account it names, so history is kept and tiers can be read as of any snapshot.
 */
export const accountSnapshots = pgTable(
  "account_snapshots",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    asOf: date("as_of", { mode: "string" }).notNull(),
    importId: uuid("import_id").references(() => accountImports.id, { onDelete: "set null" }),
    segment: text("segment").notNull(),
    region: text("region").notNull(),
    revenueCents: bigint("revenue_cents", { mode: "number" }).notNull(),
    grossProfitCents: bigint("gross_profit_cents", { mode: "number" }).notNull(),
    lifetimeValueCents: bigint("lifetime_value_cents", { mode: "number" }).notNull(),
    products: text("products").array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.asOf] }),
    index("account_snapshots_as_of_idx").on(t.asOf, t.revenueCents.desc()),
    check(
      "account_snapshots_non_negative",
      sql`${t.revenueCents} >= 0 and ${t.lifetimeValueCents} >= 0`,
    ),
  ],
);
