import type { JSONContent } from "@tiptap/core";
import { isUuid, stripControlCharacters } from "./policy";
import type { RichTextDoc } from "./types";

// These walk raw JSON that may not have been validated (old rows, hand-built tests), so they
// check shapes as they go and stop at a depth no real post reaches instead of overflowing.
const MAX_WALK_DEPTH = 64;

const TEXTBLOCKS = new Set(["paragraph", "heading", "codeBlock"]);

/**
 * The no-JavaScript path: blank lines separate paragraphs and single newlines become hard
 * breaks, which is what people expect from a textarea. Windows line endings are normalized.
 * One pass over the lines: a textarea may hold a run of 100,000 newlines, and a regular
 * expression over such runs can take time that grows with the square of their length.
 */
export function docFromPlainText(text: string): RichTextDoc {
  const lines = stripControlCharacters(text.replace(/\r\n?/g, "\n")).split("\n");
  const paragraphs: JSONContent[] = [];
  let current: JSONContent[] = [];
  const endParagraph = () => {
    if (current.length) paragraphs.push({ type: "paragraph", content: current });
    current = [];
  };
  for (const line of lines) {
    if (line.trim() === "") {
      endParagraph();
      continue;
    }
    if (current.length) current.push({ type: "hardBreak" });
    current.push({ type: "text", text: line });
  }
  endParagraph();
  return { type: "doc", content: paragraphs };
}

/**
 * Text for search, email, previews and length limits. Blocks are separated by a blank line so
 * that docFromPlainText(plainTextOf(doc)) keeps the paragraphs (the no-JavaScript edit path);
 * list items go one per line behind "- " or "1. ", and quoted lines behind "> ", as people
 * write them in a plain-text email.
 */
export function plainTextOf(doc: JSONContent): string {
  const blocks: string[] = [];
  collectBlocks(doc, blocks, 0);
  return trimNewlines(blocks.join("\n\n"));
}

/** `text` without leading and trailing newlines, in one pass (see docFromPlainText). */
function trimNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 10) start++;
  while (end > start && text.charCodeAt(end - 1) === 10) end--;
  return text.slice(start, end);
}

/** Unique ids of everyone mentioned, in order of first mention. */
export function mentionedUserIds(doc: JSONContent): string[] {
  const ids = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (!isObject(node) || depth > MAX_WALK_DEPTH) return;
    if (node.type === "mention" && isObject(node.attrs) && isUuid(node.attrs.id)) {
      ids.add(node.attrs.id.toLowerCase());
    }
    for (const child of childrenOf(node)) visit(child, depth + 1);
  };
  visit(doc, 0);
  return [...ids];
}

/** Characters as people count them: an emoji is one, not two UTF-16 units. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function collectBlocks(node: unknown, blocks: string[], depth: number) {
  if (!isObject(node) || depth > MAX_WALK_DEPTH) return;
  const children = childrenOf(node);
  if (node.type === "bulletList" || node.type === "orderedList") {
    blocks.push(listText(node, children, depth));
    return;
  }
  if (node.type === "blockquote") {
    const quoted: string[] = [];
    for (const child of children) collectBlocks(child, quoted, depth + 1);
    if (quoted.length) blocks.push(quoted.map((block) => prefixLines(block, "> ")).join("\n>\n"));
    return;
  }
  const isTextblock =
    (typeof node.type === "string" && TEXTBLOCKS.has(node.type)) || children.some(isInline);
  if (isTextblock) {
    blocks.push(children.map(inlineText).join(""));
    return;
  }
  for (const child of children) collectBlocks(child, blocks, depth + 1);
}

function listText(list: Record<string, unknown>, items: unknown[], depth: number): string {
  const ordered = list.type === "orderedList";
  const start =
    ordered && isObject(list.attrs) && typeof list.attrs.start === "number" ? list.attrs.start : 1;
  return items
    .map((item, index) => {
      const marker = ordered ? `${start + index}. ` : "- ";
      const inner: string[] = [];
      if (isObject(item)) {
        for (const child of childrenOf(item)) collectBlocks(child, inner, depth + 2);
      }
      return prefixLines(inner.join("\n"), marker, " ".repeat(marker.length));
    })
    .join("\n");
}

/** Puts `first` before the first line of `text` and `rest` before each following one. */
function prefixLines(text: string, first: string, rest = first): string {
  return text
    .split("\n")
    .map((line, index) => (index === 0 ? first : rest) + line)
    .join("\n");
}

function inlineText(node: unknown): string {
  if (!isObject(node)) return "";
  if (node.type === "text") return typeof node.text === "string" ? node.text : "";
  if (node.type === "hardBreak") return "\n";
  if (node.type === "mention") {
    const label = isObject(node.attrs) ? node.attrs.label : undefined;
    return typeof label === "string" ? `@${label}` : "";
  }
  return "";
}

function isInline(node: unknown): boolean {
  return isObject(node) && ["text", "hardBreak", "mention"].includes(node.type as string);
}

function childrenOf(node: Record<string, unknown>): unknown[] {
  return Array.isArray(node.content) ? node.content : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
