import type { JSONContent } from "@tiptap/core";
import { stripControlCharacters } from "./policy";
import type { RichTextDoc } from "./types";

/**
 * What someone typed into the plain text box while the editor was still loading, read the way the
 * editor would have read the same keys: "- " starts a list and Enter adds an item (Enter on an empty
 * line ends it), "1. " a numbered list, "> " a quote, "## " to "#### " a heading, a ``` line a
 * code block, and each Enter a new paragraph. Inline, the markers the box puts in for Ctrl+B, I, E
 * and Shift+S (see textarea-shortcuts.ts) become bold, italic, code and strike, as do the same
 * markers typed by hand, the way markdown reads them (`**bold**`, `*italic*`, `_italic_`, `~~gone~~`,
 * `` `code` ``). A marker opened before the caret and not yet closed is formatting still being
 * typed: it runs to the end of the line and carries on when typing moves to the editor.
 *
 * One pass over the text and over each line, no backtracking: the box may hold a long paste.
 * Only the browser runs this (it is in the editor's chunk); the server never sees this text, it
 * receives the editor's document and validates it like any other.
 */
export type TypedMark = "bold" | "italic" | "strike" | "code";

export type TypedText = {
  doc: RichTextDoc;
  /** Where the selection was, as editor positions; null when none was given. */
  selection: { from: number; to: number } | null;
  /** The formatting being typed at the caret: what the next keys carry on with. */
  marks: TypedMark[];
};

// Private-use characters stand for the selection's ends while the text is read, so its place is
// known in the document built; the same characters typed by someone are replaced first.
const SELECTION_START = "\uE000";
const SELECTION_END = "\uE001";
const isSentinel = (char: string | undefined) => char === SELECTION_START || char === SELECTION_END;

/** Quotes inside quotes, as deep as anyone types them. */
const MAX_QUOTE_DEPTH = 3;

