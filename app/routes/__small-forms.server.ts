import { z } from "zod";

// The one-button forms of pages everyone reads (home, notifications, changelog). Server-only, so
// those pages ship no validation library.
export const HomeActionSchema = z.object({ intent: z.literal("dismiss-welcome") });
export const MarkReadSchema = z.object({ intent: z.literal("mark-read") });
export const ChangelogSubscriptionSchema = z.object({
  subscribe: z.enum(["on", "off"], { error: "Choose to subscribe or not." }),
});
