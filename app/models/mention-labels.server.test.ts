import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { readPostContent } from "./post-content.server";
import { createReply } from "./post.server";
import { Refusal } from "./refusal.server";

function replyMentioning(id: string, label: string) {
  const doc = {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Over to you " },
          { type: "mention", attrs: { id, label } },
        ],
      },
    ],
  };
  const read = readPostContent(JSON.stringify(doc), undefined);
  if (!read.ok) throw new Error(read.message);
  return read.content;
}

describe("a mention's shown name", () => {
  it("is the handle of the person it notifies, whatever label was sent", async () => {
    const author = await createUser();
    const maya = await createUser();
    const theo = await createUser();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(author, space.id);
    const content = replyMentioning(maya.id, theo.handle);

    await createReply(author, threadId, { content, replyToPostId: null });

    expect(content.bodyHtml).toContain(`@${maya.handle}`);
    expect(content.bodyHtml).not.toContain(theo.handle);
    expect(content.bodyText).toContain(`@${maya.handle}`);
    expect(content.mentionIds).toEqual([maya.id]);
  });

  it("refuses a mention of nobody", async () => {
    const author = await createUser();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(author, space.id);
    const content = replyMentioning("00000000-0000-4000-8000-00000000abcd", "ghost");
    await expect(createReply(author, threadId, { content, replyToPostId: null })).rejects.toThrow(
      Refusal,
    );
  });
});
