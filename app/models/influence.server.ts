import { performance } from "node:perf_hooks";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { InfluenceParameters } from "#db/schema";
import { sqlClient } from "~/db.server";
import { pageRank, rankByScore, type WeightedGraph } from "~/utils/pagerank";
import { refreshAllDemand } from "./backlog-demand.server";
import {
  INFLUENCE_PARAMETERS,
  NEXT_EDGES,
  numberRunMembers,
  RUN_MEMBERS,
  swapInfluenceEdges,
  writeInfluenceEdges,
} from "./influence-graph.server";
import { INFLUENCE_FIGURES_KEY } from "./influence-read.server";
import { writeMemberPowers, writeRoleModels } from "./influence-run-people.server";

/**
 * The influence job (daily, see jobs.server.ts): builds the interaction graph, scores every
 * member in it with weighted PageRank, sums the scores per account, and keeps the run as
 * history. One run at a time across processes; pages read the latest completed run, so they never
 * wait for it, and the rounds of PageRank let the process serve requests in between.
 */

/** Every run of the last 120 days is kept; before that, the first run of each month. */
const DAILY_HISTORY_DAYS = 120;
/** Edges are read from the database this many at a time. */
const EDGE_BATCH = 20_000;
/** Scores are written this many rows a statement. */
const SCORE_BATCH = 20_000;

export type InfluenceRunSummary = {
  runId: string;
  interactions: number;
  edges: number;
  members: number;
  iterations: number;
  durationMs: number;
  /** How long each step took, for the benchmark. */
  stepsMs: Record<
    "edges" | "graph" | "pageRank" | "members" | "accounts" | "people" | "cleanup",
    number
  >;
};

const dialect = new PgDialect();

/** Runs drizzle's SQL on this postgres.js client (for the shared demand statement). */
const statementsIn = (sql: postgres.Sql) => ({
  execute: (query: SQL) => {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
  },
});

