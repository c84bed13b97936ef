import { sql } from "drizzle-orm";
import type { InteractionKind, ValueTier } from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { uuidArray } from "~/utils/uuid-array";
import { requireInfluenceReader } from "./influence-read.server";

/**
 * The people behind influence, for staff: whom the top 1% learn from, who is rising, who is
 * already influential outside the top tiers, and what kind of power each one holds. All read the
 * latest completed run (its graph and scores) and never a run in progress.
 */

/** How many people each list shows. */
export const PEOPLE_LIST_SIZE = 15;
/** Rising members are looked for among the members ranked this high now. */
export const RISING_AMONG_TOP = 1_000;
/** Rising: ranks compared with the run at least this many days older. */
export const RISING_DAYS = 90;
/** "Already influential": in the top this share of ranked members. */
export const TOP_MEMBER_SHARE = 0.1;

type KindCount = { kind: InteractionKind; interactions: number };
type PersonRef = { id: string; displayName: string; handle: string };

export type RoleModel = PersonRef & {
  accountName: string | null;
  tier: ValueTier | null;
  rank: number | null;
  /** Top-1% people (of other accounts) who engage with them, and how much. */
  followers: number;
  interactions: number;
  weight: number;
  kinds: KindCount[];
  /** The top-1% people who engage with them most. */
  engagedBy: PersonRef[];
};

/**
 * Whom the people of top-1% accounts engage with and learn from most, outside their own account:
 * their role models inside the community, wherever those sit, as the run found them, with the
 * kinds of that engagement and the top-1% people behind it. One query.
 */
export async function listTopTierRoleModels(viewer: Viewer, runId: string): Promise<RoleModel[]> {
  requireInfluenceReader(viewer);
  const rows = await db.execute<RoleModel>(sql`
    select u.id, u.display_name as "displayName", u.handle, a.name as "accountName",
      mi.account_tier as tier, mi.rank, rm.followers, rm.interactions, rm.weight, rm.kinds,
      coalesce((select json_agg(json_build_object('id', s.id, 'displayName', s.display_name,
          'handle', s.handle) order by array_position(rm.engaged_by, s.id))
        from users s where s.id = any(rm.engaged_by)), '[]'::json) as "engagedBy"
    from influence_role_models rm
    join users u on u.id = rm.user_id
    left join accounts a on a.id = u.account_id
    left join member_influence mi on mi.run_id = rm.run_id and mi.user_id = rm.user_id
    where rm.run_id = ${runId}
    order by rm.position
    limit ${PEOPLE_LIST_SIZE}`);
  return [...rows];
}

export type RisingMember = PersonRef & {
  accountName: string | null;
  tier: ValueTier | null;
  rankNow: number;
  /** Null when they were not in the earlier run's graph at all. */
  rankThen: number | null;
  gained: number;
  /** Members who first engaged with them since the earlier run, and how. */
  newEngagers: number;
  newKinds: KindCount[];
};

export type RisingMembers = {
  /** The earlier run compared with, or null when there is none yet. */
  since: string | null;
  members: RisingMember[];
};

/**
 * Members whose rank rose most since the run of about `RISING_DAYS` days earlier (the oldest kept
 * run when the history is shorter), among those ranked in the top `RISING_AMONG_TOP` now; with
 * what drove it: the members who first engaged with them since, and how. One query.
 */
