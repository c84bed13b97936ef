import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { docFromPlainText } from "./plain-text";
import { linkTypedMentions, scanTypedHandles, typedHandles } from "./typed-mentions";

const handlesIn = (text: string, before?: string, after?: string) =>
  scanTypedHandles(text, before, after).map((found) => found.handle);

const SAM = { id: "00000000-0000-4000-8000-000000000001", handle: "Sam_B" };
const ANA = { id: "00000000-0000-4000-8000-000000000002", handle: "ana" };
const people = new Map([
  ["sam_b", SAM],
  ["ana", ANA],
]);
const caps = { mentioned: [] as string[], nodes: 0, maxPeople: 20, maxNodes: 50 };

function paragraph(...content: JSONContent[]): JSONContent {
  return { type: "doc", content: [{ type: "paragraph", content }] };
}

describe("handles typed as text", () => {
  it("are found at the start of a word, in the handle's characters", () => {
    expect(handlesIn("@sam_b, can you and @ana-2 look?")).toEqual(["sam_b", "ana-2"]);
    expect(handlesIn("(@sam) “@ana” [@bo] {@cy}")).toEqual(["sam", "ana", "bo", "cy"]);
    expect(handlesIn("Thanks @sam.")).toEqual(["sam"]);
    expect(handlesIn("line one\n@sam")).toEqual(["sam"]);
  });

  it("are not email addresses, web addresses, domains or fediverse names", () => {
    expect(handlesIn("write to a@b.com or sam@example.com")).toEqual([]);
    expect(handlesIn("see example.com/@sam and https://x.social/@ana")).toEqual([]);
    expect(handlesIn("@example.com is ours")).toEqual([]);
    expect(handlesIn("@sam@mastodon.social")).toEqual([]);
    expect(handlesIn("x@@sam @@ana")).toEqual([]);
  });

  it("have a handle's length, and are cut by nothing but the end of the word", () => {
    expect(handlesIn("@a @ab")).toEqual(["ab"]);
    expect(handlesIn(`@${"a".repeat(30)} @${"b".repeat(31)}`)).toEqual(["a".repeat(30)]);
    // The text node ends, but the word goes on in the next one (bold "m" after "@sa").
    expect(handlesIn("hi @sa", "", "m!")).toEqual([]);
    expect(handlesIn("@sam", "x")).toEqual([]);
    expect(handlesIn("@sam", " ", " ")).toEqual(["sam"]);
  });

  it("in a document, are looked for outside code, code blocks and links, up to a limit", () => {
    const doc: JSONContent = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Ask @ana, not " },
            { type: "text", text: "@root", marks: [{ type: "code" }] },
            { type: "text", text: " or " },
            {
              type: "text",
              text: "@linked",
              marks: [{ type: "link", attrs: { href: "https://example.com" } }],
            },
          ],
        },
        { type: "codeBlock", content: [{ type: "text", text: "@decorator" }] },
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [
                { type: "paragraph", content: [{ type: "text", text: "@Sam_B @ANA @bo" }] },
              ],
            },
          ],
        },
      ],
    };
    expect(typedHandles(doc, 50)).toEqual(["ana", "sam_b", "bo"]);
    expect(typedHandles(doc, 2)).toEqual(["ana", "sam_b"]);
  });

  it("become mention nodes for the people they name, keeping the text around and its marks", () => {
    const doc = docFromPlainText("Hi @SAM_B and @nobody,\nask @ana.");
    expect(linkTypedMentions(doc, (handle) => people.get(handle), caps)).toBe(true);
    expect(doc.content?.[0].content).toEqual([
      { type: "text", text: "Hi " },
      { type: "mention", attrs: { id: SAM.id, label: "Sam_B", mentionSuggestionChar: "@" } },
      { type: "text", text: " and @nobody," },
      { type: "hardBreak" },
      { type: "text", text: "ask " },
      { type: "mention", attrs: { id: ANA.id, label: "ana", mentionSuggestionChar: "@" } },
      { type: "text", text: "." },
    ]);

    const bold = paragraph({ type: "text", text: "@ana", marks: [{ type: "bold" }] });
    linkTypedMentions(bold, (handle) => people.get(handle), caps);
    expect(bold.content?.[0].content).toEqual([
      {
        type: "mention",
        attrs: { id: ANA.id, label: "ana", mentionSuggestionChar: "@" },
        marks: [{ type: "bold" }],
      },
    ]);

    const nobody = docFromPlainText("@nobody here, mail a@ana.com");
    expect(linkTypedMentions(nobody, (handle) => people.get(handle), caps)).toBe(false);
    expect(nobody).toEqual(docFromPlainText("@nobody here, mail a@ana.com"));
  });

  it("stay text beyond the caps on people and on mention nodes, counting those already there", () => {
    const doc = docFromPlainText("@sam_b @ana @sam_b");
    linkTypedMentions(doc, (handle) => people.get(handle), {
      ...caps,
      mentioned: ["00000000-0000-4000-8000-00000000000f"],
      maxPeople: 2,
    });
    // Sam makes two people with the one already mentioned; Ana would be a third.
    expect(doc.content?.[0].content?.map((node) => node.type ?? "")).toEqual([
      "mention",
      "text",
      "mention",
    ]);
    expect(doc.content?.[0].content?.[1].text).toBe(" @ana ");

    const nodes = docFromPlainText("@ana @ana @ana");
    linkTypedMentions(nodes, (handle) => people.get(handle), { ...caps, nodes: 48 });
    expect(nodes.content?.[0].content?.map((node) => node.type)).toEqual([
      "mention",
      "text",
      "mention",
      "text",
    ]);
  });
});
