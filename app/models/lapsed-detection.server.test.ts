import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { lapsedEntries, lapsedEntryEvents, posts, users } from "#db/schema";
import {
  backdateTestPosts,
  createAccount,
  createTestQuietMember,
  createTestSnapshot,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import {
  applyAccountImport,
  getAccountImport,
  previewAccountImport,
} from "./account-import.server";
import { detectLapsedEntries } from "./lapsed-detection.server";
import { markLapsedEntryHandled } from "./lapsed.server";

async function entriesOf(accountId: string) {
  return db
    .select()
    .from(lapsedEntries)
    .where(eq(lapsedEntries.accountId, accountId))
    .orderBy(sql`${lapsedEntries.userId} nulls first`);
}

async function eventsOf(entryId: string) {
  return db
    .select({ action: lapsedEntryEvents.action, actorId: lapsedEntryEvents.actorId })
    .from(lapsedEntryEvents)
    .where(eq(lapsedEntryEvents.entryId, entryId));
}

// Each test file has its own database; the snapshots below are the only ones in it. Twenty
// accounts: the top 1% and top 10% are the largest one and the largest two.
describe("lapsed detection: left the top tiers", () => {
  it("lists an account that was top-tier and is not now, reopens it when it falls again", async () => {
    const staff = await createUser({ role: "staff" });
    const falling = await createAccount({ name: "Falling Co" });
    const steady = await createAccount({ name: "Steady Co" });
    const others: { id: string }[] = [];
    for (let i = 1; i <= 18; i++) others.push(await createAccount({ name: `Other ${i}` }));
    const quarter = async (asOf: string, fallingCents: number) => {
      await createTestSnapshot(falling.id, asOf, { revenueCents: fallingCents });
      await createTestSnapshot(steady.id, asOf, { revenueCents: 900_00 });
      for (const [i, other] of others.entries()) {
        await createTestSnapshot(other.id, asOf, { revenueCents: (i + 1) * 10_00 });
      }
    };
    await quarter("2025-03-31", 1_000_00);
    await detectLapsedEntries();
    expect(await entriesOf(falling.id)).toEqual([]);

    await quarter("2025-06-30", 5_00);
    const first = await detectLapsedEntries();
    expect(first.opened).toBe(1);
    const [entry] = await entriesOf(falling.id);
    expect(entry).toMatchObject({ signal: "left_top_tier", userId: null, active: true });
    expect(entry.signalSince.toISOString()).toBe("2025-06-30T00:00:00.000Z");
    expect(entry.details).toMatchObject({
      lastTopTier: "top1",
      lastTopAsOf: "2025-03-31",
      revenueThenCents: 1_000_00,
      revenueNowCents: 5_00,
      latestAsOf: "2025-06-30",
    });
    // Still top-tier throughout: never listed.
    expect(await entriesOf(steady.id)).toEqual([]);

    // Handled while the signal stays the same: it stays handled.
    await markLapsedEntryHandled(staff, entry.id);
    await detectLapsedEntries();
    const [stillHandled] = await entriesOf(falling.id);
    expect(stillHandled.handledAt).not.toBeNull();
    expect(stillHandled.active).toBe(true);

    // Back in the top tier: the signal has passed, the entry is kept, inactive and handled.
    await quarter("2025-09-30", 2_000_00);
    const passed = await detectLapsedEntries();
    expect(passed.passed).toBe(1);
    const [inactive] = await entriesOf(falling.id);
    expect(inactive).toMatchObject({ active: false });
    expect(inactive.handledAt).not.toBeNull();

    // Fell again (values as of a date before it was handled, imported after): a new episode.
    await quarter("2025-12-31", 5_00);
    const again = await detectLapsedEntries();
    expect(again.reopened).toBe(1);
    const [reopened] = await entriesOf(falling.id);
    expect(reopened).toMatchObject({ active: true, handledAt: null, handledById: null });
    expect(reopened.signalSince.toISOString()).toBe("2025-12-31T00:00:00.000Z");
    expect(reopened.details).toMatchObject({ lastTopAsOf: "2025-09-30" });
    const events = await eventsOf(reopened.id);
    expect(events.map((event) => event.action).sort()).toEqual(["handled", "reopened"]);
    expect(events.find((event) => event.action === "reopened")?.actorId).toBeNull();
  });
});

describe("lapsed detection: went quiet", () => {
  it("lists a member and their account when active 60–90 days ago and silent for 30", async () => {
    const account = await createAccount();
    const space = await createTestSpace();
    const quiet = await createTestQuietMember({ accountId: account.id, spaceId: space.id });
    const result = await detectLapsedEntries();
    expect(result.opened).toBeGreaterThanOrEqual(2);
    const [accountEntry, memberEntry] = await entriesOf(account.id);
    expect(accountEntry).toMatchObject({ signal: "went_quiet", userId: null, active: true });
    expect(accountEntry.details).toMatchObject({ posts: 1, replies: 2, activeMembers: 1 });
    expect(memberEntry).toMatchObject({ signal: "went_quiet", userId: quiet.id });
    expect(memberEntry.details).toMatchObject({ posts: 1, replies: 2 });
    const [{ lastAt }] = await db
      .select({ lastAt: sql<Date>`max(${posts.createdAt})` })
      .from(posts)
      .where(eq(posts.authorId, quiet.id));
    expect(memberEntry.signalSince.getTime()).toBe(new Date(lastAt).getTime());
  });

  it("leaves out the active, the new, staff, suspended members, and accounts with someone active", async () => {
    const space = await createTestSpace();
    // Active then and now.
    const busy = await createUser();
    await createTestThread(busy, space.id);
    await backdateTestPosts(busy.id, 80);
    await createTestThread(busy, space.id);
    // Only recent activity.
    const fresh = await createUser();
    await createTestThread(fresh, space.id);
    await backdateTestPosts(fresh.id, 10);
    // Staff are not customers.
    const staff = await createUser({ role: "staff" });
    await createTestThread(staff, space.id);
    await backdateTestPosts(staff.id, 80);
    // Suspended: silent by our doing.
    const suspended = await createTestQuietMember({ spaceId: space.id });
    await db.update(users).set({ status: "suspended" }).where(eq(users.id, suspended.id));
    // A quiet member whose colleague is still active: the member is listed, the account is not.
    const quiet = await createTestQuietMember({ spaceId: space.id });
    const colleague = await createUser({ accountId: quiet.accountId! });
    await createTestThread(colleague, space.id);

    await detectLapsedEntries();
    expect(await entriesOf(busy.accountId!)).toEqual([]);
    expect(await entriesOf(fresh.accountId!)).toEqual([]);
    expect(await entriesOf(suspended.accountId!)).toEqual([]);
    const quietEntries = await entriesOf(quiet.accountId!);
    expect(quietEntries.map((entry) => entry.userId)).toEqual([quiet.id]);
    const [{ count }] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(lapsedEntries)
      .where(eq(lapsedEntries.userId, staff.id));
    expect(count).toBe(0);
  });

  it("sets an entry inactive when the member speaks again, and reopens a handled one when they go quiet again", async () => {
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace();
    const quiet = await createTestQuietMember({ spaceId: space.id });
    await detectLapsedEntries();
    const [, memberEntry] = await entriesOf(quiet.accountId!);
    await markLapsedEntryHandled(staff, memberEntry.id);

    // They post again (now): the signal passes, the entry stays handled and goes inactive.
    await createTestThread(quiet, space.id);
    await detectLapsedEntries();
    const [, passed] = await entriesOf(quiet.accountId!);
    expect(passed.active).toBe(false);
    expect(passed.handledAt).not.toBeNull();

    // That post was 40 days ago in the end, and nothing since: quiet again, after it was handled.
    await db.execute(sql`update ${posts} set created_at = now() - interval '40 days'
      where ${posts.authorId} = ${quiet.id} and ${posts.createdAt} > now() - interval '1 day'`);
    await db
      .update(lapsedEntries)
      .set({ handledAt: sql`now() - interval '50 days'` })
      .where(eq(lapsedEntries.id, memberEntry.id));
    const again = await detectLapsedEntries();
    expect(again.reopened).toBeGreaterThanOrEqual(1);
    const [, reopened] = await entriesOf(quiet.accountId!);
    expect(reopened).toMatchObject({ active: true, handledAt: null });
    expect((await eventsOf(reopened.id)).map((event) => event.action)).toContain("reopened");
  });

  it("runs twice at once without duplicating entries", async () => {
    await createTestQuietMember();
    await Promise.all([detectLapsedEntries(), detectLapsedEntries()]);
    const duplicates = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from (select account_id, user_id, signal from lapsed_entries
        group by 1, 2, 3 having count(*) > 1) d`);
    expect(duplicates[0].n).toBe(0);
  });
});

describe("lapsed detection: when it runs", () => {
  it("is queued once an account import is applied", async () => {
    const admin = await createUser({ role: "admin" });
    const queued = async () => {
      const [row] = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pgboss.job where name = 'detect-lapsed'`,
      );
      return row.n;
    };
    const before = await queued().catch(() => 0);
    const id = await previewAccountImport(admin, {
      name: "accounts.csv",
      content: [
        "External ID,Name,Revenue,Gross profit,Lifetime value,As of",
        "L-1,Lapse Import,100,10,1000,2025-06-30",
      ].join("\n"),
    });
    expect((await getAccountImport(admin, id))?.errorCount).toBe(0);
    await applyAccountImport(admin, id);
    expect(await queued()).toBe(before + 1);
  });
});
