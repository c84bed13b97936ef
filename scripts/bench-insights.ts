// Part of `npm run bench`: the customer-value pages at the size issue 21 names — 10,000 accounts
// with 20 quarterly snapshots each, 200,000 members and a year and a half of their activity —
// in a database of its own: first the jobs that keep the figures (standings, activity), timed,
// then each page under load. Uses TEST_DATABASE_URL's server when set, otherwise an embedded
// PostgreSQL. BENCH_REUSE=1 skips seeding; BENCH_ONLY=<word> measures only the pages named so.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";
import { hashPassword } from "../app/auth/password.server";
import {
  benchServer,
  CONNECTIONS,
  DURATION,
  measurePages,
  type PageTarget,
  signIn,
  startBenchServer,
} from "./bench-pages";

const DATABASE = "vanguard_bench_insights";
const PORT = Number(process.env.BENCH_PORT ?? 3300) + 1;
const PASSWORD = "bench-password-123";
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const SNAPSHOTS = 20;
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 200_000);
// With the replies and votes, about 5,000,000 interactions for the influence graph.
const REACTIONS_PER_POST = Number(process.env.BENCH_REACTIONS_PER_POST ?? 24);

const { serverUrl, url, embedded } = await benchServer(DATABASE);

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${label.padEnd(58)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function seed() {
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await admin.unsafe(`create database ${DATABASE}`);
  await admin.end();
  await migrateDatabase(url.toString());
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const hash = await hashPassword(PASSWORD);
  await timed(`seeding ${ACCOUNTS} accounts, ${MEMBERS} members, posts and votes`, () =>
    sql.begin(async (tx) => {
      // Heavy-tailed revenue; traits that lean with size, so the look-alike query has work.
      await tx`insert into accounts (name, external_id, segment, region, revenue_cents,
          gross_profit_cents, lifetime_value_cents, customer_since, acquisition_source,
          first_product, products, renewal_date)
        select 'Account ' || n, 'ACC-' || n,
          (array['Enterprise', 'Mid-market', 'SMB'])[1 + least(2, n / 500)],
          (array['EMEA', 'NA', 'APAC', 'LATAM'])[1 + n % 4],
          (50000000 / n ^ 0.9)::bigint * 100, (20000000 / n ^ 0.9)::bigint * 100,
          (200000000 / n ^ 0.9)::bigint * 100, current_date - (n % 3000),
          (array['Referral', 'Partner', 'Outbound', 'Inbound', 'Event'])[1 + (n * 7) % 5],
          (array['Analytics', 'Workflow', 'API', 'Mobile', 'Reporting'])[1 + (n * 3) % 5],
          case n % 4 when 0 then array['Analytics', 'Workflow', 'API']
            when 1 then array['Analytics', 'Mobile', 'Reporting']
            when 2 then array['Workflow', 'Reporting', 'Connectors']
            else array['API', 'Mobile', 'Analytics'] end,
          current_date + (n % 365)
        from generate_series(1, ${ACCOUNTS}) n`;
      // Twenty quarter-ends, each account's revenue drifting its own way.
      await tx`insert into account_snapshots (account_id, as_of, segment, region, revenue_cents,
          gross_profit_cents, lifetime_value_cents, products)
        select a.id, (date_trunc('quarter', current_date) - q * interval '3 months' - interval '1 day')::date,
          a.segment, a.region,
          (a.revenue_cents * (1 - q * 0.02 + (hashtext(a.id::text || q) % 10) / 100.0))::bigint,
          a.gross_profit_cents, a.lifetime_value_cents, a.products
        from accounts a cross join generate_series(0, ${SNAPSHOTS - 1}) q`;
      // Members, more for larger accounts (the largest have hundreds).
      await tx`insert into users (email, display_name, handle, role, account_id, created_at)
        select 'm' || n || '@bench.test', 'Member ' || n, 'm' || n, 'member',
          (select id from accounts
            where external_id = 'ACC-' || least(${ACCOUNTS}, 1 + floor(${ACCOUNTS} * (n::float8 / ${MEMBERS}) ^ 2.2)::int)),
          now() - (n % 700) * interval '1 day'
        from generate_series(1, ${MEMBERS}) n`;
      const [staff] = await tx`insert into users (email, display_name, handle, role)
        values ('staff@bench.test', 'Bench Staff', 'staff', 'staff') returning id`;
      const [adminUser] = await tx`insert into users (email, display_name, handle, role)
        values ('admin@bench.test', 'Bench Admin', 'admin', 'admin') returning id`;
      await tx`insert into password_hashes (user_id, hash)
        values (${staff.id}, ${hash}), (${adminUser.id}, ${hash})`;
      // 5,000 threads of 40 posts (200,000 posts) by members across 18 months, and votes.
      await tx`insert into spaces (slug, name, visibility, ideas_enabled)
        values ('talk', 'Talk', 'members', true)`;
      await tx`insert into threads (space_id, author_id, kind, title, reply_count, last_position, created_at)
        select (select id from spaces where slug = 'talk'),
          (select id from users where lower(handle) = 'm' || (1 + (t * 37) % ${MEMBERS})),
          (case when t % 4 = 0 then 'idea' else 'discussion' end)::thread_kind,
          'Thread ' || t, 39, 40, now() - (t % 540) * interval '1 day'
        from generate_series(1, 5000) t`;
      await tx`insert into ideas (thread_id) select id from threads where kind = 'idea'`;
      await tx`insert into posts (thread_id, author_id, position, body, body_html, body_text, created_at)
        select t.id, u.id, p, '{"type":"doc","content":[]}'::jsonb, '<p>post</p>', 'post',
          t.created_at + p * interval '3 hours'
        from threads t cross join generate_series(1, 40) p
        join users u on lower(u.handle) = 'm' || (1 + (hashtext(t.id::text) & 65535) * p % ${MEMBERS})`;
      await tx`insert into idea_votes (idea_id, user_id, importance, created_at)
        select i.thread_id, u.id, 'important', now() - (v % 500) * interval '1 day'
        from (select thread_id, row_number() over () as n from ideas) i
        cross join generate_series(1, 80) v
        join users u on lower(u.handle) = 'm' || (1 + (i.n * 131 + v * 977) % ${MEMBERS})
        on conflict do nothing`;
    }),
  );
  await timed(
    `reactions: ${REACTIONS_PER_POST} to each post, the interactions of influence`,
    () =>
      sql`with m as (select id, row_number() over (order by id) - 1 as n
        from users where role = 'member')
      insert into post_reactions (post_id, user_id, kind, created_at)
      select r.post_id, m.id,
        (array['helpful', 'agree', 'insightful', 'thanks']::reaction_kind[])[1 + r.r % 4], r.at
      from (
        select p.id as post_id, r, least(now(), p.created_at + r * interval '5 hours') as at,
          (hashtext(p.id::text || r) & 1048575) % ${MEMBERS} as n
        from posts p cross join generate_series(1, ${REACTIONS_PER_POST}) r
      ) r join m on m.n = r.n
      on conflict do nothing`,
  );
  await timed(
    "account standings: 20 snapshots of every account",
    () => sql`select refresh_account_standings('-infinity'::date)`,
  );
  await timed(
    "standings of the latest snapshot only (an import's usual cost)",
    () => sql`select refresh_account_standings((select max(as_of) from account_snapshots))`,
  );
  await timed(
    "activity by month, every month (first run)",
    () => sql`select refresh_account_activity('-infinity'::date)`,
  );
  await timed(
    "activity by month, this month and last (the hourly job)",
    () =>
      sql`select refresh_account_activity((date_trunc('month', now()) - interval '1 month')::date)`,
  );
  await timed(
    "activity in the last 30 and 90 days (the hourly job)",
    () => sql`select refresh_account_activity_recent()`,
  );
  await sql`update accounts a set settled_tier = t.tier from account_tiers t where t.account_id = a.id`;
  // Invitations waiting for review, as accounts entering the top tiers leave them.
  await sql`insert into membership_invitations (account_id, email)
    select id, 'contact' || n || '@' || lower(replace(name, ' ', '-')) || '.test'
    from (select id, name, row_number() over (order by revenue_cents desc) as n from accounts) a
    where n <= 300`;
  // What autovacuum does on a live server after the settling update and the bulk inserts.
  await sql`vacuum analyze`;
  // The daily lapsed detection, run by the app's own function on this database, on tables the
  // planner has statistics for (straight after the bulk load, without them, it ran for minutes).
  process.env.DATABASE_URL = url.toString();
  const { detectLapsedEntries } = await import("../app/models/lapsed-detection.server");
  const found = await timed("lapsed detection (the daily job)", () => detectLapsedEntries());
  console.log(`  ${found.seen} lapsed entries`);
  await sql`analyze lapsed_entries`;
  await sql.end();
  await timeInfluenceJob();
  return pagesToOpen();
}

/** The daily influence job, with the event loop watched: a server runs it between requests. */
async function timeInfluenceJob() {
  process.env.DATABASE_URL = url.toString();
  const { computeInfluence } = await import("../app/models/influence.server");
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const influence = await timed("influence: graph, PageRank and scores (the daily job)", () =>
    computeInfluence(),
  );
  loop.disable();
  console.log(
    `  ${influence?.interactions} interactions, ${influence?.edges} edges, ${influence?.members} members, ${influence?.iterations} rounds; longest event-loop pause ${(loop.max / 1e6).toFixed(0)} ms; steps (ms): ${JSON.stringify(influence?.stepsMs)}`,
  );
}

/** The ids the measured pages open, from the seeded database. */
async function pagesToOpen() {
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const [largest] = await sql`select id from accounts order by revenue_cents desc limit 1`;
  const [entry] = await sql`select id from lapsed_entries order by signal_since desc limit 1`;
  const [latest] = await sql`select max(as_of)::text as as_of from account_snapshots`;
  const [influential] = await sql`select m.user_id, u.handle from member_influence m
    join influence_runs r on r.id = m.run_id join users u on u.id = m.user_id
    order by r.completed_at desc nulls last, m.rank limit 1`;
  await sql.end();
  return {
    largestId: largest.id as string,
    asOf: latest.as_of as string,
    entryId: entry?.id as string,
    influentialId: influential?.user_id as string,
    influentialHandle: influential?.handle as string,
  };
}

// BENCH_REUSE=1 measures the database a previous run seeded (after migrating it), to compare
// changes to the pages without seeding again; BENCH_INFLUENCE=1 with it times the influence job
// again first.
const reuse = process.env.BENCH_REUSE === "1";
if (reuse) await migrateDatabase(url.toString());
if (reuse && process.env.BENCH_INFLUENCE === "1") await timeInfluenceJob();
const { largestId, asOf, entryId, influentialId, influentialHandle } = reuse
  ? await pagesToOpen()
  : await seed();
const server = await startBenchServer(url.toString(), PORT);
try {
  const cookies = {
    staff: await signIn(server.base, "staff@bench.test", PASSWORD),
    admin: await signIn(server.base, "admin@bench.test", PASSWORD),
  };
  const budget = "p99 < 150 ms";
  const targets: PageTarget[] = [
    { name: "value concentration, latest snapshot", path: `/insights/value?asOf=${asOf}`, budget },
    { name: "top groups against the rest", path: "/insights/groups", budget },
    { name: "look-alikes, 10,000 accounts", path: "/insights/look-alikes", budget },
    { name: "accounts to open, by tier", path: "/insights/accounts?tier=top10", budget },
    { name: "the largest account's page", path: `/insights/accounts/${largestId}`, budget },
    { name: "lapsed list, open entries", path: "/insights/lapsed", budget },
    { name: "a lapsed entry", path: `/insights/lapsed/${entryId}`, budget },
    {
      name: "influence: most valuable against most connected",
      path: "/insights/influence",
      budget,
    },
    {
      name: "influence: the most influential member",
      path: `/insights/influence/members/${influentialId}`,
      budget,
    },
    { name: "influence: people of influence", path: "/insights/influence/people", budget },
    {
      name: "influence: the most influential member's profile",
      path: `/u/${influentialHandle}`,
      budget,
    },
    {
      name: "admin: invitations to review, 100 of 300",
      path: "/admin/accounts/invitations",
      budget,
      as: "admin",
    },
    { name: "admin: accounts, first page of 50", path: "/admin/accounts", budget, as: "admin" },
    {
      name: "admin: an account's values over time",
      path: `/admin/accounts/${largestId}`,
      budget,
      as: "admin",
    },
  ];
  // BENCH_ONLY=lapsed measures only the pages whose name holds that word.
  const only = process.env.BENCH_ONLY;
  const measured = only ? targets.filter((target) => target.name.includes(only)) : targets;
  const rows = await measurePages(server.base, measured, cookies, "staff");
  console.log(
    `\n${ACCOUNTS} accounts × ${SNAPSHOTS} snapshots, ${MEMBERS} members; ${DURATION} s each, ${CONNECTIONS} connections:\n`,
  );
  for (const row of rows) console.log(row);
} finally {
  await server.stop();
  const { closeDatabase } = await import("../app/db.server");
  await closeDatabase();
  await embedded?.stop();
}
