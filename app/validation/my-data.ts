import { z } from "zod";
import { CONSENT_PURPOSES } from "#db/schema/values";

/**
 * What the "My data" page does: answer a consent, end a session or every other one, ask for a
 * copy of everything, or delete the account.
 */
export const MyDataSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("consent"),
    purpose: z.enum(CONSENT_PURPOSES, { error: "Choose what the answer is about." }),
    answer: z.string({ error: "Choose an answer." }).max(20, "Choose one of the answers offered."),
  }),
  z.object({ intent: z.literal("end-session"), sessionId: z.uuid({ error: "No such session." }) }),
  z.object({ intent: z.literal("end-other-sessions") }),
  z.object({ intent: z.literal("export") }),
  z.object({
    intent: z.literal("delete-account"),
    posts: z.enum(["keep", "remove"], { error: "Choose what happens to your posts." }),
    // Empty when a fresh sign-in through single sign-on confirms who it is (the server decides).
    password: z.string().max(1000).default(""),
  }),
]);
