import { getSchema, type JSONContent } from "@tiptap/core";
import { generateHTML } from "@tiptap/html/server";
import { richTextExtensions } from "./extensions";
import { countCharacters, docFromPlainText, mentionedUserIds, plainTextOf } from "./plain-text";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "~/utils/storable-text";
import {
  isAllowedLinkHref,
  isHandle,
  isUuid,
  LINK_REL,
  MAX_MENTIONS_PER_POST,
  MAX_POST_CHARACTERS,
  stripControlCharacters,
} from "./policy";
import { sanitizeRichTextHtml } from "./sanitize.server";
import type { RichTextDoc } from "./types";

export { docFromPlainText, mentionedUserIds, plainTextOf, MAX_POST_CHARACTERS };
export type { RichTextDoc };

/** The refusal of a document with no text, so callers for which empty is fine can tell it apart. */
export const EMPTY_DOCUMENT = "Write something before posting.";

export type RichTextParseResult = { ok: true; doc: RichTextDoc } | { ok: false; message: string };

/** 50,000 characters of text is about 100 KB of JSON; anything far beyond that is not a post. */
const MAX_JSON_BYTES = 400_000;
/** Ten levels of nested lists is about 22; deeper is an attack on our recursion, not prose. */
const MAX_DEPTH = 40;
/**
 * A long, heavily formatted post has one or two thousand nodes. The cap bounds the work that
 * parsing, rendering and sanitizing do for one post, whatever it is made of: rendering costs up
 * to 0.1 ms a node (links), so the worst post takes about 0.3 s.
 */
const MAX_NODES = 3_000;
/** Mentions are the costliest nodes to render; the same few people fit many times over. */
export const MAX_MENTION_NODES = 50;

const extensions = richTextExtensions();
const schema = getSchema(extensions);
// A text carries each kind of mark at most once.
const MAX_MARKS = Object.keys(schema.marks).length;

const UNREADABLE = "We could not read the post's formatting. Reload the page and try again.";
const DAMAGED = "This post's formatting is damaged. Copy your text, reload the page and try again.";
const BAD_MENTION = "A mention in this post does not point to a member. Mention them again.";

/** A problem with the submitted document, worded for the person who wrote it. */
class Rejection extends Error {}

type AttrRule = (value: unknown) => unknown;

