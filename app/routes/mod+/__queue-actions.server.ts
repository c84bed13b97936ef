import { z } from "zod";
import { parseKnownFields } from "~/utils/form.server";
import { storableString, ThreadAddressSchema } from "~/validation/common";

const reason = storableString({ error: "Say why: the author reads the reason." })
  .trim()
  .min(3, "Say why in a few words: the author reads the reason.")
  .max(500, "Keep the reason to 500 characters.");

// Server-only: the queue page ships no validation library.
export const QueueActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("dismiss"), reviewId: z.uuid() }),
  z.object({ intent: z.literal("approve"), reviewId: z.uuid(), postId: z.uuid() }),
  z.object({ intent: z.literal("hide"), reviewId: z.uuid(), postId: z.uuid(), reason }),
  z.object({ intent: z.literal("remove"), reviewId: z.uuid(), postId: z.uuid(), reason }),
  z.object({
    intent: z.literal("lock"),
    reviewId: z.uuid(),
    threadId: z.uuid(),
    locked: z.enum(["on", "off"]),
  }),
  z.object({
    intent: z.literal("pin"),
    reviewId: z.uuid(),
    threadId: z.uuid(),
    pinned: z.enum(["on", "off"]),
  }),
  z.object({
    intent: z.literal("merge"),
    reviewId: z.uuid(),
    threadId: z.uuid(),
    target: ThreadAddressSchema("thread"),
    reason,
  }),
  z.object({
    intent: z.literal("move"),
    reviewId: z.uuid(),
    threadId: z.uuid(),
    spaceId: z.uuid({ error: "Choose the space to move it to." }),
    reason,
  }),
]);
export type QueueActionInput = z.infer<typeof QueueActionSchema>;

export function parseQueueAction(formData: FormData) {
  return parseKnownFields(formData, QueueActionSchema);
}
