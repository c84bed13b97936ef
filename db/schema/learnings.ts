import { index, integer, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { posts, threads } from "./forums";
import { users } from "./users";

/**
 * What a learning (a thread of kind "learning") draws on: a whole thread, or one post of it.
 * Listed on the learning for whoever can see the source's space.
 */
export const learningSources = pgTable(
  "learning_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    learningId: uuid("learning_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    postId: uuid("post_id").references(() => posts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  },
  (t) => [index("learning_sources_learning_idx").on(t.learningId, t.position)],
);

/** A member saying "this is right". One per member; taking it back deletes the row. */
export const learningConfirmations = pgTable(
  "learning_confirmations",
  {
    learningId: uuid("learning_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.learningId, t.userId] })],
);

/**
 * A reply that corrects the learning ("not quite — here is what's wrong"). Staff accept it by
 * revising the learning; the revision it caused is kept, so the history shows them side by side.
 */
export const learningCorrections = pgTable(
  "learning_corrections",
  {
    postId: uuid("post_id")
      .primaryKey()
      .references(() => posts.id, { onDelete: "cascade" }),
    learningId: uuid("learning_id")
      .notNull()
      .references(() => threads.id, { onDelete: "cascade" }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedById: uuid("accepted_by_id").references(() => users.id, { onDelete: "set null" }),
    /** The revision of the learning's opening post that took the correction in. */
    acceptedRevision: integer("accepted_revision"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("learning_corrections_learning_idx").on(t.learningId, t.createdAt)],
);