const CODE_LANGUAGE = /^[a-zA-Z0-9_+#.-]{1,40}$/;

// Every attribute the schema knows, with what we accept for it. Security-relevant values are
// refused with a message; cosmetic ones that pasted HTML can carry (a link's target, a code
// block's language) are quietly normalized so pasting from another site does not block posting.
const NODE_ATTRS: Record<string, Record<string, AttrRule>> = {
  heading: {
    level: (value) => {
      if (value === 2 || value === 3 || value === 4) return value;
      throw new Rejection("Headings can only be levels 2 to 4.");
    },
  },
  orderedList: {
    start: (value) =>
      typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 1_000_000
        ? value
        : 1,
    type: (value) =>
      typeof value === "string" && ["1", "a", "A", "i", "I"].includes(value) ? value : null,
  },
  codeBlock: {
    language: (value) => (typeof value === "string" && CODE_LANGUAGE.test(value) ? value : null),
  },
  mention: {
    id: (value) => {
      if (isUuid(value)) return value.toLowerCase();
      throw new Rejection(BAD_MENTION);
    },
    label: (value) => {
      if (isHandle(value)) return value;
      throw new Rejection(BAD_MENTION);
    },
    mentionSuggestionChar: () => "@",
  },
};

const MARK_ATTRS: Record<string, Record<string, AttrRule>> = {
  link: {
    href: (value) => {
      if (isAllowedLinkHref(value)) return value;
      throw new Rejection("Links must start with http://, https:// or mailto:.");
    },
    target: () => null,
    rel: () => LINK_REL,
    class: () => null,
    title: () => null,
  },
};

// Fail at startup, not in production traffic, if an extension grows an attribute nobody vetted.
for (const [kind, types, rules] of [
  ["node", schema.nodes, NODE_ATTRS],
  ["mark", schema.marks, MARK_ATTRS],
] as const) {
  for (const [name, type] of Object.entries(types)) {
    for (const attr of Object.keys(type.spec.attrs ?? {})) {
      if (!rules[name]?.[attr]) throw new Error(`No validation rule for ${kind} ${name}.${attr}`);
    }
  }
}

/**
 * Checks a submitted editor document against the post schema. Never throws: every problem
 * comes back as a message to show next to the field.
 */
export function parseRichTextJson(raw: string): RichTextParseResult {
  if (typeof raw !== "string" || Buffer.byteLength(raw, "utf8") > MAX_JSON_BYTES) {
    return { ok: false, message: "This post is too large to save. Shorten it and try again." };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {
      ok: false,
      message: UNREADABLE,
    };
  }
  return validateRichTextDoc(value);
}

/**
 * Reads a RichTextField from a submitted form: the editor's JSON when JavaScript ran, the
 * textarea's plain text otherwise.
 */
export function parseRichTextFormField(formData: FormData, name: string): RichTextParseResult {
  const json = formData.get(`${name}Json`);
  const text = formData.get(name);
  return parseRichTextInput(
    typeof json === "string" ? json : undefined,
    typeof text === "string" ? text : undefined,
  );
}

/**
 * The editor's JSON when there is some, else the plain text as paragraphs; both go through the
 * same validator, so limits and messages are the same with or without JavaScript.
 */
export function parseRichTextInput(
  json: string | undefined,
  text: string | undefined,
): RichTextParseResult {
  if (json) return parseRichTextJson(json);
  return validateRichTextDoc(docFromPlainText(text ?? ""));
}

/** The same checks as parseRichTextJson, for a document that is already an object. */
export function validateRichTextDoc(value: unknown): RichTextParseResult {
  try {
    if (!isObject(value) || value.type !== "doc") {
      throw new Rejection(UNREADABLE);
    }
    // Every limit is checked on the cleaned copy, in linear time, before ProseMirror or the
    // renderer spend anything on the document.
    const budget: Budget = { nodes: 0, mentions: 0 };
    const cleaned = dropTrailingEmptyParagraphs(cleanNode(value, 0, budget));
    const text = plainTextOf(cleaned);
    // Before the structural check, so an empty editor gets a useful message, not "damaged".
    if (text.trim() === "") throw new Rejection(EMPTY_DOCUMENT);
    const length = countCharacters(text);
    if (length > MAX_POST_CHARACTERS) {
      throw new Rejection(
        `Posts can be at most ${MAX_POST_CHARACTERS.toLocaleString("en-US")} characters; ` +
          `this one has ${length.toLocaleString("en-US")}.`,
      );
    }
    const mentions = mentionedUserIds(cleaned).length;
    const mentionNodes = budget.mentions;
    if (mentionNodes > MAX_MENTION_NODES) {
      throw new Rejection(
        `This post has ${mentionNodes.toLocaleString("en-US")} mentions; at most ` +
          `${MAX_MENTION_NODES} fit in one post. Mention each person once or twice.`,
      );
    }
    if (mentions > MAX_MENTIONS_PER_POST) {
      throw new Rejection(
        `You can mention at most ${MAX_MENTIONS_PER_POST} people in one post; this one mentions ` +
          `${mentions}. Mention the few who should answer, or post in a space they watch.`,
      );
    }
    let doc: RichTextDoc;
    try {
      const node = schema.nodeFromJSON(cleaned);
      node.check();
      doc = node.toJSON() as RichTextDoc;
    } catch {
      throw new Rejection(DAMAGED);
    }
    return { ok: true, doc };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, message: error.message };
    // Anything else (a stack overflow, a ProseMirror surprise) is still the document's fault.
    return {
      ok: false,
      message: DAMAGED,
    };
  }
}

