import { z } from "zod";
import { PostBodyFields } from "./forums";

/** What staff do on an account's page: write an internal note, or take one of theirs back. */
export const AccountPageActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add-note"),
    note: PostBodyFields.body,
    noteJson: PostBodyFields.bodyJson,
  }),
  z.object({ intent: z.literal("delete-note"), noteId: z.uuid() }),
]);
