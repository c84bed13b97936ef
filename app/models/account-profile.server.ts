import { and, asc, desc, eq, sql } from "drizzle-orm";
import {
  accounts,
  accountStandings,
  accountTierChanges,
  accountTiers,
  users,
  type ValueTier,
} from "#db/schema";
import { alias } from "drizzle-orm/pg-core";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/**
 * The account as a customer-success lead reads it before a call: who it is, its values and tier
 * over time, and its people with how active each is. What its people asked for and stand behind
 * is in account-contributions.server.ts. Staff and admins only; a fixed number of queries
 * whatever the account's size.
 */

/** The people listed on an account's page; the page says how many more there are. */
export const ACCOUNT_PEOPLE_SHOWN = 50;

export function requireAccountReader(viewer: Viewer) {
  if (!can(viewer, "read:account:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
}

const owners = alias(users, "owners");

/** The account with its live tier and owner, or null. */
export async function getAccountProfile(viewer: Viewer, accountId: string) {
  requireAccountReader(viewer);
  const [row] = await db
    .select({
      id: accounts.id,
      name: accounts.name,
      externalId: accounts.externalId,
      segment: accounts.segment,
      region: accounts.region,
      revenueCents: accounts.revenueCents,
      grossProfitCents: accounts.grossProfitCents,
      lifetimeValueCents: accounts.lifetimeValueCents,
      customerSince: accounts.customerSince,
      renewalDate: accounts.renewalDate,
      acquisitionSource: accounts.acquisitionSource,
      firstProduct: accounts.firstProduct,
      products: accounts.products,
      ownerName: owners.displayName,
      tier: accountTiers.tier,
      revenueRank: accountTiers.revenueRank,
      accountCount: sql<number>`(select count(*)::int from ${accounts})`,
    })
    .from(accounts)
    .innerJoin(accountTiers, eq(accountTiers.accountId, accounts.id))
    .leftJoin(owners, eq(owners.id, accounts.ownerId))
    .where(eq(accounts.id, accountId));
  return row ?? null;
}

/** Its values, rank and tier at each snapshot date, oldest first, and each live tier change. */
export async function getAccountHistory(viewer: Viewer, accountId: string) {
  requireAccountReader(viewer);
  const [standings, tierChanges] = await Promise.all([
    db
      .select({
        asOf: accountStandings.asOf,
        revenueCents: accountStandings.revenueCents,
        grossProfitCents: accountStandings.grossProfitCents,
        lifetimeValueCents: accountStandings.lifetimeValueCents,
        revenueRank: accountStandings.revenueRank,
        tier: accountStandings.tier,
      })
      .from(accountStandings)
      .where(eq(accountStandings.accountId, accountId))
      .orderBy(asc(accountStandings.asOf)),
    db
      .select({
        fromTier: accountTierChanges.fromTier,
        toTier: accountTierChanges.toTier,
        changedAt: accountTierChanges.changedAt,
      })
      .from(accountTierChanges)
      .where(eq(accountTierChanges.accountId, accountId))
      .orderBy(desc(accountTierChanges.changedAt))
      .limit(20),
  ]);
  return { standings, tierChanges };
}

export type AccountPerson = {
  id: string;
  displayName: string;
  handle: string;
  status: "active" | "suspended";
  alumniSince: string | null;
  joinedAt: string;
  lastSeenAt: string | null;
  lastActiveAt: string | null;
  posts90: number;
  votes90: number;
  reactions90: number;
};

/**
 * Its people, most recently seen first (the first ACCOUNT_PEOPLE_SHOWN), each with what they did
 * in the last 90 days: the activity is read for the people shown only.
 */
export async function listAccountPeople(viewer: Viewer, accountId: string) {
  requireAccountReader(viewer);
  const rows = await db.execute<{
    id: string;
    display_name: string;
    handle: string;
    status: "active" | "suspended";
    alumni_since: string | null;
    created_at: string;
    last_seen_at: string | null;
    last_active_at: string | null;
    posts_90: number;
    votes_90: number;
    reactions_90: number;
    total: number;
  }>(sql`
    with shown as (
      select u.id, u.display_name, u.handle, u.status, u.alumni_since, u.created_at,
        u.last_seen_at, count(*) over ()::int as total
      from ${users} u
      where u.account_id = ${accountId} and u.role = 'member'
      order by u.last_seen_at desc nulls last, u.display_name, u.id
      limit ${ACCOUNT_PEOPLE_SHOWN}
    )
    select s.*, greatest(p.last_at, v.last_at, r.last_at) as last_active_at,
      coalesce(p.n, 0)::int as posts_90, coalesce(v.n, 0)::int as votes_90,
      coalesce(r.n, 0)::int as reactions_90
    from shown s
    left join lateral (
      select count(*) filter (where created_at >= now() - interval '90 days') as n,
        max(created_at) as last_at
      from posts where author_id = s.id and deleted_at is null
    ) p on true
    left join lateral (
      select count(*) filter (where created_at >= now() - interval '90 days') as n,
        max(created_at) as last_at
      from idea_votes where user_id = s.id
    ) v on true
    left join lateral (
      select count(*) filter (where created_at >= now() - interval '90 days') as n,
        max(created_at) as last_at
      from post_reactions where user_id = s.id
    ) r on true
    order by s.last_seen_at desc nulls last, s.display_name, s.id`);
  const people: AccountPerson[] = [...rows].map((row) => ({
    id: row.id,
    displayName: row.display_name,
    handle: row.handle,
    status: row.status,
    alumniSince: row.alumni_since,
    joinedAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    lastActiveAt: row.last_active_at,
    posts90: row.posts_90,
    votes90: row.votes_90,
    reactions90: row.reactions_90,
  }));
  return { people, total: rows[0]?.total ?? 0 };
}

/** Accounts by name for staff to open one: the first page of matches. */
export async function findAccounts(viewer: Viewer, query: { q: string; tier: ValueTier | null }) {
  requireAccountReader(viewer);
  const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({
      id: accounts.id,
      name: accounts.name,
      segment: accounts.segment,
      revenueCents: accounts.revenueCents,
      renewalDate: accounts.renewalDate,
      tier: accountTiers.tier,
      revenueRank: accountTiers.revenueRank,
    })
    .from(accounts)
    .innerJoin(accountTiers, eq(accountTiers.accountId, accounts.id))
    .where(
      and(
        query.q ? sql`${accounts.name} ilike ${pattern}` : undefined,
        query.tier ? eq(accountTiers.tier, query.tier) : undefined,
      ),
    )
    .orderBy(asc(accountTiers.revenueRank), asc(accounts.name))
    .limit(ACCOUNT_SEARCH_LIMIT);
}
export const ACCOUNT_SEARCH_LIMIT = 50;
