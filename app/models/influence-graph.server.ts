import type postgres from "postgres";
import type { InfluenceParameters } from "#db/schema";

/**
 * The interaction graph: who engaged with whose content, from what the community records.
 *
 * Each interaction is a row (source, target, kind, at): A replied to B (to B's post when the reply
 * names one, else to the thread's opening post), reacted to B's post, voted for B's idea (a vote
 * staff recorded on a member's behalf is not an interaction in the community, so it is left out),
 * endorsed or commented on B's proposal (B its author or an accepted co-author), mentioned B,
 * co-authored a proposal with B (both ways), or confirmed or corrected a learning that cites B's
 * thread or post. Staff, moderators and admins are not nodes: what the company does is not
 * influence among customers. A post or thread that is held, hidden, removed or deleted makes no
 * interaction, whether it is the engaging one or the one engaged with.
 *
 * Edges add the interactions of each (source, target, kind): weight = Σ kind weight × ½^(age in
 * days ÷ half-life), so an interaction loses half its weight every `halfLifeDays`.
 */

export const INFLUENCE_PARAMETERS: InfluenceParameters = {
  damping: 0.85,
  halfLifeDays: 180,
  reachDays: 90,
  weights: {
    coauthor: 5,
    endorsement: 4,
    reply: 3,
    proposal_comment: 3,
    learning_correction: 3,
    vote: 2,
    mention: 2,
    learning_confirmation: 2,
    reaction: 1,
  },
};

// Visible content: not held, hidden or removed (moderation is null) and not deleted.
const INTERACTIONS = `
  with proposal_authors as (
    select t.id as thread_id, t.author_id as user_id
    from threads t where t.kind = 'proposal' and t.moderation is null
    union
    select c.thread_id, c.user_id
    from proposal_coauthors c join threads t on t.id = c.thread_id
    where c.status = 'accepted' and t.moderation is null
  ), cited as (
    select ls.learning_id, coalesce(sp.author_id, st.author_id) as user_id
    from learning_sources ls
    join threads st on st.id = ls.thread_id and st.moderation is null
    left join posts sp on sp.id = ls.post_id
    where ls.post_id is null or (sp.deleted_at is null and sp.moderation is null)
  )
  select p.author_id as source_id, coalesce(q.author_id, t.author_id) as target_id,
    'reply' as kind, p.created_at as at
  from posts p
  join threads t on t.id = p.thread_id and t.moderation is null
  left join posts q on q.id = p.reply_to_post_id
  where p.position > 1 and p.deleted_at is null and p.moderation is null
    and (q.id is null or (q.deleted_at is null and q.moderation is null))
  union all
  select r.user_id, p.author_id, 'reaction', r.created_at
  from post_reactions r
  join posts p on p.id = r.post_id and p.deleted_at is null and p.moderation is null
  join threads t on t.id = p.thread_id and t.moderation is null
  union all
  select v.user_id, t.author_id, 'vote', v.created_at
  from idea_votes v join threads t on t.id = v.idea_id and t.moderation is null
  where v.added_by_id is null
  union all
  select e.user_id, a.user_id, 'endorsement', e.created_at
  from proposal_endorsements e join proposal_authors a on a.thread_id = e.thread_id
  union all
  select c.author_id, a.user_id, 'proposal_comment', c.created_at
  from proposal_comments c join proposal_authors a on a.thread_id = c.thread_id
  union all
  select a.user_id, b.user_id, 'coauthor', t.created_at
  from proposal_authors a
  join proposal_authors b on b.thread_id = a.thread_id and b.user_id <> a.user_id
  join threads t on t.id = a.thread_id
  union all
  select p.author_id, m.user_id::uuid, 'mention', p.created_at
  from posts p
  join threads t on t.id = p.thread_id and t.moderation is null
  cross join lateral (
    select distinct id #>> '{}' as user_id
    from jsonb_path_query(p.body, 'lax $.** ? (@.type == "mention").attrs.id') as id
  ) m
  where strpos(p.body_html, 'class="mention"') > 0 and p.deleted_at is null
    and p.moderation is null
    and m.user_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  union all
  select lc.user_id, c.user_id, 'learning_confirmation', lc.created_at
  from learning_confirmations lc
  join threads l on l.id = lc.learning_id and l.moderation is null
  join cited c on c.learning_id = lc.learning_id
  union all
  select cp.author_id, c.user_id, 'learning_correction', lcr.created_at
  from learning_corrections lcr
  join posts cp on cp.id = lcr.post_id and cp.deleted_at is null and cp.moderation is null
  join threads l on l.id = lcr.learning_id and l.moderation is null
  join cited c on c.learning_id = lcr.learning_id`;

