import { describe, expect, it } from "vitest";
import type { UserRole } from "#db/schema";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import { startSession } from "~/auth/session.server";
import { flagContent } from "~/models/flag.server";
import { action, loader } from "./queue";

const context = { cspNonce: "", requestId: "test", clientIp: "127.0.0.1" };

async function as(role: UserRole) {
  const person = await createUser({ role });
  const cookie = (await startSession(person.id)).split(";")[0];
  return {
    person,
    get: () => new Request("http://localhost/mod/queue", { headers: { Cookie: cookie } }),
    post: (form: Record<string, string>) =>
      new Request("http://localhost/mod/queue", {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      }),
  };
}

async function statusOf(run: () => Promise<unknown>) {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    return (result as { init?: { status?: number } } | null)?.init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    const status = (thrown as { init?: { status?: number } }).init?.status;
    if (status) return status;
    throw thrown;
  }
}

/** A flagged reply in a fresh space; returns its ids. */
async function flaggedReply(text = "A reply someone dislikes") {
  const author = await createUser();
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id);
  const reply = await createTestReply(author, threadId, text);
  await flagContent(await createUser(), { postId: reply.postId, reason: "off_topic" });
  return { threadId, postId: reply.postId };
}

describe("the moderation queue", () => {
  it.each([
    ["member", 403],
    ["moderator", 200],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answers a %s with %i, for the page and its actions", async (role, expected) => {
    const { get, post } = await as(role);
    expect(await statusOf(() => loader({ request: get(), params: {}, context }))).toBe(expected);
    const { postId } = await flaggedReply();
    const hide = post({ intent: "hide", reviewId: crypto.randomUUID(), postId, reason: "Rude" });
    expect(await statusOf(() => action({ request: hide, params: {}, context }))).toBe(
      role === "member" ? 403 : 200,
    );
  });

  it("requires a reason to hide, and keeps what was typed", async () => {
    const { post } = await as("moderator");
    const { postId } = await flaggedReply();
    const result = (await action({
      request: post({ intent: "hide", reviewId: crypto.randomUUID(), postId, reason: "ab" }),
      params: {},
      context,
    })) as { data: { fieldErrors: Record<string, string[]>; typed: string } };
    expect(result.data.fieldErrors.reason).toEqual([
      "Say why in a few words: the author reads the reason.",
    ]);
    expect(result.data.typed).toBe("ab");
  });

  it("costs the same number of queries for 2 items as for 12", async () => {
    const { get } = await as("moderator");
    const run = () => loader({ request: get(), params: {}, context });
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
