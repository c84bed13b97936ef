import { z } from "zod";
import { readProposalDocument } from "~/models/proposal-document.server";
import { NewProposalSchema, SaveProposalSchema, sectionFieldsOf } from "~/validation/proposals";

/**
 * A proposal form with its document read as part of it, once its fields are valid: each section's
 * problem (a limit, a link, too many mentions, a required section left empty) comes back on that
 * section like any field's, and the parsed form carries the sections, ready to save.
 */
function withDocument<Schema extends z.ZodType<Record<string, unknown>>>(schema: Schema) {
  return schema.transform((value, context) => {
    const document = readProposalDocument(sectionFieldsOf(value));
    if (!document.ok) {
      for (const [section, messages] of Object.entries(document.fieldErrors)) {
        for (const message of messages ?? []) {
          context.addIssue({ code: "custom", path: [section], message });
        }
      }
      return z.NEVER;
    }
    return { ...value, sections: document.sections };
  });
}

/** The new-proposal form (server-side: the page ships no validation library). */
export const NewProposalForm = withDocument(NewProposalSchema);

/** The proposal editor's form. */
export const SaveProposalForm = withDocument(SaveProposalSchema);
