import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { backlogEvidence } from "#db/schema";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { addEvidence, createBacklogItem, QUOTE_MAX } from "./backlog.server";
import { deletePost, getPostForViewer } from "./post.server";

// Evidence from a selected passage, attacked: by roles below staff, with ids of posts that
// aren't there, quotes the post doesn't hold, and quotes too long to keep.

async function setUp() {
  const staff = await createUser({ role: "staff" });
  const author = await createUser();
  const space = await createTestSpace();
  const thread = await createTestThread(author, space.id, {
    body: "Exports take an hour every Monday morning.",
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
  return { staff, author, space, thread, itemId };
}

const evidenceOf = (itemId: string) =>
  db.select().from(backlogEvidence).where(eq(backlogEvidence.itemId, itemId));

describe("evidence from a passage", () => {
  it.each(["member", "moderator"] as const)("is refused to a %s", async (role) => {
    const s = await setUp();
    const person = await createUser({ role });
    await expect(
      addEvidence(person, s.itemId, { postId: s.thread.postId, quote: "take an hour" }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      addEvidence(person, s.itemId, { threadId: s.thread.threadId }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await evidenceOf(s.itemId)).toHaveLength(0);
  });

  it("refuses a quote the post doesn't hold, an empty one and one too long, with words", async () => {
    const s = await setUp();
    for (const quote of [
      "takes a minute",
      "   ",
      "x".repeat(QUOTE_MAX + 1),
      // The text of another post, sent with this post's id.
      "Opening post",
    ]) {
      await expect(
        addEvidence(s.staff, s.itemId, { postId: s.thread.postId, quote }),
      ).rejects.toMatchObject({ status: 400, field: "quote" });
    }
    expect(await evidenceOf(s.itemId)).toHaveLength(0);
    // Spaces and line breaks as the selection gives them still match.
    await addEvidence(s.staff, s.itemId, {
      postId: s.thread.postId,
      quote: "  take an\n hour every  ",
    });
    const [kept] = await evidenceOf(s.itemId);
    expect(kept).toMatchObject({ kind: "excerpt", quote: "take an hour every" });
  });

  it("refuses a post that isn't there: random, deleted, or not a post id at all", async () => {
    const s = await setUp();
    const { postId: replyId } = await createTestReply(s.author, s.thread.threadId, "Never mind");
    const post = await getPostForViewer(s.author, replyId);
    await deletePost(s.author, post!);
    for (const postId of ["00000000-0000-4000-8000-000000000000", replyId, s.itemId]) {
      await expect(addEvidence(s.staff, s.itemId, { postId, quote: null })).rejects.toMatchObject({
        status: 404,
      });
    }
    await expect(
      addEvidence(s.staff, "00000000-0000-4000-8000-000000000000", { postId: s.thread.postId }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await evidenceOf(s.itemId)).toHaveLength(0);
  });
});