const BULLET = /^[ \t]{0,3}[-+*][ \t]/;
const ORDERED = /^[ \t]{0,3}(\d{1,9})\.[ \t]/;
const QUOTE = /^[ \t]{0,3}>(?:[ \t]|$)/;
// Levels 2 to 4, as the editor (extensions.ts): "# " is the page's own title and stays text.
const HEADING = /^(#{2,4})[ \t]/;
const FENCE = /^[ \t]{0,3}```/;

export function docFromTypedText(
  text: string,
  selection?: { start: number; end: number },
): TypedText {
  let source = stripSentinels(text.replace(/\r\n?/g, "\n"));
  if (selection) {
    const start = Math.max(0, Math.min(selection.start, source.length));
    const end = Math.max(start, Math.min(selection.end, source.length));
    source =
      source.slice(0, start) +
      SELECTION_START +
      (end > start ? source.slice(start, end) + SELECTION_END : "") +
      source.slice(end);
  }
  const reading: Reading = { marks: [] };
  const content = readBlocks(stripControlCharacters(source).split("\n"), 0, reading);
  const doc: RichTextDoc = {
    type: "doc",
    content: content.length ? content : [{ type: "paragraph" }],
  };
  const found = placeSentinels(doc);
  const from = found.start;
  return {
    doc,
    selection: from === null ? null : { from, to: found.end ?? from },
    marks: reading.marks,
  };
}

type Reading = { marks: TypedMark[] };

function stripSentinels(text: string): string {
  let out = "";
  for (const char of text) out += isSentinel(char) ? "\uFFFD" : char;
  return out;
}

const withoutSentinels = (line: string) =>
  line.includes(SELECTION_START) || line.includes(SELECTION_END)
    ? line.split(SELECTION_START).join("").split(SELECTION_END).join("")
    : line;

const sentinelsOf = (line: string) => line.replace(/[^\uE000\uE001]/g, "");

/**
 * `line` without its first `length` characters of text, keeping any selection mark that sat in
 * them (so a caret before "- " lands at the start of the item).
 */
function afterPrefix(line: string, length: number): string {
  let kept = "";
  let index = 0;
  let skipped = 0;
  while (index < line.length && skipped < length) {
    if (isSentinel(line[index])) kept += line[index];
    else skipped++;
    index++;
  }
  return kept + line.slice(index);
}

type Block =
  | { kind: "list"; node: JSONContent; ordered: boolean }
  | { kind: "quote"; lines: string[] }
  | { kind: "code"; lines: string[]; carry: string }
  | null;

function readBlocks(lines: string[], depth: number, reading: Reading): JSONContent[] {
  const blocks: JSONContent[] = [];
  let open: Block = null;
  const close = () => {
    if (open?.kind === "quote") {
      blocks.push({ type: "blockquote", content: readBlocks(open.lines, depth + 1, reading) });
    } else if (open?.kind === "code") {
      const { lines: code, carry } = open;
      if (carry && code.length) code[code.length - 1] += carry;
      else if (carry) code.push(carry);
      const text = code.join("\n");
      blocks.push(
        text ? { type: "codeBlock", content: [{ type: "text", text }] } : { type: "codeBlock" },
      );
    }
    open = null;
  };
  const item = (text: string): JSONContent => ({
    type: "listItem",
    content: [paragraph("paragraph", text, reading)],
  });

  for (const line of lines) {
    const plain = withoutSentinels(line);
    if (open?.kind === "code") {
      if (plain.trim() === "```") {
        // A selection on the closing line stays at the end of the code.
        open.carry += sentinelsOf(line);
        close();
      } else {
        open.lines.push(open.carry + line);
        open.carry = "";
      }
      continue;
    }
    if (line.trim() === "") {
      // Enter on an empty line: out of the list or quote, as the editor does.
      close();
      continue;
    }
    if (open?.kind === "quote") {
      const marker = QUOTE.exec(plain);
      if (plain.trim() === ">") open.lines.push(afterPrefix(line, plain.length));
      else open.lines.push(marker ? afterPrefix(line, marker[0].length) : line);
      continue;
    }
    const bullet = BULLET.exec(plain);
    const ordered = bullet ? null : ORDERED.exec(plain);
    if (bullet || ordered) {
      const isOrdered = Boolean(ordered);
      const rest = afterPrefix(line, (bullet ?? ordered)![0].length);
      if (open?.kind === "list" && open.ordered === isOrdered) {
        open.node.content!.push(item(rest));
      } else {
        close();
        const start = ordered ? Number(ordered[1]) : 1;
        const node: JSONContent = {
          type: isOrdered ? "orderedList" : "bulletList",
          ...(isOrdered && start !== 1 ? { attrs: { start } } : {}),
          content: [item(rest)],
        };
        blocks.push(node);
        open = { kind: "list", node, ordered: isOrdered };
      }
      continue;
    }
    const quote = depth < MAX_QUOTE_DEPTH ? QUOTE.exec(plain) : null;
    const heading = HEADING.exec(plain);
    const fence = FENCE.exec(plain);
    if (quote || heading || fence) close();
    if (quote) {
      open = { kind: "quote", lines: [afterPrefix(line, quote[0].length)] };
    } else if (heading) {
      const level = heading[1].length;
      blocks.push({
        ...paragraph("heading", afterPrefix(line, heading[0].length), reading),
        attrs: { level },
      });
    } else if (fence) {
      // The language after ``` is not part of the forum's code blocks. A selection on the
      // opening line moves to the start of the code.
      open = { kind: "code", lines: [], carry: sentinelsOf(line) };
    } else if (open?.kind === "list") {
      // A line straight after an item, with no marker of its own, is the next item: Enter in
      // a list item starts a new one.
      open.node.content!.push(item(afterPrefix(line, plain.length - plain.trimStart().length)));
    } else {
      blocks.push(paragraph("paragraph", line, reading));
    }
  }
  close();
  return blocks;
}

function paragraph(type: "paragraph" | "heading", text: string, reading: Reading): JSONContent {
  const content = inlineContent(text, reading);
  return content.length ? { type, content } : { type };
}

type Delimiter = {
  at: number;
  length: number;
  canOpen: boolean;
  canClose: boolean;
};

const MARK_ORDER: TypedMark[] = ["bold", "italic", "strike", "code"];

const isSpace = (char: string | undefined) =>
  char === undefined || char === " " || char === "\t" || char === "\u00a0";
const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/**
 * Text nodes with marks for one line. Delimiters pair left to right for each kind of mark on
 * its own, so marks may overlap as they can in the editor; an opener with no closer is text,
 * unless the caret comes after it on this line (formatting still being typed).
 */
