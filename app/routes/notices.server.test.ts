import { describe, expect, it } from "vitest";
import { type UserRole } from "#db/schema";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  readTestNotice,
  setTestSilenced,
} from "#db/testing/factories";
import { answerOf, outcome, routeContext, signedIn } from "#db/testing/requests";
import { moderateContent } from "~/models/content-moderation.server";
import { listOpenAppeals, postNoticeMessage } from "~/models/moderation-notice.server";
import { listNotificationGroups } from "~/models/notification-inbox.server";
import { action, loader } from "./notices.$noticeId";

type Person = Awaited<ReturnType<typeof createUser>>;

/**
 * A reply by `author`, hidden by `hider` with a reason; the author appeals and,
 * if `answeredBy` is given, that moderator answers. Returns the notice's id.
 */
async function appealedNotice(author: Person, hider: Person, answeredBy?: Person) {
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id);
  const { postId } = await createTestReply(author, threadId, "A reply with a phone number");
  await moderateContent(hider, postId, "hide", "Personal details");
  const notice = await readTestNotice({ postId });
  await postNoticeMessage(author, notice.id, { body: "It was my own number, on purpose." });
  if (answeredBy) {
    await postNoticeMessage(answeredBy, notice.id, { body: "We keep numbers out all the same." });
  }
  return notice.id;
}

const read = (who: Awaited<ReturnType<typeof signedIn>>, noticeId: string) =>
  outcome(() =>
    loader({
      request: who.get(`/notices/${noticeId}`),
      params: { noticeId },
      context: routeContext,
    }),
  );

const send = (
  who: Awaited<ReturnType<typeof signedIn>>,
  noticeId: string,
  fields: Record<string, string>,
) =>
  answerOf(() =>
    action({
      request: who.post(`/notices/${noticeId}`, fields),
      params: { noticeId },
      context: routeContext,
    }),
  );

describe("a notice's page", () => {
  it("tells its person what the moderators said, never which moderator said it", async () => {
    const hider = await createUser({ role: "moderator", displayName: "Mona Moderator" });
    const answerer = await createUser({ role: "moderator", displayName: "Otto Answerer" });
    const person = await createUser();
    const author = await signedIn(person);
    const noticeId = await appealedNotice(person, hider, answerer);
    const page = await read(author, noticeId);
    expect(page.status).toBe(200);
    const body = page.body as {
      notice: { messages: Record<string, unknown>[] };
    };
    const answer = body.notice.messages.find((message) => !message.fromPerson)!;
    expect(answer.authorName).toBe("The moderators");
    expect(Object.keys(answer).sort()).toEqual(
      ["authorName", "body", "createdAt", "fromPerson", "id"].sort(),
    );
    const text = JSON.stringify(body);
    for (const secret of [answerer.id, answerer.handle, answerer.displayName, hider.id]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/"(authorId|authorRole|actorId|role)"/);
    // Nor does the notification that led them here.
    const told = JSON.stringify((await listNotificationGroups(person, 1)).groups);
    expect(told).toContain("appeal_reply");
    for (const secret of [answerer.displayName, hider.displayName]) {
      expect(told).not.toContain(secret);
    }

    // The moderators' own view names who answered, for the team.
    const colleague = await signedIn("moderator");
    const theirs = (await read(colleague, noticeId)).body as typeof body;
    expect(theirs.notice.messages.map((message) => message.authorName)).toContain("Otto Answerer");
  });

  it.each([
    // [the notice's person, who may read and answer it, who may not]
    ["member", ["moderator", "staff", "admin"], []],
    ["moderator", ["staff", "admin"], ["moderator"]],
    ["staff", ["admin"], ["moderator", "staff"]],
  ] as const)(
    "about a %s: read and closed by the roles the matrix allows, a 404 to the others",
    async (role, allowed, refused) => {
      const person = await createUser({ role });
      const noticeId = await appealedNotice(person, await createUser({ role: "admin" }));
      for (const other of refused) {
        const someone = await createUser({ role: other as UserRole });
        const them = await signedIn(someone);
        expect((await read(them, noticeId)).status, other).toBe(404);
        const closed = await send(them, noticeId, {
          intent: "close",
          message: "Closing this, the answer stands.",
        });
        expect(closed.status, other).toBe(404);
        expect((await listOpenAppeals(someone)).map((appeal) => appeal.id)).not.toContain(noticeId);
      }
      const still = await readTestNotice({ id: noticeId });
      expect(still.appealStatus).toBe("open");
      for (const other of allowed) {
        const someone = await createUser({ role: other as UserRole });
        const them = await signedIn(someone);
        expect((await listOpenAppeals(someone)).map((appeal) => appeal.id)).toContain(noticeId);
        const page = await read(them, noticeId);
        expect(page.status, other).toBe(200);
        expect((page.body as { notice: { reason: string } }).notice.reason).toBe(
          "Personal details",
        );
      }
      const closer = await signedIn(allowed[allowed.length - 1] as UserRole);
      const closed = await send(closer, noticeId, {
        intent: "close",
        message: "We looked again; it stays hidden.",
      });
      // Sent: the form starts empty again, and the message shows in the conversation.
      expect(closed).toMatchObject({ status: 200, intent: "close", done: null });
      expect(closed.result.initialValue).toBeNull();
      const after = await readTestNotice({ id: noticeId });
      expect(after.appealStatus).toBe("closed");
    },
  );

  it("tells a moderator who may not read it nothing, not even why their message would be refused", async () => {
    const staff = await createUser({ role: "staff" });
    const noticeId = await appealedNotice(staff, await createUser({ role: "admin" }));
    const moderator = await createUser({ role: "moderator" });
    // Silenced, so the posting check would refuse their words, in its own words.
    await setTestSilenced(moderator.id, true);
    const answer = await send(await signedIn(moderator), noticeId, {
      intent: "send",
      message: "Is there anything here?",
    });
    expect(answer.status).toBe(404);
    expect(JSON.stringify(answer)).toContain("No such notice.");
  });

  it("lets its person appeal but not close their own appeal", async () => {
    const person = await createUser();
    const author = await signedIn(person);
    const noticeId = await appealedNotice(person, await createUser({ role: "moderator" }));
    const closing = await send(author, noticeId, {
      intent: "close",
      message: "Closing it myself.",
    });
    // Refused above the form, with what was typed kept.
    expect(closing).toMatchObject({ status: 403, intent: "close", done: null });
    expect(closing.result.error?.[""]).toEqual([
      "The moderators close an appeal once they have answered it.",
    ]);
    expect(closing.result.initialValue?.message).toBe("Closing it myself.");
  });

  it("asks for a message, keeping the form as it was", async () => {
    const person = await createUser();
    const author = await signedIn(person);
    const noticeId = await appealedNotice(person, await createUser({ role: "moderator" }));
    const empty = await send(author, noticeId, { intent: "send", message: " " });
    expect(empty).toMatchObject({ status: 400, intent: "send", done: null });
    expect(empty.result.error?.message).toEqual(["Write your message first."]);
  });
});
