import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { readPostContent } from "~/models/post-content.server";
import { parseSearchQuery } from "~/routes/__search-query.server";
import { DisplayNameSchema, EmailSchema } from "~/validation/common";
import { ThreadTitleSchema } from "~/validation/forums";
import { docFromPlainText, plainTextOf, renderRichTextHtml } from "./content.server";
import { isAllowedLinkHref, MAX_MENTIONS_PER_POST } from "./policy";
import { linkTypedMentions, scanTypedHandles, typedHandles } from "./typed-mentions";

// The worst inputs a member can send, through every path that reads user text. Each must end
// with a clear answer and in well under a second: before these limits, one reply of 200,000
// newlines kept the server busy for over a minute. CPU time, not wall time, so a busy machine
// does not make the test fail.
function withinBudget<T>(work: () => T): T {
  // Once untimed first: a cold worker's first pass also compiles the code it runs, and on a
  // busy two-core machine that alone pushed a ~0.7 s render past the budget.
  work();
  const before = process.cpuUsage();
  const result = work();
  const { user, system } = process.cpuUsage(before);
  expect((user + system) / 1000, "CPU milliseconds").toBeLessThan(1000);
  return result;
}

const text = (value: string, marks?: JSONContent["marks"]): JSONContent =>
  marks ? { type: "text", text: value, marks } : { type: "text", text: value };
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
const json = (value: unknown) => JSON.stringify(value);
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const mention = (n: number): JSONContent => ({
  type: "mention",
  attrs: { id: uuid(n), label: `person_${n}` },
});

function message(result: ReturnType<typeof readPostContent>) {
  return result.ok ? null : result.message;
}