function inlineContent(line: string, reading: Reading): JSONContent[] {
  // Most lines hold no marker and no caret: one text node, without the bookkeeping below.
  if (!/[*_~`\uE000\uE001]/.test(line)) return line ? [{ type: "text", text: line }] : [];
  const length = line.length;
  const caret = line.indexOf(SELECTION_START);
  // Per position: characters that are markers taken out, and the change in each mark's depth.
  const removed = new Uint8Array(length);
  const change: Record<TypedMark, Int32Array> = {
    bold: new Int32Array(length + 1),
    italic: new Int32Array(length + 1),
    strike: new Int32Array(length + 1),
    code: new Int32Array(length + 1),
  };
  const cover = (mark: TypedMark, from: number, to: number) => {
    change[mark][from]++;
    change[mark][to]--;
  };

  // Code first: nothing inside a code span is a marker.
  const inCode = new Uint8Array(length);
  let codeOpen = -1;
  for (let i = 0; i < length; i++) {
    if (line[i] !== "`") continue;
    let run = 1;
    while (line[i + run] === "`") run++;
    if (run === 1) {
      if (codeOpen === -1) codeOpen = i;
      else {
        pairCode(codeOpen, i);
        codeOpen = -1;
      }
    }
    i += run - 1;
  }
  if (codeOpen !== -1 && caret > codeOpen) pairCode(codeOpen, length);
  function pairCode(open: number, close: number) {
    removed[open] = 1;
    if (close < length) removed[close] = 1;
    for (let j = open + 1; j < close; j++) inCode[j] = 1;
    cover("code", open + 1, close);
  }

  const delimiters: Record<Exclude<TypedMark, "code">, Delimiter[]> = {
    bold: [],
    italic: [],
    strike: [],
  };
  for (let i = 0; i < length; i++) {
    const char = line[i];
    if (inCode[i] || (char !== "*" && char !== "_" && char !== "~")) continue;
    let run = 1;
    while (line[i + run] === char && !inCode[i + run]) run++;
    const before = line[i - 1];
    const after = line[i + run];
    const canOpen = !isSpace(after);
    const canClose = !isSpace(before);
    // snake_case_names are words, not italics.
    const intraword = char === "_" && isWordChar(before) && isWordChar(after);
    if ((canOpen || canClose) && !intraword) {
      const at = i;
      const add = (mark: Exclude<TypedMark, "code">, size: number, offset: number) =>
        delimiters[mark].push({ at: at + offset, length: size, canOpen, canClose });
      if (char === "~") {
        if (run === 2) add("strike", 2, 0);
      } else if (run === 1) add("italic", 1, 0);
      else if (run === 2) add("bold", 2, 0);
      else if (run === 3) {
        // ***both***: bold outside, italic inside, whichever way round it is closed.
        add("bold", 2, canOpen && !canClose ? 0 : 1);
        add("italic", 1, canOpen && !canClose ? 2 : 0);
      }
    }
    i += run - 1;
  }

  for (const mark of ["bold", "italic", "strike"] as const) {
    let open: Delimiter | null = null;
    for (const delimiter of delimiters[mark]) {
      if (open && delimiter.canClose) {
        take(open);
        take(delimiter);
        cover(mark, open.at + open.length, delimiter.at);
        open = null;
      } else if (delimiter.canOpen) {
        open = delimiter;
      }
    }
    if (open && caret >= open.at + open.length) {
      take(open);
      cover(mark, open.at + open.length, length);
    }
  }
  function take(delimiter: Delimiter) {
    for (let j = 0; j < delimiter.length; j++) removed[delimiter.at + j] = 1;
  }

  const nodes: JSONContent[] = [];
  const depth: Record<TypedMark, number> = { bold: 0, italic: 0, strike: 0, code: 0 };
  let text = "";
  let key = "";
  const flush = () => {
    if (!text) return;
    const marks = key ? key.split(",").map((type) => ({ type })) : undefined;
    nodes.push(marks ? { type: "text", text, marks } : { type: "text", text });
    text = "";
  };
  let active: TypedMark[] = [];
  for (let i = 0; i < length; i++) {
    let moved = false;
    for (const mark of MARK_ORDER) {
      if (change[mark][i] === 0) continue;
      depth[mark] += change[mark][i];
      moved = true;
    }
    if (moved) {
      // The editor's code mark excludes every other mark.
      active = depth.code > 0 ? ["code"] : MARK_ORDER.filter((mark) => depth[mark] > 0);
      const nextKey = active.join(",");
      if (nextKey !== key) {
        flush();
        key = nextKey;
      }
    }
    if (i === caret) reading.marks = active;
    if (!removed[i]) text += line[i];
  }
  flush();
  return nodes;
}

/**
 * Finds the selection marks in the document, takes them out, and returns where they were as
 * editor positions (each node opens and closes with one position, each character is one).
 */
function placeSentinels(doc: JSONContent): { start: number | null; end: number | null } {
  const found: { start: number | null; end: number | null } = { start: null, end: null };
  const visit = (node: JSONContent, position: number): number => {
    if (node.type === "text") {
      const text = node.text ?? "";
      if (!text.includes(SELECTION_START) && !text.includes(SELECTION_END)) return text.length;
      let kept = "";
      for (const char of text) {
        if (char === SELECTION_START) found.start = position + kept.length;
        else if (char === SELECTION_END) found.end = position + kept.length;
        else kept += char;
      }
      node.text = kept;
      return kept.length;
    }
    let inner = position + (node.type === "doc" ? 0 : 1);
    for (const child of node.content ?? []) inner += visit(child, inner);
    if (node.content) {
      node.content = node.content.filter((child) => child.type !== "text" || child.text);
      if (node.content.length === 0 && node.type !== "doc") delete node.content;
    }
    return inner - position + (node.type === "doc" ? 0 : 1);
  };
  visit(doc, 0);
  return found;
}
