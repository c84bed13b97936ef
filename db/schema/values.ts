/**
 * The values of the database's enums that the app names in its own code (forms, filters,
 * buttons). Free of drizzle, so browser code can import them too; the enums are built from them.
 */
export const THREAD_KINDS = ["discussion", "insight"] as const;
export const REACTION_KINDS = ["helpful", "agree", "insightful", "thanks"] as const;
