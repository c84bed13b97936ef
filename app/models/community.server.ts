import { eq, sql } from "drizzle-orm";
import { accounts, accountTiers, users } from "#db/schema";
import { db } from "~/db.server";

/** What the home page says about the viewer and the community, in one round trip. */
export async function getHomeSummary(viewerId: string) {
  const [row] = await db
    .select({
      members: sql<number>`(select count(*)::int from ${users} where ${users.status} = 'active')`,
      accountsCount: sql<number>`(select count(*)::int from ${accounts})`,
      accountName: accounts.name,
      accountTier: accountTiers.tier,
      joinedAt: users.createdAt,
    })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountTiers, eq(accountTiers.accountId, users.accountId))
    .where(eq(users.id, viewerId));
  return row;
}
