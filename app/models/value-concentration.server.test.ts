import { describe, expect, it } from "vitest";
import { createAccount, createTestSnapshot, createUser } from "#db/testing/factories";
import { Refusal } from "./refusal.server";
import {
  getConcentration,
  listSnapshotDates,
  listTopTierAccounts,
} from "./value-concentration.server";

// Each test file has its own database: these snapshots are all there are.
async function seedTenAccounts() {
  const made = [];
  for (let rank = 1; rank <= 10; rank++) {
    const account = await createAccount({ name: `Value ${rank}` });
    made.push(account);
    // Revenue 1…10 (×$1) in June; in September the largest doubles and one account is new.
    await createTestSnapshot(account.id, "2026-06-30", {
      revenueCents: rank * 100,
      grossProfitCents: rank * 10,
      lifetimeValueCents: 1_000,
    });
  }
  await createTestSnapshot(made[9].id, "2026-09-30", {
    revenueCents: 2_000,
    grossProfitCents: 100,
    lifetimeValueCents: 1_000,
  });
  return made;
}

describe("value concentration", () => {
  it("gives each measure's top shares, Gini, Lorenz curve and cut points as of a date", async () => {
    await seedTenAccounts();
    const staff = await createUser({ role: "staff" });
    expect(await listSnapshotDates(staff)).toEqual(["2026-09-30", "2026-06-30"]);

    const [revenue, grossProfit, lifetimeValue] = await getConcentration(staff, "2026-06-30");
    expect(revenue.accounts).toBe(10);
    expect(revenue.totalCents).toBe(5_500);
    // The top 1% and 10% of 10 accounts are the single largest: 10 of 55.
    expect(revenue.topShares[1]).toBeCloseTo(10 / 55);
    expect(revenue.topShares[10]).toBeCloseTo(10 / 55);
    expect(revenue.topShares[20]).toBeCloseTo(19 / 55);
    // Gini of 1…10 is 0.3; equal values have none.
    expect(revenue.gini).toBeCloseTo(0.3);
    expect(lifetimeValue.gini).toBeCloseTo(0);
    expect(grossProfit.topShares[10]).toBeCloseTo(10 / 55);
    expect(revenue.lorenz[0]).toEqual({ accountShare: 0, valueShare: 0 });
    expect(revenue.lorenz.at(-1)).toEqual({ accountShare: 1, valueShare: 1 });
    expect(revenue.lorenz.find((point) => point.accountShare === 0.5)?.valueShare).toBeCloseTo(
      15 / 55,
    );
    expect(revenue.cutPoints).toEqual({ top: 1_000, high: 1_000 });

    // In September the largest account's later snapshot counts; the others keep June's.
    const [september] = await getConcentration(staff, "2026-09-30");
    expect(september.totalCents).toBe(6_500);
    expect(september.topShares[10]).toBeCloseTo(20 / 65);
    expect((await listTopTierAccounts(staff, "2026-09-30")).map((a) => a.name)).toEqual([
      "Value 10",
    ]);
    // Before any snapshot, nothing is known.
    const [before] = await getConcentration(staff, "2020-01-01");
    expect(before).toMatchObject({ accounts: 0, totalCents: 0, gini: 0 });
  });

  it("is refused to members and moderators", async () => {
    for (const role of ["member", "moderator"] as const) {
      const someone = await createUser({ role });
      for (const read of [
        () => listSnapshotDates(someone),
        () => getConcentration(someone, "2026-06-30"),
        () => listTopTierAccounts(someone, "2026-06-30"),
      ]) {
        await expect(read()).rejects.toBeInstanceOf(Refusal);
      }
    }
  });
});
