import { Fragment, type ReactNode } from "react";
import type { ProposalSection } from "#db/schema";
import { PROPOSAL_SECTIONS } from "#db/schema/values";
import type { RichTextDoc } from "~/editor/types";
import { RichTextField } from "~/editor/rich-text-field";
import { proposalSectionLabels } from "~/utils/labels";

const sectionHints: Record<ProposalSection, string> = {
  problem: "What goes wrong today, for whom, and what it costs them. Required.",
  proposal: "What should be built, concretely enough to argue about. Required.",
  who_benefits: "Which customers, roles or teams gain, and how much.",
  success_measures: "What you would measure after it ships to know it worked.",
  open_questions: "What is still undecided, and who could answer it.",
};

type SectionFieldMetadata = Record<ProposalSection, { errors?: string[]; initialValue?: unknown }>;

/**
 * Each section's errors, and the text a rejected submission carried back when it was typed
 * without JavaScript (with JavaScript the editors keep their own content).
 */
export function sectionFieldState(fields: SectionFieldMetadata, lastResult: unknown) {
  const errors: Partial<Record<ProposalSection, string[]>> = {};
  const typedTexts: Partial<Record<ProposalSection, string>> = {};
  for (const key of PROPOSAL_SECTIONS) {
    errors[key] = fields[key].errors;
    const typed = fields[key].initialValue;
    if (lastResult && typeof typed === "string") typedTexts[key] = typed;
  }
  return { errors, typedTexts };
}

/**
 * The five sections of a proposal, each a rich-text field (a plain textarea without
 * JavaScript), shared by the new-proposal page and the editor.
 */
export function ProposalSectionFields({
  initialDocs,
  typedTexts,
  errors,
  mentionsUrl,
  keys,
  before,
}: {
  initialDocs: Partial<Record<ProposalSection, RichTextDoc | Record<string, unknown>>>;
  /** What a rejected submission without JavaScript carried back, per section. */
  typedTexts?: Partial<Record<ProposalSection, string>>;
  errors?: Partial<Record<string, string[]>>;
  mentionsUrl: string;
  /** Changing a section's key remounts its editor with a new starting document (a merge). */
  keys?: Partial<Record<ProposalSection, string>>;
  /** Shown just above a section's field (a conflict to resolve). */
  before?: (section: ProposalSection) => ReactNode;
}) {
  return (
    <>
      {PROPOSAL_SECTIONS.map((section) => {
        const typed = typedTexts?.[section];
        return (
          <Fragment key={section}>
            {before?.(section)}
            <RichTextField
              key={keys?.[section] ?? section}
              name={section}
              id={`section-${section}`}
              label={proposalSectionLabels[section]}
              hint={sectionHints[section]}
              errors={errors?.[section]}
              initialDoc={
                typed === undefined ? ((initialDocs[section] as RichTextDoc) ?? null) : null
              }
              initialText={typed}
              mentionsUrl={mentionsUrl}
              rows={section === "problem" || section === "proposal" ? 6 : 4}
            />
          </Fragment>
        );
      })}
    </>
  );
}
