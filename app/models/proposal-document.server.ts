import {
  PROPOSAL_SECTIONS,
  type ProposalSection,
  type ProposalSections,
  type StoredSection,
} from "#db/schema";
import {
  EMPTY_DOCUMENT,
  mentionedUserIds,
  parseRichTextInput,
  plainTextOf,
  renderRichTextHtml,
  type RichTextDoc,
} from "~/editor/content.server";
import { MAX_MENTIONS_PER_POST } from "~/editor/policy";
import { proposalSectionLabels } from "~/utils/labels";
import type { PostContent } from "./post-content.server";

/** Sections a proposal cannot do without; the others may stay empty. */
const REQUIRED_SECTIONS: readonly ProposalSection[] = ["problem", "proposal"];

/** A document as the editor sends it: each section's editor JSON, or its text without JavaScript. */
export type SectionFields = Partial<Record<ProposalSection, { json?: string; text?: string }>>;

type DocumentReading =
  | { ok: true; sections: ProposalSections }
  | { ok: false; fieldErrors: Partial<Record<ProposalSection, string[]>> };

/**
 * Reads every section with the same validation as a post (limits, links, mentions); an empty
 * optional section is simply absent. All problems are reported at once, per section.
 */
export function readProposalDocument(fields: SectionFields): DocumentReading {
  const sections: ProposalSections = {};
  const fieldErrors: Partial<Record<ProposalSection, string[]>> = {};
  for (const key of PROPOSAL_SECTIONS) {
    const field = fields[key];
    const parsed = parseRichTextInput(field?.json, field?.text?.trim());
    if (parsed.ok) {
      sections[key] = { body: parsed.doc, text: plainTextOf(parsed.doc) };
    } else if (parsed.message !== EMPTY_DOCUMENT) {
      fieldErrors[key] = [parsed.message];
    } else if (REQUIRED_SECTIONS.includes(key)) {
      fieldErrors[key] = [`Write the ${proposalSectionLabels[key].toLowerCase()} section.`];
    }
  }
  if (Object.keys(fieldErrors).length === 0) {
    const mentions = documentMentions(sections).length;
    if (mentions > MAX_MENTIONS_PER_POST) {
      fieldErrors.open_questions = [
        `A proposal can mention at most ${MAX_MENTIONS_PER_POST} people; this one mentions ${mentions}.`,
      ];
    }
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, sections };
}

export function documentMentions(sections: ProposalSections): string[] {
  const ids = new Set<string>();
  for (const key of PROPOSAL_SECTIONS) {
    const section = sections[key];
    if (section) for (const id of mentionedUserIds(section.body as RichTextDoc)) ids.add(id);
  }
  return [...ids];
}

export function renderSectionsHtml(sections: ProposalSections) {
  const html: Partial<Record<ProposalSection, string>> = {};
  for (const key of PROPOSAL_SECTIONS) {
    const section = sections[key];
    if (section) html[key] = renderRichTextHtml(section.body as RichTextDoc);
  }
  return html;
}

/**
 * The whole document as one post body (each section under its heading), for the opening post
 * that search, mentions and notifications read.
 */
export function documentAsPost(sections: ProposalSections): PostContent {
  const content: RichTextDoc["content"] = [];
  for (const key of PROPOSAL_SECTIONS) {
    const section = sections[key];
    if (!section) continue;
    content.push({
      type: "heading",
      attrs: { level: 2 },
      content: [{ type: "text", text: proposalSectionLabels[key] }],
    });
    content.push(...((section.body as RichTextDoc).content ?? []));
  }
  const body: RichTextDoc = { type: "doc", content };
  return {
    body,
    bodyHtml: renderRichTextHtml(body),
    bodyText: plainTextOf(body),
    mentionIds: documentMentions(sections),
  };
}

/**
 * JSON with its keys sorted: PostgreSQL's jsonb reorders keys, so two equal documents compare
 * equal only in this form. Linear in the document's size.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function sameSection(a: StoredSection | undefined, b: StoredSection | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.text === b.text && canonicalJson(a.body) === canonicalJson(b.body);
}

/** The sections (and the title) of a document as a save sees them: each may change on its own. */
export type DocumentState = { title: string; sections: ProposalSections };
export type MergePart = "title" | ProposalSection;

export type MergeResult =
  | { ok: true; merged: DocumentState; changed: ProposalSection[]; titleChanged: boolean }
  | { ok: false; conflicts: MergePart[]; merged: DocumentState };

/**
 * A three-way merge, part by part: what only one side changed is taken from that side; where
 * both changed the same part differently, it is a conflict and nothing is decided for it (the
 * merged document keeps the saver's version of it, to be resolved by them).
 */
export function mergeDocuments(
  base: DocumentState,
  theirs: DocumentState,
  mine: DocumentState,
): MergeResult {
  const conflicts: MergePart[] = [];
  let title = theirs.title;
  if (mine.title !== base.title && mine.title !== theirs.title) {
    if (theirs.title !== base.title) conflicts.push("title");
    title = mine.title;
  }
  const sections: ProposalSections = {};
  for (const key of PROPOSAL_SECTIONS) {
    const mineChanged = !sameSection(mine.sections[key], base.sections[key]);
    const theirsChanged = !sameSection(theirs.sections[key], base.sections[key]);
    const pick = mineChanged ? mine.sections[key] : theirs.sections[key];
    if (mineChanged && theirsChanged && !sameSection(mine.sections[key], theirs.sections[key])) {
      conflicts.push(key);
    }
    if (pick) sections[key] = pick;
  }
  const merged = { title, sections };
  if (conflicts.length) return { ok: false, conflicts, merged };
  const changed = PROPOSAL_SECTIONS.filter(
    (key) => !sameSection(merged.sections[key], theirs.sections[key]),
  );
  return { ok: true, merged, changed, titleChanged: merged.title !== theirs.title };
}
