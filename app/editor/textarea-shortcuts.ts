/**
 * The editor's keyboard shortcuts, kept by the plain text box that stands in for the editor
 * while its code loads. The box can't show bold, so a shortcut writes the marker that
 * typed-text.ts turns into the same formatting when the editor takes over: Ctrl+B puts in "**",
 * and pressing it again ends the bold (or takes back a marker just put in, as the editor's toggle
 * would). Line shortcuts put "## ", "- ", "1. " or "> " at the start of the line. Ctrl+K is
 * remembered, and the editor opens its link panel when it arrives.
 *
 * Listened for on the document from the moment this module runs, before React has hydrated the
 * page: a box clicked and typed into at once must keep every key, and React only attaches its
 * own handlers once hydration reaches the box.
 */

export type Shortcut =
  | "bold"
  | "italic"
  | "strike"
  | "code"
  | "heading2"
  | "heading3"
  | "bulletList"
  | "orderedList"
  | "quote"
  | "codeBlock"
  | "link";

type InlineShortcut = "bold" | "italic" | "strike" | "code";

const INLINE: Record<InlineShortcut, { marker: string; runs: number[] }> = {
  // `runs`: the lengths of a run of the marker's character that hold this mark ("***" is both).
  bold: { marker: "**", runs: [2, 3] },
  italic: { marker: "*", runs: [1, 3] },
  strike: { marker: "~~", runs: [2] },
  code: { marker: "`", runs: [1] },
};

