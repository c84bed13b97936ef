import { z } from "zod";
import { UUID_PATTERN } from "#db/schema/values";
import { storableString } from "./common";
import { TagNameSchema } from "./tags";

/** "thread:<uuid>" or "post:<uuid>": an inbox entry, as its checkbox sends it. */
export const EntryKeySchema = z
  .string()
  .max(45)
  .regex(new RegExp(`^(thread|post):${UUID_PATTERN}$`, "i"));

const Entries = {
  entries: z
    .array(EntryKeySchema, { error: "Select at least one entry." })
    .min(1, "Select at least one entry.")
    .max(100, "Select at most 100 entries at once."),
};

export const TriageActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("review"), ...Entries }),
  z.object({ intent: z.literal("reopen"), ...Entries }),
  z.object({
    intent: z.literal("assign"),
    ...Entries,
    ownerId: z
      .union([z.uuid(), z.literal("")], { error: "Choose who owns them." })
      .optional()
      .transform((value) => value || null),
  }),
  z.object({ intent: z.literal("assign-to-me"), ...Entries }),
  z.object({ intent: z.literal("tag"), ...Entries, tag: TagNameSchema }),
  z.object({
    intent: z.literal("link"),
    ...Entries,
    itemId: z.uuid({ error: "Choose the backlog item." }),
  }),
]);

/** "Worth a look" on the thread page: a post staff want the team to see, and why. */
export const WorthALookSchema = z.object({
  intent: z.literal("worth-a-look"),
  postId: z.uuid({ error: "Choose the post." }),
  flagNote: storableString()
    .trim()
    .max(300, "Keep the note to 300 characters.")
    .optional()
    .transform((value) => value ?? ""),
});
