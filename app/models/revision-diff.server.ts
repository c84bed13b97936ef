import { diffWords } from "diff";
import type { RevisionChange } from "#db/schema";

/**
 * Word-level edits beyond which a diff stops being readable anyway; it also bounds the work to
 * about 150 ms for two 50,000-character versions that share nothing.
 */
const MAX_WORD_EDITS = 1_000;

/** What changed between two versions of a post's text, bounded in time whatever the input. */
export function diffRevisionTexts(before: string, after: string): RevisionChange[] {
  const parts = diffWords(before, after, { maxEditLength: MAX_WORD_EDITS });
  if (!parts) {
    // Rewritten from end to end: show the old text out and the new text in.
    return [
      { text: before, change: "removed" as const },
      { text: after, change: "added" as const },
    ].filter((part) => part.text !== "");
  }
  return parts.map((part) => ({
    text: part.value,
    change: part.added ? "added" : part.removed ? "removed" : "same",
  }));
}
