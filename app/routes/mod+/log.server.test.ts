import { describe, expect, it } from "vitest";
import { createUser } from "#db/testing/factories";
import type { UserRole } from "#db/schema";
import { startSession } from "~/auth/session.server";
import { recordAuditEvent } from "~/models/audit.server";
import * as logRoute from "./log";

const { loader } = logRoute;
const context = { cspNonce: "", requestId: "test", clientIp: "127.0.0.1" };

async function as(role: UserRole) {
  const person = await createUser({ role });
  const cookie = (await startSession(person.id)).split(";")[0];
  return {
    person,
    get: (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
  };
}

/** A loader's outcome: its status, whether it returned or threw a response. */
async function outcome(run: () => Promise<unknown>) {
  try {
    const result = await run();
    if (result instanceof Response) return { status: result.status, result };
    const init = (result as { init?: { status?: number } } | null)?.init;
    return { status: init?.status ?? 200, result };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, result: thrown };
    const init = (thrown as { init?: { status?: number } }).init;
    if (init?.status) return { status: init.status, result: thrown };
    throw thrown;
  }
}

describe("the moderation log page", () => {
  it.each([
    ["member", 403],
    ["moderator", 200],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answers a %s with %i", async (role, expected) => {
    const { get } = await as(role);
    const { status } = await outcome(() =>
      loader({ request: get("/mod/log"), params: {}, context }),
    );
    expect(status).toBe(expected);
  });

  it("sends someone signed out to sign in, and back here afterwards", async () => {
    const { status, result } = await outcome(() =>
      loader({ request: new Request("http://localhost/mod/log?kind=post"), params: {}, context }),
    );
    expect(status).toBe(302);
    const location = (result as Response).headers.get("Location") ?? "";
    expect(location).toMatch(/^\/login\?/);
    expect(new URL(location, "http://localhost").searchParams.get("redirectTo")).toBe(
      "/mod/log?kind=post",
    );
  });

  it("shows the whole log, unfiltered, when the address holds nonsense", async () => {
    const { get } = await as("moderator");
    const odd = "/mod/log?page=-3&kind=everything&from=2024-02-30&to=yesterday&actor=%00&type=%3B";
    const { status, result } = await outcome(() =>
      loader({ request: get(odd), params: {}, context }),
    );
    expect(status).toBe(200);
    expect((result as Awaited<ReturnType<typeof loader>>).query).toEqual({
      page: 1,
      actor: undefined,
      kind: undefined,
      type: undefined,
      target: undefined,
      from: undefined,
      to: undefined,
      q: undefined,
    });
  });

  it("lists what was done, filtered by the address", async () => {
    const { get, person } = await as("staff");
    const member = await createUser();
    await recordAuditEvent({
      actorId: person.id,
      action: "user.suspended",
      targetType: "user",
      targetId: member.id,
      details: { reason: "Repeated spam" },
    });
    const data = (await loader({
      request: get(`/mod/log?actor=${person.handle}&kind=user&q=spam`),
      params: {},
      context,
    })) as Awaited<ReturnType<typeof loader>>;
    expect(data.total).toBe(1);
    expect(data.entries[0]).toMatchObject({
      action: "user.suspended",
      actor: { handle: person.handle },
      person: { handle: member.handle },
      details: { reason: "Repeated spam" },
    });
  });

  it("offers no way to change the log", () => {
    expect("action" in logRoute).toBe(false);
  });
});
