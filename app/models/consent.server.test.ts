import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { addEvidence, createBacklogItem, getBacklogItem } from "./backlog.server";
import {
  answerConsent,
  getConsentsForStaff,
  getMyConsents,
  hasConsentsToAnswer,
} from "./consent.server";
import {
  getLearning,
  listCitedAuthorIds,
  parseSourceReferences,
  resolveLearningSources,
} from "./learning.server";
import { readPostContent } from "./post-content.server";
import { createReply } from "./post.server";
import { addSpaceObserver } from "./space.server";
import { createThread } from "./thread.server";

const content = (text: string) => {
  const result = readPostContent(undefined, text);
  if (!result.ok) throw new Error(result.message);
  return result.content;
};

describe("the consent ledger", () => {
  it("records each answer with its version and time, and keeps every entry", async () => {
    const member = await createUser();
    expect(await hasConsentsToAnswer(member)).toBe(true);
    await answerConsent(member, "quote", "yes", "my_data");
    await answerConsent(member, "quote", "no", "my_data");
    await answerConsent(member, "credit", "anonymous", "settings");
    const mine = await getMyConsents(member);
    expect(mine?.states.find((s) => s.purpose === "quote")).toMatchObject({
      answer: "no",
      version: 1,
      needsAnswer: false,
    });
    expect(mine?.events.map((e) => [e.purpose, e.answer, e.source])).toEqual([
      ["credit", "anonymous", "settings"],
      ["quote", "no", "my_data"],
      ["quote", "yes", "my_data"],
    ]);
    await answerConsent(member, "observation", "yes", "my_data");
    await answerConsent(member, "evidence", "yes", "my_data");
    expect(await hasConsentsToAnswer(member)).toBe(false);
  });

  it("takes only the answers each use offers, only from customers' people, and shows staff alone the state", async () => {
    const member = await createUser();
    const staff = await createUser({ role: "staff" });
    const moderator = await createUser({ role: "moderator" });
    const other = await createUser();
    await expect(answerConsent(member, "credit", "yes", "my_data")).rejects.toThrow(
      /answers offered/,
    );
    await expect(answerConsent(member, "quote", "named", "my_data")).rejects.toThrow(
      /answers offered/,
    );
    await expect(answerConsent(staff, "quote", "no", "my_data")).rejects.toMatchObject({
      status: 403,
    });
    expect(await getMyConsents(staff)).toBeNull();
    await answerConsent(member, "evidence", "no", "my_data");
    expect(await getConsentsForStaff(other, member.id)).toBeNull();
    expect(await getConsentsForStaff(moderator, member.id)).toBeNull();
    const seen = await getConsentsForStaff(staff, member.id);
    expect(seen?.find((s) => s.purpose === "evidence")?.answer).toBe("no");
  });
});

describe("withdrawing a consent", () => {
  it("stops a learning citing the member at once, and refuses them as a new source", async () => {
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace();
    const quoted = await createUser({ displayName: "Quoted Quinn" });
    const source = await createTestThread(quoted, space.id, { title: "How we plan renewals" });
    const { references } = parseSourceReferences(`/p/${source.postId}`);
    const { sources } = await resolveLearningSources(staff, references);
    const learning = await createThread(staff, space.id, {
      kind: "learning",
      title: "Renewals start with a plan",
      content: content("What we heard about renewals."),
      sources,
      bypassPostingCheck: "fixture",
    });
    expect((await getLearning(staff, learning.threadId)).sources).toHaveLength(1);

    await answerConsent(quoted, "quote", "no", "my_data");
    const after = await getLearning(staff, learning.threadId);
    expect(after.sources).toEqual([]);
    expect(after.sourcesWithdrawn).toBe(1);
    expect(await listCitedAuthorIds(learning.threadId)).toEqual([]);
    const again = await resolveLearningSources(staff, references);
    expect(again.sources).toEqual([]);
    expect(again.notQuotable).toEqual([`/p/${source.postId}`]);

    // Saying yes again restores it: the rule reads where they stand now.
    await answerConsent(quoted, "quote", "yes", "my_data");
    expect((await getLearning(staff, learning.threadId)).sources).toHaveLength(1);
  });

  it("hides their quoted words on the backlog and refuses new links of their words", async () => {
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace();
    const author = await createUser();
    const thread = await createTestThread(author, space.id, {
      title: "Exports time out",
      body: "Our nightly export times out after ten minutes.",
    });
    const itemId = await createBacklogItem(
      staff,
      {
        title: "Faster exports",
        description: null,
        ownerId: null,
        target: "",
        externalUrl: null,
        isPublic: false,
        tagIds: [],
      },
      null,
    );
    await addEvidence(staff, itemId, {
      postId: thread.postId,
      quote: "times out after ten minutes",
    });
    const before = await getBacklogItem(staff, itemId);
    expect(before?.evidence[0]).toMatchObject({
      quote: "times out after ten minutes",
      wordsWithdrawn: false,
    });

    await answerConsent(author, "evidence", "no", "my_data");
    const after = await getBacklogItem(staff, itemId);
    expect(after?.evidence[0]).toMatchObject({
      quote: null,
      postExcerpt: null,
      wordsWithdrawn: true,
    });
    expect(JSON.stringify(after)).not.toContain("ten minutes");
    await expect(addEvidence(staff, itemId, { threadId: thread.threadId })).rejects.toThrow(
      /asked that their words not be used/,
    );
  });

  it("keeps someone who said no to observation from posting where staff observe, and only there", async () => {
    const staff = await createUser({ role: "staff" });
    const observed = await createTestSpace();
    const quiet = await createTestSpace();
    await addSpaceObserver(observed.admin, observed.id, staff.handle);
    const member = await createUser();
    const there = await createTestThread(staff, observed.id);
    const elsewhere = await createTestThread(staff, quiet.id);
    await answerConsent(member, "observation", "no", "my_data");

    const reply = (threadId: string, words = "My view on this.") =>
      createReply(member, threadId, { content: content(words), replyToPostId: null });
    await expect(reply(there.threadId)).rejects.toThrow(/Staff observe this space/);
    await expect(
      createThread(member, observed.id, {
        kind: "discussion",
        title: "A new topic",
        content: content("Opening words."),
      }),
    ).rejects.toThrow(/Staff observe this space/);
    await expect(reply(elsewhere.threadId)).resolves.toBeTruthy();

    await answerConsent(member, "observation", "yes", "my_data");
    await expect(reply(there.threadId, "And now here too.")).resolves.toBeTruthy();
  });
});
