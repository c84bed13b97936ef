import { z } from "zod";
import { FLAG_REASONS, IDEA_IMPORTANCES, IDEA_STATUSES, REACTION_KINDS } from "#db/schema/values";
import { parseKnownFields } from "~/utils/form.server";
import { AddToBacklogSchema } from "~/validation/backlog";
import { storableString, ThreadAddressSchema } from "~/validation/common";
import { WorthALookSchema } from "~/validation/triage";
import { PostBodyFields } from "~/validation/forums";
import { ProposalIntentSchemas } from "~/validation/proposals";
import { TagNameSchema } from "~/validation/tags";
import { VoteImportanceSchema } from "~/validation/ideas";

// Server-only so the thread page, read far more than written, ships no validation library.
export const ThreadActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("reply"),
    replyToPostId: z.uuid().optional().catch(undefined),
    /** On a learning: this reply corrects it. */
    correction: z.literal("on").optional().catch(undefined),
    ...PostBodyFields,
  }),
  z.object({
    intent: z.literal("react"),
    postId: z.uuid(),
    kind: z.enum(REACTION_KINDS),
  }),
  z.object({ intent: z.literal("watch"), watch: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("delete"), postId: z.uuid() }),
  z.object({ intent: z.literal("pin"), pinned: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("lock"), locked: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("welcome"), welcome: z.enum(["on", "off"]) }),
  z.object({
    intent: z.literal("vote"),
    importance: VoteImportanceSchema,
  }),
  z.object({ intent: z.literal("withdraw-vote") }),
  z.object({
    intent: z.literal("merge"),
    target: ThreadAddressSchema("idea"),
  }),
  z.object({ intent: z.literal("undo-merge") }),
  z.object({ intent: z.literal("tag"), tag: TagNameSchema }),
  z.object({ intent: z.literal("confirm"), confirmed: z.enum(["on", "off"]) }),
  z.object({ intent: z.literal("untag"), tagId: z.uuid() }),
  z.object({
    intent: z.literal("proxy-vote"),
    person: storableString({ error: "Enter the customer's handle or email." })
      .trim()
      .min(1, "Enter the customer's handle or email.")
      .max(254, "Handles and emails are at most 254 characters."),
    importance: z.enum(IDEA_IMPORTANCES, { error: "Choose how important it is to them." }),
    note: storableString({ error: "Say where you heard it." })
      .trim()
      .min(3, "Say where you heard it, e.g. “QBR call, 12 March”.")
      .max(500, "Keep the note to 500 characters."),
  }),
  z.object({
    intent: z.literal("set-status"),
    status: z.enum(IDEA_STATUSES, { error: "Choose a status." }),
    message: storableString()
      .trim()
      .max(5_000, "Keep the message to 5,000 characters; a longer answer can be a reply.")
      .optional(),
  }),
  ...ProposalIntentSchemas,
  z.object({
    intent: z.literal("add-note"),
    postId: z.uuid().optional().catch(undefined),
    // The note's rich text, as a post body arrives.
    note: PostBodyFields.body,
    noteJson: PostBodyFields.bodyJson,
  }),
  z.object({ intent: z.literal("delete-note"), noteId: z.uuid() }),
  AddToBacklogSchema,
  WorthALookSchema,
  z.object({
    intent: z.literal("moderate"),
    postId: z.uuid(),
    decision: z.enum(["approve", "restore", "restore-removed", "hide", "remove"]),
    reason: storableString().trim().max(500, "Keep the reason to 500 characters.").optional(),
  }),
  z.object({
    intent: z.literal("flag"),
    postId: z.uuid(),
    reason: z.enum(FLAG_REASONS, { error: "Choose why you are flagging it." }),
    note: storableString().trim().max(500, "Keep it to 500 characters.").optional(),
  }),
]);

/**
 * Parses a thread page's form. Here rather than in the route, so the page's browser bundle
 * doesn't import the validation library just for the action.
 */
export function parseThreadAction(formData: FormData) {
  return parseKnownFields(formData, ThreadActionSchema);
}
export type ThreadActionSubmission = ReturnType<typeof parseThreadAction>;
export type ThreadActionInput = z.infer<typeof ThreadActionSchema>;
export type ThreadIntent = ThreadActionInput["intent"];
export type IntentInput<I extends ThreadIntent> = Extract<ThreadActionInput, { intent: I }>;
