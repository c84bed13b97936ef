import { z } from "zod";

/** The feeds page's buttons: turn the private addresses on, change them, or turn them off. */
export const FeedActionSchema = z.object({
  intent: z.enum(["on", "reset", "off"], { error: "That button isn't on this page any more." }),
});