/**
 * Post HTML for the page. Sanitizes even validated documents: rows written before a schema
 * change, or by a bug, must not become script on every reader's screen.
 */
export function renderRichTextHtml(doc: RichTextDoc): string {
  return sanitizeRichTextHtml(serialize(doc));
}

function serialize(doc: RichTextDoc): string {
  try {
    return generateHTML(doc, extensions);
  } catch {
    // An unknown node type makes generateHTML throw; show the words rather than an error page.
    try {
      return generateHTML(docFromPlainText(plainTextOf(doc)), extensions);
    } catch {
      return "";
    }
  }
}

/** The editor keeps an empty paragraph after a final quote or list; the post does not need it. */
function dropTrailingEmptyParagraphs(doc: JSONContent): JSONContent {
  const content = [...(doc.content ?? [])];
  while (
    content.length > 1 &&
    content.at(-1)?.type === "paragraph" &&
    !content.at(-1)?.content?.length
  ) {
    content.pop();
  }
  return { ...doc, content };
}

/** A copy holding only what ProseMirror reads, with every type and attribute vetted. */
/** What the document has used so far of the per-post limits. */
type Budget = { nodes: number; mentions: number };

function cleanNode(value: unknown, depth: number, budget: Budget): JSONContent {
  if (depth > MAX_DEPTH) throw new Rejection("This post is nested too deeply to save.");
  if (++budget.nodes > MAX_NODES) {
    throw new Rejection(
      "This post has too many paragraphs, lines or formatted pieces to save. Split it into several posts.",
    );
  }
  if (!isObject(value) || typeof value.type !== "string") {
    throw new Rejection(DAMAGED);
  }
  const type = value.type;
  if (!schema.nodes[type]) throw unsupported(type);

  if (type === "mention") budget.mentions++;
  const node: JSONContent = { type };
  let marks = cleanMarks(value.marks);
  if (type === "text") {
    node.text = typeof value.text === "string" ? stripControlCharacters(value.text) : "";
    if (!isStorableText(node.text)) throw new Rejection(UNSTORABLE_TEXT_MESSAGE);
  } else {
    const attrs = cleanAttrs(type, value.attrs, NODE_ATTRS[type] ?? {});
    if (attrs) node.attrs = attrs;
    if (value.content !== undefined) {
      if (!Array.isArray(value.content)) throw unsupported(type);
      node.content = value.content
        .map((child) => cleanNode(child, depth + 1, budget))
        .filter((child) => child.type !== "text" || child.text !== "");
    }
  }
  // A linked mention would nest one link inside another.
  if (type === "mention") marks = marks?.filter((mark) => mark.type !== "link");
  if (marks?.length) node.marks = marks;
  return node;
}

function cleanMarks(value: unknown): JSONContent["marks"] {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MAX_MARKS) {
    throw new Rejection(DAMAGED);
  }
  return value.map((mark) => {
    if (!isObject(mark) || typeof mark.type !== "string") throw unsupported(String(mark));
    if (!schema.marks[mark.type]) throw unsupported(mark.type);
    const attrs = cleanAttrs(mark.type, mark.attrs, MARK_ATTRS[mark.type] ?? {});
    return attrs ? { type: mark.type, attrs } : { type: mark.type };
  });
}

function cleanAttrs(
  type: string,
  value: unknown,
  rules: Record<string, AttrRule>,
): Record<string, unknown> | undefined {
  if (value !== undefined && value !== null && !isObject(value)) throw unsupported(type);
  const given = value ?? {};
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(rules, key)) throw unsupported(`${type} with “${key}”`);
  }
  const entries = Object.entries(rules).map(([key, rule]) => [key, rule(given[key])]);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function unsupported(what: string): Rejection {
  const shown = what.length > 60 ? `${what.slice(0, 60)}…` : what;
  return new Rejection(`This post contains formatting we do not support (${shown}).`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
