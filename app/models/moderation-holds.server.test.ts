import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { communitySettings, moderationReviews, posts, type UserRole } from "#db/schema";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { dismissReview, holdNewContent, moderateContent } from "./content-moderation.server";
import { flagContent } from "./flag.server";
import { listModerationQueue } from "./moderation-queue.server";
import { listPostsPage } from "./post.server";

type Person = Awaited<ReturnType<typeof createUser>>;

async function replyBy(author: Person) {
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id);
  const { postId } = await createTestReply(author, threadId, "Shipping this week, as promised");
  return { threadId, postId };
}

async function heldReplyBy(author: Person) {
  const reply = await replyBy(author);
  // As a hold from before this rule, or a member's post held before they joined the team.
  await holdNewContent({ ...reply, position: 2, authorId: author.id }, "3 members flagged it");
  return reply;
}

const stateOf = async (postId: string) =>
  (await db.select({ state: posts.moderation }).from(posts).where(eq(posts.id, postId)))[0].state;

const reviewOf = async (postId: string) =>
  (
    await db
      .select({ id: moderationReviews.id, status: moderationReviews.status })
      .from(moderationReviews)
      .where(eq(moderationReviews.postId, postId))
  )[0];

describe("flags on staff's and admins' words", () => {
  it.each(["staff", "admin"] as const)(
    "open a review but never hold a %s's reply: not a moderator's spam flag, not three trusted members'",
    async (role) => {
      await db
        .insert(communitySettings)
        .values({ id: 1, flagsToHide: 3 })
        .onConflictDoUpdate({ target: communitySettings.id, set: { flagsToHide: 3 } });
      const author = await createUser({ role });
      const { threadId, postId } = await replyBy(author);
      const spam = await flagContent(await createUser({ role: "moderator" }), {
        postId,
        reason: "spam",
      });
      expect(spam.hidden).toBe(false);
      for (let i = 0; i < 3; i++) {
        const flagged = await flagContent(await createUser({ trustLevel: 3 }), {
          postId,
          reason: "spam",
        });
        expect(flagged.hidden).toBe(false);
      }
      expect(await stateOf(postId)).toBeNull();
      const reader = await createUser();
      const seen = (await listPostsPage(reader, threadId, 1)).find((post) => post.id === postId);
      expect(seen?.shown).toBe(true);
      // The review waits in the queue for someone who may decide it.
      const admin = await createUser({ role: "admin" });
      const queue = await listModerationQueue(admin, 1);
      expect(queue.items.find((item) => item.post?.id === postId)?.flagCount).toBe(4);
    },
  );

  it("still hold a member's or a moderator's reply, for the roles above them", async () => {
    for (const role of ["member", "moderator"] as const) {
      const { postId } = await replyBy(await createUser({ role }));
      const flagged = await flagContent(await createUser({ role: "moderator" }), {
        postId,
        reason: "spam",
      });
      expect(flagged.hidden, role).toBe(true);
    }
  });
});

describe("every held item can be released", () => {
  // Who releases a held reply by each role: approve and dismiss, through the domain functions.
  const releasers: Record<UserRole, { refused: UserRole[]; allowed: UserRole[] }> = {
    member: { refused: ["member"], allowed: ["moderator", "staff", "admin"] },
    moderator: { refused: ["member", "moderator"], allowed: ["staff", "admin"] },
    staff: { refused: ["member", "moderator", "staff"], allowed: ["admin"] },
    admin: { refused: ["member", "moderator", "staff"], allowed: ["admin"] },
  };

  it.each(Object.entries(releasers))(
    "a %s's held reply: approved or dismissed by the roles above it",
    async (authorRole, { refused, allowed }) => {
      const author = await createUser({ role: authorRole as UserRole });
      for (const role of refused) {
        const { postId } = await heldReplyBy(author);
        const other = await createUser({ role });
        await expect(moderateContent(other, postId, "approve", null), role).rejects.toMatchObject({
          status: 403,
        });
        const review = await reviewOf(postId);
        await expect(dismissReview(other, review.id), role).rejects.toMatchObject({
          status: 403,
        });
        expect(await stateOf(postId)).toBe("held");
      }
      for (const role of allowed) {
        const approved = await heldReplyBy(author);
        await moderateContent(await createUser({ role }), approved.postId, "approve", null);
        expect(await stateOf(approved.postId), role).toBeNull();
        const dismissed = await heldReplyBy(author);
        const review = await reviewOf(dismissed.postId);
        expect((await dismissReview(await createUser({ role }), review.id)).message).toBe(
          "Closed with no action: the post is visible again.",
        );
        expect(await stateOf(dismissed.postId), role).toBeNull();
        expect((await reviewOf(dismissed.postId)).status).toBe("resolved");
      }
    },
  );

  it("lets an admin release their own held reply: nobody ranks above them to do it", async () => {
    const admin = await createUser({ role: "admin" });
    const { postId } = await heldReplyBy(admin);
    await moderateContent(admin, postId, "approve", null);
    expect(await stateOf(postId)).toBeNull();
    // A moderator still can't release their own.
    const moderator = await createUser({ role: "moderator" });
    const own = await heldReplyBy(moderator);
    await expect(moderateContent(moderator, own.postId, "approve", null)).rejects.toMatchObject({
      status: 403,
    });
  });
});
