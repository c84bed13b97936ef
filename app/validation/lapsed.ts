import { z } from "zod";
import { LAPSED_SIGNALS } from "#db/schema/values";
import { LAPSED_STATES } from "~/utils/lapsed-labels";
import { PageSchema, storableString } from "./common";
import { PostBodyFields } from "./forums";

/** Personal emails one staff member may send from the lapsed list in an hour. */
export const LAPSED_EMAILS_PER_HOUR = 20;
export const LAPSED_SUBJECT_MAX = 200;
export const LAPSED_BODY_MAX = 5_000;

/** The list's filters, from its address: anything unknown falls back to the default. */
export const LapsedQuerySchema = z.object({
  state: z.enum(LAPSED_STATES).catch("open"),
  signal: z.enum(LAPSED_SIGNALS).optional().catch(undefined),
  owner: z.enum(["mine", "nobody"]).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined),
  page: PageSchema,
});

export const LapsedEntryActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    ownerId: z
      .union([z.uuid(), z.literal("")], { error: "Choose a staff member or an admin." })
      .optional()
      .transform((value) => value || null),
  }),
  z.object({
    intent: z.literal("note"),
    note: PostBodyFields.body,
    noteJson: PostBodyFields.bodyJson,
  }),
  z.object({
    intent: z.literal("email"),
    recipientId: z.uuid({ error: "Choose who the email goes to." }),
    subject: storableString({ error: "Write a subject." })
      .trim()
      .min(1, "Write a subject.")
      .max(LAPSED_SUBJECT_MAX, `Keep the subject to ${LAPSED_SUBJECT_MAX} characters.`),
    body: storableString({ error: "Write the email." })
      .trim()
      .min(1, "Write the email.")
      .max(
        LAPSED_BODY_MAX,
        `Keep the email to ${LAPSED_BODY_MAX.toLocaleString("en-US")} characters.`,
      ),
  }),
  z.object({ intent: z.literal("handle") }),
  z.object({ intent: z.literal("reopen") }),
]);
