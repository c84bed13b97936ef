import { describe, expect, it } from "vitest";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  readTestPostState,
  readTestReviewId,
  readTestThreadLockedAt,
} from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import { answerOf, outcome, routeContext, signedIn, statusOf } from "#db/testing/requests";
import { flagContent } from "~/models/flag.server";
import { action, loader } from "./queue";

const QUEUE = "/mod/queue";

/** A flagged reply (by a member, or by someone of `authorRole`) in a fresh space. */
async function flaggedReply(
  text = "A reply someone dislikes",
  authorRole: "member" | "moderator" | "staff" | "admin" = "member",
) {
  const author = await createUser({ role: authorRole });
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id);
  const reply = await createTestReply(author, threadId, text);
  await flagContent(await createUser(), { postId: reply.postId, reason: "off_topic" });
  const review = { id: await readTestReviewId(reply.postId) };
  return { threadId, postId: reply.postId, reviewId: review.id };
}

const stateOf = async (postId: string) => (await readTestPostState(postId)).moderation;

describe("the moderation queue", () => {
  it.each([
    ["member", 403],
    ["moderator", 200],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answers a %s with %i, for the page and its actions", async (role, expected) => {
    const { get, post } = await signedIn(role);
    expect(
      await statusOf(() => loader({ request: get(QUEUE), params: {}, context: routeContext })),
    ).toBe(expected);
    const { postId, reviewId } = await flaggedReply();
    const hide = post(QUEUE, { intent: "hide", reviewId, postId, reason: "Rude" });
    expect(await statusOf(() => action({ request: hide, params: {}, context: routeContext }))).toBe(
      role === "member" ? 403 : 200,
    );
  });

  it("requires a reason to hide, and keeps what was typed", async () => {
    const { post } = await signedIn("moderator");
    const { postId, reviewId } = await flaggedReply();
    const answer = await answerOf(() =>
      action({
        request: post(QUEUE, { intent: "hide", reviewId, postId, reason: "ab" }),
        params: {},
        context: routeContext,
      }),
    );
    expect(answer).toMatchObject({ status: 400, intent: "hide", done: null });
    expect(answer.result.error?.reason).toEqual([
      "Say why in a few words: the author reads the reason.",
    ]);
    expect(answer.result.initialValue?.reason).toBe("ab");
    expect(answer.result.initialValue?.reviewId).toBe(reviewId);
  });

  it("acts only on what the review is about: another review's id (or none) acts on nothing", async () => {
    const { post } = await signedIn("moderator");
    const mine = await flaggedReply("The reply this review is about");
    const other = await flaggedReply("Another reply, flagged too");
    const send = (fields: Record<string, string>) =>
      answerOf(() => action({ request: post(QUEUE, fields), params: {}, context: routeContext }));

    // Review A's id with post B: refused, and B stays as it was.
    const replayed = await send({
      intent: "hide",
      reviewId: mine.reviewId,
      postId: other.postId,
      reason: "Replayed form",
    });
    expect(replayed).toMatchObject({ status: 400, done: null });
    expect(replayed.result.error?.[""]).toEqual([
      "That isn't what this review is about; reload the queue and act on the item again.",
    ]);
    expect(replayed.result.initialValue?.reviewId).toBe(mine.reviewId);
    expect(await stateOf(other.postId)).toBeNull();
    // The same for a thread action on another review's thread.
    const locked = await send({
      intent: "lock",
      reviewId: mine.reviewId,
      threadId: other.threadId,
      locked: "on",
    });
    expect(locked.status).toBe(400);
    expect(await readTestThreadLockedAt(other.threadId)).toBeNull();
    // A made-up review id is no review at all.
    const made = await send({
      intent: "hide",
      reviewId: crypto.randomUUID(),
      postId: other.postId,
      reason: "No such review",
    });
    expect(made.status).toBe(404);
    expect(await stateOf(other.postId)).toBeNull();
    // With its own review, it works.
    const right = await send({
      intent: "hide",
      reviewId: other.reviewId,
      postId: other.postId,
      reason: "Off-topic",
    });
    expect(right).toMatchObject({
      status: 200,
      done: "The post is hidden; its author was told why.",
      details: { reviewId: other.reviewId },
    });
    expect(await stateOf(other.postId)).toBe("hidden");
  });

  it("tells a moderator who meets a conflict what happened, as news (200), not a refusal", async () => {
    const { post } = await signedIn("moderator");
    const author = await createUser();
    const space = await createTestSpace({ name: "Where it already is" });
    const { threadId, postId } = await createTestThread(author, space.id);
    await flagContent(await createUser(), { postId, reason: "off_topic" });
    const review = { id: await readTestReviewId(postId) };
    const moved = await answerOf(() =>
      action({
        request: post(QUEUE, {
          intent: "move",
          reviewId: review.id,
          threadId,
          spaceId: space.id,
          reason: "Belongs elsewhere",
        }),
        params: {},
        context: routeContext,
      }),
    );
    expect(moved).toMatchObject({
      status: 200,
      intent: "move",
      done: "The thread is already in Where it already is.",
      details: { reviewId: review.id },
    });
  });

  it("offers each moderator only the actions the matrix allows on each item", async () => {
    const { get } = await signedIn("moderator");
    const byAdmin = await flaggedReply("An admin's flagged reply", "admin");
    const byMember = await flaggedReply("A member's flagged reply");
    const page = (await outcome(() =>
      loader({ request: get(QUEUE), params: {}, context: routeContext }),
    )) as { body: { items: { id: string; can: Record<string, boolean> }[] } };
    const itemFor = (reviewId: string) => page.body.items.find((item) => item.id === reviewId)!;
    // Flags on an admin's words: the moderator may dismiss them, not hide, remove or edit.
    expect(itemFor(byAdmin.reviewId).can).toMatchObject({
      dismiss: true,
      hide: false,
      remove: false,
      edit: false,
      lock: false,
    });
    expect(itemFor(byMember.reviewId).can).toMatchObject({
      dismiss: true,
      hide: true,
      remove: true,
      edit: true,
      lock: true,
    });
  });

  it("costs the same number of queries for 2 items as for 12", async () => {
    const { get } = await signedIn("moderator");
    const run = () => loader({ request: get(QUEUE), params: {}, context: routeContext });
    for (let i = 0; i < 2; i++) await flaggedReply();
    // The first request of a session also notes when the person was last seen.
    await run();
    const few = await countQueries(run);
    for (let i = 0; i < 10; i++) await flaggedReply();
    const many = await countQueries(run);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(9);
  });
});
