import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { REACTION_KINDS } from "#db/schema/values";
import { PostBodyFields } from "~/validation/forums";

// Server-only so the thread page, read far more than written, ships no validation library.
export const ThreadActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("reply"),
    replyToPostId: z.uuid().optional().catch(undefined),
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
]);

/**
 * Parses a thread page's form. Here rather than in the route, so the page's browser bundle
 * doesn't import the validation library just for the action.
 */
export function parseThreadAction(formData: FormData) {
  return parseWithZod(formData, { schema: ThreadActionSchema });
}
export type ThreadActionSubmission = ReturnType<typeof parseThreadAction>;
export type ThreadActionInput = z.infer<typeof ThreadActionSchema>;
