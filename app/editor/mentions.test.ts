import { describe, expect, it } from "vitest";
import { MAX_MENTION_CANDIDATES, mentionSearchUrl, readMentionCandidates } from "./mentions";

const ID = "0b7e6a3c-1f2d-4c5b-8a9e-123456789abc";

describe("mentionSearchUrl", () => {
  it("adds the query to a URL with or without a query string", () => {
    expect(mentionSearchUrl("/resources/mentions", "ad a&b")).toBe(
      "/resources/mentions?q=ad%20a%26b",
    );
    expect(mentionSearchUrl("/resources/mentions?space=1", "ad")).toBe(
      "/resources/mentions?space=1&q=ad",
    );
  });
});

describe("readMentionCandidates", () => {
  it("keeps only users with a uuid and a valid handle", () => {
    expect(
      readMentionCandidates({
        users: [
          { id: ID, handle: "ada_l", displayName: "Ada" },
          { id: ID, handle: "no spaces", displayName: "Bad" },
          { id: "1", handle: "eve", displayName: "Eve" },
          { id: ID, handle: "nameless" },
          null,
        ],
      }),
    ).toEqual([
      { id: ID, handle: "ada_l", displayName: "Ada" },
      { id: ID, handle: "nameless", displayName: "nameless" },
    ]);
  });

  it("tolerates a malformed answer and caps the list", () => {
    expect(readMentionCandidates(null)).toEqual([]);
    expect(readMentionCandidates({ users: "x" })).toEqual([]);
    const many = Array.from({ length: 20 }, () => ({ id: ID, handle: "ada_l", displayName: "A" }));
    expect(readMentionCandidates({ users: many })).toHaveLength(MAX_MENTION_CANDIDATES);
  });
});
