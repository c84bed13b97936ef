import type postgres from "postgres";
import { NEXT_EDGES, RUN_MEMBERS } from "./influence-graph.server";

/**
 * What an influence run keeps about people beyond their score (influence.server.ts calls these
 * inside the run, over its graph): each member's power three ways, and the role models of the
 * top 1%. Pages read them (influence-people.server.ts) instead of counting millions of rows.
 */

/** How many role models of the top 1% a run keeps, the strongest first. */
export const ROLE_MODELS_KEPT = 50;

/**
 * Each ranked member's power, as counts of what other members did:
 * - referent: every interaction with them in the graph;
 * - informational: confirmations of learnings that cite them (graph edges), and other members'
 *   reactions and answers to their insights (the opening post) and their corrections of learnings;
 * - expert: other members marking their replies helpful, or answering or quoting them (a reply
 *   that names the post).
 * A reply that names no post answers the thread's opening post. Hidden and deleted posts count
 * for nothing, either way; only what happened by `asOf` counts.
 */
export async function writeMemberPowers(sql: postgres.TransactionSql, runId: string, asOf: string) {
  await sql`
    with their_posts as (
      select p.id, p.thread_id, p.author_id, p.position, t.kind = 'insight' as insight,
        lc.post_id is not null as correction
      from posts p
      join ${sql.unsafe(RUN_MEMBERS)} m on m.id = p.author_id
      join threads t on t.id = p.thread_id and t.moderation is null
      left join learning_corrections lc on lc.post_id = p.id
      where p.deleted_at is null and p.moderation is null and p.created_at <= ${asOf}::timestamptz
    ), engagement as (
      select tp.author_id, tp.position, tp.insight, tp.correction, r.kind = 'helpful' as helpful
      from their_posts tp
      join post_reactions r on r.post_id = tp.id
      join ${sql.unsafe(RUN_MEMBERS)} rm on rm.id = r.user_id
      where r.user_id <> tp.author_id and r.created_at <= ${asOf}::timestamptz
      union all
      select tp.author_id, tp.position, tp.insight, tp.correction, true
      from their_posts tp
      join posts q on q.reply_to_post_id = tp.id and q.deleted_at is null and q.moderation is null
      join ${sql.unsafe(RUN_MEMBERS)} qm on qm.id = q.author_id
      where q.author_id <> tp.author_id and q.created_at <= ${asOf}::timestamptz
      union all
      select tp.author_id, tp.position, tp.insight, tp.correction, true
      from their_posts tp
      join posts q on q.thread_id = tp.thread_id and q.position > 1
        and q.reply_to_post_id is null and q.deleted_at is null and q.moderation is null
      join ${sql.unsafe(RUN_MEMBERS)} qm on qm.id = q.author_id
      where tp.position = 1 and q.author_id <> tp.author_id
        and q.created_at <= ${asOf}::timestamptz
    ), from_posts as (
      select author_id as user_id,
        count(*) filter (where (insight and position = 1) or correction)::int as informational,
        count(*) filter (where position > 1 and not correction and helpful)::int as expert
      from engagement group by author_id
    ), from_graph as (
      select target_id as user_id, sum(interactions)::int as referent,
        coalesce(sum(interactions) filter (where kind = 'learning_confirmation'), 0)::int
          as confirmations
      from ${sql.unsafe(NEXT_EDGES)} group by target_id
    )
    update member_influence m set
      referent = g.referent,
      informational = g.confirmations + coalesce(p.informational, 0),
      expert = coalesce(p.expert, 0)
    from from_graph g left join from_posts p on p.user_id = g.user_id
    where m.run_id = ${runId} and m.user_id = g.user_id`;
}

/**
 * Whom the people of top-1% accounts (their tier at the run) engage with most outside their own
 * account, by the decayed weight of that engagement: its kinds, and the three top-1% people who
 * engage most.
 */
export async function writeRoleModels(sql: postgres.TransactionSql, runId: string) {
  await sql`
    with engaged as (
      select e.target_id, e.source_id, e.kind, e.weight, e.interactions
      from ${sql.unsafe(RUN_MEMBERS)} s
      join ${sql.unsafe(NEXT_EDGES)} e on e.source_id = s.id
      join ${sql.unsafe(RUN_MEMBERS)} t on t.id = e.target_id
      where s.tier = 'top1' and t.account_id is distinct from s.account_id
    ), models as (
      select target_id, sum(weight) as weight, sum(interactions)::int as interactions,
        count(distinct source_id)::int as followers,
        row_number() over (order by sum(weight) desc, target_id)::int as position
      from engaged group by target_id
      order by sum(weight) desc, target_id limit ${ROLE_MODELS_KEPT}
    )
    insert into influence_role_models (run_id, user_id, position, followers, interactions,
      weight, kinds, engaged_by)
    select ${runId}, m.target_id, m.position, m.followers, m.interactions, m.weight,
      (select jsonb_agg(jsonb_build_object('kind', k.kind, 'interactions', k.interactions)
          order by k.weight desc, k.kind)
        from (select kind, sum(interactions)::int as interactions, sum(weight) as weight
          from engaged where target_id = m.target_id group by kind) k),
      array(select source_id from engaged where target_id = m.target_id
        group by source_id order by sum(weight) desc, source_id limit 3)
    from models m`;
}