const LINE_PREFIXES: Record<string, { prefix: string; family: RegExp }> = {
  heading2: { prefix: "## ", family: /^#{2,4} / },
  heading3: { prefix: "### ", family: /^#{2,4} / },
  bulletList: { prefix: "- ", family: /^(?:[-+*]|\d{1,9}\.) / },
  orderedList: { prefix: "1. ", family: /^(?:[-+*]|\d{1,9}\.) / },
  quote: { prefix: "> ", family: /^> / },
};

/** The shortcut a key press asks for, matching the editor's (Mod is Ctrl, or ⌘ on a Mac). */
export function shortcutOf(event: {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): Shortcut | null {
  if (!(event.ctrlKey || event.metaKey)) return null;
  const key = event.key.toLowerCase();
  if (event.altKey && !event.shiftKey) {
    // With Alt a Mac types other characters; the key's place on the keyboard is what counts.
    if (event.code === "Digit2") return "heading2";
    if (event.code === "Digit3") return "heading3";
    if (event.code === "KeyC") return "codeBlock";
    return null;
  }
  if (event.altKey) return null;
  if (event.shiftKey) {
    if (key === "s") return "strike";
    if (key === "b") return "quote";
    if (event.code === "Digit8") return "bulletList";
    if (event.code === "Digit7") return "orderedList";
    return null;
  }
  if (key === "b") return "bold";
  if (key === "i") return "italic";
  if (key === "e") return "code";
  if (key === "k") return "link";
  return null;
}

export type TextEdit = {
  /** Replacements in the original text, in order, none overlapping. */
  changes: Array<{ from: number; to: number; insert: string }>;
  /** The selection afterwards, in the changed text. */
  selection: { start: number; end: number };
};

/** What a formatting shortcut does to the box's text and selection. */
export function shortcutEdit(
  value: string,
  start: number,
  end: number,
  shortcut: Exclude<Shortcut, "link">,
): TextEdit {
  const lineStart = value.lastIndexOf("\n", start - 1) + 1;
  if (shortcut in INLINE) {
    const { marker, runs } = INLINE[shortcut as InlineShortcut];
    if (start !== end) {
      return {
        changes: [
          { from: start, to: start, insert: marker },
          { from: end, to: end, insert: marker },
        ],
        selection: { start: start + marker.length, end: end + marker.length },
      };
    }
    const before = value.slice(lineStart, start);
    const trailing = runLengthBefore(before, marker[0]);
    if (runs.includes(trailing)) {
      // Pressed again at once: take the marker back, as toggling twice in the editor does.
      const from = start - marker.length;
      return { changes: [{ from, to: start, insert: "" }], selection: { start: from, end: from } };
    }
    if (value.startsWith(marker, start) && isOpen(before, marker[0], runs)) {
      // Just before the marker that closes it: step over it, out of the formatting.
      const after = start + marker.length;
      return { changes: [], selection: { start: after, end: after } };
    }
    return {
      changes: [{ from: start, to: start, insert: marker }],
      selection: { start: start + marker.length, end: start + marker.length },
    };
  }
  if (shortcut === "codeBlock") {
    const lineEnd = value.indexOf("\n", end);
    const to = lineEnd === -1 ? value.length : lineEnd;
    return {
      changes: [
        { from: lineStart, to: lineStart, insert: "```\n" },
        { from: to, to, insert: "\n```" },
      ],
      selection: { start: start + 4, end: end + 4 },
    };
  }
  const { prefix, family } = LINE_PREFIXES[shortcut];
  const existing = family.exec(value.slice(lineStart, lineStart + 16))?.[0] ?? "";
  const insert = existing === prefix ? "" : prefix;
  const shift = (offset: number) =>
    Math.max(lineStart + insert.length, offset - existing.length + insert.length);
  return {
    changes: [{ from: lineStart, to: lineStart + existing.length, insert }],
    selection: { start: shift(start), end: shift(end) },
  };
}

/** How many `char`s end `text`. */
function runLengthBefore(text: string, char: string): number {
  let count = 0;
  while (count < text.length && text[text.length - 1 - count] === char) count++;
  return count;
}

/** Whether `text` leaves a marker of this kind open: an odd number of runs that hold it. */
function isOpen(text: string, char: string, runs: number[]): boolean {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== char) continue;
    let run = 1;
    while (text[i + run] === char) run++;
    if (runs.includes(run)) open = !open;
    i += run - 1;
  }
  return open;
}

const FALLBACK_SELECTOR = "textarea.rich-text-fallback";

const linkAsked = new WeakSet<HTMLTextAreaElement>();
const composing = new WeakSet<HTMLTextAreaElement>();
const lastTyped = new WeakMap<HTMLTextAreaElement, { value: string; start: number; end: number }>();
let applying = false;
let watching = false;

function fallbackOf(target: EventTarget | null): HTMLTextAreaElement | null {
  return target instanceof HTMLTextAreaElement && target.matches(FALLBACK_SELECTOR) ? target : null;
}

/**
 * Starts keeping the editor's shortcuts in every stand-in text box of the document, and calls
 * `wantEditor` as soon as someone reaches for one (pointer, focus or key), so its code loads.
 */
export function watchEditorTextareas(doc: Document, wantEditor: () => void) {
  if (watching) return;
  watching = true;
  const want = (event: Event) => {
    if (fallbackOf(event.target)) wantEditor();
  };
  doc.addEventListener("pointerdown", want, true);
  doc.addEventListener("focusin", want, true);
  doc.addEventListener(
    "keydown",
    (event) => {
      const textarea = fallbackOf(event.target);
      if (!textarea || event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutOf(event);
      if (!shortcut) return;
      event.preventDefault();
      wantEditor();
      if (shortcut === "link") {
        linkAsked.add(textarea);
        return;
      }
      applyEdit(
        textarea,
        shortcutEdit(textarea.value, textarea.selectionStart, textarea.selectionEnd, shortcut),
      );
    },
    true,
  );
  doc.addEventListener(
    "input",
    (event) => {
      const textarea = fallbackOf(event.target);
      if (!textarea) return;
      lastTyped.set(textarea, {
        value: textarea.value,
        start: textarea.selectionStart,
        end: textarea.selectionEnd,
      });
      // Typing after Ctrl+K means the link panel is no longer wanted.
      if (!applying) linkAsked.delete(textarea);
    },
    true,
  );
  doc.addEventListener(
    "compositionstart",
    (event) => {
      const textarea = fallbackOf(event.target);
      if (textarea) composing.add(textarea);
    },
    true,
  );
  doc.addEventListener(
    "compositionend",
    (event) => {
      const textarea = fallbackOf(event.target);
      if (textarea) composing.delete(textarea);
    },
    true,
  );
}

/**
 * Makes the changes as typing would, so that Undo in the box takes them back and the box's
 * input listeners hear of them.
 */
function applyEdit(textarea: HTMLTextAreaElement, edit: TextEdit) {
  applying = true;
  try {
    // Last first, so the earlier offsets still hold.
    for (const change of [...edit.changes].reverse()) {
      if (change.from === change.to && !change.insert) continue;
      textarea.setSelectionRange(change.from, change.to);
      const typed =
        typeof document.execCommand === "function" &&
        document.activeElement === textarea &&
        (change.insert
          ? document.execCommand("insertText", false, change.insert)
          : document.execCommand("delete"));
      if (!typed) {
        textarea.setRangeText(change.insert, change.from, change.to, "end");
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
    textarea.setSelectionRange(edit.selection.start, edit.selection.end);
  } finally {
    applying = false;
  }
}

/** Whether an input method is partway through composing a character in the box. */
export function isComposing(textarea: HTMLTextAreaElement): boolean {
  return composing.has(textarea);
}

/** Whether Ctrl+K was pressed in the box (and not followed by typing); asking forgets it. */
export function takeLinkRequest(textarea: HTMLTextAreaElement): boolean {
  const asked = linkAsked.has(textarea);
  linkAsked.delete(textarea);
  return asked;
}

/**
 * What was last typed into the box, with its selection. React 18 puts a box that the server
 * filled back to its server text when it hydrates, so the field restores this afterwards.
 */
export function lastTypedIn(
  textarea: HTMLTextAreaElement,
): { value: string; start: number; end: number } | undefined {
  return lastTyped.get(textarea);
}
