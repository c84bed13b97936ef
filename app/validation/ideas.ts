import { z } from "zod";
import { IDEA_IMPORTANCES } from "#db/schema/values";

/** How important an idea is to the member voting for it: one message wherever a vote is cast. */
export const VoteImportanceSchema = z.enum(IDEA_IMPORTANCES, {
  error: "Choose how important this is to you.",
});
