import { describe, expect, it } from "vitest";
import {
  createTestSpace,
  createTestThread,
  createUser,
  lockTestThread,
} from "#db/testing/factories";
import { readPostContent } from "./post-content.server";
import {
  createReply,
  deletePost,
  getPostForViewer,
  listPostsPage,
  toggleReaction,
} from "./post.server";
import { listRevisionsPage } from "./post-history.server";
import { editPost } from "./post-edit.server";

function content(text: string) {
  const result = readPostContent(undefined, text);
  if (!result.ok) throw new Error(result.message);
  return result.content;
}

async function lockedThreadWithReply() {
  const author = await createUser();
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id, { replies: 1 });
  const [, reply] = await listPostsPage(author, threadId, 1);
  await lockTestThread(threadId);
  return { author, threadId, replyId: reply.id };
}

describe("a locked thread", () => {
  it("refuses replies, reactions, edits and deletions by the people in it", async () => {
    const { author, threadId, replyId } = await lockedThreadWithReply();
    const post = (await getPostForViewer(author, replyId))!;
    await expect(
      createReply(author, threadId, { content: content("One more"), replyToPostId: null }),
    ).rejects.toMatchObject({
      message: "This thread is locked: it takes no new replies.",
      status: 409,
    });
    await expect(toggleReaction(author, post, "helpful")).rejects.toMatchObject({
      message: "This thread is locked: it takes no new replies, reactions or changes.",
      status: 409,
    });
    await expect(editPost(author, post, { content: content("Changed") })).rejects.toMatchObject({
      message: "This thread is locked: it takes no new replies, reactions or changes.",
    });
    await expect(deletePost(author, post)).rejects.toMatchObject({
      message: "This thread is locked: it takes no new replies, reactions or changes.",
    });
    const [, shown] = await listPostsPage(author, threadId, 1);
    expect(shown).toMatchObject({
      permissions: { reply: false, quote: false, react: false, edit: false, delete: false },
      bodyHtml: "<p>Reply number 1</p>",
    });
  });

  it("still lets a moderator edit, which is what locking is for", async () => {
    const { threadId, replyId } = await lockedThreadWithReply();
    const moderator = await createUser({ role: "moderator" });
    const post = (await getPostForViewer(moderator, replyId))!;
    await expect(
      editPost(moderator, post, { content: content("Removed a phone number") }),
    ).rejects.toMatchObject({
      message: "Say why you are editing someone else's post.",
      status: 400,
    });
    await editPost(moderator, post, {
      content: content("Removed a phone number"),
      reason: "It contained a personal phone number",
    });
    const [, shown] = await listPostsPage(moderator, threadId, 1);
    expect(shown).toMatchObject({
      permissions: { edit: true, reply: false },
      bodyHtml: "<p>Removed a phone number</p>",
    });
    const { versions } = await listRevisionsPage(moderator, replyId, 1);
    expect(versions[0]).toMatchObject({ reason: "It contained a personal phone number" });
  });

  it("refuses an author's edit that was started before the lock", async () => {
    const author = await createUser();
    const space = await createTestSpace();
    const { threadId, postId } = await createTestThread(author, space.id);
    const openedForEditing = (await getPostForViewer(author, postId))!;
    await lockTestThread(threadId);
    await expect(
      editPost(author, openedForEditing, { content: content("Too late") }),
    ).rejects.toMatchObject({ status: 409 });
  });
});
