import { type SQL, sql } from "drizzle-orm";
import {
  accountStandings,
  ideaVotes,
  lapsedEntries,
  lapsedEntryEvents,
  postReactions,
  posts,
  proposalComments,
  proposalEndorsements,
  users,
} from "#db/schema";
import { db, type Database } from "~/db.server";

/**
 * Finds who lapsed, in SQL over the whole community at once (no statement per account), and
 * keeps `lapsed_entries` in step: one entry per subject and signal, refreshed while the signal
 * holds, set inactive once it passes (kept, with its history), and reopened when a handled
 * signal comes back (a new episode that began after it was handled).
 */

/** "Active three months ago": some activity in this window, in days before now… */
export const QUIET_WINDOW_FROM_DAYS = 90;
export const QUIET_WINDOW_TO_DAYS = 60;
/** …and none at all in the last this many days. */
export const QUIET_SILENCE_DAYS = 30;

type Executor = Pick<Database, "execute">;

export type LapsedDetection = { seen: number; opened: number; reopened: number; passed: number };

const NO_USER = sql.raw(`'00000000-0000-0000-0000-000000000000'::uuid`);

/**
 * Every signal seen now, as (account_id, user_id, signal, signal_since, details). Activity is read
 * only from the last 90 days, through the tables' created_at indexes, so the work is bounded by
 * recent activity, not by the size of the community.
 */
function seenSignals() {
  const from = sql`now() - make_interval(days => ${QUIET_WINDOW_FROM_DAYS})`;
  const to = sql`now() - make_interval(days => ${QUIET_WINDOW_TO_DAYS})`;
  const silence = sql`now() - make_interval(days => ${QUIET_SILENCE_DAYS})`;
  return sql`
    latest as (select max(${accountStandings.asOf}) as as_of from ${accountStandings}),
    fallen as (
      select s.account_id, s.revenue_cents, s.as_of from ${accountStandings} s, latest
      where s.as_of = latest.as_of and s.tier = 'rest'
    ),
    last_top as (
      select distinct on (p.account_id) p.account_id, p.as_of, p.tier, p.revenue_cents
      from ${accountStandings} p join fallen f on f.account_id = p.account_id
      where p.tier in ('top1', 'top10') and p.as_of < f.as_of
      order by p.account_id, p.as_of desc
    ),
    left_top as (
      select lt.account_id, null::uuid as user_id, 'left_top_tier'::lapsed_signal as signal,
        (select min(s.as_of) from ${accountStandings} s
          where s.account_id = lt.account_id and s.as_of > lt.as_of)::timestamp at time zone 'UTC'
          as signal_since,
        jsonb_build_object('lastTopTier', lt.tier, 'lastTopAsOf', lt.as_of,
          'revenueThenCents', lt.revenue_cents, 'revenueNowCents', f.revenue_cents,
          'latestAsOf', f.as_of) as details
      from last_top lt join fallen f on f.account_id = lt.account_id
    ),
    activity as (
      select ${posts.authorId} as user_id, ${posts.createdAt} as at,
        case when ${posts.position} = 1 then 'posts' else 'replies' end as kind
      from ${posts}
      where ${posts.createdAt} >= ${from} and ${posts.authorId} is not null
        and ${posts.deletedAt} is null
      union all
      -- A proxy vote is staff's record of a conversation, not the member being active here.
      select ${ideaVotes.userId}, ${ideaVotes.createdAt}, 'votes' from ${ideaVotes}
      where ${ideaVotes.createdAt} >= ${from} and ${ideaVotes.addedById} is null
      union all
      select ${postReactions.userId}, ${postReactions.createdAt}, 'reactions' from ${postReactions}
      where ${postReactions.createdAt} >= ${from}
      union all
      select ${proposalEndorsements.userId}, ${proposalEndorsements.updatedAt}, 'endorsements'
      from ${proposalEndorsements} where ${proposalEndorsements.updatedAt} >= ${from}
      union all
      select ${proposalComments.authorId}, ${proposalComments.createdAt}, 'replies'
      from ${proposalComments}
      where ${proposalComments.createdAt} >= ${from} and ${proposalComments.authorId} is not null
    ),
    per_member as (
      select u.id as user_id, u.account_id,
        count(*) filter (where a.at < ${to} and a.kind = 'posts')::int as posts,
        count(*) filter (where a.at < ${to} and a.kind = 'replies')::int as replies,
        count(*) filter (where a.at < ${to} and a.kind = 'votes')::int as votes,
        count(*) filter (where a.at < ${to} and a.kind = 'reactions')::int as reactions,
        count(*) filter (where a.at < ${to} and a.kind = 'endorsements')::int as endorsements,
        count(*) filter (where a.at < ${to})::int as then_count,
        count(*) filter (where a.at >= ${silence})::int as recent_count,
        max(a.at) as last_at
      from activity a join ${users} u on u.id = a.user_id
      -- Only customers' people count, and a suspended member is silent by our doing, not theirs.
      where u.role = 'member' and u.status = 'active' and u.account_id is not null
      group by u.id, u.account_id
    ),
    member_quiet as (
      select account_id, user_id, 'went_quiet'::lapsed_signal as signal, last_at as signal_since,
        jsonb_build_object('posts', posts, 'replies', replies, 'votes', votes,
          'reactions', reactions, 'endorsements', endorsements, 'lastActiveAt', last_at) as details
      from per_member where then_count > 0 and recent_count = 0
    ),
    account_quiet as (
      select account_id, null::uuid as user_id, 'went_quiet'::lapsed_signal as signal,
        max(last_at) as signal_since,
        jsonb_build_object('posts', sum(posts), 'replies', sum(replies), 'votes', sum(votes),
          'reactions', sum(reactions), 'endorsements', sum(endorsements),
          'activeMembers', count(*) filter (where then_count > 0),
          'lastActiveAt', max(last_at)) as details
      from per_member group by account_id
      having sum(then_count) > 0 and sum(recent_count) = 0
    ),
    seen as (
      select * from left_top where signal_since is not null
      union all select * from member_quiet
      union all select * from account_quiet
    )`;
}

