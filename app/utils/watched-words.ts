import type { WATCHED_WORD_ACTIONS } from "#db/schema/values";

export type WatchedWordAction = (typeof WATCHED_WORD_ACTIONS)[number];
export type WatchedWordMatch = { action: WatchedWordAction; phrase: string };
export type WatchedWordMatcher = (text: string) => WatchedWordMatch | null;

/** The most phrases the list holds: each one costs memory in every process, never time per post. */
export const MAX_WATCHED_WORDS = 1_000;
/** Characters in one phrase, after trimming. */
export const WATCHED_PHRASE_MAX_CHARACTERS = 100;
/** Words in one phrase: bounds the work done at each word of a post. */
export const WATCHED_PHRASE_MAX_WORDS = 5;

/** The way a phrase is stored: NFKC, lower-case, trimmed, single spaces. */
export function normalizePhrase(input: string): string {
  return input.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean).join(" ");
}

// One character, anchored where `lastIndex` says: it cannot backtrack. Marks count as part of a
// word so scripts that combine them (Devanagari, Thai, a decomposed accent) stay whole.
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/uy;

/** The length in code units of the word character at `index`, or 0 if it isn't one. */
function wordCharacterAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) ||
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x41 && code <= 0x5a)
      ? 1
      : 0;
  }
  WORD_CHARACTER.lastIndex = index;
  if (!WORD_CHARACTER.test(text)) return 0;
  return WORD_CHARACTER.lastIndex - index;
}

/**
 * The text's words, lower-cased: runs of Unicode letters, marks and digits; everything else
 * separates them. One pass over the text, so the cost is linear in its length whatever it holds.
 */
export function tokenize(text: string): string[] {
  const lower = text.normalize("NFKC").toLowerCase();
  const words: string[] = [];
  let start = -1;
  let index = 0;
  while (index < lower.length) {
    const width = wordCharacterAt(lower, index);
    if (width > 0) {
      if (start < 0) start = index;
      index += width;
    } else {
      if (start >= 0) words.push(lower.slice(start, index));
      start = -1;
      // Step over a whole surrogate pair (an emoji) so its halves aren't read separately.
      const code = lower.charCodeAt(index);
      index += code >= 0xd800 && code <= 0xdbff && index + 1 < lower.length ? 2 : 1;
    }
  }
  if (start >= 0) words.push(lower.slice(start));
  return words;
}

/** A node of the word trie: the phrase that ends here, if any, and the words that may follow. */
type TrieNode = { match: WatchedWordMatch | null; next: Map<string, TrieNode> };

function rank(action: WatchedWordAction): number {
  return action === "block" ? 2 : 1;
}

/**
 * A matcher for a list of phrases. Phrases are split into words the same way as the text
 * (punctuation inside a phrase is a word break, so "f-word" matches "f word" and "F-WORD"), and
 * put in a trie keyed by word. The text is tokenized once; at each word the matcher walks the trie
 * at most `WATCHED_PHRASE_MAX_WORDS` steps, one Map lookup each, so the cost is
 * O(words × WATCHED_PHRASE_MAX_WORDS) however many phrases there are and whatever the text holds.
 * Whole words only ("ass" doesn't match "class"). A "block" wins over a "hold"; among equals the
 * first one in the text is reported.
 */
export function buildWatchedWordMatcher(
  entries: ReadonlyArray<{ phrase: string; action: WatchedWordAction }>,
): WatchedWordMatcher {
  const root = new Map<string, TrieNode>();
  let depth = 0;
  for (const entry of entries) {
    const words = tokenize(entry.phrase);
    // Nothing to match, or longer than any phrase the form accepts: never matched.
    if (words.length === 0 || words.length > WATCHED_PHRASE_MAX_WORDS) continue;
    depth = Math.max(depth, words.length);
    let level = root;
    let node: TrieNode | undefined;
    for (const word of words) {
      node = level.get(word);
      if (!node) {
        node = { match: null, next: new Map() };
        level.set(word, node);
      }
      level = node.next;
    }
    const match = { action: entry.action, phrase: entry.phrase };
    if (!node!.match || rank(match.action) > rank(node!.match.action)) node!.match = match;
  }

  return (text) => {
    if (root.size === 0) return null;
    const words = tokenize(text);
    let found: WatchedWordMatch | null = null;
    for (let start = 0; start < words.length; start++) {
      let level = root;
      const end = Math.min(words.length, start + depth);
      for (let index = start; index < end; index++) {
        const node = level.get(words[index]);
        if (!node) break;
        if (node.match) {
          if (node.match.action === "block") return node.match;
          found ??= node.match;
        }
        level = node.next;
      }
    }
    return found;
  };
}