/** Where a run writes its graph, swapped in for `influence_edges` when the run completes. */
export const NEXT_EDGES = "influence_edges_next";
/** The run's nodes: every member, numbered in id order, with their account and its tier. */
export const RUN_MEMBERS = "influence_members";

/**
 * Numbers every member for the run (a temporary table, dropped at commit), with their account and
 * its tier read once: the graph is joined to it rather than to users and the tiers view.
 */
export async function numberRunMembers(sql: postgres.TransactionSql) {
  await sql.unsafe(`create temp table ${RUN_MEMBERS} on commit drop as
    select u.id, (row_number() over (order by u.id) - 1)::int as n, u.account_id, t.tier
    from users u left join account_tiers t on t.account_id = u.account_id
    where u.role = 'member'`);
  await sql.unsafe(`create unique index on ${RUN_MEMBERS} (id)`);
  await sql.unsafe(`analyze ${RUN_MEMBERS}`);
}

/**
 * Writes the run's edges into a table of their own: every interaction between two members,
 * added up by (source, target, kind) with its decayed weight. The table is loaded first and
 * indexed after (millions of random keys inserted into live indexes took minutes), and only
 * becomes `influence_edges` in `swapInfluenceEdges`. Only what happened by `asOf` counts, and
 * ages are counted from then. Returns how many interactions and edges there
 * were.
 */
export async function writeInfluenceEdges(
  sql: postgres.TransactionSql,
  runId: string,
  parameters: InfluenceParameters,
  asOf: string,
): Promise<{ interactions: number; edges: number }> {
  await sql.unsafe(
    `create unlogged table ${NEXT_EDGES} (like influence_edges including defaults including constraints)`,
  );
  const [written] = await sql.unsafe<{ interactions: number; edges: number }[]>(
    `with inserted as (
      insert into ${NEXT_EDGES} (run_id, source_id, target_id, kind, interactions, weight, first_at,
        last_at)
      select $1, i.source_id, i.target_id, i.kind, count(*)::int,
        -- In float8 throughout: extract() gives numeric, and numeric powers of 5 million rows
        -- took minutes.
        sum(($2::jsonb ->> i.kind)::float8 * power(0.5::float8,
          extract(epoch from greatest($4::timestamptz - i.at, interval '0'))::float8 / 86400
            / $3::float8)),
        min(i.at), max(i.at)
      from (${INTERACTIONS}) i
      join ${RUN_MEMBERS} s on s.id = i.source_id
      join ${RUN_MEMBERS} t on t.id = i.target_id
      where i.source_id <> i.target_id and i.at <= $4::timestamptz
      group by i.source_id, i.target_id, i.kind
      returning interactions
    )
    select coalesce(sum(interactions), 0)::int as interactions, count(*)::int as edges
    from inserted`,
    [runId, JSON.stringify(parameters.weights), parameters.halfLifeDays, asOf],
  );
  await sql.unsafe(
    `alter table ${NEXT_EDGES} add constraint ${NEXT_EDGES}_pk
      primary key (run_id, target_id, source_id, kind)`,
  );
  await sql.unsafe(`create index ${NEXT_EDGES}_source on ${NEXT_EDGES} (run_id, source_id)`);
  await sql.unsafe(`analyze ${NEXT_EDGES}`);
  return written;
}

/** How long the swap waits for pages reading the last graph, each try. */
const SWAP_LOCK_TIMEOUT = "2s";
const SWAP_TRIES = 30;

/**
 * Makes the run's graph the one pages read, in place of the last: the last moment of the run's
 * transaction, so pages wait for its lock only while it commits. Dropping the last graph waits for
 * the pages reading it; while it waits, new readers queue behind it, so it waits a short while at
 * a time and steps aside between tries rather than hold them up.
 */
export async function swapInfluenceEdges(sql: postgres.TransactionSql) {
  for (let attempt = 1; ; attempt++) {
    try {
      await sql.savepoint(async (step) => {
        await step.unsafe(`set local lock_timeout = '${SWAP_LOCK_TIMEOUT}'`);
        await step.unsafe(`lock table influence_edges in access exclusive mode`);
      });
      break;
    } catch (error) {
      const lockTimedOut = (error as { code?: string }).code === "55P03";
      if (!lockTimedOut || attempt >= SWAP_TRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  await sql`set local lock_timeout = 0`;
  await sql.unsafe(`drop table influence_edges`);
  await sql.unsafe(`alter table ${NEXT_EDGES} rename to influence_edges`);
  await sql.unsafe(
    `alter index ${NEXT_EDGES}_pk rename to influence_edges_run_id_target_id_source_id_kind_pk`,
  );
  await sql.unsafe(`alter index ${NEXT_EDGES}_source rename to influence_edges_source_idx`);
}