/**
 * Whether a handled entry's signal began again: a new episode (it starts later than the one
 * handled) that began after it was handled. A fall out of the top tiers starts at a snapshot's
 * "as of" date, which an import brings in after the fact (June's values imported in July), so
 * for it a later episode is enough: the account climbed back and fell again.
 */
function signalReturned(entry: SQL, seen: SQL) {
  return sql`(${seen}.signal_since > ${entry}.signal_since
    and (${entry}.signal = 'left_top_tier' or ${seen}.signal_since > ${entry}.handled_at))`;
}

/**
 * Runs detection once, in the caller's transaction if given (the demo seed), else its own. One
 * statement does it all, so what it reads and what it writes agree:
 * new signals become entries, seen ones are refreshed, handled ones whose signal began again
 * after they were handled reopen (with a `reopened` event), and entries no longer seen go
 * inactive. Entries handled while their signal stays the same stay handled.
 */
export async function detectLapsedEntries(executor?: Executor): Promise<LapsedDetection> {
  if (!executor) return db.transaction((tx) => detectLapsedEntries(tx));
  // One run at a time (a daily run and one after an import may overlap): the statement below
  // then reads what the other one wrote.
  await executor.execute(sql`select pg_advisory_xact_lock(hashtext('vanguard:detect-lapsed'))`);
  const key = sql`coalesce(e.user_id, ${NO_USER})`;
  const [row] = await executor.execute<LapsedDetection>(sql`
    with ${seenSignals()},
    reopening as (
      select e.id, s.signal_since from ${lapsedEntries} e
      join seen s on s.account_id = e.account_id and s.signal = e.signal
        and coalesce(s.user_id, ${NO_USER}) = ${key}
      where e.handled_at is not null and ${signalReturned(sql`e`, sql`s`)}
    ),
    upserted as (
      insert into ${lapsedEntries} as l (account_id, user_id, signal, signal_since, details)
      select account_id, user_id, signal, signal_since, details from seen
      on conflict (account_id, coalesce(user_id, ${NO_USER}), signal) do update set
        signal_since = excluded.signal_since, details = excluded.details, active = true,
        detected_at = now(),
        handled_at = case when ${signalReturned(sql`l`, sql`excluded`)} then null
          else l.handled_at end,
        handled_by_id = case when ${signalReturned(sql`l`, sql`excluded`)} then null
          else l.handled_by_id end
      -- An entry seen as it was is left alone: a daily run rewrites only what changed.
      where (l.signal_since, l.details, l.active)
        is distinct from (excluded.signal_since, excluded.details, true)
      returning l.id, (xmax = 0) as inserted
    ),
    reopened as (
      insert into ${lapsedEntryEvents} (entry_id, action, details)
      select id, 'reopened', jsonb_build_object('by', 'detection', 'signalSince', signal_since)
      from reopening
      returning entry_id
    ),
    passed as (
      update ${lapsedEntries} e set active = false, detected_at = now()
      where e.active and not exists (
        select 1 from seen s where s.account_id = e.account_id and s.signal = e.signal
          and coalesce(s.user_id, ${NO_USER}) = ${key})
      returning e.id
    )
    select (select count(*) from seen)::int as seen,
      (select count(*) from upserted where inserted)::int as opened,
      (select count(*) from reopened)::int as reopened,
      (select count(*) from passed)::int as passed`);
  return row;
}
