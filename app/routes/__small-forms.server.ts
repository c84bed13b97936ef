import { z } from "zod";
import { NOTIFICATION_KINDS } from "#db/schema/values";

// The one-button forms of pages everyone reads (home, notifications, changelog). Server-only, so
// those pages ship no validation library.
export const HomeActionSchema = z.object({ intent: z.literal("dismiss-welcome") });
/** "Mark all as read", or "Mark read" on one group (its kind and what it is about). */
export const MarkReadSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("mark-read") }),
  z.object({
    intent: z.literal("mark-group-read"),
    kind: z.enum(NOTIFICATION_KINDS, { error: "That notification isn't there any more." }),
    subject: z.uuid({ error: "That notification isn't there any more." }),
  }),
]);
export const ChangelogSubscriptionSchema = z.object({
  subscribe: z.enum(["on", "off"], { error: "Choose to subscribe or not." }),
});
