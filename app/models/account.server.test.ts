import { describe, expect, it } from "vitest";
import { createAccount as insertAccount, createUser } from "#db/testing/factories";
import { statusOf } from "#db/testing/requests";
import { AccountSchema } from "~/validation/admin";
import {
  createAccount,
  getAccount,
  getTierSettings,
  getTierSummary,
  listAccountsWithTiers,
  updateAccount,
  updateTierSettings,
} from "./account.server";
import { Refusal } from "./refusal.server";

/** Someone who manages accounts, to list them as the admin pages do. */
const admin = {
  id: "00000000-0000-4000-8000-000000000001",
  role: "admin" as const,
  accountId: null,
};

// Each test file has its own database, so these 20 accounts are all there is.
async function seedTwentyAccounts(prefix = "Rank") {
  for (let rank = 1; rank <= 20; rank++) {
    await insertAccount({
      name: `${prefix} ${String(rank).padStart(2, "0")}`,
      revenueCents: (21 - rank) * 1_000_00,
    });
  }
}

describe("value tiers", () => {
  it("cuts tiers by revenue rank with configurable cut points, and sums shares", async () => {
    await seedTwentyAccounts();
    const byName = async () =>
      new Map(
        (await listAccountsWithTiers(admin, { sort: "revenue" })).map((a) => [a.name, a.tier]),
      );

    // Top 1% of 20 accounts rounds up to the single largest one; top 10% to the first two.
    let tiers = await byName();
    expect(tiers.get("Rank 01")).toBe("top1");
    expect(tiers.get("Rank 02")).toBe("top10");
    expect(tiers.get("Rank 03")).toBe("rest");

    const tierAdmin = await createUser({ role: "admin" });
    await updateTierSettings(tierAdmin, { topTierPercent: 10, highTierPercent: 25 });
    tiers = await byName();
    expect(tiers.get("Rank 02")).toBe("top1");
    expect(tiers.get("Rank 05")).toBe("top10");
    expect(tiers.get("Rank 06")).toBe("rest");

    const summary = await getTierSummary();
    const total = 210 * 1_000_00;
    expect(summary.map((row) => row.accounts)).toEqual([2, 3, 15]);
    expect(summary[0].revenueShare).toBeCloseTo((39 * 1_000_00) / total);
    expect(summary.reduce((sum, row) => sum + row.revenueShare, 0)).toBeCloseTo(1);
  });

  it("keeps accounts without revenue out of the top tiers", async () => {
    await insertAccount({ name: "Has revenue", revenueCents: 999_999_999_00 });
    for (let i = 0; i < 3; i++) await insertAccount({ name: `No revenue ${i}`, revenueCents: 0 });
    // With the high tier at 100%, every account would be "top 10%" by rank alone.
    const tierAdmin = await createUser({ role: "admin" });
    await updateTierSettings(tierAdmin, { topTierPercent: 10, highTierPercent: 100 });
    const tiers = new Map(
      (await listAccountsWithTiers(admin, { sort: "name" })).map((a) => [a.name, a.tier]),
    );
    expect(tiers.get("Has revenue")).not.toBe("rest");
    expect(tiers.get("No revenue 0")).toBe("rest");
  });

  it("lands every edit when admins change many accounts at once (tiers settle one at a time)", async () => {
    await seedTwentyAccounts("Busy");
    const tierAdmin = await createUser({ role: "admin" });
    const rows = await listAccountsWithTiers(admin, { q: "Busy", sort: "revenue" });
    const values = (row: (typeof rows)[number], revenue: number) =>
      AccountSchema.parse({
        name: row.name,
        segment: "Enterprise",
        revenue: String(revenue),
        grossProfit: "1",
        lifetimeValue: "1",
      });
    // Reversing the ranks moves every account's tier while the others hold their own rows.
    const results = await Promise.allSettled([
      ...rows.map((row, index) =>
        updateAccount(tierAdmin, row.id, values(row, (index + 1) * 1000)),
      ),
      createAccount(
        tierAdmin,
        AccountSchema.parse({
          name: "Newcomer",
          revenue: "5000000",
          grossProfit: "1",
          lifetimeValue: "1",
        }),
      ),
      updateTierSettings(tierAdmin, { topTierPercent: 5, highTierPercent: 20 }),
    ]);
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const after = await listAccountsWithTiers(admin, { q: "Busy", sort: "revenue" });
    expect(after.map((row) => row.name)).toEqual(rows.map((row) => row.name).reverse());
    expect(after.every((row) => row.segment === "Enterprise")).toBe(true);
  });

  it("counts each account's people", async () => {
    const account = await insertAccount({ name: "Counted" });
    await createUser({ accountId: account.id });
    await createUser({ accountId: account.id });
    const [row] = await listAccountsWithTiers(admin, { q: "Counted", sort: "name" });
    expect(row.members).toBe(2);
  });
});

describe("account form", () => {
  const valid = {
    name: "Acme",
    externalId: "",
    segment: "",
    revenue: "$1,250,000.50",
    grossProfit: "400000",
    lifetimeValue: "0",
    customerSince: "",
  };

  it("parses money typed by people into cents", () => {
    const parsed = AccountSchema.parse(valid);
    expect(parsed).toMatchObject({
      revenue: 125_000_050,
      grossProfit: 40_000_000,
      externalId: null,
      customerSince: null,
    });
  });

  it("explains bad amounts and dates", () => {
    const result = AccountSchema.safeParse({
      ...valid,
      revenue: "lots",
      customerSince: "2999-01-01",
    });
    const messages = result.error?.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    expect(messages).toEqual([
      "revenue: Enter an amount in dollars, like 125000 or 125000.50.",
      "customerSince: This date is in the future.",
    ]);
  });

  it("refuses a duplicate name or external id with a field to point at", async () => {
    const admin = await createUser({ role: "admin" });
    await createAccount(admin, AccountSchema.parse({ ...valid, externalId: "CRM-1" }));
    await expect(
      createAccount(admin, AccountSchema.parse({ ...valid, name: "ACME" })),
    ).rejects.toMatchObject({ field: "name" });
    await expect(
      createAccount(admin, AccountSchema.parse({ ...valid, name: "Other", externalId: "CRM-1" })),
    ).rejects.toBeInstanceOf(Refusal);
  });

  it("is the admins' to submit, whoever calls the model", async () => {
    const kept = await insertAccount({ name: "Kept as is" });
    const before = await getTierSettings();
    for (const role of ["member", "moderator", "staff"] as const) {
      const actor = await createUser({ role });
      const input = AccountSchema.parse({ ...valid, name: `By ${role}` });
      expect(await statusOf(() => createAccount(actor, input)), role).toBe(403);
      expect(await statusOf(() => updateAccount(actor, kept.id, input)), role).toBe(403);
      expect(await statusOf(() => listAccountsWithTiers(actor, { sort: "name" })), role).toBe(403);
      const cuts = { topTierPercent: 5, highTierPercent: 50 };
      expect(await statusOf(() => updateTierSettings(actor, cuts)), role).toBe(403);
    }
    expect((await getAccount(kept.id))?.name).toBe("Kept as is");
    expect(await listAccountsWithTiers(admin, { q: "By ", sort: "name" })).toEqual([]);
    expect(await getTierSettings()).toEqual(before);
  });
});
