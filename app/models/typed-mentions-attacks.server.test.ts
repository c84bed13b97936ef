import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { MAX_MENTION_NODES } from "~/editor/content.server";
import { MAX_MENTIONS_PER_POST } from "~/editor/policy";
import { scanTypedHandles, typedHandles } from "~/editor/typed-mentions";
import { notifyAboutNewPost } from "./notification.server";
import { listNotificationGroups } from "./notification-inbox.server";
import { readPostContent } from "./post-content.server";
import { createReply } from "./post.server";
import { addSpaceMember } from "./space.server";

// Typed @handles, attacked: long runs built to make a scanner backtrack, hundreds of handles,
// and mentions of people who may not see where the words go.

const timed = <T>(run: () => T) => {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
};

describe("typed handles under attack", () => {
  it.each([
    ["@", "@".repeat(100_000)],
    ["a", "a".repeat(100_000)],
    ["@a", "@a".repeat(50_000)],
    [" @ab", " @ab".repeat(25_000)],
    ["@ + letters", `@${"a".repeat(99_999)}`],
    ["a@", "a@".repeat(50_000)],
    ["@-.", "@a-.".repeat(25_000)],
  ])("scans 100,000 characters of %s in linear time", (_name, text) => {
    const { ms } = timed(() => scanTypedHandles(text));
    expect(ms).toBeLessThan(250);
    // Through the whole document path as well, capped in what it returns.
    const doc = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text }] }],
    };
    const { result, ms: docMs } = timed(() => typedHandles(doc, MAX_MENTION_NODES));
    expect(docMs).toBeLessThan(250);
    expect(result.length).toBeLessThanOrEqual(MAX_MENTION_NODES);
  });

  it("with 500 typed handles, mentions at most the cap of people and tells only them", async () => {
    const space = await createTestSpace();
    const author = await createUser();
    const { threadId } = await createTestThread(author, space.id);
    const crowd = await Promise.all(
      Array.from({ length: MAX_MENTIONS_PER_POST + 5 }, () => createUser()),
    );
    const strangers = Array.from({ length: 500 }, (_, i) => `@nobody_${i}`);
    const read = readPostContent(
      undefined,
      `${crowd.map((p) => `@${p.handle}`).join(" ")} ${strangers.join(" ")}`,
    );
    if (!read.ok) throw new Error(read.message);
    const content = read.content;
    const { postId } = await createReply(author, threadId, { content, replyToPostId: null });
    await notifyAboutNewPost({
      actor: author,
      threadId,
      postId,
      mentionIds: content.mentionIds,
      isNewThread: false,
    });
    expect(content.mentionIds).toHaveLength(MAX_MENTIONS_PER_POST);
    const told = await Promise.all(
      crowd.map(async (person) => (await listNotificationGroups(person, 1)).total),
    );
    expect(told.filter((n) => n > 0)).toHaveLength(MAX_MENTIONS_PER_POST);
  });

  it("tells nobody outside a private space, typed or chosen by id, and names no place to them", async () => {
    const space = await createTestSpace({ visibility: "private", name: "War room" });
    const author = await createUser();
    await addSpaceMember(space.admin, space.id, author.handle);
    const { threadId } = await createTestThread(author, space.id, { title: "Layoff list" });
    const outsider = await createUser();
    // A mention node with the outsider's id, as a crafted request would send it.
    const read = readPostContent(
      JSON.stringify({
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "mention", attrs: { id: outsider.id, label: "someone" } },
              { type: "text", text: ` and @${outsider.handle}, look` },
            ],
          },
        ],
      }),
      undefined,
    );
    if (!read.ok) throw new Error(read.message);
    const { postId } = await createReply(author, threadId, {
      content: read.content,
      replyToPostId: null,
    });
    await notifyAboutNewPost({
      actor: author,
      threadId,
      postId,
      mentionIds: read.content.mentionIds,
      isNewThread: false,
    });
    const theirs = await listNotificationGroups(outsider, 1);
    expect(theirs.total).toBe(0);
    expect(JSON.stringify(theirs)).not.toContain("Layoff list");
    expect(JSON.stringify(theirs)).not.toContain("War room");
  });
});
