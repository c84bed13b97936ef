import { describe, expect, it } from "vitest";
import { shortcutEdit, shortcutOf, type Shortcut } from "./textarea-shortcuts";
import { docFromTypedText } from "./typed-text";

/** A box's text with its selection drawn in: "|" for a caret, "[" and "]" around a selection. */
function draw(value: string, start: number, end: number) {
  return start === end
    ? `${value.slice(0, start)}|${value.slice(start)}`
    : `${value.slice(0, start)}[${value.slice(start, end)}]${value.slice(end)}`;
}
function parse(drawn: string) {
  const caret = drawn.indexOf("|");
  if (caret >= 0) return { value: drawn.replace("|", ""), start: caret, end: caret };
  const start = drawn.indexOf("[");
  const end = drawn.indexOf("]") - 1;
  return { value: drawn.replace("[", "").replace("]", ""), start, end };
}
function press(drawn: string, shortcut: Exclude<Shortcut, "link">) {
  const { value, start, end } = parse(drawn);
  const edit = shortcutEdit(value, start, end, shortcut);
  let next = value;
  for (const change of [...edit.changes].reverse()) {
    next = next.slice(0, change.from) + change.insert + next.slice(change.to);
  }
  return draw(next, edit.selection.start, edit.selection.end);
}

const key = (init: Partial<Parameters<typeof shortcutOf>[0]>) =>
  shortcutOf({
    key: "",
    code: "",
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...init,
  });

describe("the plain text box keeps the editor's shortcuts", () => {
  it("knows the editor's keys, with Ctrl or ⌘", () => {
    expect(key({ key: "b", code: "KeyB", ctrlKey: true })).toBe("bold");
    expect(key({ key: "B", code: "KeyB", metaKey: true })).toBe("bold");
    expect(key({ key: "i", ctrlKey: true })).toBe("italic");
    expect(key({ key: "e", ctrlKey: true })).toBe("code");
    expect(key({ key: "k", ctrlKey: true })).toBe("link");
    expect(key({ key: "S", ctrlKey: true, shiftKey: true })).toBe("strike");
    expect(key({ key: "B", ctrlKey: true, shiftKey: true })).toBe("quote");
    expect(key({ key: "*", code: "Digit8", ctrlKey: true, shiftKey: true })).toBe("bulletList");
    expect(key({ key: "&", code: "Digit7", ctrlKey: true, shiftKey: true })).toBe("orderedList");
    expect(key({ key: "™", code: "Digit2", metaKey: true, altKey: true })).toBe("heading2");
    expect(key({ key: "3", code: "Digit3", ctrlKey: true, altKey: true })).toBe("heading3");
    expect(key({ key: "ç", code: "KeyC", metaKey: true, altKey: true })).toBe("codeBlock");
    expect(key({ key: "b", code: "KeyB" })).toBeNull();
    expect(key({ key: "a", ctrlKey: true })).toBeNull();
    expect(key({ key: "v", ctrlKey: true, shiftKey: true })).toBeNull();
  });

  it("Ctrl+B opens and closes bold, steps out of it, and takes back a marker pressed twice", () => {
    expect(press("second item|", "bold")).toBe("second item**|");
    expect(press("second item**bold words|", "bold")).toBe("second item**bold words**|");
    expect(press("a **b|**", "bold")).toBe("a **b**|");
    expect(press("a **|", "bold")).toBe("a |");
    expect(press("a **b**|", "bold")).toBe("a **b|");
    expect(press("x [words] y", "bold")).toBe("x **[words]** y");
    expect(press("**b*|", "italic")).toBe("**b|");
    expect(press("**|", "italic")).toBe("***|");
    expect(press("code |", "code")).toBe("code `|");
    expect(press("gone|", "strike")).toBe("gone~~|");
  });

  it("line shortcuts put the marker at the start of the line, and take it away again", () => {
    expect(press("one\ntw|o", "bulletList")).toBe("one\n- tw|o");
    expect(press("one\n- tw|o", "bulletList")).toBe("one\ntw|o");
    expect(press("- tw|o", "orderedList")).toBe("1. tw|o");
    expect(press("|Title", "heading2")).toBe("## |Title");
    expect(press("## Ti|tle", "heading3")).toBe("### Ti|tle");
    expect(press("said|", "quote")).toBe("> said|");
    expect(press("const a|", "codeBlock")).toBe("```\nconst a|\n```");
  });

  it("a fast typist's keys in the box read back as the editor would have shown them", () => {
    // "- first item", Enter, "second item", Ctrl+B, "bold words", Ctrl+B, as in the e2e test.
    let drawn = "|";
    const type = (text: string) => (drawn = drawn.replace("|", `${text}|`));
    type("- first item\nsecond item");
    drawn = press(drawn, "bold");
    type("bold words");
    drawn = press(drawn, "bold");
    const { value, start, end } = parse(drawn);
    expect(value).toBe("- first item\nsecond item**bold words**");
    const read = docFromTypedText(value, { start, end });
    expect(read.doc.content).toEqual([
      {
        type: "bulletList",
        content: [
          {
            type: "listItem",
            content: [{ type: "paragraph", content: [{ type: "text", text: "first item" }] }],
          },
          {
            type: "listItem",
            content: [
              {
                type: "paragraph",
                content: [
                  { type: "text", text: "second item" },
                  { type: "text", text: "bold words", marks: [{ type: "bold" }] },
                ],
              },
            ],
          },
        ],
      },
    ]);
    expect(read.marks).toEqual([]);
  });
});
