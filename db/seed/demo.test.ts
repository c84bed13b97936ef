import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { signIn } from "~/auth/sign-in.server";
import { db, sqlClient } from "~/db.server";
import { getTierSummary } from "~/models/account.server";
import { DEMO_PASSWORD, seedDemoCommunity } from "./demo";

describe("demo community", () => {
  it("is heavy-tailed, sized as promised, and every documented login works", async () => {
    await seedDemoCommunity(sqlClient());

    const [counts] = await db.execute<{
      accounts: number;
      members: number;
      staff: number;
      moderators: number;
      admins: number;
    }>(sql`
      select (select count(*)::int from accounts) as accounts,
             (select count(*)::int from users where role = 'member') as members,
             (select count(*)::int from users where role = 'staff') as staff,
             (select count(*)::int from users where role = 'moderator') as moderators,
             (select count(*)::int from users where role = 'admin') as admins`);
    expect(counts.accounts).toBeGreaterThanOrEqual(50);
    expect(counts.members).toBeGreaterThanOrEqual(130);
    expect(counts.members).toBeLessThanOrEqual(170);
    expect(counts).toMatchObject({ staff: 3, moderators: 1, admins: 1 });

    const [top] = await getTierSummary();
    expect(top.revenueShare).toBeGreaterThan(0.1);

    for (const email of [
      "admin@vanguard.test",
      "maya@vanguard.test",
      "theo@vanguard.test",
      "ines@northwind.test",
      "sam@smallco.test",
    ]) {
      expect(await signIn(email, DEMO_PASSWORD, "10.8.0.1")).toMatchObject({ ok: true });
    }
    const [ines] = await db.execute<{ name: string; rank: number }>(sql`
      select a.name, t.revenue_rank::int as rank from users u join accounts a on a.id = u.account_id
      join account_tiers t on t.account_id = a.id where u.email = 'ines@northwind.test'`);
    expect(ines).toEqual({ name: "Northwind", rank: 1 });
  });
});
