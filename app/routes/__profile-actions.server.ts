import { FLAG_REASONS } from "#db/schema/values";
import { z } from "zod";
import { storableString } from "~/validation/common";

// Server-only so profile pages ship no validation library.
export const ProfileActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("remove-proxy-vote"), ideaId: z.uuid() }),
  z.object({
    intent: z.literal("flag"),
    reason: z.enum(FLAG_REASONS, { error: "Choose why you are flagging this profile." }),
    note: storableString().trim().max(500, "Keep it to 500 characters.").optional(),
  }),
]);
