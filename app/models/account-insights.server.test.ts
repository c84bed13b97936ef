import { describe, expect, it } from "vitest";
import {
  castTestVote,
  createAccount,
  createTestBacklogItem,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  refreshTestAccountActivity,
} from "#db/testing/factories";
import { listAccountContributions } from "./account-contributions.server";
import { findAccounts, getAccountProfile, listAccountPeople } from "./account-profile.server";
import {
  getAccountLookAlike,
  listBestCustomerTraits,
  listLookAlikes,
  listTopProductCombos,
} from "./look-alike.server";
import { Refusal } from "./refusal.server";
import { compareValueGroups } from "./value-groups.server";

// Twenty accounts: the top 10% are the two largest. Both came by referral and use Analytics and
// Workflow; of the rest, "Alike" shares all of that, "Half" only the referral, "Other" nothing.
async function seedTwentyAccounts() {
  const made: Record<string, { id: string }> = {};
  for (let rank = 1; rank <= 20; rank++) {
    const name =
      rank === 3 ? "Alike" : rank === 4 ? "Half" : rank === 5 ? "Other" : `Plain ${rank}`;
    const bigLike = rank <= 3;
    made[name] = await createAccount({
      name: `${name} ${Math.random()}`,
      revenueCents: (100 - rank) * 1_000_00,
      acquisitionSource: bigLike || rank === 4 ? "Referral" : "Outbound",
      products: bigLike ? ["Analytics", "Workflow"] : rank === 5 ? [] : ["Mobile"],
    });
  }
  return made;
}

describe("account insights", () => {
  it("ranks look-alikes by the lift of the top tier's traits they share, and says which", async () => {
    const accounts = await seedTwentyAccounts();
    const staff = await createUser({ role: "staff" });

    const { traits, topAccounts } = await listBestCustomerTraits(staff);
    expect(topAccounts).toBe(2);
    // Referral: 2 of 2 top accounts (100%) against 4 of 20 (20%): lift 5.
    const referral = traits.find((t) => t.kind === "acquisition" && t.value === "Referral")!;
    expect(referral).toMatchObject({ topWith: 2, allWith: 4 });
    expect(referral.lift).toBeCloseTo(5);
    const analytics = traits.find((t) => t.kind === "product" && t.value === "Analytics")!;
    expect(analytics.lift).toBeCloseTo(100 / 15);
    // Mobile is held by no top account: not a best-customer trait.
    expect(traits.some((t) => t.value === "Mobile")).toBe(false);

    const ranked = await listLookAlikes(staff);
    expect(ranked.map((r) => r.accountId).slice(0, 2)).toEqual([
      accounts.Alike.id,
      accounts.Half.id,
    ]);
    expect(ranked.some((r) => r.accountId === accounts.Other.id)).toBe(false);
    const alike = await getAccountLookAlike(staff, accounts.Alike.id);
    expect(alike!.traits.map((t) => t.value).sort()).toEqual(
      ["Analytics", "Referral", "Workflow"].sort(),
    );
    // The score is the sum of (lift − 1) over the matching traits, so it explains itself.
    expect(alike!.score).toBeCloseTo(alike!.traits.reduce((sum, t) => sum + t.lift - 1, 0));

    const combos = await listTopProductCombos(staff);
    expect(combos[0]).toMatchObject({ products: ["Analytics", "Workflow"], topWith: 2 });
    expect(combos[0].allShare).toBeCloseTo(3 / 20);
  });

  it("compares the top groups' people and activity", async () => {
    const big = await createAccount({ revenueCents: 900_000_00 });
    const small = await createAccount({ revenueCents: 1_000_00 });
    const bigMembers = [
      await createUser({ accountId: big.id }),
      await createUser({ accountId: big.id }),
    ];
    const smallMember = await createUser({ accountId: small.id });
    await createUser({ accountId: small.id });
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace();
    const thread = await createTestThread(bigMembers[0], space.id);
    await createTestReply(smallMember, thread.threadId, "Same here");
    await refreshTestAccountActivity();

    const { summaries, retention, seasonality } = await compareValueGroups(staff);
    const top1 = summaries.find((s) => s.tier === "top1")!;
    const rest = summaries.find((s) => s.tier === "rest")!;
    expect(top1).toMatchObject({ accounts: 1, members: 2, membersPerAccount: 2 });
    expect(top1.active30Share).toBeCloseTo(0.5);
    expect(rest.active30Share).toBeGreaterThan(0);
    expect(retention.months).toHaveLength(6);
    expect(seasonality.top1).toHaveLength(12);
    const thisMonth = new Date().getUTCMonth();
    expect(seasonality.top1[thisMonth]).toBeCloseTo(0.5);
  });

  it("shows an account's people with their activity and what they back", async () => {
    const account = await createAccount();
    const member = await createUser({ accountId: account.id, displayName: "Ana Active" });
    await createUser({ accountId: account.id, displayName: "Quiet Quinn" });
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace({ ideasEnabled: true });
    const idea = await createTestThread(member, space.id, { kind: "idea", title: "Bulk export" });
    await castTestVote(member, idea.threadId, "critical");
    const item = await createTestBacklogItem(staff, {
      title: "Export everything",
      fromThreadId: idea.threadId,
    });

    const profile = await getAccountProfile(staff, account.id);
    expect(profile).toMatchObject({ id: account.id, name: account.name });
    const { people, total } = await listAccountPeople(staff, account.id);
    expect(total).toBe(2);
    expect(people[0]).toMatchObject({ displayName: "Ana Active", posts90: 1, votes90: 1 });
    expect(people[1]).toMatchObject({ displayName: "Quiet Quinn", lastActiveAt: null });

    const { ideas, backlogItems } = await listAccountContributions(staff, account.id);
    expect(ideas).toEqual([
      expect.objectContaining({ title: "Bulk export", posted: true, importance: "critical" }),
    ]);
    expect(backlogItems).toEqual([
      expect.objectContaining({ itemId: item.id, title: "Export everything", people: 1 }),
    ]);
  });

  it("refuses members and moderators everything, and lets staff and admins read", async () => {
    const account = await createAccount();
    for (const role of ["member", "moderator"] as const) {
      const person = await createUser({ role, accountId: account.id });
      const reads = [
        () => getAccountProfile(person, account.id),
        () => listAccountPeople(person, account.id),
        () => listAccountContributions(person, account.id),
        () => findAccounts(person, { q: "", tier: null }),
        () => listBestCustomerTraits(person),
        () => listLookAlikes(person),
        () => getAccountLookAlike(person, account.id),
        () => listTopProductCombos(person),
        () => compareValueGroups(person),
      ];
      for (const read of reads) {
        await expect(read()).rejects.toMatchObject({ status: 403 });
        await expect(read()).rejects.toBeInstanceOf(Refusal);
      }
    }
    for (const role of ["staff", "admin"] as const) {
      const person = await createUser({ role });
      await expect(getAccountProfile(person, account.id)).resolves.toMatchObject({
        id: account.id,
      });
      await expect(compareValueGroups(person)).resolves.toBeTruthy();
    }
  });
});
