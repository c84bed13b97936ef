import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { accounts, accountTiers, ideaVotes, users } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { alias } from "drizzle-orm/pg-core";
import {
  latestInfluenceCte,
  signalSql,
  supporterInfluenceSql,
  tierMultiplierSql,
} from "./demand-weights.server";
import { mayReadInfluence } from "./influence-read.server";

// Who stands behind an idea: its voters, and (for staff) the value and the demand behind them.

/** How many voters an idea page lists at once. */
export const VOTERS_SHOWN = 100;
const addedBy = alias(users, "added_by");

/**
 * Who voted. Staff see everyone with their account and its tier (to weigh demand); members see
 * the names of voters who chose to be shown, and how many others voted. Never emails.
 */
export async function listVoters(viewer: Viewer, ideaId: string) {
  const staffView = can(viewer, "read:account:any");
  const shown = staffView ? sql`true` : sql`(${users.showVotes} or ${users.id} = ${viewer.id})`;
  const rows = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      handle: users.handle,
      importance: ideaVotes.importance,
      createdAt: ideaVotes.createdAt,
      addedByName: addedBy.displayName,
      proxyNote: staffView ? ideaVotes.proxyNote : sql<string | null>`null`,
      accountName: staffView ? accounts.name : sql<string | null>`null`,
      tier: staffView ? accountTiers.tier : sql<string | null>`null`,
      // Counted before the limit, in the same query.
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(ideaVotes)
    .innerJoin(users, eq(users.id, ideaVotes.userId))
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountTiers, eq(accountTiers.accountId, users.accountId))
    .leftJoin(addedBy, eq(addedBy.id, ideaVotes.addedById))
    // A former member's vote counts in the idea's figures, never as a person on this list.
    .where(and(eq(ideaVotes.ideaId, ideaId), shown, isNull(users.deletedAt)))
    .orderBy(desc(ideaVotes.createdAt))
    .limit(VOTERS_SHOWN);
  const total = rows[0]?.total ?? 0;
  const voters = rows.map(({ total: _total, ...voter }) => voter);
  return { voters, shownTotal: total, staffView };
}

/**
 * Account value is staff-only data: for anyone else there is none, on any page. Supporters'
 * influence is shown only to those who may read influence.
 */
export async function getIdeaValueForViewer(viewer: Viewer, ideaId: string) {
  if (!can(viewer, "read:account:any")) return null;
  const value = await getIdeaValue(ideaId);
  return mayReadInfluence(viewer) ? value : { ...value, influenceWeighted: null };
}

/**
 * The value behind an idea, for staff: the accounts whose people voted, each counted once
 * however many of its people voted, with the revenue and lifetime value they represent and the
 * share of that revenue from top-1% and top-10% accounts (top 10% includes the top 1%); and its
 * demand three ways, by the backlog's rules (demand-rule.ts): the members who voted (raw), the
 * value-weighted score and the influence-weighted one. One query.
 */
async function getIdeaValue(ideaId: string) {
  const [row] = await db.execute<{
    members: number;
    accounts: number;
    revenue_cents: string | number;
    lifetime_value_cents: string | number;
    top1_revenue_cents: string | number;
    top10_revenue_cents: string | number;
    value_weighted: number;
    influence_weighted: number;
  }>(sql`
    with ${latestInfluenceCte},
    voters as (
      select ${users.accountId} as account_id, ${signalSql(sql`${ideaVotes.importance}`)} as signal,
        ${supporterInfluenceSql} as influence
      from ${ideaVotes}
      join ${users} on ${eq(users.id, ideaVotes.userId)}
      left join latest_influence li on true
      left join member_influence mi on mi.run_id = li.id and mi.user_id = ${users.id}
      where ${eq(ideaVotes.ideaId, ideaId)} and ${users.accountId} is not null
        and ${users.role} = 'member'
    ), voting_accounts as (
      select account_id as id, max(signal) as signal from voters group by account_id
    )
    select (select count(*)::int from voters) as members,
           (select coalesce(sum(influence * signal), 0)::float8 from voters) as influence_weighted,
           count(*)::int as accounts,
           coalesce(sum(a.revenue_cents), 0) as revenue_cents,
           coalesce(sum(a.lifetime_value_cents), 0) as lifetime_value_cents,
           coalesce(sum(a.revenue_cents) filter (where at.tier = 'top1'), 0) as top1_revenue_cents,
           coalesce(sum(a.revenue_cents) filter (where at.tier in ('top1', 'top10')), 0) as top10_revenue_cents,
           coalesce(sum(v.signal * ${tierMultiplierSql}), 0)::int as value_weighted
    from voting_accounts v
    join ${accounts} a on a.id = v.id
    left join ${accountTiers} at on at.account_id = v.id`);
  const revenue = Number(row.revenue_cents);
  const share = (part: string | number) => (revenue > 0 ? Number(part) / revenue : 0);
  return {
    accounts: row.accounts,
    revenueCents: revenue,
    lifetimeValueCents: Number(row.lifetime_value_cents),
    top1Share: share(row.top1_revenue_cents),
    top10Share: share(row.top10_revenue_cents),
    members: row.members,
    valueWeighted: row.value_weighted,
    influenceWeighted: row.influence_weighted as number | null,
  };
}