describe("post bodies", () => {
  it("a textarea with a run of 200,000 newlines becomes two paragraphs", () => {
    const result = withinBudget(() => readPostContent(undefined, `a${"\n".repeat(200_000)}b`));
    expect(result.ok && result.content.bodyText).toBe("a\n\nb");
  });

  it("a textarea of alternating spaces and newlines is refused as too many lines", () => {
    const result = withinBudget(() => readPostContent(undefined, "x \n".repeat(20_000)));
    expect(message(result)).toMatch(/too many paragraphs, lines or formatted pieces/);
  });

  it("a text node holding 190,000 newlines is refused as too long", () => {
    const body = json(doc(paragraph(text(`a${"\n".repeat(190_000)}b`))));
    expect(message(withinBudget(() => readPostContent(body, undefined)))).toBe(
      "Posts can be at most 50,000 characters; this one has 190,002.",
    );
  });

  it("runs of spaces within the limit are kept as written", () => {
    const body = json(doc(paragraph(text(`a${" ".repeat(49_000)}b`))));
    const result = withinBudget(() => readPostContent(body, undefined));
    expect(result.ok && result.content.bodyText.length).toBe(49_002);
  });

  it("2,900 hard breaks are rendered; 12,000 are refused before rendering", () => {
    const breaks = (n: number) =>
      json(doc(paragraph(text("a"), ...Array.from({ length: n }, () => ({ type: "hardBreak" })))));
    const accepted = withinBudget(() => readPostContent(breaks(2_900), undefined));
    expect(accepted.ok && accepted.content.bodyHtml.split("<br />").length).toBe(2_901);
    expect(message(withinBudget(() => readPostContent(breaks(12_000), undefined)))).toMatch(
      /too many paragraphs/,
    );
  });

  it("a text with thousands of marks is refused; every mark once is fine", () => {
    const piled = json(doc(paragraph(text("a", Array(5_000).fill({ type: "bold" })))));
    expect(message(withinBudget(() => readPostContent(piled, undefined)))).toMatch(/damaged/);
    const allMarks = [{ type: "bold" }, { type: "italic" }, { type: "strike" }];
    const styled = json(
      doc(...Array.from({ length: 1_400 }, (_, i) => paragraph(text(`w${i}`, allMarks)))),
    );
    const result = withinBudget(() => readPostContent(styled, undefined));
    expect(result.ok && result.content.bodyHtml).toContain(
      "<strong><em><s>w1399</s></em></strong>",
    );
  });

  it("the most links that fit are rendered in time", () => {
    const link = (i: number) => [{ type: "link", attrs: { href: `https://e.co/${i}` } }];
    const body = json(
      doc(paragraph(...Array.from({ length: 2_900 }, (_, i) => text("x", link(i % 2))))),
    );
    const result = withinBudget(() => readPostContent(body, undefined));
    expect(result.ok && result.content.bodyHtml.split("<a ").length).toBe(2_901);
  });

  it("lists nested thousands deep are refused", () => {
    const open = '{"type":"bulletList","content":[{"type":"listItem","content":[';
    const body = `{"type":"doc","content":[${open.repeat(3_000)}{"type":"paragraph"}${"]}]}".repeat(3_000)}]}`;
    expect(body.length).toBeLessThan(400_000);
    expect(message(withinBudget(() => readPostContent(body, undefined)))).toBe(
      "This post is nested too deeply to save.",
    );
  });

  it("10,000 mentions are refused, and so are more people than the cap", () => {
    const tenThousand = json(
      doc(paragraph(...Array.from({ length: 10_000 }, (_, i) => mention(i)))),
    );
    expect(message(withinBudget(() => readPostContent(tenThousand, undefined)))).toBe(
      "This post is too large to save. Shorten it and try again.",
    );
    const crowd = json(doc(paragraph(...Array.from({ length: 30 }, (_, i) => mention(i)))));
    expect(message(withinBudget(() => readPostContent(crowd, undefined)))).toBe(
      `You can mention at most ${MAX_MENTIONS_PER_POST} people in one post; this one mentions 30. ` +
        "Mention the few who should answer, or post in a space they watch.",
    );
    const justEnough = json(
      doc(paragraph(...Array.from({ length: MAX_MENTIONS_PER_POST }, (_, i) => mention(i)))),
    );
    const accepted = readPostContent(justEnough, undefined);
    expect(accepted.ok && accepted.content.mentionIds).toHaveLength(MAX_MENTIONS_PER_POST);
  });

  it("the same person mentioned thousands of times is refused; a few times is one mention", () => {
    const many = json(doc(paragraph(...Array.from({ length: 2_500 }, () => mention(1)))));
    expect(message(withinBudget(() => readPostContent(many, undefined)))).toBe(
      "This post has 2,500 mentions; at most 50 fit in one post. Mention each person once or twice.",
    );
    const few = json(doc(paragraph(...Array.from({ length: 50 }, () => mention(1)))));
    const result = withinBudget(() => readPostContent(few, undefined));
    expect(result.ok && result.content.mentionIds).toEqual([uuid(1)]);
  });

  it("handles typed as text are found and linked in one pass over the worst text", () => {
    for (const worst of ["@".repeat(50_000), "@a".repeat(25_000), `@${"a".repeat(50_000)}`]) {
      expect(withinBudget(() => scanTypedHandles(worst))).toEqual([]);
    }
    // 12,500 handles, each naming someone: the lookup and the links stop at the caps.
    const crowd = () => docFromPlainText(" @ab".repeat(12_500));
    expect(withinBudget(() => typedHandles(crowd(), 50))).toEqual(["ab"]);
    const linked = withinBudget(() => {
      const body = crowd();
      linkTypedMentions(body, () => ({ id: uuid(1), handle: "ab" }), {
        mentioned: [],
        nodes: 0,
        maxPeople: MAX_MENTIONS_PER_POST,
        maxNodes: 50,
      });
      return body;
    });
    expect(linked.content?.[0].content?.filter((node) => node.type === "mention")).toHaveLength(50);
  });

  it("the text helpers stay linear on long runs", () => {
    const runs = doc(paragraph(text(`${"\n".repeat(100_000)}x${"\n".repeat(100_000)}`)));
    expect(withinBudget(() => plainTextOf(runs))).toBe("x");
    expect(withinBudget(() => docFromPlainText(" \n".repeat(100_000) + "x").content)).toHaveLength(
      1,
    );
    const html = withinBudget(() =>
      renderRichTextHtml({ type: "doc", content: [paragraph(text("<".repeat(50_000)))] }),
    );
    expect(html).toBe(`<p>${"&lt;".repeat(50_000)}</p>`);
  });
});

describe("short fields", () => {
  const huge = `${" ".repeat(500_000)}a${"\n".repeat(500_000)}b${"é".repeat(500_000)}`;

  it("titles, names, emails and searches refuse megabytes quickly", () => {
    expect(withinBudget(() => ThreadTitleSchema.safeParse(huge)).success).toBe(false);
    expect(withinBudget(() => DisplayNameSchema.safeParse(huge)).success).toBe(false);
    expect(
      withinBudget(() => EmailSchema.safeParse(`${"a".repeat(1_000_000)}@x.test`)).success,
    ).toBe(false);
    expect(
      withinBudget(() => EmailSchema.safeParse(`${"a.".repeat(120)}@${"b.".repeat(60)}c`)).success,
    ).toBe(false);
    const words = encodeURIComponent("(word OR -“x” ".repeat(100_000));
    const search = withinBudget(() => parseSearchQuery(new URL(`http://x.test/search?q=${words}`)));
    expect(search.problem).toMatch(/^Searches can be at most 200 characters/);
  });

  it("links of any length are judged at once", () => {
    expect(withinBudget(() => isAllowedLinkHref(`https://x.test/${"a".repeat(1_000_000)}`))).toBe(
      false,
    );
    expect(withinBudget(() => isAllowedLinkHref(`https://${"\t".repeat(2_000)}`))).toBe(false);
  });
});
