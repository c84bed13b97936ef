import { getSchema, type JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { EMPTY_DOCUMENT, renderRichTextHtml, validateRichTextDoc } from "./content.server";
import { richTextExtensions } from "./extensions";
import { docFromTypedText } from "./typed-text";

const text = (value: string, ...marks: string[]): JSONContent =>
  marks.length
    ? { type: "text", text: value, marks: marks.map((type) => ({ type })) }
    : { type: "text", text: value };
const paragraph = (...content: JSONContent[]): JSONContent =>
  content.length ? { type: "paragraph", content } : { type: "paragraph" };
const item = (...content: JSONContent[]): JSONContent => ({
  type: "listItem",
  content: [paragraph(...content)],
});
const bullets = (...items: JSONContent[]): JSONContent => ({ type: "bulletList", content: items });

const schema = getSchema(richTextExtensions());

/**
 * The document, checked against the editor's schema and the server's own validator (an empty one
 * is only refused for being empty): the editor will post it.
 */
function read(typed: string, caret?: number | [number, number]) {
  const selection =
    caret === undefined
      ? undefined
      : typeof caret === "number"
        ? { start: caret, end: caret }
        : { start: caret[0], end: caret[1] };
  const result = docFromTypedText(typed, selection);
  schema.nodeFromJSON(result.doc).check();
  const checked = validateRichTextDoc(result.doc);
  if (!checked.ok && checked.message !== EMPTY_DOCUMENT) {
    throw new Error(`${checked.message}: ${JSON.stringify(result.doc)}`);
  }
  return result;
}
const contentOf = (typed: string, caret?: number) => read(typed, caret).doc.content;

describe("docFromTypedText reads the plain text box as the editor would have read the keys", () => {
  it("turns the fast typist's list and Ctrl+B markers into a list with bold words", () => {
    const typed = "- first item\nsecond item**bold words**";
    const result = read(typed, typed.length);
    expect(result.doc.content).toEqual([
      bullets(item(text("first item")), item(text("second item"), text("bold words", "bold"))),
    ]);
    // After the last word of the second item; the bold was closed, so typing goes on plain.
    // ul(0) li(1) p(2) "first item"(3..13) /p /li(14) li(15) p(16) text from 17, 21 long.
    expect(result.selection).toEqual({ from: 38, to: 38 });
    expect(result.marks).toEqual([]);
    expect(renderRichTextHtml(result.doc)).toContain("<strong>bold words</strong>");
  });

  it("keeps formatting that is still being typed going at the caret", () => {
    const typed = "Ending **bold wo";
    const result = read(typed, typed.length);
    expect(result.doc.content).toEqual([paragraph(text("Ending "), text("bold wo", "bold"))]);
    expect(result.marks).toEqual(["bold"]);
    expect(result.selection).toEqual({ from: 15, to: 15 });

    // Just pressed: nothing typed yet, but the next key is bold.
    const pressed = read("Then **", 7);
    expect(pressed.doc.content).toEqual([paragraph(text("Then "))]);
    expect(pressed.marks).toEqual(["bold"]);
    expect(pressed.selection).toEqual({ from: 6, to: 6 });

    // The caret inside a closed pair carries on with it, as at the end of bold text.
    expect(read("**bold**", 6).marks).toEqual(["bold"]);
    expect(read("**bold** x", 8).marks).toEqual([]);
    // With no caret on the line, an opener with no closer is only text.
    expect(contentOf("Ending **bold wo\nnext", 21)).toEqual([
      paragraph(text("Ending **bold wo")),
      paragraph(text("next")),
    ]);
  });

  it("reads every mark the toolbar offers, overlapping ones too, and code literally", () => {
    expect(contentOf("a *it* _it_ ~~gone~~ `x**y**` ***both***")).toEqual([
      paragraph(
        text("a "),
        text("it", "italic"),
        text(" "),
        text("it", "italic"),
        text(" "),
        text("gone", "strike"),
        text(" "),
        text("x**y**", "code"),
        text(" "),
        text("both", "bold", "italic"),
      ),
    ]);
    expect(contentOf("**bold *and* more**")).toEqual([
      paragraph(text("bold ", "bold"), text("and", "bold", "italic"), text(" more", "bold")),
    ]);
  });

  it("leaves text alone that only looks like markers", () => {
    for (const plain of [
      "5 * 3 = 15 and 2 ** 8",
      "snake_case_name and __init__ly",
      "a lone ` tick",
      "**** and ~~~ and ~single~",
      "# not a heading: the page has the only h1",
      "-no space is no list",
    ]) {
      expect(contentOf(plain)).toEqual([paragraph(text(plain))]);
    }
  });

  it("reads lists, quotes, headings and code blocks, and Enter on an empty line ends them", () => {
    expect(
      contentOf(
        [
          "## Plan",
          "Intro",
          "3. third",
          "4. fourth",
          "next",
          "",
          "> quoted",
          "lazy line",
          ">",
          "> - in a list",
          "",
          "```js",
          "const a = **1**;",
          "",
          "```",
          "* star item",
          "+ plus item",
          "1. ordered",
          "After",
        ].join("\n"),
      ),
    ).toEqual([
      { type: "heading", attrs: { level: 2 }, content: [text("Plan")] },
      paragraph(text("Intro")),
      {
        type: "orderedList",
        attrs: { start: 3 },
        content: [item(text("third")), item(text("fourth")), item(text("next"))],
      },
      {
        type: "blockquote",
        content: [
          paragraph(text("quoted")),
          paragraph(text("lazy line")),
          bullets(item(text("in a list"))),
        ],
      },
      { type: "codeBlock", content: [text("const a = **1**;\n")] },
      bullets(item(text("star item")), item(text("plus item"))),
      { type: "orderedList", content: [item(text("ordered")), item(text("After"))] },
    ]);
  });

  it("maps a selection, across removed markers, to editor positions", () => {
    // p(0) "x "(1,2) "bold"(3..6) → the selected word is 3 to 7.
    const typed = "x **bold** y";
    expect(read(typed, [4, 8]).selection).toEqual({ from: 3, to: 7 });
    // A caret before a list marker lands at the start of the item's text.
    expect(read("- one", 0).selection).toEqual({ from: 3, to: 3 });
    // A caret on a new line after an item is in a new, empty item:
    // ul(0) li(1) p(2) "one"(3..5) /p(6) /li(7) li(8) p(9), inside at 10.
    const listed = read("- one\n", 6);
    expect(listed.doc.content).toEqual([bullets(item(text("one")), item())]);
    expect(listed.selection).toEqual({ from: 10, to: 10 });
    // A caret in an empty box, or after Enter on an empty line, is in an empty paragraph.
    expect(read("", 0)).toEqual({
      doc: { type: "doc", content: [paragraph()] },
      selection: { from: 1, to: 1 },
      marks: [],
    });
    expect(read("Hi\n\n", 4).doc.content).toEqual([paragraph(text("Hi")), paragraph()]);
    // Inside a code block, just opened.
    const code = read("```\n", 4);
    expect(code.doc.content).toEqual([{ type: "codeBlock" }]);
    expect(code.selection).toEqual({ from: 1, to: 1 });
    expect(read("no selection").selection).toBeNull();
  });

  it("never lets typed private-use characters pass for the selection, and drops control characters", () => {
    expect(contentOf("a\uE000b\uE001c\u0007d", 0)).toEqual([paragraph(text("a\uFFFDb\uFFFDcd"))]);
  });

  it("reads a long paste in linear time", () => {
    // CPU time, not wall time, so a busy machine does not make the test fail (as in
    // hostile-input.test.ts); once untimed first, so compiling is not counted.
    for (const piece of ["**a* _b_ ~~c `d` - e\n> f\n", "*a_b`".repeat(10), "> ", "\n", "x"]) {
      const long = piece.repeat(Math.ceil(100_000 / piece.length));
      const read = () => docFromTypedText(long, { start: long.length, end: long.length });
      read();
      const before = process.cpuUsage();
      read();
      const { user, system } = process.cpuUsage(before);
      expect((user + system) / 1000, `CPU milliseconds for ${JSON.stringify(piece)}`).toBeLessThan(
        1000,
      );
    }
  });
});
