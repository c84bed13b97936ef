import { desc, isNotNull, sql } from "drizzle-orm";
import { influenceRuns, type InteractionKind, type ValueTier } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { keptFigures } from "./insight-figures.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/**
 * What the influence pages read: the latest completed run of influence.server.ts, never a run in
 * progress. Staff and admins only; a member never sees anyone's influence, rank or reach.
 */

/** How many accounts each ranking and each quadrant list shows. */
export const INFLUENCE_LIST_SIZE = 20;
/** The scatter plots the accounts in the top this-many by revenue or by influence. */
const PLOTTED_PER_RANKING = 150;
/** "Connected": an account whose influence is in the top tenth of accounts with any. */
export const CONNECTED_SHARE = 0.1;

export function mayReadInfluence(viewer: Viewer) {
  return can(viewer, "read:influence:any");
}

export function requireInfluenceReader(viewer: Viewer) {
  if (!mayReadInfluence(viewer)) throw new Refusal(NOT_YOUR_ROLE, 403);
}

export async function getLatestInfluenceRun(viewer: Viewer) {
  requireInfluenceReader(viewer);
  const [run] = await db
    .select()
    .from(influenceRuns)
    .where(isNotNull(influenceRuns.completedAt))
    .orderBy(desc(influenceRuns.completedAt))
    .limit(1);
  return run ?? null;
}

export type RankedAccount = {
  id: string;
  name: string;
  revenueCents: number;
  tier: ValueTier;
  revenueRank: number;
  score: number | null;
  influenceRank: number | null;
  members: number | null;
  reachMembers: number | null;
  reachAccounts: number | null;
  big: boolean;
  connected: boolean;
};

export type InfluenceOverview = {
  byRevenue: RankedAccount[];
  byInfluence: RankedAccount[];
  smallInfluential: RankedAccount[];
  bigConnected: RankedAccount[];
  bigQuiet: RankedAccount[];
  counts: { big: boolean; connected: boolean; accounts: number }[];
  points: RankedAccount[];
  /** The lowest revenue in the top tiers, and the lowest influence among connected accounts. */
  bigFrom: number | null;
  connectedFrom: number | null;
};

const ACCOUNT_JSON = `json_build_object('id', id, 'name', name, 'revenueCents', revenue_cents,
  'tier', tier, 'revenueRank', revenue_rank, 'score', score, 'influenceRank', influence_rank,
  'members', members, 'reachMembers', reach_members, 'reachAccounts', reach_accounts,
  'big', big, 'connected', connected)`;

/**
 * Accounts by value and by influence, in one query: every account classified once (big: in the
 * top tiers by revenue; connected: influence in the top tenth), then each list taken from that.
 * Kept per run until account values or tiers change (insight-figures.server.ts), as the value
 * pages keep theirs.
 */
export async function getInfluenceOverview(
  viewer: Viewer,
  runId: string,
): Promise<InfluenceOverview> {
  requireInfluenceReader(viewer);
  return keptFigures(`${INFLUENCE_FIGURES_KEY}${runId}`, () => computeInfluenceOverview(runId));
}

/** Kept overviews are named by this and their run; each run drops the earlier runs'. */
export const INFLUENCE_FIGURES_KEY = "influence-overview:";

async function computeInfluenceOverview(runId: string): Promise<InfluenceOverview> {
  // Each list is built from constants only (no input reaches this text).
  // The objects are built after the limit: built before it, for all 10,000 rows, they took most
  // of the page's time.
  const list = (where: string, order: string, limit: number) =>
    sql.raw(`(select coalesce(json_agg(${ACCOUNT_JSON} order by ${order}), '[]'::json) from (
      select * from classified where ${where} order by ${order} limit ${limit}) x)`);
  const [row] = await db.execute<InfluenceOverview>(sql`
    with inf as (
      select account_id, score, rank, members, reach_members, reach_accounts
      from account_influence where run_id = ${runId}
    ), connected_rank as (
      select ceil(count(*) * ${CONNECTED_SHARE}::float8)::int as last from inf
    ), classified as (
      select a.id, a.name, a.revenue_cents, t.tier, t.revenue_rank::int as revenue_rank,
        i.score, i.rank as influence_rank, i.members, i.reach_members, i.reach_accounts,
        t.tier <> 'rest' as big,
        coalesce(i.rank <= (select last from connected_rank), false) as connected
      from accounts a
      join account_tiers t on t.account_id = a.id
      left join inf i on i.account_id = a.id
    )
    select
      ${list("true", "revenue_cents desc, id", INFLUENCE_LIST_SIZE)} as "byRevenue",
      ${list("score is not null", "influence_rank, id", INFLUENCE_LIST_SIZE)} as "byInfluence",
      ${list("not big and connected", "influence_rank, id", INFLUENCE_LIST_SIZE)}
        as "smallInfluential",
      ${list("big and connected", "influence_rank, id", INFLUENCE_LIST_SIZE)} as "bigConnected",
      ${list("big and not connected", "revenue_cents desc, id", INFLUENCE_LIST_SIZE)} as "bigQuiet",
      ${list(
        `score > 0 and revenue_cents > 0 and (influence_rank <= ${PLOTTED_PER_RANKING}
          or revenue_rank <= ${PLOTTED_PER_RANKING})`,
        "influence_rank",
        PLOTTED_PER_RANKING * 2,
      )} as points,
      (select json_agg(c) from (select big, connected, count(*)::int as accounts
        from classified group by big, connected) c) as counts,
      (select min(revenue_cents) from classified where big)::float8 as "bigFrom",
      (select min(score) from classified where connected) as "connectedFrom"`);
  return { ...row, counts: row.counts ?? [] };
}

