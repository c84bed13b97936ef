// Part of `npm run bench`: a member's own data at the size issue 23 names, in a database of its
// own: 10,000 accounts in three segments with five benchmarks, and one member with 10,000 posts
// (and as many reactions, votes and notifications). Times the export of that member's data (the
// job's own code, budget 30 s), then measures "How you compare" and "My data" under load. Uses
// TEST_DATABASE_URL's server when set, otherwise an embedded PostgreSQL.
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";
import { hashPassword } from "../app/auth/password.server";
import {
  benchServer,
  CONNECTIONS,
  DURATION,
  measurePages,
  signIn,
  startBenchServer,
} from "./bench-pages";

const DATABASE = "vanguard_bench_member_data";
const PORT = Number(process.env.BENCH_PORT ?? 3300) + 2;
const PASSWORD = "bench-password-123";
const ACCOUNTS = 10_000;
const POSTS = 10_000;

const { serverUrl, url, embedded } = await benchServer(DATABASE);

async function seed() {
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await admin.unsafe(`create database ${DATABASE}`);
  await admin.end();
  await migrateDatabase(url.toString());
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const hash = await hashPassword(PASSWORD);
  await sql.begin(async (tx) => {
    await tx`insert into accounts (name, external_id, segment, revenue_cents)
      select 'Account ' || n, 'ACC-' || n,
        (array['Enterprise', 'Mid-market', 'SMB'])[1 + least(2, n / 500)],
        (50000000 / n ^ 0.9)::bigint * 100
      from generate_series(1, ${ACCOUNTS}) n`;
    const [member] = await tx`insert into users (email, display_name, handle, role, account_id)
      values ('member@bench.test', 'Bench Member', 'member', 'member',
        (select id from accounts where external_id = 'ACC-700')) returning id`;
    await tx`insert into password_hashes (user_id, hash) values (${member.id}, ${hash})`;
    // Five benchmarks with a value for every account.
    await tx`insert into benchmark_metrics (name, source, unit)
      select 'Benchmark ' || m, 'imported', 'number' from generate_series(1, 5) m`;
    await tx`insert into account_metric_values (metric_id, account_id, value, as_of)
      select m.id, a.id, (hashtext(a.id::text || m.id::text) & 1023)::float8, current_date
      from benchmark_metrics m cross join accounts a`;
    // The member's 10,000 posts over 500 threads, with reactions and notifications on each.
    await tx`insert into spaces (slug, name, visibility, ideas_enabled)
      values ('talk', 'Talk', 'members', true)`;
    await tx`insert into threads (space_id, author_id, kind, title, reply_count, last_position)
      select (select id from spaces where slug = 'talk'), ${member.id},
        (case when t % 5 = 0 then 'idea' else 'discussion' end)::thread_kind,
        'Thread ' || t, ${POSTS / 500 - 1}, ${POSTS / 500}
      from generate_series(1, 500) t`;
    await tx`insert into ideas (thread_id) select id from threads where kind = 'idea'`;
    await tx`insert into posts (thread_id, author_id, position, body, body_html, body_text, created_at)
      select t.id, ${member.id}, p,
        jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object(
          'type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object(
            'type', 'text', 'text', repeat('A member writes about their work. ', 12)))))),
        '<p>' || repeat('A member writes about their work. ', 12) || '</p>',
        repeat('A member writes about their work. ', 12), now() - p * interval '1 hour'
      from threads t cross join generate_series(1, ${POSTS / 500}) p`;
    await tx`insert into post_reactions (post_id, user_id, kind)
      select id, ${member.id}, 'helpful' from posts`;
    await tx`insert into idea_votes (idea_id, user_id, importance)
      select thread_id, ${member.id}, 'important' from ideas`;
    await tx`insert into notifications (user_id, kind, thread_id, post_id)
      select ${member.id}, 'reply', thread_id, id from posts`;
  });
  await sql.end();
}

await seed();
const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
const [member] = await sql`select id, role, account_id from users where handle = 'member'`;
await sql.end();

process.env.DATABASE_URL = url.toString();
// The kept figures, as an import or the hourly refresh recomputes them.
const { recomputeBenchmarkFigures } = await import("../app/models/benchmark.server");
const recomputeStarted = performance.now();
await recomputeBenchmarkFigures();
const recomputeSeconds = (performance.now() - recomputeStarted) / 1000;
// The export, as the job builds it, for the member with 10,000 posts.
const { buildMemberExport } = await import("../app/models/data-export-build.server");
const started = performance.now();
const file = await buildMemberExport({
  id: member.id,
  role: member.role,
  accountId: member.account_id,
});
const seconds = (performance.now() - started) / 1000;

const server = await startBenchServer(url.toString(), PORT);
try {
  const cookies = { member: await signIn(server.base, "member@bench.test", PASSWORD) };
  const rows = await measurePages(
    server.base,
    [
      {
        name: "how you compare, 10,000 accounts",
        path: "/me/benchmarks",
        budget: "p99 < 100 ms",
      },
      { name: "my data, 10,000 posts", path: "/me/data", budget: "p99 < 150 ms" },
    ],
    cookies,
    "member",
  );
  console.log(
    `\nbenchmark figures of 10,000 accounts × 5 benchmarks recomputed: ${recomputeSeconds.toFixed(1)} s`,
  );
  console.log(
    `export of a member with ${POSTS.toLocaleString("en")} posts: ${seconds.toFixed(1)} s, ${(Buffer.byteLength(file) / 1024 / 1024).toFixed(1)} MB (target < 30 s)`,
  );
  console.log(
    `${ACCOUNTS} accounts, 5 benchmarks; ${DURATION} s each, ${CONNECTIONS} connections:\n`,
  );
  for (const row of rows) console.log(row);
} finally {
  await server.stop();
  const { closeDatabase } = await import("../app/db.server");
  await closeDatabase();
  await embedded?.stop();
}
