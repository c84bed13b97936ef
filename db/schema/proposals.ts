import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { threads } from "./forums";
import { users } from "./users";
import { COAUTHOR_STATUSES, PROPOSAL_SECTIONS, PROPOSAL_STAGES } from "./values";

export const proposalStage = pgEnum("proposal_stage", PROPOSAL_STAGES);
export const proposalSection = pgEnum("proposal_section", PROPOSAL_SECTIONS);
export const coauthorStatus = pgEnum("coauthor_status", COAUTHOR_STATUSES);
export type ProposalStage = (typeof PROPOSAL_STAGES)[number];
export type ProposalSection = (typeof PROPOSAL_SECTIONS)[number];
export type CoauthorStatus = (typeof COAUTHOR_STATUSES)[number];

/** One section as stored: validated tiptap JSON with its plain text (for diffs, merges, comments). */
export type StoredSection = { body: Record<string, unknown>; text: string };
/** The whole document at one revision; a section nobody has written yet is absent. */
export type ProposalSections = Partial<Record<ProposalSection, StoredSection>>;

/**
 * A co-design proposal: a thread of kind "proposal". The document's current text lives here
 * (with rendered HTML per section); its opening post holds all sections joined, so search,
 * mentions and notifications treat it as any thread.
 */
export const proposals = pgTable(
  "proposals",
  {
    threadId: uuid("thread_id")
      .primaryKey()
      .references(() => threads.id, { onDelete: "cascade" }),
    stage: proposalStage("stage").notNull().default("draft"),
    /** The latest revision's number: a save names the one it was based on. */
    revision: integer("revision").notNull().default(1),
    sections: jsonb("sections").$type<ProposalSections>().notNull(),
    sectionsHtml: jsonb("sections_html")
      .$type<Partial<Record<ProposalSection, string>>>()
      .notNull(),
    /** The idea this proposal was started from, if any. */
    sourceIdeaId: uuid("source_idea_id").references((): AnyPgColumn => threads.id, {
      onDelete: "set null",
    }),
    endorsementCount: integer("endorsement_count").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    stageChangedAt: timestamp("stage_changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("proposals_stage_updated_idx").on(t.stage, t.updatedAt.desc()),
    index("proposals_source_idea_idx").on(t.sourceIdeaId),
  ],
);

/** Every save of a proposal: the whole document as it then was, who saved it and when. */
export const proposalRevisions = pgTable(
  "proposal_revisions",
  {
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    sections: jsonb("sections").$type<ProposalSections>().notNull(),
    /** The sections this save changed, for the revision list. */
    changed: proposalSection("changed").array().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.revision] })],
);

/** Who writes the proposal: its author (accepted from the start) and the people they invited. */
export const proposalCoauthors = pgTable(
  "proposal_coauthors",
  {
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: coauthorStatus("status").notNull(),
    invitedById: uuid("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.threadId, t.userId] }),
    index("proposal_coauthors_user_idx").on(t.userId, t.status),
  ],
);

/**
 * A comment on one section, or on a passage of it (`quote`). Replies point at their root
 * (`parentId`); resolving applies to the root. A passage comment whose words left the section is
 * outdated: kept, and marked so.
 */
export const proposalComments = pgTable(
  "proposal_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    section: proposalSection("section").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => proposalComments.id, {
      onDelete: "cascade",
    }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    quote: text("quote"),
    /** The revision the comment was written on. */
    revision: integer("revision").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedById: uuid("resolved_by_id").references(() => users.id, { onDelete: "set null" }),
    outdatedAt: timestamp("outdated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("proposal_comments_thread_idx").on(t.threadId, t.section, t.createdAt)],
);

/** A member's "we'd use this": one per member, a second one updates the reason. */
export const proposalEndorsements = pgTable(
  "proposal_endorsements",
  {
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.threadId, t.userId] }),
    index("proposal_endorsements_user_idx").on(t.userId),
  ],
);

/** Every move between stages, with the rationale shown on the proposal. */
export const proposalStageChanges = pgTable(
  "proposal_stage_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    fromStage: proposalStage("from_stage").notNull(),
    toStage: proposalStage("to_stage").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    rationale: text("rationale").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("proposal_stage_changes_thread_idx").on(t.threadId, t.createdAt)],
);

/** Who has the editor open right now: each open editor touches its row every few seconds. */
export const proposalEditors = pgTable(
  "proposal_editors",
  {
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] })],
);
