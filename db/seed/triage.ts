import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type * as schema from "../schema";
import type { DemoPerson } from "./forums";
import { DAY_MS, HOUR_MS } from "./timeline";

type Db = Pick<PostgresJsDatabase<typeof schema>, "execute">;

/**
 * The triage inbox as a team that keeps up with it leaves it: what came in over a week ago is
 * reviewed (by whoever was on triage), some newer entries have an owner, and two replies were
 * flagged "worth a look". Everything else is new.
 */
export async function seedDemoTriage(tx: Db, people: DemoPerson[], clock: { now: number }) {
  const staff = (handle: string) => {
    const person = people.find((p) => p.handle === handle);
    if (!person) throw new Error(`no demo staff member ${handle}`);
    return person.id;
  };
  const [maya, jonas, priya] = [staff("maya"), staff("jonas"), staff("priya")];
  const weekAgo = new Date(clock.now - 7 * DAY_MS).toISOString();

  // Older ideas, insights and opened proposals: reviewed a day or so after they came in.
  await tx.execute(sql`
    with arrived as (
      select t.id, t.created_at as at from threads t where t.kind in ('idea', 'insight')
      union all
      select p.thread_id, coalesce(
        (select min(sc.created_at) from proposal_stage_changes sc
          where sc.thread_id = p.thread_id and sc.to_stage = 'open'), p.stage_changed_at)
      from proposals p where p.stage <> 'draft'
    ),
    older as (
      select id, at, row_number() over (order by at) as n from arrived
      where at < ${weekAgo}::timestamptz
    )
    insert into triage_states (entry_key, thread_id, owner_id, reviewed_at, reviewed_by_id, updated_at)
    select 'thread:' || id, id, case when n % 3 = 0 then ${jonas}::uuid end,
      at + interval '30 hours',
      (array[${maya}::uuid, ${jonas}::uuid, ${priya}::uuid])[1 + (n % 3)::int],
      at + interval '30 hours'
    from older`);

  // Newer ones: a few already have an owner, none reviewed yet.
  await tx.execute(sql`
    insert into triage_states (entry_key, thread_id, owner_id, updated_at)
    select 'thread:' || t.id, t.id, ${priya}::uuid, t.created_at + interval '2 hours'
    from threads t
    where t.kind in ('idea', 'insight') and t.created_at >= ${weekAgo}::timestamptz
    order by t.created_at
    limit 2`);

  // Two replies flagged for the team: the newest replies by members of top-tier accounts.
  await tx.execute(sql`
    insert into worth_a_look_flags (post_id, thread_id, flagged_by_id, note, created_at)
    select p.id, p.thread_id, ${maya}::uuid, flag.note,
      least(p.created_at + interval '3 hours', ${new Date(clock.now - HOUR_MS).toISOString()}::timestamptz)
    from (
      select p.id, p.thread_id, p.created_at, row_number() over (order by p.created_at desc) as n
      from posts p
        join users u on u.id = p.author_id
        join account_tiers at on at.account_id = u.account_id and at.tier = 'top1'
        join threads t on t.id = p.thread_id and t.kind in ('discussion', 'insight')
      where p.position > 1 and p.deleted_at is null
    ) p
    join (values
      (1, 'Renewal conversation in two months: the workaround they describe is costly.'),
      (2, 'Second account this month asking for this; worth linking to the backlog.')
    ) as flag(n, note) on flag.n = p.n`);
}
