import { and, asc, eq, gt, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { accounts, accountTiers, users, type UserRole } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/**
 * The community's people as staff know them: who they are, their account and its tier, their
 * trust level and how much they take part. Staff read it (the API's members); email addresses
 * only for whoever administers members. Former members are no one to list.
 */

export const MEMBER_DIRECTORY_PAGE_SIZE = 50;

export type MemberDirectoryFilter = {
  q?: string;
  role?: UserRole;
  accountId?: string;
  /** One person by id (the API's single read). */
  id?: string;
  page: number;
  /** An export's walk: by id after this one, `limit` at a time, instead of pages by name. */
  walk?: { after: string | null; limit: number };
};

export async function listMemberDirectory(viewer: Viewer, filter: MemberDirectoryFilter) {
  if (!can(viewer, "read:account:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
  const withEmail = can(viewer, "read:member:any");
  const conditions: SQL[] = [isNull(users.deletedAt)];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        ilike(users.displayName, pattern),
        ilike(users.handle, pattern),
        ...(withEmail ? [ilike(users.email, pattern)] : []),
      )!,
    );
  }
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.accountId) conditions.push(eq(users.accountId, filter.accountId));
  if (filter.id) conditions.push(eq(users.id, filter.id));
  if (filter.walk?.after) conditions.push(gt(users.id, filter.walk.after));
  const rows = await db
    .select({
      id: users.id,
      handle: users.handle,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      suspended: sql<boolean>`${users.status} = 'suspended'`,
      alumni: sql<boolean>`${users.alumniSince} is not null`,
      trustLevel: users.trustLevel,
      joinedAt: users.createdAt,
      lastSeenAt: users.lastSeenAt,
      accountId: accounts.id,
      accountName: accounts.name,
      tier: accountTiers.tier,
      // Counted for the page's rows only, after the limit.
      posts: sql<number>`(select count(*)::int from posts p
        where p.author_id = ${users.id} and p.deleted_at is null)`,
      ideas: sql<number>`(select count(*)::int from threads t
        where t.author_id = ${users.id} and t.kind = 'idea')`,
      votes: sql<number>`(select count(*)::int from idea_votes v where v.user_id = ${users.id})`,
    })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountTiers, eq(accountTiers.accountId, users.accountId))
    .where(and(...conditions))
    .orderBy(...(filter.walk ? [asc(users.id)] : [asc(users.displayName), asc(users.id)]))
    // One more than a page: whether a next page exists, without counting everyone.
    .limit(filter.walk?.limit ?? MEMBER_DIRECTORY_PAGE_SIZE + 1)
    .offset(filter.walk ? 0 : (filter.page - 1) * MEMBER_DIRECTORY_PAGE_SIZE);
  const hasMore = !filter.walk && rows.length > MEMBER_DIRECTORY_PAGE_SIZE;
  const people = rows
    .slice(0, filter.walk ? rows.length : MEMBER_DIRECTORY_PAGE_SIZE)
    .map(({ email, accountId, accountName, tier, ...row }) => ({
      ...row,
      email: withEmail ? email : null,
      account: accountId && accountName ? { id: accountId, name: accountName, tier } : null,
    }));
  return { people, hasMore };
}

/** How many people the directory holds (an export's total). */
export async function countMemberDirectory(viewer: Viewer) {
  if (!can(viewer, "read:account:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(users)
    .where(isNull(users.deletedAt));
  return total;
}
