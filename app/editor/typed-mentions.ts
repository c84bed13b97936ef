import type { JSONContent } from "@tiptap/core";
import { HANDLE_MAX, HANDLE_MIN } from "./policy";

/*
 * "@sam" typed as text (the plain reply box without JavaScript, or pasted into the editor) is a
 * mention as much as one chosen from the suggestions. These functions find such handles in a
 * document and turn them into mention nodes; which handles name someone is the server's to say
 * (app/models/mention.server.ts). One pass over each text, no regular expression: a post may be
 * 50,000 characters of "@@@@…".
 */

/** Where a typed handle may be: not in code, not inside a link's text. */
const SKIPPED_MARKS = new Set(["code", "link"]);
const SKIPPED_BLOCKS = new Set(["codeBlock"]);
/** Deeper than any valid post (the validator stops at 40). */
const MAX_WALK_DEPTH = 64;
/**
 * What may stand right before the "@" of a handle: nothing, a space, or an opening bracket or
 * quote. A letter or digit before it makes an email address (a@b.com), a slash a web address
 * (example.com/@sam); both stay text.
 */
const OPENERS = new Set(["(", "[", "{", '"', "'", "“", "‘", "«"]);

export type TypedHandle = {
  /** Where the "@" is, and just past the handle, in the text. */
  start: number;
  end: number;
  /** As typed, without the "@". */
  handle: string;
};

function isHandleCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 95 || // _
    code === 45 // -
  );
}

function isHandleChar(char: string): boolean {
  return char.length > 0 && isHandleCode(char.charCodeAt(0));
}

function mayPrecede(char: string): boolean {
  return char === "" || OPENERS.has(char) || /\s/u.test(char);
}

/**
 * The typed handles in `text`, in order. `before` is the character just before the text (""
 * at the start of a paragraph) and `after` the first two just after it, so a handle cut by a
 * change of formatting ("@sa" then bold "m") is not mistaken for a shorter one. Linear: each
 * character is looked at a bounded number of times.
 */
export function scanTypedHandles(text: string, before = "", after = ""): TypedHandle[] {
  const found: TypedHandle[] = [];
  const at = (index: number) =>
    index < text.length ? text.charAt(index) : after.charAt(index - text.length);
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 64 /* @ */) continue;
    if (!mayPrecede(i === 0 ? before : text.charAt(i - 1))) continue;
    let end = i + 1;
    while (end < text.length && isHandleCode(text.charCodeAt(end))) end++;
    const length = end - i - 1;
    const next = at(end);
    // A handle runs into the next node's text, or into "@host" (sam@example.com is an address),
    // or into ".word" (@example.com is a domain): none of these is a mention.
    const runsOn =
      isHandleChar(next) || next === "@" || (next === "." && isHandleChar(at(end + 1)));
    if (length >= HANDLE_MIN && length <= HANDLE_MAX && !runsOn) {
      found.push({ start: i, end, handle: text.slice(i + 1, end) });
    }
    // Nothing inside the run can start a handle: go on after it.
    i = end - 1;
  }
  return found;
}

