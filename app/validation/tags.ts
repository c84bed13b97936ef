import { z } from "zod";
import { TAG_COLORS, TAG_VISIBILITIES } from "#db/schema/values";
import { storableString } from "./common";

export const TAG_NAME_MAX = 40;

export const TagNameSchema = storableString({ error: "Enter the tag's name." })
  .trim()
  .min(1, "Enter the tag's name.")
  .max(TAG_NAME_MAX, `Keep tag names to ${TAG_NAME_MAX} characters.`);

const TagFields = {
  name: TagNameSchema,
  color: z.enum(TAG_COLORS, { error: "Choose a colour." }),
  groupName: storableString()
    .trim()
    .max(40, "Keep group names to 40 characters.")
    .optional()
    .transform((value) => value || null),
  visibility: z.enum(TAG_VISIBILITIES, { error: "Choose who sees the tag." }),
};

export const TagActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), ...TagFields }),
  z.object({ intent: z.literal("update"), tagId: z.uuid(), ...TagFields }),
  z.object({
    intent: z.literal("merge"),
    tagId: z.uuid(),
    intoId: z.uuid({ error: "Choose the tag to merge into." }),
  }),
  z.object({ intent: z.literal("delete"), tagId: z.uuid() }),
]);
export type TagInput = z.infer<(typeof TagActionSchema)["options"][0]>;
