import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { MAX_MENTIONS_PER_POST } from "~/editor/policy";
import { notifyAboutNewPost } from "./notification.server";
import { listNotificationGroups } from "./notification-inbox.server";
import { readPostContent } from "./post-content.server";
import { createReply, getPostForViewer } from "./post.server";
import { editPost } from "./post-edit.server";
import { addSpaceMember } from "./space.server";
import { createThread } from "./thread.server";

type Person = Awaited<ReturnType<typeof createUser>>;

function typed(text: string) {
  const read = readPostContent(undefined, text);
  if (!read.ok) throw new Error(read.message);
  return read.content;
}

function rich(...content: JSONContent[]) {
  const read = readPostContent(
    JSON.stringify({ type: "doc", content: [{ type: "paragraph", content }] }),
    undefined,
  );
  if (!read.ok) throw new Error(read.message);
  return read.content;
}

/** A reply, announced as the reply form announces it, and who it mentions once saved. */
async function replyAs(author: Person, threadId: string, content: ReturnType<typeof typed>) {
  const { postId } = await createReply(author, threadId, { content, replyToPostId: null });
  await notifyAboutNewPost({
    actor: author,
    threadId,
    postId,
    mentionIds: content.mentionIds,
    isNewThread: false,
  });
  return postId;
}

async function thread(options: { visibility?: "members" | "private" } = {}) {
  const space = await createTestSpace({ visibility: options.visibility ?? "members" });
  const author = await createUser();
  if (options.visibility === "private") {
    await addSpaceMember(space.admin, space.id, author.handle);
  }
  const { threadId } = await createTestThread(author, space.id, { title: "Freight audit" });
  return { space, author, threadId };
}

describe("a handle typed as text", () => {
  it("mentions its member as the suggestions would: a link in the post, and a notification", async () => {
    const { author, threadId } = await thread();
    const sam = await createUser({ displayName: "Sam Typed" });
    const content = typed(`Over to you @${sam.handle.toUpperCase()}, and @nobody_here.`);
    await replyAs(author, threadId, content);

    expect(content.mentionIds).toEqual([sam.id]);
    expect(content.bodyHtml).toContain(
      `<a class="mention" href="/u/${sam.handle}" data-user-id="${sam.id}">@${sam.handle}</a>`,
    );
    expect(content.bodyText).toBe(`Over to you @${sam.handle}, and @nobody_here.`);
    const [told] = (await listNotificationGroups(sam, 1)).groups;
    expect(told).toMatchObject({ kind: "mention", actorName: author.displayName });
  });

  it("in the editor's text, ignores code, links and email addresses", async () => {
    const { author, threadId } = await thread();
    const [ana, bo, cy, di] = await Promise.all([1, 2, 3, 4].map(() => createUser()));
    const content = rich(
      { type: "text", text: `Ping @${ana.handle} ` },
      { type: "text", text: `@${bo.handle}`, marks: [{ type: "code" }] },
      { type: "text", text: " and " },
      {
        type: "text",
        text: `@${cy.handle}`,
        marks: [{ type: "link", attrs: { href: "https://example.com" } }],
      },
      { type: "text", text: ` or mail ${di.handle}@${di.handle}.test` },
    );
    await replyAs(author, threadId, content);
    expect(content.mentionIds).toEqual([ana.id]);
    expect(content.bodyHtml).toContain(`<code>@${bo.handle}</code>`);
    expect(content.bodyHtml).not.toContain(`data-user-id="${cy.id}"`);
  });

  it("names only active members who may see the thread, never the writer", async () => {
    const { space, author, threadId } = await thread({ visibility: "private" });
    const insider = await createUser();
    await addSpaceMember(space.admin, space.id, insider.handle);
    const outsider = await createUser();
    const suspended = await createUser({ status: "suspended" });
    await addSpaceMember(space.admin, space.id, suspended.handle);
    const content = typed(
      `@${insider.handle} @${outsider.handle} @${suspended.handle} @${author.handle}`,
    );
    await replyAs(author, threadId, content);
    expect(content.mentionIds).toEqual([insider.id]);
    expect(content.bodyText).toContain(`@${outsider.handle}`);
    expect((await listNotificationGroups(outsider, 1)).total).toBe(0);
  });

  it("counts against the cap on people, with those chosen from the suggestions", async () => {
    const { author, threadId } = await thread();
    const crowd = await Promise.all(
      Array.from({ length: MAX_MENTIONS_PER_POST + 2 }, () => createUser()),
    );
    const [chosen, ...rest] = crowd;
    const content = rich(
      { type: "mention", attrs: { id: chosen.id, label: chosen.handle } },
      { type: "text", text: ` ${rest.map((person) => `@${person.handle}`).join(" ")}` },
    );
    await replyAs(author, threadId, content);
    expect(content.mentionIds).toHaveLength(MAX_MENTIONS_PER_POST);
    expect(content.mentionIds).toEqual(crowd.slice(0, MAX_MENTIONS_PER_POST).map((p) => p.id));
    // The rest stays text, and the post is not refused for it.
    expect(content.bodyText).toContain(`@${crowd.at(-1)!.handle}`);
  });

  it("works in a new thread (by its space's rule) and in an edit", async () => {
    const space = await createTestSpace({ visibility: "private" });
    const author = await createUser();
    const insider = await createUser();
    const outsider = await createUser();
    for (const person of [author, insider]) {
      await addSpaceMember(space.admin, space.id, person.handle);
    }
    const opening = typed(`@${insider.handle} and @${outsider.handle}, thoughts?`);
    const { postId } = await createThread(author, space.id, {
      kind: "discussion",
      title: "Typed mentions",
      content: opening,
    });
    expect(opening.mentionIds).toEqual([insider.id]);

    const post = await getPostForViewer(author, postId);
    const edited = typed(`Still waiting on @${insider.handle}`);
    await editPost(author, post!, { content: edited });
    expect(edited.mentionIds).toEqual([insider.id]);
  });
});