type TextNode = JSONContent & { type: "text"; text: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isInline(node: unknown): boolean {
  return isObject(node) && ["text", "hardBreak", "mention"].includes(node.type as string);
}

function isScannedText(node: unknown): node is TextNode {
  if (!isObject(node) || node.type !== "text" || typeof node.text !== "string") return false;
  const marks = Array.isArray(node.marks) ? node.marks : [];
  return !marks.some((mark) => isObject(mark) && SKIPPED_MARKS.has(mark.type as string));
}

/** The text a neighbour shows next to a text node: a mention reads as a word, a break as space. */
function neighbourText(node: unknown): string {
  if (!isObject(node)) return "";
  if (node.type === "text") return typeof node.text === "string" ? node.text : "";
  if (node.type === "mention") return "@x";
  return "\n";
}

/** Every textblock's inline content (outside code blocks), in document order. */
function eachTextblock(doc: JSONContent, visit: (block: JSONContent, inline: unknown[]) => void) {
  const walk = (node: unknown, depth: number) => {
    if (!isObject(node) || depth > MAX_WALK_DEPTH) return;
    if (SKIPPED_BLOCKS.has(node.type as string)) return;
    const children = Array.isArray(node.content) ? (node.content as unknown[]) : [];
    if (children.some(isInline)) {
      visit(node as JSONContent, children);
      return;
    }
    for (const child of children) walk(child, depth + 1);
  };
  walk(doc, 0);
}

/** Each text node's typed handles, with the node's place among its siblings. */
function typedHandlesIn(inline: unknown[]) {
  const found: { index: number; node: TextNode; handles: TypedHandle[] }[] = [];
  inline.forEach((node, index) => {
    if (!isScannedText(node)) return;
    const before = index > 0 ? neighbourText(inline[index - 1]).slice(-1) : "";
    const after = index + 1 < inline.length ? neighbourText(inline[index + 1]).slice(0, 2) : "";
    const handles = scanTypedHandles(node.text, before, after);
    if (handles.length) found.push({ index, node, handles });
  });
  return found;
}

/**
 * The distinct handles typed in the document (lower-cased, in order of first use), at most
 * `limit` of them: what the server looks up.
 */
export function typedHandles(doc: JSONContent, limit: number): string[] {
  const handles = new Set<string>();
  eachTextblock(doc, (_block, inline) => {
    for (const { handles: found } of typedHandlesIn(inline)) {
      for (const { handle } of found) {
        if (handles.size >= limit) return;
        handles.add(handle.toLowerCase());
      }
    }
  });
  return [...handles];
}

export type MentionTarget = { id: string; handle: string };

/**
 * Turns typed handles that `resolve` knows into mention nodes, in place, in document order,
 * within the caps: at most `maxPeople` different people and `maxNodes` mention nodes in the
 * whole document, counting those it already has (`mentioned`, `nodes`). The rest stays text.
 * Returns whether anything changed.
 */
export function linkTypedMentions(
  doc: JSONContent,
  resolve: (lowerCaseHandle: string) => MentionTarget | undefined,
  caps: { mentioned: readonly string[]; nodes: number; maxPeople: number; maxNodes: number },
): boolean {
  const people = new Set(caps.mentioned.map((id) => id.toLowerCase()));
  let nodes = caps.nodes;
  let changed = false;
  eachTextblock(doc, (block, inline) => {
    const found = typedHandlesIn(inline);
    if (found.length === 0) return;
    const replaced = new Map<number, JSONContent[]>();
    for (const { index, node, handles } of found) {
      const pieces: JSONContent[] = [];
      let from = 0;
      for (const typed of handles) {
        const person = resolve(typed.handle.toLowerCase());
        if (!person || nodes >= caps.maxNodes) continue;
        const id = person.id.toLowerCase();
        if (!people.has(id) && people.size >= caps.maxPeople) continue;
        people.add(id);
        nodes++;
        if (typed.start > from) pieces.push(textPiece(node, node.text.slice(from, typed.start)));
        pieces.push(mentionPiece(node, { id, handle: person.handle }));
        from = typed.end;
      }
      if (pieces.length === 0) continue;
      if (from < node.text.length) pieces.push(textPiece(node, node.text.slice(from)));
      replaced.set(index, pieces);
    }
    if (replaced.size === 0) return;
    block.content = inline.flatMap((node, index) => replaced.get(index) ?? [node as JSONContent]);
    changed = true;
  });
  return changed;
}

function textPiece(node: TextNode, text: string): JSONContent {
  return node.marks?.length ? { type: "text", text, marks: node.marks } : { type: "text", text };
}

/** A mention as the editor makes one, keeping the typed text's formatting (bold, italic). */
function mentionPiece(node: TextNode, person: MentionTarget): JSONContent {
  const mention: JSONContent = {
    type: "mention",
    attrs: { id: person.id, label: person.handle, mentionSuggestionChar: "@" },
  };
  if (node.marks?.length) mention.marks = node.marks;
  return mention;
}
