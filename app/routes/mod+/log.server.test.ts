import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { outcome, routeContext as context, signedIn } from "#db/testing/requests";
import { recordAuditEvent, recordAuditEvents } from "~/models/audit.server";
import * as logRoute from "./log";

const { loader } = logRoute;

describe("the moderation log page", () => {
  it.each([
    ["member", 403],
    ["moderator", 200],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answers a %s with %i", async (role, expected) => {
    const { get } = await signedIn(role);
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
    const { get } = await signedIn("moderator");
    const odd = "/mod/log?page=-3&kind=everything&from=2024-02-30&to=yesterday&actor=%00&type=%3B";
    const { status, body } = await outcome(() =>
      loader({ request: get(odd), params: {}, context }),
    );
    expect(status).toBe(200);
    expect((body as Awaited<ReturnType<typeof loader>>).query).toEqual({
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
    const person = await createUser({ role: "staff" });
    const { get } = await signedIn(person);
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

  it("shows each role only the entries it may see, in the page's data", async () => {
    const admin = await createUser({ role: "admin" });
    const open = await createTestSpace();
    const secret = await createTestSpace({ visibility: "private" });
    const chat = await createTestThread(admin, open.id, { title: "Open chat" });
    const plans = await createTestThread(admin, secret.id, { title: "Board plans" });
    await recordAuditEvents([
      {
        actorId: admin.id,
        action: "idea.proxy_vote_recorded",
        targetType: "thread",
        targetId: chat.threadId,
        details: { for: admin.id, importance: "critical", note: "Their CFO insists" },
      },
      {
        actorId: admin.id,
        action: "invitation.sent",
        targetType: "invitation",
        targetId: "6f1c1f9e-4d0c-4a8e-9d38-1f4b1d2c3e4f",
        details: { email: "new.hire@example.test", role: "member", account: "Acme" },
      },
      {
        actorId: admin.id,
        action: "post.hidden",
        targetType: "post",
        targetId: plans.postId,
        details: { reason: "Leaked board numbers" },
      },
    ]);
    const logAs = async (role: "moderator" | "staff" | "admin") => {
      const { get } = await signedIn(role);
      const answer = await outcome(() =>
        loader({ request: get(`/mod/log?actor=${admin.handle}`), params: {}, context }),
      );
      expect(answer.status).toBe(200);
      const data = answer.body as Awaited<ReturnType<typeof loader>>;
      return { total: data.total, text: JSON.stringify(data.entries) };
    };
    const moderator = await logAs("moderator");
    expect(moderator.total).toBe(1);
    for (const secretText of [
      "Their CFO insists",
      "new.hire@example.test",
      "Leaked",
      "Board plans",
    ])
      expect(moderator.text).not.toContain(secretText);
    const staff = await logAs("staff");
    expect(staff.total).toBe(2);
    expect(staff.text).toContain("Their CFO insists");
    expect(staff.text).toContain("Leaked board numbers");
    expect(staff.text).not.toContain("new.hire@example.test");
    const forAdmin = await logAs("admin");
    expect(forAdmin.total).toBe(3);
    expect(forAdmin.text).toContain("new.hire@example.test");
  });

  it("offers no way to change the log", () => {
    expect("action" in logRoute).toBe(false);
  });
});
