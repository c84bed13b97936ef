import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import {
  docFromPlainText,
  MAX_POST_CHARACTERS,
  mentionedUserIds,
  parseRichTextFormField,
  parseRichTextJson,
  plainTextOf,
  renderRichTextHtml,
  type RichTextDoc,
} from "./content.server";

const ADA_ID = "0b7e6a3c-1f2d-4c5b-8a9e-123456789abc";
const BOB_ID = "5f0c2d1e-9a8b-4c7d-b6e5-abcdefabcdef";

const text = (value: string, marks?: JSONContent["marks"]): JSONContent =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const doc = (...content: JSONContent[]): RichTextDoc => ({ type: "doc", content });
const mention = (id: unknown, label: unknown): JSONContent => ({
  type: "mention",
  attrs: { id, label },
});
const linked = (href: string, label = "click"): JSONContent =>
  text(label, [{ type: "link", attrs: { href } }]);

function rejection(value: unknown): string {
  const result = parseRichTextJson(JSON.stringify(value));
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.doc)}`);
  return result.message;
}

function accepted(value: unknown): RichTextDoc {
  const result = parseRichTextJson(JSON.stringify(value));
  if (!result.ok) throw new Error(`expected acceptance, got "${result.message}"`);
  return result.doc;
}

/** An attribute whose name starts with "on", anywhere inside a tag. */
const EVENT_HANDLER = /<[^>]*\son[a-z]+\s*=/i;

const formatted = doc(
  { type: "heading", attrs: { level: 2 }, content: [text("Release notes")] },
  paragraph(
    text("Hello "),
    text("bold", [{ type: "bold" }]),
    text(", "),
    text("italic", [{ type: "italic" }]),
    text(", "),
    text("gone", [{ type: "strike" }]),
    text(" and "),
    text("npm test", [{ type: "code" }]),
    { type: "hardBreak" },
    text("see "),
    linked("https://example.com/docs?a=1&b=2", "the docs"),
    text(", thanks "),
    mention(ADA_ID, "ada_l"),
  ),
  { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("one"))] }] },
  {
    type: "orderedList",
    attrs: { start: 3 },
    content: [{ type: "listItem", content: [paragraph(text("three"))] }],
  },
  { type: "blockquote", content: [paragraph(text("quoted"))] },
  { type: "codeBlock", attrs: { language: "ts" }, content: [text("const a = 1 < 2;")] },
);

describe("parseRichTextJson", () => {
  it("accepts a formatted document and returns it normalized", () => {
    const parsed = accepted(formatted);
    expect(parsed.type).toBe("doc");
    expect(parsed.content?.[0]).toEqual({
      type: "heading",
      attrs: { level: 2 },
      content: [{ type: "text", text: "Release notes" }],
    });
    const link = parsed.content?.[1].content?.find((node) => node.text === "the docs");
    expect(link?.marks).toEqual([
      {
        type: "link",
        attrs: {
          href: "https://example.com/docs?a=1&b=2",
          target: null,
          rel: "nofollow ugc noopener",
          class: null,
          title: null,
        },
      },
    ]);
    expect(parsed.content?.[1].content?.at(-1)).toEqual({
      type: "mention",
      attrs: { id: ADA_ID, label: "ada_l", mentionSuggestionChar: "@" },
    });
    // Parsing the normalized form again changes nothing.
    expect(accepted(parsed)).toEqual(parsed);
  });

  it("accepts what the editor sends for a link, and drops cosmetic attributes pasted HTML brings", () => {
    const parsed = accepted(
      doc(
        paragraph(
          text("x", [
            {
              type: "link",
              attrs: {
                href: "mailto:ada@example.com",
                target: "_blank",
                rel: "opener",
                class: "evil",
                title: "t",
              },
            },
          ]),
        ),
      ),
    );
    expect(parsed.content?.[0].content?.[0].marks?.[0].attrs).toEqual({
      href: "mailto:ada@example.com",
      target: null,
      rel: "nofollow ugc noopener",
      class: null,
      title: null,
    });
  });

  it.each([
    ["javascript:alert(1)"],
    ["JavaScript:alert(1)"],
    [" javascript:alert(1)"],
    ["java\tscript:alert(1)"],
    ["java\nscript:alert(1)"],
    ["\u0000javascript:alert(1)"],
    ["javascript&colon;alert(1)"],
    ["data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
    ["vbscript:msgbox(1)"],
    ["//evil.example/x"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["evil.example"],
    ["/u/ada_l"],
    ["http://"],
    ["https:\u200b//example.com"],
    ["ftp://example.com/file"],
    [""],
  ])("rejects the link %j", (href) => {
    expect(rejection(doc(paragraph(linked(href))))).toBe(
      "Links must start with http://, https:// or mailto:.",
    );
  });

  it("rejects a link without an href", () => {
    expect(rejection(doc(paragraph(text("x", [{ type: "link" }]))))).toBe(
      "Links must start with http://, https:// or mailto:.",
    );
  });

  it("rejects unknown node types with a message that names them", () => {
    expect(rejection(doc({ type: "iframe", attrs: { src: "https://evil.example" } }))).toBe(
      "This post contains formatting we do not support (iframe).",
    );
    expect(rejection(doc({ type: "horizontalRule" }))).toMatch(/horizontalRule/);
    expect(rejection(doc(paragraph({ type: "image", attrs: { src: "x" } })))).toMatch(/image/);
  });

  it("rejects unknown marks", () => {
    expect(rejection(doc(paragraph(text("x", [{ type: "underline" }]))))).toBe(
      "This post contains formatting we do not support (underline).",
    );
  });

  it("rejects attributes that are not in the schema", () => {
    expect(rejection(doc({ type: "paragraph", attrs: { onclick: "alert(1)" } }))).toBe(
      "This post contains formatting we do not support (paragraph with “onclick”).",
    );
    expect(rejection(doc(paragraph(text("x", [{ type: "bold", attrs: { style: "x" } }]))))).toMatch(
      /bold with “style”/,
    );
    expect(
      rejection(
        doc(
          paragraph(
            text("x", [{ type: "link", attrs: { href: "https://a.example", onmouseover: "x" } }]),
          ),
        ),
      ),
    ).toMatch(/link with “onmouseover”/);
  });

  it.each([[1], [5], [6], ["2"], [null]])("rejects heading level %j", (level) => {
    expect(rejection(doc({ type: "heading", attrs: { level }, content: [text("Hi")] }))).toBe(
      "Headings can only be levels 2 to 4.",
    );
  });

  it("rejects a heading without a level (it would default to h1)", () => {
    expect(rejection(doc({ type: "heading", content: [text("Hi")] }))).toBe(
      "Headings can only be levels 2 to 4.",
    );
  });

  it.each([
    ["not-a-uuid", "ada_l"],
    [null, "ada_l"],
    [ADA_ID, "a"],
    [ADA_ID, "ada lovelace"],
    [ADA_ID, '"><img src=x onerror=alert(1)>'],
    [ADA_ID, "x".repeat(31)],
    [ADA_ID, null],
  ])("rejects a mention with id %j and label %j", (id, label) => {
    expect(rejection(doc(paragraph(mention(id, label))))).toBe(
      "A mention in this post does not point to a member. Mention them again.",
    );
  });

  it.each([
    [doc()],
    [doc(paragraph())],
    [doc(paragraph(text("   ")), paragraph({ type: "hardBreak" }))],
    [doc({ type: "codeBlock" })],
  ])("rejects an empty document %#", (empty) => {
    expect(rejection(empty)).toBe("Write something before posting.");
  });

  it("counts characters on the plain text and refuses more than the limit", () => {
    expect(MAX_POST_CHARACTERS).toBe(50_000);
    expect(accepted(doc(paragraph(text("a".repeat(50_000)))))).toBeTruthy();
    expect(rejection(doc(paragraph(text("a".repeat(50_001)))))).toBe(
      "Posts can be at most 50,000 characters; this one has 50,001.",
    );
    // An emoji is one character to the person typing it, not two UTF-16 units.
    expect(accepted(doc(paragraph(text("🙂".repeat(50_000)))))).toBeTruthy();
  });

  it("rejects input that is not a document", () => {
    expect(parseRichTextJson("{not json")).toEqual({
      ok: false,
      message: "We could not read the post's formatting. Reload the page and try again.",
    });
    expect(rejection(paragraph(text("x")))).toMatch(/could not read/);
    expect(rejection(null)).toMatch(/could not read/);
    expect(rejection([doc(paragraph(text("x")))])).toMatch(/could not read/);
    expect(rejection("doc")).toMatch(/could not read/);
  });

  it("rejects JSON that is far too large before parsing it", () => {
    const huge = JSON.stringify(doc(paragraph(text("a".repeat(400_001)))));
    expect(parseRichTextJson(huge)).toEqual({
      ok: false,
      message: "This post is too large to save. Shorten it and try again.",
    });
  });

  it("rejects documents that break the schema's structure", () => {
    const damaged = /formatting is damaged/;
    expect(rejection(doc(text("text directly in the doc")))).toMatch(damaged);
    expect(rejection(doc({ type: "bulletList", content: [paragraph(text("x"))] }))).toMatch(
      damaged,
    );
    expect(rejection(doc(paragraph(text("x", [{ type: "bold" }, { type: "bold" }]))))).toMatch(
      damaged,
    );
    expect(rejection(doc(paragraph(text("x", "bold" as never))))).toMatch(damaged);
  });

  it("drops empty text nodes, which ProseMirror cannot hold, instead of refusing the post", () => {
    const parsed = accepted(
      doc(paragraph({ type: "text", text: "" }, text("x"), { type: "text" })),
    );
    expect(parsed.content?.[0].content).toEqual([{ type: "text", text: "x" }]);
  });

  it("rejects absurd nesting without overflowing the stack", () => {
    // Built as a string: JSON.stringify itself would overflow on an object this deep.
    const depth = 10_000;
    const raw =
      '{"type":"doc","content":[' +
      '{"type":"blockquote","content":['.repeat(depth) +
      '{"type":"paragraph","content":[{"type":"text","text":"deep"}]}' +
      "]}".repeat(depth) +
      "]}";
    expect(parseRichTextJson(raw)).toEqual({
      ok: false,
      message: "This post is nested too deeply to save.",
    });
  });

  it("drops the empty paragraphs the editor leaves at the end, and only those", () => {
    const parsed = accepted(
      doc(
        paragraph(text("a")),
        paragraph(),
        { type: "blockquote", content: [paragraph(text("q"))] },
        paragraph(),
        paragraph(),
      ),
    );
    expect(parsed.content?.map((node) => node.type)).toEqual([
      "paragraph",
      "paragraph",
      "blockquote",
    ]);
  });

  it("strips control characters Postgres cannot store", () => {
    const parsed = accepted(doc(paragraph(text("a\u0000b\u0007c"))));
    expect(parsed.content?.[0].content).toEqual([{ type: "text", text: "abc" }]);
  });

  it("drops a link mark wrapped around a mention, which would nest links", () => {
    const parsed = accepted(
      doc(
        paragraph({
          ...mention(ADA_ID, "ada_l"),
          marks: [{ type: "link", attrs: { href: "https://a.example" } }, { type: "bold" }],
        }),
      ),
    );
    expect(parsed.content?.[0].content?.[0].marks).toEqual([{ type: "bold" }]);
  });

  it("never throws, whatever it is given", () => {
    for (const raw of ["", "null", "42", '"doc"', "[]", '{"type":"doc","content":"x"}', "\u0000"]) {
      const result = parseRichTextJson(raw);
      expect(result.ok).toBe(false);
    }
  });
});

describe("renderRichTextHtml", () => {
  it("renders a formatted document", () => {
    expect(renderRichTextHtml(accepted(formatted))).toBe(
      "<h2>Release notes</h2>" +
        "<p>Hello <strong>bold</strong>, <em>italic</em>, <s>gone</s> and <code>npm test</code><br />" +
        'see <a href="https://example.com/docs?a=1&amp;b=2" rel="nofollow ugc noopener">the docs</a>, thanks ' +
        `<a class="mention" href="/u/ada_l" data-user-id="${ADA_ID}">@ada_l</a></p>` +
        "<ul><li><p>one</p></li></ul>" +
        '<ol start="3"><li><p>three</p></li></ol>' +
        "<blockquote><p>quoted</p></blockquote>" +
        '<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre>',
    );
  });

  it("escapes markup typed as text", () => {
    const html = renderRichTextHtml(
      doc(paragraph(text('<script>alert(1)</script><img src=x onerror="alert(1)">'))),
    );
    expect(html).toBe(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror="alert(1)"&gt;</p>',
    );
    expect(html).not.toMatch(/<script|<img/i);
  });

  it.each([
    ["javascript:alert(1)"],
    ["JAVASCRIPT:alert(1)"],
    ["java\tscript:alert(1)"],
    ["java\nscript:alert(1)"],
    ["\u0001javascript:alert(1)"],
    ["  javascript:alert(1)"],
    ["data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
    ["vbscript:msgbox(1)"],
    ["//evil.example/x"],
    ["/\\evil.example"],
    ['https://a.example/" onclick="alert(1)'],
  ])("makes the unvalidated link %j inert", (href) => {
    const html = renderRichTextHtml(doc(paragraph(linked(href))));
    expect(html).not.toMatch(/javascript|vbscript|data:|evil/i);
    expect(html).not.toMatch(EVENT_HANDLER);
    // The text stays; only a link that passes the same rules as parsing keeps its href.
    expect(html).toMatch(
      /^<p>(click|<a href="https:\/\/a\.example\/[^"]*" rel="nofollow ugc noopener">click<\/a>)<\/p>$/,
    );
  });

  it("drops attributes the schema does not know, even if they reach the renderer", () => {
    const html = renderRichTextHtml(
      doc(
        { type: "paragraph", attrs: { onclick: "alert(1)", style: "x" }, content: [text("a")] },
        {
          type: "heading",
          attrs: { level: 2, onmouseover: "alert(1)" },
          content: [
            text("b", [
              {
                type: "link",
                attrs: {
                  href: "https://a.example",
                  target: "_blank",
                  rel: "opener",
                  class: "mention",
                  onclick: "alert(1)",
                  title: "t",
                },
              },
            ]),
          ],
        },
        {
          type: "codeBlock",
          attrs: { language: '"><script>alert(1)</script>' },
          content: [text("c")],
        },
      ),
    );
    expect(html).not.toMatch(EVENT_HANDLER);
    expect(html).not.toMatch(/<script|target=|style=|title=/i);
    expect(html).toContain("<p>a</p>");
  });

  it("turns forged mentions into plain text", () => {
    const html = renderRichTextHtml(
      doc(
        paragraph(
          mention("not-a-uuid", "ada_l"),
          text(" "),
          mention(ADA_ID, '"><img src=x onerror=alert(1)>'),
          text(" "),
          mention(ADA_ID, "../admin"),
        ),
      ),
    );
    expect(html).not.toMatch(/<a\b|<img/i);
    expect(html).not.toMatch(EVENT_HANDLER);
    expect(html).toContain("@ada_l");
  });

  it("renders the words of a document it cannot render, instead of throwing", () => {
    const html = renderRichTextHtml(
      doc(paragraph(text("kept")), { type: "iframe", content: [paragraph(text("also kept"))] }),
    );
    expect(html).toBe("<p>kept</p><p>also kept</p>");
  });

  it("survives a document too deep to serialize", () => {
    let nested: JSONContent = paragraph(text("deep"));
    for (let i = 0; i < 3_000; i++) nested = { type: "blockquote", content: [nested] };
    expect(() => renderRichTextHtml(doc(paragraph(text("top")), nested))).not.toThrow();
  });

  it("renders heading levels outside 2–4 as h2, never h1", () => {
    const html = renderRichTextHtml(
      doc({ type: "heading", attrs: { level: 1 }, content: [text("Title")] }),
    );
    expect(html).toBe("<h2>Title</h2>");
  });
});

describe("docFromPlainText", () => {
  it("makes paragraphs from blank lines and hard breaks from single newlines", () => {
    expect(docFromPlainText("\r\nHello\r\nworld\r\n\r\n  \r\n\r\nSecond\rline\n\n")).toEqual(
      doc(
        paragraph(text("Hello"), { type: "hardBreak" }, text("world")),
        paragraph(text("Second"), { type: "hardBreak" }, text("line")),
      ),
    );
  });

  it("produces an empty document for blank input, which parsing then refuses", () => {
    expect(docFromPlainText(" \n\n \r\n")).toEqual(doc());
    expect(rejection(docFromPlainText(" \n\n "))).toBe("Write something before posting.");
  });

  it("keeps markup as text", () => {
    const html = renderRichTextHtml(docFromPlainText("<b>hi</b>\n[x](javascript:alert(1))"));
    expect(html).toBe("<p>&lt;b&gt;hi&lt;/b&gt;<br />[x](javascript:alert(1))</p>");
  });

  it("round-trips through plainTextOf", () => {
    const original = "First line\nsecond line\n\nNext paragraph";
    expect(plainTextOf(docFromPlainText(original))).toBe(original);
  });
});

describe("plainTextOf", () => {
  it("separates blocks with a blank line and writes mentions as @handle", () => {
    expect(plainTextOf(formatted)).toBe(
      [
        "Release notes",
        "Hello bold, italic, gone and npm test\nsee the docs, thanks @ada_l",
        "- one",
        "3. three",
        "> quoted",
        "const a = 1 < 2;",
      ].join("\n\n"),
    );
  });

  it("puts list items on lines of their own, as a plain-text email would", () => {
    const item = (...content: object[]) => ({ type: "listItem", content });
    const list = doc(paragraph(text("Our QBR agenda:")), {
      type: "orderedList",
      content: [
        item(paragraph(text("Adoption"))),
        item(paragraph(text("Renewal risks")), {
          type: "bulletList",
          content: [item(paragraph(text("budget"))), item(paragraph(text("champion left")))],
        }),
      ],
    });
    expect(plainTextOf(list)).toBe(
      "Our QBR agenda:\n\n1. Adoption\n2. Renewal risks\n   - budget\n   - champion left",
    );
  });

  it("copes with malformed JSON", () => {
    expect(plainTextOf({ type: "doc", content: "x" as never })).toBe("");
    expect(plainTextOf(doc(paragraph(text("a")), null as never, paragraph(text("b"))))).toBe(
      "a\n\nb",
    );
  });
});

describe("mentionedUserIds", () => {
  it("lists each mentioned user once, in order", () => {
    expect(
      mentionedUserIds(
        doc(
          paragraph(mention(BOB_ID, "bob"), text(" and "), mention(ADA_ID, "ada_l")),
          { type: "blockquote", content: [paragraph(mention(BOB_ID, "bob"))] },
          paragraph(mention("not-a-uuid", "eve")),
        ),
      ),
    ).toEqual([BOB_ID, ADA_ID]);
  });

  it("is empty without mentions", () => {
    expect(mentionedUserIds(docFromPlainText("@ada_l in plain text is not a mention"))).toEqual([]);
  });
});

describe("parseRichTextFormField", () => {
  it("prefers the editor's JSON", () => {
    const form = new FormData();
    form.set("body", "ignored");
    form.set("bodyJson", JSON.stringify(doc(paragraph(text("from the editor")))));
    const result = parseRichTextFormField(form, "body");
    expect(result.ok && plainTextOf(result.doc)).toBe("from the editor");
  });

  it("falls back to the textarea and applies the same limits", () => {
    const form = new FormData();
    form.set("body", "from the textarea");
    const result = parseRichTextFormField(form, "body");
    expect(result.ok && plainTextOf(result.doc)).toBe("from the textarea");

    form.set("body", "a".repeat(50_001));
    expect(parseRichTextFormField(form, "body")).toEqual({
      ok: false,
      message: "Posts can be at most 50,000 characters; this one has 50,001.",
    });

    form.set("body", "   ");
    expect(parseRichTextFormField(form, "body")).toEqual({
      ok: false,
      message: "Write something before posting.",
    });
  });
});
