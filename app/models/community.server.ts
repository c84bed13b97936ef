import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { accounts, accountTiers, invitations, outboxEmails, spaces, users } from "#db/schema";
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

/** The figures on the admin overview, each counted in the database, in one round trip. */
export async function getAdminOverview() {
  const now = new Date();
  const [row] = await db
    .select({
      activeMembers: db.$count(users, eq(users.status, "active")),
      suspendedMembers: db.$count(users, eq(users.status, "suspended")),
      openInvitations: db.$count(
        invitations,
        and(
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      ),
      spaces: db.$count(spaces),
      accounts: db.$count(accounts),
      emails: db.$count(outboxEmails),
    })
    .from(sql`(select 1) as one`);
  return row;
}
