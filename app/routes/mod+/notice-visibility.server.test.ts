import { describe, expect, it } from "vitest";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  readTestReviewId,
  recordTestNotice,
} from "#db/testing/factories";
import { outcome, routeContext, signedIn } from "#db/testing/requests";
import { flagContent } from "~/models/flag.server";
import { loader as personLoader } from "./people.$handle";
import { loader as queueLoader } from "./queue";

/**
 * A member with three notices: a silence (about no thread), a hidden reply in an open space,
 * and, the latest, a removed reply in a private space; and a flagged reply of theirs in the
 * queue, so the queue's card shows their history.
 */
async function memberWithNotices() {
  const person = await createUser();
  const admin = await createUser({ role: "admin" });
  const open = await createTestSpace();
  const secret = await createTestSpace({ visibility: "private" });
  const chat = await createTestThread(person, open.id, { title: "Open chat" });
  const plans = await createTestThread(admin, secret.id, { title: "Board plans" });
  const notice = (input: {
    action: "silenced" | "hidden" | "removed";
    reason: string;
    subject: string;
    threadId?: string;
  }) => recordTestNotice({ userId: person.id, actorId: admin.id, ...input });
  await notice({ action: "silenced", reason: "Heated replies", subject: "you" });
  await notice({
    action: "hidden",
    reason: "Off topic",
    subject: "your reply in “Open chat”",
    threadId: chat.threadId,
  });
  await notice({
    action: "removed",
    reason: "Leaked the board's numbers",
    subject: "your reply in “Board plans”",
    threadId: plans.threadId,
  });
  const reply = await createTestReply(person, chat.threadId, "Something flaggable");
  await flagContent(await createUser(), { postId: reply.postId, reason: "off_topic" });
  const review = { id: await readTestReviewId(reply.postId) };
  return { person, reviewId: review.id };
}

const SECRET = ["Board plans", "Leaked the board's numbers"];

async function personPageAs(role: "moderator" | "staff" | "admin", handle: string) {
  const { get } = await signedIn(role);
  const answer = await outcome(() =>
    personLoader({
      request: get(`/mod/people/${handle}`),
      params: { handle },
      context: routeContext,
    }),
  );
  expect(answer.status).toBe(200);
  return answer.body as Awaited<ReturnType<typeof personLoader>>;
}

async function queueCardAs(role: "moderator" | "staff" | "admin", reviewId: string) {
  const { get } = await signedIn(role);
  const answer = await outcome(() =>
    queueLoader({ request: get("/mod/queue"), params: {}, context: routeContext }),
  );
  expect(answer.status).toBe(200);
  const { items } = answer.body as Awaited<ReturnType<typeof queueLoader>>;
  return items.find((item) => item.id === reviewId)?.person;
}

describe("a person's notices, for moderators", () => {
  it("leave out those about spaces the moderator can't see, on the person's page", async () => {
    const { person } = await memberWithNotices();
    const forModerator = await personPageAs("moderator", person.handle);
    expect(forModerator.notices.map((n) => n.reason)).toEqual(["Off topic", "Heated replies"]);
    const seen = JSON.stringify(forModerator);
    for (const text of SECRET) expect(seen).not.toContain(text);

    for (const role of ["staff", "admin"] as const) {
      const page = await personPageAs(role, person.handle);
      expect(page.notices.map((n) => n.reason)).toEqual([
        "Leaked the board's numbers",
        "Off topic",
        "Heated replies",
      ]);
    }
  });

  it("leave them out of the queue's count and last notice too", async () => {
    const { reviewId } = await memberWithNotices();
    const forModerator = await queueCardAs("moderator", reviewId);
    expect(forModerator).toMatchObject({ notices: 2, lastNotice: "hidden: Off topic" });
    const forStaff = await queueCardAs("staff", reviewId);
    expect(forStaff).toMatchObject({
      notices: 3,
      lastNotice: "removed: Leaked the board's numbers",
    });
  });
});
