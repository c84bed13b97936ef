import { describe, expect, it } from "vitest";
import { buildWatchedWordMatcher, normalizePhrase, tokenize } from "./watched-words";

describe("normalizePhrase", () => {
  it("lower-cases, trims and keeps single spaces", () => {
    expect(normalizePhrase("  Buy   CHEAP\t\nPills  ")).toBe("buy cheap pills");
  });

  it("folds compatibility characters (NFKC)", () => {
    expect(normalizePhrase("ｆｒｅｅ ﬁle")).toBe("free file");
  });
});

describe("tokenize", () => {
  it("splits on everything but letters, marks and digits", () => {
    expect(tokenize("Hello, world! It's 2024—O'Brien's café…")).toEqual([
      "hello",
      "world",
      "it",
      "s",
      "2024",
      "o",
      "brien",
      "s",
      "café",
    ]);
  });

  it("keeps non-Latin words whole and treats emoji as separators", () => {
    expect(tokenize("Привет😀мир नमस्ते 東京")).toEqual(["привет", "мир", "नमस्ते", "東京"]);
  });

  it("answers nothing for text without words", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize(" ... !!! ")).toEqual([]);
  });
});

describe("buildWatchedWordMatcher", () => {
  const match = buildWatchedWordMatcher([
    { phrase: "ass", action: "hold" },
    { phrase: "spam", action: "hold" },
    { phrase: "buy cheap pills", action: "block" },
    { phrase: "scam", action: "block" },
  ]);

  it("matches whole words, case-insensitively, with punctuation around them", () => {
    expect(match("What a SPAM!")).toEqual({ action: "hold", phrase: "spam" });
    expect(match("(spam)")).toEqual({ action: "hold", phrase: "spam" });
    expect(match("“Spam”, said he.")).toEqual({ action: "hold", phrase: "spam" });
    expect(match("Nothing to see here")).toBeNull();
  });

  it("doesn't match inside words", () => {
    expect(match("A first-class passage about spammers and scampi")).toBeNull();
    expect(match("classy")).toBeNull();
  });

  it("matches phrases word by word, across any separators", () => {
    expect(match("Why not buy   cheap\npills today")).toEqual({
      action: "block",
      phrase: "buy cheap pills",
    });
    expect(match("buy-cheap-pills.example")).toMatchObject({ action: "block" });
    expect(match("buy cheap")).toBeNull();
    expect(match("buy cheap pillsbury")).toBeNull();
    expect(match("buy cheap cheap pills")).toBeNull();
  });

  it("lets block beat hold wherever each appears", () => {
    expect(match("spam first, then a scam")).toEqual({ action: "block", phrase: "scam" });
    expect(match("spam and ass")).toEqual({ action: "hold", phrase: "spam" });
  });

  it("keeps the stronger action when two entries normalize to the same words", () => {
    const both = buildWatchedWordMatcher([
      { phrase: "f-word", action: "hold" },
      { phrase: "f word", action: "block" },
    ]);
    expect(both("the F-WORD")).toEqual({ action: "block", phrase: "f word" });
  });

  it("finds a longer phrase that starts like a shorter one", () => {
    const nested = buildWatchedWordMatcher([
      { phrase: "free", action: "hold" },
      { phrase: "free money now", action: "block" },
    ]);
    expect(nested("get free money now")).toEqual({ action: "block", phrase: "free money now" });
    expect(nested("get free money")).toEqual({ action: "hold", phrase: "free" });
  });

  it("matches accented and non-Latin words as written", () => {
    const accented = buildWatchedWordMatcher([
      { phrase: "café", action: "hold" },
      { phrase: "мир", action: "block" },
    ]);
    expect(accented("Le CAFÉ est fermé")).toEqual({ action: "hold", phrase: "café" });
    expect(accented("cafe")).toBeNull();
    expect(accented("Миру мир")).toEqual({ action: "block", phrase: "мир" });
  });

  it("matches nothing with an empty list, or phrases without words", () => {
    expect(buildWatchedWordMatcher([])("anything at all")).toBeNull();
    expect(buildWatchedWordMatcher([{ phrase: "!!!", action: "block" }])("!!!")).toBeNull();
  });

  it("finishes on megabyte-sized adversarial input", () => {
    const many = buildWatchedWordMatcher(
      Array.from({ length: 1_000 }, (_, index) => ({
        phrase: `a a a a w${index}`,
        action: index % 2 ? ("block" as const) : ("hold" as const),
      })),
    );
    const inputs = [
      "a".repeat(1_000_000),
      "a ".repeat(500_000),
      "a-".repeat(500_000),
      "!".repeat(1_000_000),
      "😀".repeat(500_000),
      "é".repeat(1_000_000),
    ];
    for (const input of inputs) expect(many(input)).toBeNull();
    expect(many(`${"a ".repeat(500_000)}a a a a w7`)).toEqual({
      action: "block",
      phrase: "a a a a w7",
    });
  });
});
