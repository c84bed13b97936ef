// `npm run bench`: seeds a benchmark database, starts the built server on it and measures its
// pages with autocannon: a thread with 500 replies, a space with 5,000 threads, the ideas board
// over 10,000 ideas, a search over 200,000 posts, a proposal with 200 revisions and 300
// comments, the backlog with 1,000 items over the ideas' votes, the triage inbox, and the
// history of a 50,000-character post edited 100 times. Uses TEST_DATABASE_URL's server when set, otherwise an embedded PostgreSQL.
import { spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { drizzle } from "drizzle-orm/postgres-js";
import { hashPassword } from "../app/auth/password.server";
import { refreshAllDemand } from "../app/models/backlog-demand.server";

const DATABASE = "vanguard_bench";
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const BASE = `http://localhost:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);
const PASSWORD = "bench-password-123";

let embedded: EmbeddedDatabase | null = null;
let serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(".data/bench-postgres"),
    database: "postgres",
  });
  serverUrl = embedded.url;
}
const url = new URL(serverUrl);
url.pathname = `/${DATABASE}`;

async function seed() {
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await admin.unsafe(`create database ${DATABASE}`);
  await admin.end();
  await migrateDatabase(url.toString());
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const hash = await hashPassword(PASSWORD);
  console.log(
    "seeding: people, a 500-reply thread, 5,000 threads, 200,000 posts to search, 10,000 ideas…",
  );
  const started = Date.now();
  await sql.begin(async (tx) => {
    await tx`insert into accounts (name, revenue_cents) select 'Account ' || n, (1000000 / n)::bigint * 100 from generate_series(1, 50) n`;
    await tx`insert into users (email, display_name, handle, role, account_id)
      select 'member' || n || '@bench.test', 'Member ' || n, 'member' || n, 'member', (select id from accounts order by random() limit 1)
      from generate_series(1, 300) n`;
    const [reader] = await tx`insert into users (email, display_name, handle, role, account_id)
      values ('reader@bench.test', 'Bench Reader', 'reader', 'member', (select id from accounts limit 1)) returning id`;
    const [staff] = await tx`insert into users (email, display_name, handle, role)
      values ('staff@bench.test', 'Bench Staff', 'staff', 'staff') returning id`;
    await tx`insert into password_hashes (user_id, hash) values (${reader.id}, ${hash}), (${staff.id}, ${hash})`;
    await tx`insert into spaces (slug, name, visibility) values ('long', 'Long thread', 'members'), ('big', 'Big space', 'members'), ('corpus', 'Corpus', 'members')`;
    // Words drawn with a skewed distribution so some are common and some rare, as in real text.
    await tx`create temporary table vocabulary as
      select row_number() over () as n, word from unnest(string_to_array(
        'account adoption agenda analytics automation backlog benchmark budget capacity churn cohort compliance contract cost customer dashboard data deadline decision delivery deployment design escalation experiment export feedback forecast governance growth hiring incident insight integration invoice latency launch migration milestone onboarding operations outage partner pipeline planning pricing process procurement quarter quality renewal reporting retention review roadmap rollout security segment sla support survey team template throughput tooling training upgrade usage vendor workflow warehouse logistics finance legal residency audit region council beta metrics',
        ' ')) word`;
    await tx`create temporary table sentences as
      select s, (select string_agg(word, ' ') from (
        select word from vocabulary order by random() * (1 + n / 10.0) limit 12 + (s % 8)) w) as text
      from generate_series(1, 2000) s`;
    const [long] =
      await tx`insert into threads (space_id, author_id, title, reply_count, last_position)
      select id, (select id from users limit 1), 'A thread with 500 replies', 500, 501 from spaces where slug = 'long' returning id`;
    await tx`insert into posts (thread_id, author_id, position, body, body_html, body_text, search_title)
      select ${long.id}, (select id from users where handle = 'member' || (1 + p % 300)), p,
        jsonb_build_object('type', 'doc', 'content', jsonb_build_array(jsonb_build_object('type', 'paragraph', 'content', jsonb_build_array(jsonb_build_object('type', 'text', 'text', st.text))))),
        '<p>' || st.text || '</p>', st.text, case when p = 1 then 'A thread with 500 replies' end
      from generate_series(1, 501) p join sentences st on st.s = 1 + p % 2000`;
    await tx`insert into threads (space_id, author_id, title, reply_count, last_position, created_at, last_activity_at)
      select (select id from spaces where slug = 'big'), (select id from users where handle = 'member' || (1 + t % 300)),
        'Thread ' || t || ': ' || left(st.text, 60), 0, 1, now() - t * interval '1 minute', now() - t * interval '1 minute'
      from generate_series(1, 5000) t join sentences st on st.s = 1 + t % 2000`;
    await tx`insert into posts (thread_id, author_id, position, body, body_html, body_text, search_title)
      select t.id, t.author_id, 1, '{"type":"doc","content":[]}'::jsonb, '<p>' || t.title || '</p>', t.title, t.title
      from threads t join spaces s on s.id = t.space_id where s.slug = 'big'`;
    await tx`insert into threads (space_id, author_id, title, reply_count, last_position)
      select (select id from spaces where slug = 'corpus'), (select id from users where handle = 'member' || (1 + t % 300)),
        'Corpus thread ' || t, 99, 100 from generate_series(1, 2000) t`;
    await tx`insert into posts (thread_id, author_id, position, body, body_html, body_text, search_title, created_at)
      select t.id, t.author_id, p, '{"type":"doc","content":[]}'::jsonb, '<p>' || st.text || '</p>', st.text,
        case when p = 1 then t.title end, now() - (random() * 365) * interval '1 day'
      from threads t join spaces s on s.id = t.space_id and s.slug = 'corpus'
      cross join generate_series(1, 100) p
      join sentences st on st.s = 1 + ((hashtext(t.id::text) # p) & 2047) % 2000`;
    // 10,000 ideas with 200,000 votes or so, heavy-tailed: most ideas get a few, some dozens.
    await tx`insert into spaces (slug, name, visibility, ideas_enabled) values ('ideas', 'Ideas', 'members', true)`;
    await tx`insert into threads (space_id, author_id, kind, title, reply_count, last_position, created_at, last_activity_at)
      select (select id from spaces where slug = 'ideas'), (select id from users where handle = 'member' || (1 + i % 300)), 'idea',
        'Idea ' || i || ': ' || left(st.text, 70), 0, 1, now() - i * interval '5 minutes', now() - i * interval '5 minutes'
      from generate_series(1, 10000) i join sentences st on st.s = 1 + (i * 7) % 2000`;
    await tx`insert into posts (thread_id, author_id, position, body, body_html, body_text, search_title)
      select t.id, t.author_id, 1, '{"type":"doc","content":[]}'::jsonb, '<p>' || st.text || '</p>', st.text, t.title
      from threads t join spaces s on s.id = t.space_id and s.slug = 'ideas'
      join sentences st on st.s = 1 + (hashtext(t.id::text) & 2047) % 2000`;
    await tx`insert into ideas (thread_id) select t.id from threads t where t.kind = 'idea'`;
    await tx`insert into idea_votes (idea_id, user_id, importance, created_at)
      select i.thread_id, u.id, (array['nice_to_have', 'important', 'important', 'critical'])[1 + (j % 4)]::idea_importance,
        now() - (random() * 60) * interval '1 day'
      from (select thread_id, row_number() over (order by thread_id) as n from ideas) i
      cross join lateral generate_series(0, (random() ^ 3 * 80 + i.n * 0)::int - 1) j
      join users u on u.handle = 'member' || (1 + (i.n * 7 + j * 13) % 300)`;
    await tx`update ideas set vote_count = v.n, value_cents = v.value from (
      select idea_id, count(*)::int as n,
        (select coalesce(sum(a.revenue_cents), 0) from accounts a where a.id = any(array_agg(u.account_id))) as value
      from idea_votes join users u on u.id = idea_votes.user_id group by idea_id) v
      where v.idea_id = ideas.thread_id`;
    // A proposal with 200 revisions, 300 section comments (a third on passages, some resolved
    // or replied to), 5 co-authors and 60 endorsements.
    const paragraph = (text: string) => ({
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
      text,
    });
    const sections = {
      problem: paragraph("Exports are manual every Monday and finance waits for them. ".repeat(20)),
      proposal: paragraph(
        "Schedule exports daily or weekly, per report, with a retry. ".repeat(20),
      ),
      who_benefits: paragraph("Finance and operations teams at every account. ".repeat(10)),
      success_measures: paragraph("Fewer manual exports; on-time month-end close. ".repeat(10)),
      open_questions: paragraph("Which formats, and who owns failures? ".repeat(5)),
    };
    const sectionsHtml = Object.fromEntries(
      Object.entries(sections).map(([key, section]) => [key, `<p>${section.text}</p>`]),
    );
    const [proposal] = await tx`insert into threads (space_id, author_id, kind, title)
      values ((select id from spaces where slug = 'corpus'), (select id from users where handle = 'member1'),
        'proposal', 'A proposal with 200 revisions') returning id`;
    await tx`insert into posts (thread_id, author_id, position, body, body_html, body_text, search_title)
      values (${proposal.id}, (select id from users where handle = 'member1'), 1, '{"type":"doc","content":[]}'::jsonb,
        '<p>proposal</p>', ${Object.values(sections)
          .map((s) => s.text)
          .join("\n")}, 'A proposal with 200 revisions')`;
    await tx`insert into proposals (thread_id, stage, revision, sections, sections_html, endorsement_count)
      values (${proposal.id}, 'open', 200, ${tx.json(sections)}, ${tx.json(sectionsHtml)}, 60)`;
    await tx`insert into proposal_revisions (thread_id, revision, author_id, title, sections, changed)
      select ${proposal.id}, r, (select id from users where handle = 'member' || (1 + r % 5)),
        'A proposal with 200 revisions', ${tx.json(sections)}, '{problem}'
      from generate_series(1, 200) r`;
    await tx`insert into proposal_coauthors (thread_id, user_id, status)
      select ${proposal.id}, id, 'accepted' from users where handle in ('member1', 'member2', 'member3', 'member4', 'member5')`;
    await tx`insert into proposal_comments (thread_id, section, author_id, body, quote, revision, resolved_at)
      select ${proposal.id}, (array['problem', 'proposal', 'who_benefits', 'success_measures', 'open_questions'])[1 + c % 5]::proposal_section,
        (select id from users where handle = 'member' || (1 + c % 300)), 'Comment number ' || c || ': does this cover the quarter-end case?',
        case when c % 3 = 0 then 'finance waits' end, 1 + c % 200, case when c % 4 = 0 then now() end
      from generate_series(1, 300) c`;
    await tx`insert into proposal_endorsements (thread_id, user_id, reason)
      select ${proposal.id}, id, 'We would use this for month-end close' from users where handle like 'member%' and handle <> 'member1' limit 60`;

    // The opening post of the long thread: 50,000 characters, edited 100 times.
    await tx`insert into post_revisions (post_id, revision, body, body_text, changes, editor_id)
      select p.id, r, '{"type":"doc","content":[]}'::jsonb, repeat('history ', 6250) || 'edit ' || r,
        case when r > 1 then jsonb_build_array(
          jsonb_build_object('text', repeat('history ', 6250) || 'edit ', 'change', 'same'),
          jsonb_build_object('text', (r - 1)::text, 'change', 'removed'),
          jsonb_build_object('text', r::text, 'change', 'added')) end,
        p.author_id
      from posts p cross join generate_series(1, 101) r
      where p.thread_id = ${long.id} and p.position = 1`;
  });
  await seedBacklog(sql);
  await sql`analyze`;
  const [{ count }] = await sql`select count(*)::int as count from posts`;
  const [{ votes }] = await sql`select count(*)::int as votes from idea_votes`;
  console.log(`and ${votes.toLocaleString("en-US")} votes on 10,000 ideas`);
  console.log(
    `seeded ${count.toLocaleString("en-US")} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const ids = await benchIds(sql);
  await sql.end();
  return ids;
}

/**
 * 1,000 backlog items, each standing on three of the 10,000 ideas (their votes are the demand)
 * and a passage from a corpus post; demand computed by the app's own statement.
 */
async function seedBacklog(sql: postgres.Sql) {
  const started = Date.now();
  await sql`insert into backlog_items (title, status, is_public, target, created_at, updated_at)
    select 'Backlog item ' || n,
      (array['triage', 'planned', 'in_progress', 'shipped', 'wont_do'])[1 + n % 5]::backlog_status,
      n % 3 = 0, 'Q' || (1 + n % 4), now() - n * interval '1 hour', now() - n * interval '1 hour'
    from generate_series(1, 1000) n`;
  await sql`insert into backlog_evidence (item_id, kind, thread_id)
    select b.id, 'thread', i.thread_id
    from (select id, row_number() over (order by created_at) as rn from backlog_items) b
    join (select thread_id, row_number() over (order by thread_id) as rn from ideas) i
      on i.rn in (b.rn, b.rn + 1000, b.rn + 2000)`;
  await sql`insert into backlog_evidence (item_id, kind, thread_id, post_id, quote)
    select b.id, 'excerpt', p.thread_id, p.id, left(p.body_text, 40)
    from (select id, row_number() over (order by created_at) as rn from backlog_items) b
    join (select p.id, p.thread_id, p.body_text, row_number() over (order by p.id) as rn
      from posts p join threads t on t.id = p.thread_id where t.title like 'Corpus thread %'
      limit 1000) p on p.rn = b.rn`;
  await refreshAllDemand(drizzle(sql));
  const [{ votes }] = await sql`select count(*)::int as votes from idea_votes v
    where v.idea_id in (select thread_id from backlog_evidence)`;
  console.log(
    `backlog: 1,000 items over ${votes.toLocaleString("en-US")} linked votes, demand in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function benchIds(sql: postgres.Sql) {
  const [thread] = await sql`select t.id, p.id as post_id from threads t
    join posts p on p.thread_id = t.id and p.position = 1 where t.title = 'A thread with 500 replies'`;
  const [proposal] =
    await sql`select id from threads where title = 'A proposal with 200 revisions'`;
  return {
    longThreadId: thread.id as string,
    editedPostId: thread.post_id as string,
    proposalId: proposal.id as string,
  };
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${BASE}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookie = response.headers.get("set-cookie");
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(";")[0];
}

async function waitForServer() {
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      if ((await fetch(`${BASE}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server did not start");
}

const { longThreadId, editedPostId, proposalId } = process.env.BENCH_REUSE
  ? await existing()
  : await seed();

async function existing() {
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const ids = await benchIds(sql);
  await sql.end();
  return ids;
}
// BENCH_NODE_OPTIONS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server under load.
const server = spawn(
  process.execPath,
  [...(process.env.BENCH_NODE_OPTIONS?.split(" ") ?? []), "build/server.js"],
  {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url.toString(),
      PORT: String(PORT),
      LOG_LEVEL: "warn",
      COOKIE_SECURE: "false",
    },
  },
);
try {
  await waitForServer();
  const cookies = {
    member: await signIn("reader@bench.test"),
    staff: await signIn("staff@bench.test"),
  };
  const targets: { name: string; path: string; budget: string; as?: "staff" }[] = [
    {
      name: "thread page, 500 replies (page 1 of 17)",
      path: `/t/${longThreadId}?page=1`,
      budget: "p99 < 100 ms",
    },
    { name: "space thread list, 5,000 threads", path: "/spaces/big", budget: "p99 < 100 ms" },
    // The reader is a member with no bio yet, so the home page carries the first-run welcome.
    { name: "home page with the first-run welcome", path: "/", budget: "p99 < 100 ms" },
    {
      name: "ideas board by top, 10,000 ideas",
      path: "/ideas?sort=top",
      budget: "p99 < 100 ms",
    },
    {
      name: "ideas board by trending",
      path: "/ideas?sort=trending",
      budget: "p99 < 100 ms",
    },
    {
      name: "ideas board by value (staff)",
      path: "/ideas?sort=value",
      budget: "p99 < 100 ms",
      as: "staff",
    },
    {
      name: "similar ideas over 10,000 ideas",
      path: "/resources/similar-ideas?q=renewal+forecast+dashboard",
      budget: "p95 < 50 ms",
    },
    {
      name: "search over 200,000 posts",
      path: "/search?q=renewal+forecast",
      budget: "p95 < 100 ms",
    },
    {
      name: "proposal page, 200 revisions and 300 comments",
      path: `/t/${proposalId}`,
      budget: "p99 < 100 ms",
    },
    {
      name: "proposal history, 200 revisions",
      path: `/proposals/${proposalId}/revisions`,
      budget: "p99 < 100 ms",
    },
    { name: "proposals list", path: "/proposals", budget: "p99 < 100 ms" },
    {
      name: "backlog, 1,000 items by weighted score",
      path: "/staff/backlog",
      budget: "p99 < 150 ms",
      as: "staff",
    },
    {
      name: "backlog by members, filtered",
      path: "/staff/backlog?sort=members&status=planned&minMembers=5",
      budget: "p99 < 150 ms",
      as: "staff",
    },
    { name: "triage inbox", path: "/staff/inbox", budget: "p99 < 150 ms", as: "staff" },
    {
      name: "history, 50,000 characters edited 100 times",
      path: `/p/${editedPostId}/history`,
      budget: "p99 < 100 ms",
    },
  ];
  const rows: string[] = [];
  for (const target of targets) {
    const cookie = cookies[target.as ?? "member"];
    // Warm up: fill caches and JIT before measuring.
    for (let i = 0; i < 20; i++) await fetch(BASE + target.path, { headers: { Cookie: cookie } });
    const result = await autocannon({
      url: BASE + target.path,
      connections: CONNECTIONS,
      duration: DURATION,
      headers: { Cookie: cookie },
    });
    if (result.non2xx > 0)
      throw new Error(`${target.path} answered ${result.non2xx} non-2xx responses`);
    const l = result.latency as unknown as Record<string, number>;
    rows.push(
      `${target.name.padEnd(42)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(l.p50).padStart(4)} ms   p90 ${String(l.p90).padStart(4)} ms   p97.5 ${String(l.p97_5).padStart(4)} ms   p99 ${String(l.p99).padStart(4)} ms   (target ${target.budget})`,
    );
  }
  console.log(
    `\n${DURATION} s each, ${CONNECTIONS} connections, on ${process.env.TEST_DATABASE_URL ? "the given server" : "embedded PostgreSQL"}:\n`,
  );
  for (const row of rows) console.log(row);
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.on("exit", resolve));
  await embedded?.stop();
}
