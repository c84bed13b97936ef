import { sql } from "drizzle-orm";
import { uuidArray } from "~/utils/uuid-array";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type * as schema from "../schema";
import type { DemoPerson } from "./forums";
import { DAY_MS } from "./timeline";

type Db = Pick<PostgresJsDatabase<typeof schema>, "execute">;

/**
 * What the influence page shows on first start: Sam Porter of SmallCo (one of the smallest
 * accounts) is someone the community listens to: members of many accounts have reacted to his
 * posts over the last two months, more than to anyone else's. A few accounts found him earlier,
 * before the latest value snapshot, and grew faster than the rest since (seedEarlyFollowers). The
 * influence itself is computed after the seed, by the job's own code (demo.ts), with runs of
 * the past so that his rise shows.
 */
export async function seedDemoInfluence(tx: Db, people: DemoPerson[], clock: { now: number }) {
  const sam = people.find((person) => person.handle === "sam");
  if (!sam) throw new Error("the demo's Sam is missing");
  const now = new Date(clock.now).toISOString();
  const since = new Date(clock.now - 60 * DAY_MS).toISOString();
  // Each member active lately (the quiet stay quiet) reacts to each of Sam's visible posts once,
  // on a day of the last two months.
  await tx.execute(sql`
    with active as (
      select author_id as id from posts where created_at > now() - interval '30 days'
      union select user_id from post_reactions where created_at > now() - interval '30 days'
    ), fans as (
      select u.id, u.created_at as joined_at, coalesce(u.last_seen_at, ${now}::timestamptz) as seen_at,
        row_number() over (order by u.handle) as n
      from users u join active a on a.id = u.id
      where u.role = 'member' and u.account_id is distinct from ${sam.accountId}::uuid
    ), windows as (
      -- Between the post, two months ago and the fan's joining, and the fan's last visit.
      select p.id as post_id, p.position, fan.id as fan_id, fan.n,
        greatest(p.created_at, ${since}::timestamptz, fan.joined_at) as opens,
        least(${now}::timestamptz, fan.seen_at) as closes
      from posts p
      join threads t on t.id = p.thread_id and t.moderation is null
      cross join fans fan
      where p.author_id = ${sam.id} and p.deleted_at is null and p.moderation is null
    )
    insert into post_reactions (post_id, user_id, kind, created_at)
    select post_id, fan_id,
      (array['helpful', 'insightful', 'agree']::reaction_kind[])[1 + (n + position) % 3],
      opens + (closes - opens) * (((n * 7 + position) % 50) / 50.0)
    from windows where opens <= closes
    on conflict do nothing`);
}

/** How many accounts engaged with Sam before the latest snapshot. */
const EARLY_ACCOUNTS = 6;

/**
 * People of a few accounts outside the top tiers (the first members of each, by id) reacted to
 * Sam's first post in his first weeks, before the latest quarter's snapshot; those accounts'
 * revenue at the snapshot before that was a fifth lower than now, so the influenced-revenue
 * comparison has a visible change to show (labelled an association, as it is).
 */
export async function seedEarlyFollowers(tx: Db, people: DemoPerson[]) {
  const sam = people.find((person) => person.handle === "sam");
  if (!sam) throw new Error("the demo's Sam is missing");
  await tx.execute(sql`
    with latest as (select max(as_of) as as_of from account_snapshots),
    first_post as (
      select p.id, p.created_at from posts p
      join threads t on t.id = p.thread_id and t.moderation is null
      where p.author_id = ${sam.id} and p.deleted_at is null and p.moderation is null
      order by p.created_at limit 1
    ), early as (
      select distinct on (u.account_id) u.id, u.account_id, u.created_at, a.name
      from users u join account_tiers at on at.account_id = u.account_id and at.tier = 'rest'
      join accounts a on a.id = u.account_id
      where u.role = 'member' and u.account_id is distinct from ${sam.accountId}::uuid
        -- Only those taking part: the quiet account is still outside the top tiers here.
        and u.id = any(${uuidArray(people.map((person) => person.id))}::uuid[])
      order by u.account_id, u.created_at, u.id
    ), chosen as (
      -- By name, not by id: ids are random, and the demo is the same on every run.
      select e.* from early e, first_post fp, latest
      where e.created_at < fp.created_at
        and fp.created_at < latest.as_of::timestamptz - interval '7 days'
      order by e.name limit ${EARLY_ACCOUNTS}
    ), reacted as (
      insert into post_reactions (post_id, user_id, kind, created_at)
      select fp.id, c.id, 'insightful',
        least(fp.created_at + interval '5 days', latest.as_of::timestamptz - interval '2 days')
      from chosen c, first_post fp, latest
      on conflict do nothing
      returning user_id
    )
    update account_snapshots sn
    set revenue_cents = round(a.revenue_cents * 0.8)::bigint
    from chosen c, accounts a, latest
    where a.id = c.account_id and sn.account_id = c.account_id
      and sn.as_of = (select max(as_of) from account_snapshots
        where as_of < latest.as_of)`);
  await tx.execute(sql`select refresh_account_standings('-infinity'::date)`);
}
