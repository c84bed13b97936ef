import { z } from "zod";

// Server-only so the home page, seen by everyone, ships no validation library.
export const HomeActionSchema = z.object({ intent: z.literal("dismiss-welcome") });
