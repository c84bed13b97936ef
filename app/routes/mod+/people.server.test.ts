import { describe, expect, it } from "vitest";
import type { UserRole } from "#db/schema";
import { createTestSpace, createTestThread, createUser, readTestUser } from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import { answerOf, routeContext, signedIn, statusOf } from "#db/testing/requests";
import { listAuditEventsFor } from "~/models/audit.server";
import { action, loader } from "./people.$handle";

const context = routeContext;

/** Signed in with `role`, asking for people's moderation pages by handle. */
async function as(role: UserRole) {
  const session = await signedIn(role);
  return {
    person: session.person,
    get: (handle: string) => session.get(`/mod/people/${handle}`),
    post: (handle: string, fields: Record<string, string>) =>
      session.post(`/mod/people/${handle}`, fields),
  };
}

describe("a person's moderation page", () => {
  it.each([
    ["member", 403],
    ["moderator", 200],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answers a %s with %i", async (role, expected) => {
    const target = await createUser();
    const { get } = await as(role);
    const params = { handle: target.handle };
    expect(await statusOf(() => loader({ request: get(target.handle), params, context }))).toBe(
      expected,
    );
  });

  it("reads the same number of queries however much the person has written", async () => {
    const space = await createTestSpace();
    const quiet = await createUser();
    const busy = await createUser();
    await createTestThread(busy, space.id, { replies: 6 });
    const { get } = await as("moderator");
    const queriesFor = (handle: string) =>
      countQueries(() => loader({ request: get(handle), params: { handle }, context }));
    await queriesFor(quiet.handle); // the first request also records the moderator's visit
    expect(await queriesFor(busy.handle)).toBe(await queriesFor(quiet.handle));
  });

  it("answers 404 for nobody", async () => {
    const { get, post } = await as("moderator");
    const params = { handle: "no_such_person" };
    expect(await statusOf(() => loader({ request: get("no_such_person"), params, context }))).toBe(
      404,
    );
    expect(
      await statusOf(() =>
        action({
          request: post("no_such_person", { intent: "lift-silence" }),
          params,
          context,
        }),
      ),
    ).toBe(404);
  });

  it("refuses a member's action and changes nothing", async () => {
    const target = await createUser();
    const { post } = await as("member");
    const status = await statusOf(() =>
      action({
        request: post(target.handle, { intent: "silence", reason: "Because", duration: "1d" }),
        params: { handle: target.handle },
        context,
      }),
    );
    expect(status).toBe(403);
    expect(await listAuditEventsFor("user", [target.id])).toEqual([]);
  });

  it("silences for the chosen time and lifts early", async () => {
    const target = await createUser({ displayName: "Sam Target" });
    const { post } = await as("moderator");
    const params = { handle: target.handle };
    const before = Date.now();
    const answer = await answerOf(() =>
      action({
        request: post(target.handle, { intent: "silence", reason: "Too heated", duration: "3d" }),
        params,
        context,
      }),
    );
    expect(answer.done).toMatch(/^Sam Target is silenced until /);
    const row = await readTestUser(target.id);
    expect(row.silenceReason).toBe("Too heated");
    const days = (row.silencedUntil!.getTime() - before) / (24 * 60 * 60 * 1000);
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThan(3.01);

    await action({ request: post(target.handle, { intent: "lift-silence" }), params, context });
    const lifted = await readTestUser(target.id);
    expect(lifted.silencedAt).toBeNull();
  });

  it("suspends indefinitely", async () => {
    const target = await createUser();
    const { post } = await as("staff");
    await action({
      request: post(target.handle, {
        intent: "suspend",
        reason: "Repeated harassment",
        duration: "indefinite",
      }),
      params: { handle: target.handle },
      context,
    });
    const row = await readTestUser(target.id);
    expect(row).toMatchObject({
      status: "suspended",
      suspendedUntil: null,
      suspensionReason: "Repeated harassment",
    });
  });

  it("answers invalid input with 400 and keeps what was typed", async () => {
    const target = await createUser();
    const { post } = await as("moderator");
    const params = { handle: target.handle };
    const tooShort = await answerOf(() =>
      action({
        request: post(target.handle, { intent: "silence", reason: "no", duration: "1d" }),
        params,
        context,
      }),
    );
    expect(tooShort.status).toBe(400);
    expect(tooShort.result.initialValue?.reason).toBe("no");
    expect(tooShort.result.error?.reason?.length).toBeGreaterThan(0);

    const badDuration = await answerOf(() =>
      action({
        request: post(target.handle, {
          intent: "suspend",
          reason: "A perfectly good reason",
          duration: "forever",
        }),
        params,
        context,
      }),
    );
    expect(badDuration.status).toBe(400);
    expect(badDuration.result.initialValue?.reason).toBe("A perfectly good reason");
    expect(badDuration.result.error?.duration?.length).toBeGreaterThan(0);
    expect(await listAuditEventsFor("user", [target.id])).toEqual([]);
  });

  it("shows the policy's refusal when a moderator acts on an admin, keeping the reason", async () => {
    const admin = await createUser({ role: "admin" });
    const { post } = await as("moderator");
    const answer = await answerOf(() =>
      action({
        request: post(admin.handle, { intent: "suspend", reason: "Not allowed", duration: "1d" }),
        params: { handle: admin.handle },
        context,
      }),
    );
    expect(answer.status).toBe(403);
    expect(answer.result.error?.[""]).toEqual(["Nobody silences or suspends an admin."]);
    expect(answer.result.initialValue?.reason).toBe("Not allowed");
    const row = await readTestUser(admin.id);
    expect(row.status).toBe("active");
  });
});