export async function listRisingMembers(viewer: Viewer, runId: string): Promise<RisingMembers> {
  requireInfluenceReader(viewer);
  const [earlier] = await db.execute<{ id: string; completed_at: string; now_members: number }>(sql`
    with latest as (select completed_at, members from influence_runs where id = ${runId})
    select id, completed_at, (select members from latest) as now_members from (
      (select r.id, r.completed_at, r.members, 0 as preference from influence_runs r, latest l
        where r.completed_at <= l.completed_at - make_interval(days => ${RISING_DAYS})
        order by r.completed_at desc limit 1)
      union all
      (select r.id, r.completed_at, r.members, 1 from influence_runs r, latest l
        where r.completed_at < l.completed_at order by r.completed_at limit 1)
    ) candidates order by preference limit 1`);
  if (!earlier) return { since: null, members: [] };
  const rows = await db.execute<RisingMember>(sql`
    -- Someone new to the graph rose from below everyone ranked now.
    with now_and_then as (
      select m.user_id, m.account_tier as tier, m.rank as rank_now,
        -- Looked up one by one: joined, the earlier run's 200,000 rows were read whole.
        (select b.rank from member_influence b
          where b.run_id = ${earlier.id} and b.user_id = m.user_id) as rank_then
      from member_influence m
      where m.run_id = ${runId} and m.rank <= ${RISING_AMONG_TOP}
    ), moves as (
      select *, coalesce(rank_then, ${earlier.now_members + 1}) - rank_now as gained
      from now_and_then
      where coalesce(rank_then, ${earlier.now_members + 1}) > rank_now
      order by gained desc, rank_now limit ${PEOPLE_LIST_SIZE}
    ), fresh as (
      select e.target_id, e.source_id, e.kind, e.interactions, e.weight
      from moves mv
      join influence_edges e on e.run_id = ${runId} and e.target_id = mv.user_id
      where e.first_at > ${earlier.completed_at}::timestamptz
    )
    select u.id, u.display_name as "displayName", u.handle, a.name as "accountName",
      mv.tier, mv.rank_now as "rankNow", mv.rank_then as "rankThen", mv.gained,
      (select count(distinct source_id)::int from fresh where target_id = mv.user_id)
        as "newEngagers",
      coalesce((select json_agg(json_build_object('kind', k.kind, 'interactions', k.interactions)
          order by k.weight desc)
        from (select kind, sum(interactions)::int as interactions, sum(weight) as weight
          from fresh where target_id = mv.user_id group by kind) k), '[]'::json) as "newKinds"
    from moves mv
    join users u on u.id = mv.user_id
    left join accounts a on a.id = u.account_id
    order by mv.gained desc, mv.rank_now`);
  return { since: earlier.completed_at, members: [...rows] };
}

export type OutsideTopMember = PersonRef & {
  accountName: string | null;
  rank: number;
  score: number;
  reachMembers: number;
  reachAccounts: number;
};

/**
 * Members of accounts outside the top tiers (at the run) whose influence is already in the top
 * `TOP_MEMBER_SHARE` of ranked members: the best customers of tomorrow, or the advocates of
 * today. The highest ranked first, with how many there are in all. One query.
 */
export async function listInfluentialOutsideTopTiers(viewer: Viewer, runId: string) {
  requireInfluenceReader(viewer);
  // The total is counted on its own: counted beside the list, every row was joined first.
  const rows = await db.execute<OutsideTopMember & { total: number; cutoff: number }>(sql`
    with cutoff as (
      select ceil(members * ${TOP_MEMBER_SHARE}::float8)::int as last_rank
      from influence_runs where id = ${runId}
    ), outside as (
      select m.user_id, m.rank, m.score, m.reach_members, m.reach_accounts
      from cutoff c
      join member_influence m on m.run_id = ${runId} and m.rank <= c.last_rank
      where m.account_tier = 'rest'
    )
    select u.id, u.display_name as "displayName", u.handle, a.name as "accountName", o.rank,
      o.score, o.reach_members as "reachMembers", o.reach_accounts as "reachAccounts",
      (select count(*)::int from outside) as total, (select last_rank from cutoff) as cutoff
    from (select * from outside order by rank, user_id limit ${PEOPLE_LIST_SIZE}) o
    join users u on u.id = o.user_id
    join accounts a on a.id = u.account_id
    order by o.rank, u.id`);
  return {
    total: rows[0]?.total ?? 0,
    cutoffRank: rows[0]?.cutoff ?? null,
    members: rows.map(({ total: _total, cutoff: _cutoff, ...member }) => member),
  };
}

export type PowerSplit = {
  userId: string;
  /** Engagement of any kind others give them: the graph their influence is computed on. */
  referent: number;
  /** Others confirming learnings that cite them, and reacting to or answering their insights
   * and their corrections of learnings. */
  informational: number;
  /** Others marking their replies helpful, or answering or quoting their replies. */
  expert: number;
};

/**
 * The three kinds of power of each member in `userIds` (at most a page of them), as the run
 * counted them (influence-run-people.server.ts). One query.
 */
export async function getPowerSplits(
  viewer: Viewer,
  runId: string,
  userIds: string[],
): Promise<Map<string, PowerSplit>> {
  requireInfluenceReader(viewer);
  const splits = new Map<string, PowerSplit>();
  if (userIds.length === 0) return splits;
  const rows = await db.execute<PowerSplit>(sql`
    select user_id as "userId", referent, informational, expert
    from member_influence
    where run_id = ${runId} and user_id = any(${uuidArray(userIds)}::uuid[])`);
  for (const row of rows) splits.set(row.userId, row);
  return splits;
}
