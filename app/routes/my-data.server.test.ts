import { describe, expect, it } from "vitest";
import { createUser } from "#db/testing/factories";
import { outcome, routeContext as context, signedIn, statusOf } from "#db/testing/requests";
import { answerConsent } from "~/models/consent.server";
import { action, loader } from "./me.data";
import { loader as profileLoader } from "./u.$handle";
import { loader as downloadLoader } from "./me.data_.exports.$exportId[.]json";
import { buildDataExport, requestDataExport } from "~/models/data-export.server";

type MyDataBody = {
  person: { email: string };
  sessions: { publicId: string; current: boolean }[];
  consents: { states: { purpose: string; answer: string | null }[] } | null;
};

describe("My data", () => {
  it("sends a signed-out visitor to sign in", async () => {
    const status = await statusOf(() =>
      loader({ request: new Request("http://localhost/me/data"), params: {}, context }),
    );
    expect(status).toBe(302);
  });

  it.each(["member", "moderator", "staff", "admin"] as const)(
    "shows a %s their own data and nobody else's",
    async (role) => {
      const other = await createUser();
      await signedIn(other);
      const me = await signedIn(role);
      const page = await outcome(() =>
        loader({ request: me.get("/me/data"), params: {}, context }),
      );
      const body = page.body as MyDataBody;
      expect(body.person.email).toBe(me.person.email);
      expect(JSON.stringify(body)).not.toContain(other.email);
      expect(body.sessions).toHaveLength(1);
      expect(body.sessions[0].current).toBe(true);
      // Consents are customers' people's answers: the company's own people have none.
      expect(body.consents === null).toBe(me.person.accountId === null);
    },
  );

  it("ends only the person's own sessions, whatever id is sent", async () => {
    const victim = await createUser();
    const victimSession = await signedIn(victim);
    const victimPage = await outcome(() =>
      loader({ request: victimSession.get("/me/data"), params: {}, context }),
    );
    const victimSessionId = (victimPage.body as MyDataBody).sessions[0].publicId;

    const attacker = await signedIn("member");
    const replay = await outcome(() =>
      action({
        request: attacker.post("/me/data", { intent: "end-session", sessionId: victimSessionId }),
        params: {},
        context,
      }),
    );
    expect(replay.status).toBe(404);
    const after = await outcome(() =>
      loader({ request: victimSession.get("/me/data"), params: {}, context }),
    );
    expect(after.status).toBe(200);

    // "Everywhere else" leaves this browser signed in and ends the rest.
    const second = await signedIn(victim);
    const ended = await outcome(() =>
      action({
        request: second.post("/me/data", { intent: "end-other-sessions" }),
        params: {},
        context,
      }),
    );
    expect(ended.status).toBe(200);
    expect(
      await statusOf(() => loader({ request: victimSession.get("/me/data"), params: {}, context })),
    ).toBe(302);
    expect(
      await statusOf(() => loader({ request: second.get("/me/data"), params: {}, context })),
    ).toBe(200);
  });

  it("refuses an answer a use doesn't offer, and records one it does", async () => {
    const me = await signedIn("member");
    const wrong = await outcome(() =>
      action({
        request: me.post("/me/data", { intent: "consent", purpose: "credit", answer: "yes" }),
        params: {},
        context,
      }),
    );
    expect(wrong.status).toBe(400);
    const right = await outcome(() =>
      action({
        request: me.post("/me/data", { intent: "consent", purpose: "quote", answer: "no" }),
        params: {},
        context,
      }),
    );
    expect(right.status).toBe(200);
    const page = await outcome(() => loader({ request: me.get("/me/data"), params: {}, context }));
    const quote = (page.body as MyDataBody).consents?.states.find((s) => s.purpose === "quote");
    expect(quote?.answer).toBe("no");
  });

  it.each([
    ["member", false],
    ["moderator", false],
    ["staff", true],
    ["admin", true],
  ] as const)("shows a %s a member's consents on their profile: %s", async (role, shown) => {
    const member = await createUser();
    await answerConsent(member, "evidence", "no", "my_data");
    const { get } = await signedIn(role);
    const profile = await outcome(() =>
      profileLoader({
        request: get(`/u/${member.handle}`),
        params: { handle: member.handle },
        context,
      }),
    );
    const consents = (profile.body as { consents: { purpose: string; answer: string }[] | null })
      .consents;
    if (shown) expect(consents?.find((c) => c.purpose === "evidence")?.answer).toBe("no");
    else expect(consents).toBeNull();
  });

  it("downloads a copy for its member alone, never cached", async () => {
    const me = await signedIn("member");
    const exportId = await requestDataExport(me.person);
    await buildDataExport(exportId);
    const own = await downloadLoader({
      request: me.get(`/me/data/exports/${exportId}.json`),
      params: { exportId },
      context,
    });
    expect(own.status).toBe(200);
    expect(own.headers.get("Cache-Control")).toBe("private, no-store");
    expect(own.headers.get("Content-Disposition")).toContain(`vanguard-data-${me.person.handle}-`);
    expect((await own.json()).profile.email).toBe(me.person.email);
    for (const role of ["member", "staff", "admin"] as const) {
      const other = await signedIn(role);
      expect(
        await statusOf(() =>
          downloadLoader({
            request: other.get(`/me/data/exports/${exportId}.json`),
            params: { exportId },
            context,
          }),
        ),
      ).toBe(404);
    }
  });
});