export type InfluentialMember = {
  id: string;
  displayName: string;
  handle: string;
  accountId: string | null;
  accountName: string | null;
  tier: ValueTier | null;
  score: number;
  rank: number;
  reachMembers: number;
  reachAccounts: number;
};

/** The most influential members, with their account and its tier at the run. */
export async function listInfluentialMembers(
  viewer: Viewer,
  runId: string,
): Promise<InfluentialMember[]> {
  requireInfluenceReader(viewer);
  const rows = await db.execute<InfluentialMember>(sql`
    select u.id, u.display_name as "displayName", u.handle, a.id as "accountId",
      a.name as "accountName", m.account_tier as tier, m.score, m.rank,
      m.reach_members as "reachMembers", m.reach_accounts as "reachAccounts"
    from member_influence m
    join users u on u.id = m.user_id
    left join accounts a on a.id = u.account_id
    where m.run_id = ${runId}
    order by m.rank, u.id
    limit ${INFLUENCE_LIST_SIZE}`);
  return [...rows];
}

export type EngagementEdge = {
  userId: string;
  displayName: string;
  handle: string;
  accountName: string | null;
  weight: number;
  interactions: number;
  kinds: { kind: InteractionKind; interactions: number }[];
};

/**
 * The strongest edges of one member in the latest graph: who engages with them most
 * ("engagedBy"), or whom they engage with most ("engagesWith"), each with its kinds.
 */
export async function listStrongestEdges(
  viewer: Viewer,
  runId: string,
  userId: string,
  direction: "engagedBy" | "engagesWith",
  limit = 10,
): Promise<EngagementEdge[]> {
  requireInfluenceReader(viewer);
  const [mine, theirs] =
    direction === "engagedBy"
      ? [sql.raw("target_id"), sql.raw("source_id")]
      : [sql.raw("source_id"), sql.raw("target_id")];
  const rows = await db.execute<EngagementEdge>(sql`
    select u.id as "userId", u.display_name as "displayName", u.handle,
      a.name as "accountName", e.weight, e.interactions, e.kinds
    from (
      select ${theirs} as other_id, sum(weight) as weight, sum(interactions)::int as interactions,
        json_agg(json_build_object('kind', kind, 'interactions', interactions)
          order by weight desc) as kinds
      from influence_edges
      where run_id = ${runId} and ${mine} = ${userId}
      group by ${theirs}
      order by sum(weight) desc
      limit ${limit}
    ) e
    join users u on u.id = e.other_id
    left join accounts a on a.id = u.account_id
    order by e.weight desc, u.id`);
  return [...rows];
}

/** The member an influence page is about, or null: staff and admins are not in the graph. */
export async function getInfluenceSubject(viewer: Viewer, userId: string) {
  requireInfluenceReader(viewer);
  const [row] = await db.execute<{
    id: string;
    displayName: string;
    handle: string;
    accountId: string | null;
    accountName: string | null;
  }>(sql`
    select u.id, u.display_name as "displayName", u.handle, a.id as "accountId",
      a.name as "accountName"
    from users u left join accounts a on a.id = u.account_id
    where u.id = ${userId} and u.role = 'member'`);
  return row ?? null;
}

/** One member's score, rank and reach in a run, or null when they took part in no interaction. */
export async function getMemberInfluence(viewer: Viewer, runId: string, userId: string) {
  requireInfluenceReader(viewer);
  const [row] = await db.execute<{
    score: number;
    rank: number;
    reachMembers: number;
    reachAccounts: number;
    ranked: number;
    accountTier: ValueTier | null;
  }>(sql`
    select m.score, m.rank, m.reach_members as "reachMembers",
      m.reach_accounts as "reachAccounts", r.members as ranked, m.account_tier as "accountTier"
    from member_influence m join influence_runs r on r.id = m.run_id
    where m.run_id = ${runId} and m.user_id = ${userId}`);
  return row ?? null;
}

/** A member's rank and score at each kept run, oldest first (the last 60 runs). */
export async function getMemberInfluenceHistory(viewer: Viewer, userId: string) {
  requireInfluenceReader(viewer);
  const rows = await db.execute<{ completedAt: string; score: number; rank: number }>(sql`
    select * from (
      select r.completed_at as "completedAt", m.score, m.rank
      from member_influence m join influence_runs r on r.id = m.run_id
      where m.user_id = ${userId} and r.completed_at is not null
      order by r.completed_at desc
      limit 60
    ) h order by "completedAt"`);
  return [...rows];
}

export type ProfileInfluence = {
  runCompletedAt: string;
  rank: number | null;
  ranked: number;
  score: number | null;
  reachMembers: number;
  reachAccounts: number;
};

/**
 * A member's influence for their profile: null for anyone who may not read influence (the
 * profile shows nothing then) and before the first run; rank and score null when the member
 * took part in no interaction.
 */
export async function getProfileInfluence(
  viewer: Viewer,
  userId: string,
): Promise<ProfileInfluence | null> {
  if (!mayReadInfluence(viewer)) return null;
  const [row] = await db.execute<ProfileInfluence>(sql`
    with latest as (
      select id, completed_at, members from influence_runs
      where completed_at is not null order by completed_at desc limit 1
    )
    select l.completed_at as "runCompletedAt", m.rank, l.members as ranked, m.score,
      coalesce(m.reach_members, 0) as "reachMembers",
      coalesce(m.reach_accounts, 0) as "reachAccounts"
    from latest l
    left join member_influence m on m.run_id = l.id and m.user_id = ${userId}`);
  return row ?? null;
}
