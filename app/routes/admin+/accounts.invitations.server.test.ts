import { describe, expect, it } from "vitest";
import {
  createAccount,
  emailsTo,
  prepareTestMembershipInvitations,
  readTestMembershipInvitation,
} from "#db/testing/factories";
import { answerOf, routeContext, signedIn, statusOf } from "#db/testing/requests";
import { loader as accountsLoader } from "./accounts._index";
import { action, loader } from "./accounts.invitations";
import { action as tiersAction, loader as tiersLoader } from "./tiers";

const context = routeContext;
const unique = () => Math.random().toString(36).slice(2, 8);

describe("the review of prepared membership invitations", () => {
  it.each([
    ["member", 403],
    ["moderator", 403],
    ["staff", 403],
    ["admin", 200],
  ] as const)(
    "answers a %s with %i, and a refused person sends nothing",
    async (role, expected) => {
      const account = await createAccount();
      const email = `review-${unique()}@example.test`;
      const [prepared] = await prepareTestMembershipInvitations(account.id, [email]);
      const { get, post } = await signedIn(role);
      const path = "/admin/accounts/invitations";
      expect(await statusOf(() => loader({ request: get(path), params: {}, context }))).toBe(
        expected,
      );
      for (const form of <Record<string, string>[]>[
        { intent: "send", id: prepared.id },
        { intent: "dismiss", id: prepared.id },
        { intent: "send-account", accountId: account.id },
      ]) {
        const status = await statusOf(() =>
          action({ request: post(path, form), params: {}, context }),
        );
        if (expected === 403) expect(status).toBe(403);
      }
      if (expected === 403) {
        expect((await readTestMembershipInvitation(prepared.id)).state).toBe("prepared");
        expect(await emailsTo(email)).toEqual([]);
      }
    },
  );

  it("lists them per account, sends one, and refuses a replayed or unknown id", async () => {
    const account = await createAccount();
    const a = `a-${unique()}@example.test`;
    const b = `b-${unique()}@example.test`;
    const rows = await prepareTestMembershipInvitations(account.id, [a, b]);
    const { get, post } = await signedIn("admin");
    const path = "/admin/accounts/invitations";
    const page = (await loader({ request: get(path), params: {}, context })) as Awaited<
      ReturnType<typeof loader>
    >;
    const group = page.groups.find((g) => g.accountId === account.id);
    expect(group?.invitations.map((i) => i.email)).toEqual([a, b]);
    const accounts = await accountsLoader({ request: get("/admin/accounts"), params: {}, context });
    expect((accounts as { invitationsToReview: number }).invitationsToReview).toBeGreaterThan(0);

    const sent = await answerOf(() =>
      action({ request: post(path, { intent: "send", id: rows[0].id }), params: {}, context }),
    );
    expect(sent.done).toBe("Invitation sent.");
    expect(await emailsTo(a)).toHaveLength(1);
    const replay = await answerOf(() =>
      action({ request: post(path, { intent: "send", id: rows[0].id }), params: {}, context }),
    );
    expect(replay.status).toBe(409);
    expect(await emailsTo(a)).toHaveLength(1);
    const unknown = await answerOf(() =>
      action({
        request: post(path, { intent: "dismiss", id: crypto.randomUUID() }),
        params: {},
        context,
      }),
    );
    expect(unknown.status).toBe(409);
    const aside = await answerOf(() =>
      action({ request: post(path, { intent: "dismiss", id: rows[1].id }), params: {}, context }),
    );
    expect(aside.done).toBe("Put aside. It is not sent.");
    expect(await emailsTo(b)).toEqual([]);
    const nothingLeft = await answerOf(() =>
      action({
        request: post(path, { intent: "send-account", accountId: account.id }),
        params: {},
        context,
      }),
    );
    expect(nothingLeft.status).toBe(409);
  });
});

describe("the value-based membership setting on the tiers page", () => {
  it.each([
    ["member", 403],
    ["moderator", 403],
    ["staff", 403],
    ["admin", 200],
  ] as const)("a %s gets %i", async (role, expected) => {
    const { get, post } = await signedIn(role);
    const status = await statusOf(() =>
      tiersAction({
        request: post("/admin/tiers", { intent: "membership", mode: "review" }),
        params: {},
        context,
      }),
    );
    expect(status).toBe(expected);
    if (expected === 200) {
      const page = (await tiersLoader({ request: get("/admin/tiers"), params: {}, context })) as {
        membership: string;
      };
      expect(page.membership).toBe("review");
      const bad = await answerOf(() =>
        tiersAction({
          request: post("/admin/tiers", { intent: "membership", mode: "everyone" }),
          params: {},
          context,
        }),
      );
      expect(bad.status).toBe(400);
    }
  });
});
