import { sql } from "drizzle-orm";
import {
  check,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./users";
import { CONSENT_PURPOSES, CONSENT_SOURCES } from "./values";

export const consentPurpose = pgEnum("consent_purpose", CONSENT_PURPOSES);
export const consentSource = pgEnum("consent_source", CONSENT_SOURCES);
export type ConsentPurpose = (typeof consentPurpose.enumValues)[number];
export type ConsentSource = (typeof consentSource.enumValues)[number];

// One ledger for every use a member answers for. `member_consents` is where each purpose stands
// now (what every rule reads); `consent_events` keeps every question and answer with the version
// of the terms it was given on, never rewritten.
const ANSWERS_BY_PURPOSE = sql`(purpose = 'credit' and answer in ('named', 'anonymous', 'none'))
  or (purpose <> 'credit' and answer in ('yes', 'no'))`;

/**
 * A member's current answer per purpose. `answer` is null while asked and unanswered; `version`
 * is the version of the terms the answer was given on (a "yes" counts only on the current one).
 */
export const memberConsents = pgTable(
  "member_consents",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: consentPurpose("purpose").notNull(),
    answer: text("answer"),
    version: smallint("version"),
    askedAt: timestamp("asked_at", { withTimezone: true }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.purpose] }),
    index("member_consents_purpose_answer_idx").on(t.purpose, t.answer),
    check("member_consents_answer", sql`answer is null or ${ANSWERS_BY_PURPOSE}`),
    check("member_consents_answered", sql`(answer is null) = (answered_at is null)`),
  ],
);

/** Every question and answer, append-only: `answer` null records that the member was asked. */
export const consentEvents = pgTable(
  "consent_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: consentPurpose("purpose").notNull(),
    answer: text("answer"),
    version: smallint("version").notNull(),
    source: consentSource("source").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("consent_events_user_idx").on(t.userId, t.recordedAt.desc()),
    check("consent_events_answer", sql`answer is null or ${ANSWERS_BY_PURPOSE}`),
  ],
);