const letOthersRun = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Computes a new run, or returns null when another process is computing one now. `client` is the
 * app's database unless given (the demo seed passes its own). `asOf` computes the run as it would
 * have been at an earlier moment, from what had happened by then (the demo's history).
 */
export async function computeInfluence(
  options: { parameters?: InfluenceParameters; client?: postgres.Sql; asOf?: Date } = {},
): Promise<InfluenceRunSummary | null> {
  const parameters = options.parameters ?? INFLUENCE_PARAMETERS;
  const started = performance.now();
  const client = options.client ?? sqlClient();
  const summary = await client.begin(async (sql) => {
    const [{ locked }] = await sql<{ locked: boolean }[]>`
      select pg_try_advisory_xact_lock(hashtext('vanguard:influence')) as locked`;
    if (!locked) return null;
    // Millions of edges are grouped, sorted and indexed: in memory rather than in files on disk.
    await sql`set local work_mem = '256MB'`;
    await sql`set local maintenance_work_mem = '512MB'`;
    const [run] = await sql<{ id: string; at: string }[]>`
      insert into influence_runs (parameters, started_at)
      values (${JSON.stringify(parameters)}::jsonb,
        coalesce(${options.asOf?.toISOString() ?? null}::timestamptz, now()))
      returning id, started_at::text as at`;
    let lap = performance.now();
    const step = () => {
      const now = performance.now();
      const took = Math.round(now - lap);
      lap = now;
      return took;
    };
    await numberRunMembers(sql);
    const { interactions, edges } = await writeInfluenceEdges(sql, run.id, parameters, run.at);
    const edgesMs = step();
    const { ids, graph } = await readGraph(sql, edges);
    const graphMs = step();
    const { scores, iterations } = await pageRank(graph, {
      damping: parameters.damping,
      pause: letOthersRun,
    });
    const pageRankMs = step();
    await writeMemberScores(sql, run.id, ids, scores, parameters.reachDays, run.at);
    const membersMs = step();
    await writeAccountScores(sql, run.id, parameters.reachDays, run.at);
    const accountsMs = step();
    await writeMemberPowers(sql, run.id, run.at);
    await writeRoleModels(sql, run.id);
    const peopleMs = step();
    const durationMs = Math.round(performance.now() - started);
    await sql`
      update influence_runs set completed_at = started_at, interactions = ${interactions},
        edges = ${edges}, members = ${ids.length}, iterations = ${iterations},
        duration_ms = ${durationMs}
      where id = ${run.id}`;
    await sql`
      delete from influence_runs r
      where r.id <> ${run.id}
        and (r.completed_at is null
          or (r.started_at < now() - make_interval(days => ${DAILY_HISTORY_DAYS})
            and exists (select 1 from influence_runs o
              where o.completed_at is not null
                and date_trunc('month', o.started_at) = date_trunc('month', r.started_at)
                and o.started_at < r.started_at)))`;
    // Overviews kept for earlier runs are read no more.
    await sql`delete from insight_figures where starts_with(key, ${INFLUENCE_FIGURES_KEY})`;
    // Only the latest graph is kept; the scores are the history. A run of the past keeps none.
    if (options.asOf) await sql.unsafe(`drop table ${NEXT_EDGES}`);
    else await swapInfluenceEdges(sql);
    const stepsMs = {
      edges: edgesMs,
      graph: graphMs,
      pageRank: pageRankMs,
      members: membersMs,
      accounts: accountsMs,
      people: peopleMs,
      cleanup: step(),
    };
    return {
      runId: run.id,
      interactions,
      edges,
      members: ids.length,
      iterations,
      durationMs,
      stepsMs,
    };
  });
  // The backlog's influence-weighted demand reads the latest run, now committed. In a statement
  // of its own, so the run never holds the backlog's rows (members' votes update them).
  if (summary && !options.asOf) await refreshAllDemand(statementsIn(client));
  return summary;
}

/**
 * The run's graph: its members (those in at least one edge), numbered 0…N−1 in id order, and its
 * edges between those numbers, read in batches. Each kind of interaction between two members is
 * an edge of its own; PageRank adds parallel edges' weights as it would their sum.
 */
async function readGraph(
  sql: postgres.TransactionSql,
  edgeRows: number,
): Promise<{ ids: string[]; graph: WeightedGraph }> {
  const sources = new Int32Array(edgeRows);
  const targets = new Int32Array(edgeRows);
  const weights = new Float64Array(edgeRows);
  let edges = 0;
  await sql
    .unsafe<[number, number, number][]>(
      `select s.n, t.n, e.weight from ${NEXT_EDGES} e
      join ${RUN_MEMBERS} s on s.id = e.source_id
      join ${RUN_MEMBERS} t on t.id = e.target_id`,
    )
    .values()
    .cursor(EDGE_BATCH, async (rows) => {
      for (const [source, target, weight] of rows as unknown as [number, number, number][]) {
        sources[edges] = source;
        targets[edges] = target;
        weights[edges] = weight;
        edges++;
      }
      await letOthersRun();
    });
  // Every member has a number; the graph's nodes are those in an edge, renumbered in order.
  const members = await sql.unsafe<{ id: string }[]>(`select id from ${RUN_MEMBERS} order by n`);
  const node = new Int32Array(members.length).fill(-1);
  for (let i = 0; i < edges; i++) {
    node[sources[i]] = 0;
    node[targets[i]] = 0;
  }
  const ids: string[] = [];
  for (let n = 0; n < members.length; n++) {
    if (node[n] === 0) {
      node[n] = ids.length;
      ids.push(members[n].id);
    }
  }
  for (let i = 0; i < edges; i++) {
    sources[i] = node[sources[i]];
    targets[i] = node[targets[i]];
  }
  return { ids, graph: { nodes: ids.length, sources, targets, weights, edges } };
}

/** Reach of each member over the last `reachDays`: who engaged with their content, and from where. */
async function writeMemberScores(
  sql: postgres.TransactionSql,
  runId: string,
  ids: string[],
  scores: Float64Array,
  reachDays: number,
  asOf: string,
) {
  const ranks = rankByScore(scores);
  await sql`
    create temp table influence_reach on commit drop as
    select e.target_id as user_id, count(distinct e.source_id)::int as members,
      (count(distinct s.account_id) filter (where s.account_id is distinct from t.account_id))::int
        as accounts
    from ${sql.unsafe(NEXT_EDGES)} e
    join ${sql.unsafe(RUN_MEMBERS)} s on s.id = e.source_id
    join ${sql.unsafe(RUN_MEMBERS)} t on t.id = e.target_id
    where e.last_at >= ${asOf}::timestamptz - make_interval(days => ${reachDays})
    group by e.target_id`;
  await sql`create index on influence_reach (user_id)`;
  // Scaled by N, so that 1 is the average member of the graph, whatever its size.
  const scale = ids.length;
  for (let start = 0; start < ids.length; start += SCORE_BATCH) {
    const end = Math.min(start + SCORE_BATCH, ids.length);
    await sql`
      insert into member_influence (run_id, user_id, score, rank, reach_members, reach_accounts,
        account_tier)
      select ${runId}, u.id, u.score, u.rank, coalesce(r.members, 0), coalesce(r.accounts, 0),
        m.tier
      from unnest(${ids.slice(start, end)}::uuid[],
        ${Array.from(scores.subarray(start, end), (score) => score * scale)}::float8[],
        ${Array.from(ranks.subarray(start, end))}::int[]) as u(id, score, rank)
      join ${sql.unsafe(RUN_MEMBERS)} m on m.id = u.id
      left join influence_reach r on r.user_id = u.id`;
    await letOthersRun();
  }
}

/** Each account's influence (its members' scores added up), ranked, and its reach. */
async function writeAccountScores(
  sql: postgres.TransactionSql,
  runId: string,
  reachDays: number,
  asOf: string,
) {
  await sql`
    insert into account_influence (run_id, account_id, score, rank, members, reach_members,
      reach_accounts)
    select ${runId}, a.account_id, a.score, rank() over (order by a.score desc), a.members,
      coalesce(r.members, 0), coalesce(r.accounts, 0)
    from (
      select u.account_id, sum(m.score) as score, count(*)::int as members
      from member_influence m join ${sql.unsafe(RUN_MEMBERS)} u on u.id = m.user_id
      where m.run_id = ${runId} and u.account_id is not null
      group by u.account_id
    ) a
    left join (
      select t.account_id, count(distinct e.source_id)::int as members,
        count(distinct s.account_id)::int as accounts
      from ${sql.unsafe(NEXT_EDGES)} e
      join ${sql.unsafe(RUN_MEMBERS)} s on s.id = e.source_id
      join ${sql.unsafe(RUN_MEMBERS)} t on t.id = e.target_id
      where e.last_at >= ${asOf}::timestamptz - make_interval(days => ${reachDays})
        and s.account_id is distinct from t.account_id
      group by t.account_id
    ) r on r.account_id = a.account_id`;
}
