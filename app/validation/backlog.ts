import { z } from "zod";
import { BACKLOG_STATUSES } from "#db/schema/values";
import { CheckboxSchema, storableString } from "./common";
import { PostBodyFields } from "./forums";

export const BACKLOG_TITLE_MAX = 140;
/** A quoted passage is at most this long (the model checks it again against the post). */
export const QUOTE_INPUT_MAX = 1_000;

/** The item's own fields, as the new-item and edit forms send them. */
export const BacklogItemFields = {
  title: storableString({ error: "Give the item a title." })
    .trim()
    .min(3, "Give the item a title of at least 3 characters.")
    .max(BACKLOG_TITLE_MAX, `Keep the title to ${BACKLOG_TITLE_MAX} characters.`),
  description: PostBodyFields.body,
  descriptionJson: PostBodyFields.bodyJson,
  ownerId: z
    .union([z.uuid(), z.literal("")], { error: "Choose a staff member as the owner." })
    .optional()
    .transform((value) => value || null),
  target: storableString()
    .trim()
    .max(40, "Keep the target short, like “Q3” or “Spring release”.")
    .optional()
    .transform((value) => value ?? ""),
  externalUrl: storableString()
    .trim()
    .max(500, "Keep the link to 500 characters.")
    .optional()
    .transform((value) => value || null)
    .pipe(
      z
        .url({
          protocol: /^https?$/,
          error: "Enter the issue's full address, starting with https://.",
        })
        .nullable(),
    ),
  isPublic: CheckboxSchema,
  tagIds: z.array(z.uuid()).max(20, "Choose at most 20 tags.").optional().default([]),
};

/** Where a new item's first evidence comes from (hidden fields on the new-item form). */
const SourceFields = {
  fromThread: z.uuid().optional(),
  fromPost: z.uuid().optional(),
  quote: storableString()
    .max(QUOTE_INPUT_MAX * 2, `Quote at most ${QUOTE_INPUT_MAX} characters.`)
    .optional(),
};

export const NewBacklogItemSchema = z.object({ ...BacklogItemFields, ...SourceFields });

export const BacklogItemActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), ...BacklogItemFields }),
  z.object({ intent: z.literal("undo-status") }),
  z.object({
    intent: z.literal("link-evidence"),
    address: storableString({ error: "Paste the address of a thread or post." })
      .trim()
      .min(1, "Paste the address of a thread or post.")
      .max(500, "Paste one address."),
  }),
  z.object({ intent: z.literal("remove-evidence"), evidenceId: z.uuid() }),
  z.object({
    intent: z.literal("add-note"),
    note: PostBodyFields.body,
    noteJson: PostBodyFields.bodyJson,
  }),
  z.object({ intent: z.literal("delete-note"), noteId: z.uuid() }),
]);

/** Which status the change page previews (from the item page's status menu). */
export const StatusChangeQuerySchema = z.object({
  to: z.enum(BACKLOG_STATUSES, { error: "Choose a status." }),
});

/** Confirming a previewed status change, with optional notes the announcement carries. */
export const StatusChangeSchema = z.object({
  intent: z.literal("confirm"),
  to: z.enum(BACKLOG_STATUSES, { error: "Choose a status." }),
  notes: PostBodyFields.body,
  notesJson: PostBodyFields.bodyJson,
});

/**
 * "Add to backlog item" on the thread page: the whole thread, one post, or a passage selected
 * in a post, linked to an item.
 */
export const AddToBacklogSchema = z.object({
  intent: z.literal("add-to-backlog"),
  postId: z
    .union([z.uuid(), z.literal("")])
    .optional()
    .transform((value) => value || null),
  itemId: z.uuid({ error: "Choose the backlog item." }),
  quote: storableString()
    .max(QUOTE_INPUT_MAX * 2, `Quote at most ${QUOTE_INPUT_MAX} characters.`)
    .optional(),
});
