import { z } from "zod";
import { PROPOSAL_SECTIONS, PROPOSAL_STAGES } from "#db/schema/values";
import { storableString } from "./common";
import { PostBodyFields, ThreadTitleSchema } from "./forums";

export const ENDORSEMENT_REASON_MAX = 500;
export const COMMENT_MAX = 5_000;
export const QUOTE_MAX = 1_000;

/**
 * Each section arrives like a post body: its editor JSON (`problemJson`) or, without JavaScript,
 * its text (`problem`). Sizes are checked cheaply here, exactly when the document is read.
 */
const SectionFields = {
  problem: PostBodyFields.body,
  problemJson: PostBodyFields.bodyJson,
  proposal: PostBodyFields.body,
  proposalJson: PostBodyFields.bodyJson,
  who_benefits: PostBodyFields.body,
  who_benefitsJson: PostBodyFields.bodyJson,
  success_measures: PostBodyFields.body,
  success_measuresJson: PostBodyFields.bodyJson,
  open_questions: PostBodyFields.body,
  open_questionsJson: PostBodyFields.bodyJson,
};

export const NewProposalSchema = z.object({
  title: ThreadTitleSchema,
  spaceId: z.uuid({ error: "Choose the space the proposal belongs in." }),
  sourceIdeaId: z.uuid().optional().catch(undefined),
  creationKey: z.uuid(),
  ...SectionFields,
});

export type NewProposalForm = z.input<typeof NewProposalSchema>;

export const SaveProposalSchema = z.object({
  intent: z.literal("save"),
  title: ThreadTitleSchema,
  baseRevision: z.coerce.number().int().min(1),
  ...SectionFields,
});

/** The sections of a parsed form, as the document reader takes them. */
export function sectionFieldsOf(value: Partial<Record<string, unknown>>) {
  const text = (field: unknown) => (typeof field === "string" ? field : undefined);
  return Object.fromEntries(
    PROPOSAL_SECTIONS.map((key) => [
      key,
      { json: text(value[`${key}Json`]), text: text(value[key]) },
    ]),
  );
}

const Reason = storableString({ error: "Say why you'd use it." })
  .trim()
  .min(3, "Say in a few words why you'd use it, e.g. “We'd use this for month-end audits”.")
  .max(ENDORSEMENT_REASON_MAX, `Keep the reason to ${ENDORSEMENT_REASON_MAX} characters.`);

/** The proposal intents of the thread page's forms. */
export const ProposalIntentSchemas = [
  z.object({
    intent: z.literal("invite-coauthor"),
    handle: storableString({ error: "Enter the person's handle." })
      .trim()
      .transform((handle) => handle.replace(/^@/, ""))
      .pipe(z.string().min(1, "Enter the person's handle.").max(40, "Handles are short.")),
  }),
  z.object({ intent: z.literal("answer-invitation"), accept: z.enum(["yes", "no"]) }),
  z.object({ intent: z.literal("remove-coauthor"), userId: z.uuid() }),
  z.object({
    intent: z.literal("set-stage"),
    stage: z.enum(PROPOSAL_STAGES, { error: "Choose a stage." }),
    rationale: storableString()
      .trim()
      .max(5_000, "Keep the rationale to 5,000 characters.")
      .optional()
      .transform((text) => text ?? ""),
  }),
  z.object({ intent: z.literal("endorse"), reason: Reason }),
  z.object({ intent: z.literal("withdraw-endorsement") }),
  z.object({
    intent: z.literal("comment"),
    section: z.enum(PROPOSAL_SECTIONS),
    parentId: z.uuid().optional().catch(undefined),
    quote: storableString()
      .trim()
      .max(QUOTE_MAX, `Select a shorter passage (up to ${QUOTE_MAX} characters).`)
      .optional()
      .transform((text) => text || null),
    comment: storableString({ error: "Write your comment." })
      .trim()
      .min(1, "Write your comment.")
      .max(COMMENT_MAX, `Keep comments to ${COMMENT_MAX.toLocaleString("en-US")} characters.`),
  }),
  z.object({
    intent: z.literal("resolve-comment"),
    commentId: z.uuid(),
    resolved: z.enum(["on", "off"]),
  }),
] as const;
