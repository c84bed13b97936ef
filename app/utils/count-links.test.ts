import { describe, expect, it } from "vitest";
import { countLinks } from "./count-links";

const paragraph = (...content: object[]) => ({
  type: "doc",
  content: [{ type: "paragraph", content }],
});
const link = (text: string, href: string) => ({
  type: "text",
  text,
  marks: [{ type: "link", attrs: { href } }],
});

describe("countLinks", () => {
  it("counts linked runs once and bare addresses in plain text", () => {
    expect(countLinks(paragraph({ type: "text", text: "no links here" }))).toBe(0);
    expect(
      countLinks(
        paragraph(
          link("our ", "https://a.test"),
          {
            ...link("docs", "https://a.test"),
            marks: [{ type: "link", attrs: { href: "https://a.test" } }, { type: "bold" }],
          },
          { type: "text", text: " and https://b.test/x, www.c.test and https://www.d.test" },
        ),
      ),
    ).toBe(4);
  });

  it("stays linear on a hostile run of addresses", () => {
    const text = "https://x ".repeat(200_000);
    expect(countLinks(paragraph({ type: "text", text }))).toBe(50);
  });
});
