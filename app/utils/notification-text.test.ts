import { describe, expect, it } from "vitest";
import { actorNamesLine, groupCountLine, threadGroupHeadline } from "./notification-text";

describe("a group of notifications in words", () => {
  it("names the latest people, then how many others", () => {
    expect(actorNamesLine([], 0)).toBe("");
    expect(actorNamesLine(["Sam"], 1)).toBe("Sam");
    expect(actorNamesLine(["Sam", "Ana"], 2)).toBe("Sam and Ana");
    expect(actorNamesLine(["Sam", "Ana", "Bo"], 3)).toBe("Sam, Ana and Bo");
    expect(actorNamesLine(["Sam", "Ana", "Bo"], 4)).toBe("Sam, Ana and 2 others");
    expect(actorNamesLine(["Sam", "Ana", "Bo"], 5)).toBe("Sam, Ana and 3 others");
    // Someone whose account is gone still counts, unnamed.
    expect(actorNamesLine(["Sam"], 2)).toBe("Sam and 1 other");
  });

  it("reads as before for one notification, and says how many of what for several", () => {
    const base = { actorName: "Sam", threadTitle: "Pricing", events: 1, actors: 1 };
    expect(threadGroupHeadline({ ...base, kind: "watched_thread" })).toBe(
      "Sam replied in “Pricing”",
    );
    expect(threadGroupHeadline({ ...base, kind: "watched_thread", events: 5, actors: 3 })).toBe(
      "5 new replies in “Pricing”",
    );
    expect(threadGroupHeadline({ ...base, kind: "reply", events: 2, actors: 2 })).toBe(
      "2 replies to you in “Pricing”",
    );
    expect(threadGroupHeadline({ ...base, kind: "mention", events: 4, actors: 3 })).toBe(
      "3 people mentioned you in “Pricing”",
    );
    expect(threadGroupHeadline({ ...base, kind: "mention", events: 2, actors: 1 })).toBe(
      "Sam mentioned you 2 times in “Pricing”",
    );
    expect(threadGroupHeadline({ ...base, kind: "proposal_comment", events: 6, actors: 2 })).toBe(
      "6 comments on “Pricing”",
    );
    expect(threadGroupHeadline({ ...base, kind: "proposal_stage", events: 2, actors: 1 })).toBe(
      "The stage of “Pricing” moved 2 times",
    );
    expect(threadGroupHeadline({ ...base, kind: "internal_note", events: 3, actors: 2 })).toBe(
      "3 internal notes mention you on “Pricing”",
    );
    expect(threadGroupHeadline({ ...base, kind: "reply", actorName: null })).toBe(
      "Someone replied to you in “Pricing”",
    );
  });

  it("counts the groups whose line is the newest one's", () => {
    expect(groupCountLine("backlog_update", 1)).toBeNull();
    expect(groupCountLine("backlog_update", 3)).toBe("3 updates");
    expect(groupCountLine("appeal_reply", 2)).toBe("2 answers");
  });
});
