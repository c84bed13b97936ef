// `npm run bench`: seeds a benchmark database, starts the built server on it and measures its
// pages with autocannon: first six pages against the ceiling (a bare node:http + postgres.js
// page of the same 30 posts, scripts/bench-ceiling.ts) at 10 connections, alternating with it;
// then a thread with 500 replies, a space with 5,000 threads, the ideas board
// over 10,000 ideas and the API's list of them, searches over 1,000,000 posts, a proposal with 200
// revisions and 300 comments, the backlog with 1,000 items over the ideas' votes, the triage
// inbox, the moderation queue with 5,000 open flags, and the history of a 50,000-character post edited 100 times; then,
// in this process, the check a new post meets (watched words, duplicates, rate limits). Uses
// TEST_DATABASE_URL's server when set, otherwise an embedded PostgreSQL. BENCH_ONLY=regex
// measures only the targets whose names match (and skips the posting check).
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";
import { drizzle } from "drizzle-orm/postgres-js";
import { hashPassword } from "../app/auth/password.server";
import { refreshAllDemand } from "../app/models/backlog-demand.server";
import { readPostContent } from "../app/models/post-content.server";
import { checkPosting } from "../app/models/posting-check.server";
import { TOKEN_PREFIX } from "../app/models/api-token.server";
import { closeDatabase } from "../app/db.server";
import {
  benchServer,
  CONNECTIONS,
  DURATION,
  measurePages,
  measureRatios,
  type PageTarget,
  RATIO_CONNECTIONS,
  signIn,
  startBenchServer,
} from "./bench-pages";
import { startCeilingServer } from "./bench-ceiling";

const DATABASE = "vanguard_bench";
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const CEILING_PORT = PORT + 1;
/** Corpus threads of 100 posts each: 1,000,000 posts to search. */
const CORPUS_THREADS = 10_000;
const PASSWORD = "bench-password-123";

/**
 * A reply of about 2,000 characters as members write them, with none of the watched phrases but
 * many of the everyday words they start with, so the matcher walks into its trie and back out.
 */
const POST_TEXT = [
  "Thanks for picking this up. We tried the scheduled export on our staging workspace last week and it mostly works the way the thread describes, but a few things came up that are worth writing down before the next release.",
  "First, the weekly schedule runs on the server's time zone rather than the workspace's. Our team in Sydney gets the Monday file on Sunday afternoon, which is confusing for the people who open it. Could the schedule use the time zone set on the workspace, or let each report choose one? Make it visible on the report page too, so nobody has to guess when the next run is due.",
  "Second, when a run fails because the report is too large, the retry starts again from the beginning and fails the same way. We would rather get a partial file with a clear note at the top than an empty email. If that is hard, an email to the report owner saying what failed and how to work around it would already help a lot.",
  "Third, click Export on a filtered view and you get every column, not just the ones shown. Our finance people expect the file to match the screen. We get around it today by saving a copy of the view with the columns removed, but that is easy to forget and the copies pile up in the sidebar.",
  "Finally, a small one: the file name is the report's internal id. A name with the report title and the date would make the attachments much easier to find in a mailbox later on, and would make the shared folder readable for the auditors who go through it every quarter.",
  "One more detail from the same trial: the export log shows each run twice when a schedule is edited while a run is in progress, and the second entry never finishes. It doesn't seem to send anything twice, but it makes the log hard to trust, and the people who check it every morning have started asking us whether the reports went out.",
  "Happy to test the next build on our side, and to share the two reports that show the time zone issue best. Let me know where to send them and whether you need anything else from us to reproduce it.",
].join("\n\n");

/**
 * 500 watched phrases: 300 single words and 200 of two to five words, whose first words are
 * everyday ones ("the", "our", "make", "click"…). Lower-case and unique, as the app stores them.
 */
function watchedPhrases(): string[] {
  const stems = (
    "casino jackpot payday forex bitcoin airdrop giveaway lottery replica pharmacy viagra cialis " +
    "escort betting poker slots weightloss followers clickbait pyramid cashback loanshark crypto " +
    "memecoin webcam hookup torrent warez keygen dropship"
  ).split(" ");
  const suffixes = ["", "s", "z", "x", "4u", "pro", "club", "online", "vip", "king"];
  const starters = ["the", "our", "make", "work", "click", "get", "free", "we", "your", "a"];
  const fillers = "cheap instant guaranteed money winnings bonus prize discount".split(" ");
  const phrases = new Set<string>();
  for (const stem of stems) for (const suffix of suffixes) phrases.add(stem + suffix);
  for (let i = 0; phrases.size < 500; i++) {
    const words = [starters[i % starters.length]];
    for (let k = 0; k < i % 4; k++) words.push(fillers[(i * 7 + k * 3) % fillers.length]);
    words.push(stems[(i * 11) % stems.length] + suffixes[Math.floor(i / 30) % suffixes.length]);
    phrases.add(words.join(" "));
  }
  return [...phrases];
}

const { serverUrl, url, embedded } = await benchServer(DATABASE);

async function seed() {
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await admin.unsafe(`create database ${DATABASE}`);
  await admin.end();
  await migrateDatabase(url.toString());
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const hash = await hashPassword(PASSWORD);
  console.log(
    "seeding: people, a 500-reply thread, 5,000 threads, 1,000,000 posts to search, 10,000 ideas…",
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
        'Corpus thread ' || t, 99, 100 from generate_series(1, ${CORPUS_THREADS}) t`;
    // The million posts go in before the search indexes: building a GIN index once is far
    // quicker than growing it a row at a time. A post in 5,000 also says "quokka" (a rare word)
    // and one in 20,000 "quokka sighting" (a rare phrase).
    const searchIndexes = await tx<{ indexname: string; indexdef: string }[]>`
      select indexname, indexdef from pg_indexes
      where tablename = 'posts' and indexdef like '%USING gin%'`;
    for (const index of searchIndexes) await tx.unsafe(`drop index ${index.indexname}`);
    await tx`insert into posts (thread_id, author_id, position, body, body_html, body_text, search_title, created_at)
      select t.id, t.author_id, p, '{"type":"doc","content":[]}'::jsonb, '<p>' || text || '</p>', text,
        case when p = 1 then t.title end, now() - (random() * 365) * interval '1 day'
      from threads t join spaces s on s.id = t.space_id and s.slug = 'corpus'
      cross join generate_series(1, 100) p
      cross join lateral (select st.text || case when (hashtext(t.id::text) # p) % 20000 = 0 then ' We saw a quokka sighting.'
          when (hashtext(t.id::text) # p) % 5000 = 0 then ' A quokka, of all things.' else '' end as text
        from sentences st where st.s = 1 + ((hashtext(t.id::text) # p) & 2047) % 2000) st`;
    await tx`set local maintenance_work_mem = '256MB'`;
    for (const index of searchIndexes) await tx.unsafe(index.indexdef);
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
  await seedModeration(sql, hash);
  await seedPostingCheck(sql);
  await seedNotifications(sql);
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

/**
 * The moderation queue: a moderator (not staff: they see only the spaces they can see), 2,000
 * pending reviews over corpus posts, threads and members, 5,000 open flags over them (heavy-tailed,
 * a few reviews past the 20 flags shown), a fifth of the content held; and 3,000 resolved reviews
 * with their upheld or dismissed flags, which the queue's partial indexes leave out. Skipped when
 * the moderator exists already (one transaction: all of it or none).
 */
async function seedModeration(sql: postgres.Sql, hash: string): Promise<boolean> {
  const [{ seeded }] =
    await sql`select exists (select 1 from users where email = 'moderator@bench.test') as seeded`;
  if (seeded) return false;
  const started = Date.now();
  await sql.begin(async (tx) => {
    const [moderator] = await tx`insert into users (email, display_name, handle, role)
      values ('moderator@bench.test', 'Bench Moderator', 'moderator', 'moderator') returning id`;
    await tx`insert into password_hashes (user_id, hash) values (${moderator.id}, ${hash})`;
    // Corpus threads by number: 'Corpus thread 17' is n = 17.
    await tx`create temporary table corpus_threads on commit drop as
      select t.id, substring(t.title from 15)::int as n
      from threads t join spaces s on s.id = t.space_id and s.slug = 'corpus'
      where t.title like 'Corpus thread %'`;
    // Pending, numbered r: 1–1,500 a reply in thread r, 1,501–1,900 thread r itself (its opening
    // post), 1,901–2,000 a member's profile. Every fifth post or thread is held: half by a watched
    // word (no flags), half by its flags. Random times are drawn in a subquery, once per row.
    await tx`insert into moderation_reviews (target_key, target_type, post_id, thread_id,
        subject_user_id, status, held_reason, created_at, last_activity_at)
      select case when position = 1 then 'thread:' || thread_id else 'post:' || post_id end,
        (case when position = 1 then 'thread' else 'post' end)::flag_target_type,
        post_id, thread_id, author_id, 'pending',
        case when r % 10 = 0 then 'Contains the watched word “' || (array['casino', 'forex', 'replica'])[1 + r % 3] || '”'
          when r % 10 = 5 then '3 members flagged it' end,
        at - opened, at
      from (select ct.n as r, p.id as post_id, ct.id as thread_id, p.author_id, p.position,
          now() - random() * interval '30 days' as at, random() * interval '2 days' as opened
        from corpus_threads ct join posts p on p.thread_id = ct.id
          and p.position = case when ct.n <= 1500 then 2 + ct.n % 99 else 1 end
        where ct.n <= 1900) t`;
    await tx`insert into moderation_reviews (target_key, target_type, subject_user_id, status, created_at, last_activity_at)
      select 'user:' || id, 'user', id, 'pending', at - opened, at
      from (select u.id, now() - random() * interval '30 days' as at, random() * interval '2 days' as opened
        from generate_series(1, 100) k join users u on u.handle = 'member' || k) t`;
    await tx`update posts set moderation = 'held', moderation_reason = r.held_reason, moderated_at = r.created_at
      from moderation_reviews r where r.post_id = posts.id and r.status = 'pending' and r.held_reason is not null`;
    await tx`update threads set moderation = 'held'
      from moderation_reviews r where r.thread_id = threads.id and r.target_type = 'thread'
        and r.status = 'pending' and r.held_reason is not null`;
    // 5,000 open flags: one on each flagged review, the rest drawn towards a few of them. A
    // review's flaggers are distinct members (its j-th flag comes from member 7m + j).
    await tx`with flagged as (
        select id, last_activity_at, row_number() over (order by id) as m from moderation_reviews
        where status = 'pending' and (held_reason is null or held_reason not like 'Contains%')
      ), drawn as (
        select f, case when f <= (select count(*) from flagged) then f
          else 1 + floor((select count(*) from flagged) * random() ^ 1.5)::int end as m
        from generate_series(1, 5000) f
      ), numbered as (
        select m, row_number() over (partition by m order by f) as j from drawn
      )
      insert into flags (review_id, flagger_id, reason, note, status, created_at)
      select r.id, u.id, (array['spam', 'abusive', 'off_topic', 'confidential', 'other'])[1 + (n.m + n.j) % 5]::flag_reason,
        case when n.j % 4 = 1 then 'Posted in the wrong space, and it names a customer.' end,
        'open', r.last_activity_at - (n.j - 1) * interval '1 hour'
      from numbered n join flagged r on r.m = n.m
      join users u on u.handle = 'member' || (1 + (n.m * 7 + n.j) % 300)`;
    // 3,000 resolved: two other replies in each of threads 1–1,500, one to three flags each, half
    // upheld (the reply hidden, its author told) and half dismissed.
    await tx`insert into moderation_reviews (target_key, target_type, post_id, thread_id,
        subject_user_id, status, created_at, last_activity_at, resolved_at, resolved_by_id, resolution)
      select 'post:' || post_id, 'post', post_id, thread_id, author_id, 'resolved', at, at,
        at + interval '3 hours', ${moderator.id},
        case when upheld then 'Hidden by a moderator' else 'Restored: no action needed' end
      from (select p.id as post_id, ct.id as thread_id, p.author_id, (ct.n + p.position) % 2 = 0 as upheld,
          now() - random() * interval '90 days' as at
        from corpus_threads ct join posts p on p.thread_id = ct.id
          and p.position in (2 + (ct.n + 50) % 99, 2 + (ct.n + 25) % 99)
        where ct.n <= 1500) t`;
    await tx`insert into flags (review_id, flagger_id, reason, status, created_at)
      select r.id, u.id, (array['spam', 'abusive', 'off_topic', 'confidential', 'other'])[1 + (r.m + j) % 5]::flag_reason,
        (case when r.resolution like 'Hidden%' then 'upheld' else 'dismissed' end)::flag_status,
        r.created_at - j * interval '1 hour'
      from (select id, created_at, resolution, row_number() over (order by id) as m
        from moderation_reviews where status = 'resolved') r
      cross join lateral generate_series(1, 1 + (r.m % 3)::int) j
      join users u on u.handle = 'member' || (1 + (r.m * 11 + j) % 300)`;
    await tx`update posts set moderation = 'hidden', moderation_reason = 'Off topic for this space', moderated_at = r.resolved_at
      from moderation_reviews r where r.post_id = posts.id and r.status = 'resolved' and r.resolution like 'Hidden%'`;
    await tx`insert into moderation_notices (user_id, action, reason, post_id, thread_id, subject, actor_id, created_at)
      select r.subject_user_id, 'hidden', 'Off topic for this space', r.post_id, r.thread_id,
        'A reply in “' || t.title || '”', r.resolved_by_id, r.resolved_at
      from moderation_reviews r join threads t on t.id = r.thread_id
      where r.status = 'resolved' and r.resolution like 'Hidden%'`;
  });
  const [counts] = await sql`select
      (select count(*)::int from moderation_reviews where status = 'pending') as pending,
      (select count(*)::int from flags where status = 'open') as open,
      (select count(*)::int from moderation_reviews where status = 'resolved') as resolved`;
  console.log(
    `moderation: ${counts.pending.toLocaleString("en-US")} pending reviews with ${counts.open.toLocaleString("en-US")} open flags, ${counts.resolved.toLocaleString("en-US")} resolved, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return true;
}

/**
 * The posting check: 500 watched words, and a member at trust level 1 with 1,000 posts of about
 * 2,000 characters in a corpus thread, the newest 60 (an hour's allowance) moved into the
 * duplicate window before measuring. Skipped when the member exists already.
 */
async function seedPostingCheck(sql: postgres.Sql): Promise<boolean> {
  const [{ seeded }] =
    await sql`select exists (select 1 from users where email = 'poster@bench.test') as seeded`;
  if (seeded) return false;
  const started = Date.now();
  const phrases = watchedPhrases();
  await sql.begin(async (tx) => {
    await tx`insert into watched_words (phrase, action, created_by_id)
      select phrase, (case when n % 4 = 0 then 'block' else 'hold' end)::watched_word_action,
        (select id from users where handle = 'staff')
      from unnest(${tx.array(phrases)}::text[]) with ordinality as w(phrase, n)`;
    const [poster] =
      await tx`insert into users (email, display_name, handle, role, account_id, trust_level)
      values ('poster@bench.test', 'Bench Poster', 'poster', 'member', (select id from accounts order by revenue_cents desc limit 1), 1)
      returning id`;
    const [thread] =
      await tx`insert into threads (space_id, author_id, title, reply_count, last_position)
      values ((select id from spaces where slug = 'corpus'), ${poster.id}, 'A busy poster''s thread', 999, 1000) returning id`;
    await tx`insert into posts (thread_id, author_id, position, body, body_html, body_text, search_title, created_at)
      select ${thread.id}, ${poster.id}, p, '{"type":"doc","content":[]}'::jsonb,
        '<p>' || ${POST_TEXT} || ' Update ' || p || '.</p>', ${POST_TEXT} || ' Update ' || p || '.',
        case when p = 1 then 'A busy poster''s thread' end, now() - (1000 - p) * interval '40 minutes'
      from generate_series(1, 1000) p`;
  });
  console.log(
    `posting check: ${phrases.length} watched words, a member with 1,000 posts, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return true;
}

/**
 * 5,000 notifications for the reader, from the replies of the long thread and the busy poster's
 * thread: the notifications page groups them per thread and reason within its window.
 */
async function seedNotifications(sql: postgres.Sql): Promise<boolean> {
  const [{ seeded }] = await sql`select exists (select 1 from notifications n
    join users u on u.id = n.user_id where u.email = 'reader@bench.test') as seeded`;
  if (seeded) return false;
  await sql`insert into notifications (user_id, kind, thread_id, post_id, actor_id, created_at)
    select (select id from users where email = 'reader@bench.test'),
      (case when p.position % 7 = 0 then 'mention' else 'reply' end)::notification_kind,
      p.thread_id, p.id, p.author_id, now() - p.position * interval '3 minutes'
    from posts p join threads t on t.id = p.thread_id
    where t.title in ('A thread with 500 replies', 'A busy poster''s thread')
    order by p.position limit 5000`;
  return true;
}

async function benchIds(sql: postgres.Sql) {
  const [thread] = await sql`select t.id, p.id as post_id from threads t
    join posts p on p.thread_id = t.id and p.position = 1 where t.title = 'A thread with 500 replies'`;
  const [proposal] =
    await sql`select id from threads where title = 'A proposal with 200 revisions'`;
  const [item] = await sql`select e.item_id from backlog_evidence e
    join backlog_items i on i.id = e.item_id and i.status <> 'shipped'
    group by e.item_id order by count(*) desc, e.item_id limit 1`;
  return {
    busiestItemId: item.item_id as string,
    longThreadId: thread.id as string,
    editedPostId: thread.post_id as string,
    proposalId: proposal.id as string,
  };
}

const { longThreadId, editedPostId, proposalId, busiestItemId } = process.env.BENCH_REUSE
  ? await existing()
  : await seed();

/**
 * BENCH_REUSE: the database as seeded before, brought up to the current schema and given the
 * rows of targets added since (each seeding step skips itself when its rows are there). Seeds
 * from scratch when there is no bench database yet.
 */
async function existing() {
  const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
  const [found] = await admin`select 1 from pg_database where datname = ${DATABASE}`;
  await admin.end();
  if (!found) return seed();
  await migrateDatabase(url.toString());
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const addedModeration = await seedModeration(sql, await hashPassword(PASSWORD));
  const addedPosting = await seedPostingCheck(sql);
  const addedNotifications = await seedNotifications(sql);
  if (addedModeration || addedPosting || addedNotifications) await sql`analyze`;
  const ids = await benchIds(sql);
  await sql.end();
  return ids;
}
const server = await startBenchServer(url.toString(), PORT);
try {
  const cookies = {
    member: await signIn(server.base, "reader@bench.test", PASSWORD),
    staff: await signIn(server.base, "staff@bench.test", PASSWORD),
    moderator: await signIn(server.base, "moderator@bench.test", PASSWORD),
    // A token per API target: each stays inside a token's hourly budget.
    memberApi: await benchApiToken("reader@bench.test"),
    staffApi: await benchApiToken("staff@bench.test"),
    staffMembersApi: await benchApiToken("staff@bench.test"),
  };
  const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;
  const chosen = (list: PageTarget[]) => list.filter((target) => !only || only.test(target.name));
  // The pages held to a share of the ceiling, at RATIO_CONNECTIONS: the ceiling serves the same
  // 30 posts as the first of them.
  const ratioTargets = chosen([
    { name: "thread page 1 (of 17), 30 posts", path: `/t/${longThreadId}?page=1`, budget: "" },
    { name: "space thread list, 5,000 threads", path: "/spaces/big", budget: "" },
    { name: "ideas board by top, 10,000 ideas", path: "/ideas?sort=top", budget: "" },
    { name: "proposal page, 200 revisions", path: `/t/${proposalId}`, budget: "" },
    { name: "backlog, 1,000 items (staff)", path: "/staff/backlog", budget: "", as: "staff" },
    { name: "home page with the first-run welcome", path: "/", budget: "" },
  ]);
  if (ratioTargets.length > 0) {
    const ceiling = await startCeilingServer(url.toString(), longThreadId, CEILING_PORT);
    try {
      const loadBefore = loadAverage();
      const rows = await measureRatios(server, ceiling, ratioTargets, cookies, "member");
      console.log(
        `\nagainst the ceiling, ${DURATION} s each, ${RATIO_CONNECTIONS} connections, alternating (load average before ${loadBefore}, after ${loadAverage()}):\n`,
      );
      for (const row of rows) console.log(row);
    } finally {
      await ceiling.stop();
    }
  }
  const targets: PageTarget[] = chosen([
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
      name: "API: ideas by top, 10,000 ideas",
      path: "/api/v1/ideas?sort=top&limit=100",
      budget: "p99 < 100 ms",
      as: "memberApi",
    },
    {
      name: "API: ideas by value (staff token)",
      path: "/api/v1/ideas?sort=value&limit=100",
      budget: "p99 < 100 ms",
      as: "staffApi",
    },
    {
      name: "API: members, first page (staff token)",
      path: "/api/v1/members",
      budget: "p99 < 100 ms",
      as: "staffMembersApi",
    },
    { name: "exports (staff)", path: "/staff/exports", budget: "p99 < 100 ms", as: "staff" },
    {
      name: "similar ideas over 10,000 ideas",
      path: "/resources/similar-ideas?q=renewal+forecast+dashboard",
      budget: "p95 < 50 ms",
    },
    // Common words match hundreds of thousands of the million posts; rare ones a few hundred.
    ...[
      ["common words", "renewal forecast"],
      ["a common word", "renewal"],
      ["a common phrase", '"renewal forecast"'],
      ["a rare word", "quokka"],
      ["a rare phrase", '"quokka sighting"'],
      ["newest first, common word", "renewal&sort=newest"],
    ].map(([what, q]) => ({
      name: `search 1M posts: ${what}`,
      path: `/search?q=${q.includes("&") ? q : encodeURIComponent(q)}`,
      budget: "p95 < 100 ms",
    })),
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
    { name: "staff workspace home", path: "/staff", budget: "p99 < 150 ms", as: "staff" },
    {
      name: "backlog item with the most evidence",
      path: `/staff/backlog/${busiestItemId}`,
      budget: "p99 < 150 ms",
      as: "staff",
    },
    {
      name: "shipping preview: who will hear, each message",
      path: `/staff/backlog/${busiestItemId}/status?to=shipped`,
      budget: "p99 < 150 ms",
      as: "staff",
    },
    {
      name: "notifications, 5,000 grouped per thread",
      path: "/notifications",
      budget: "p99 < 100 ms",
    },
    // A moderator, not staff: the queue passes each review through the spaces they can see.
    {
      name: "moderation queue, 5,000 open flags",
      path: "/mod/queue",
      budget: "p99 < 100 ms",
      as: "moderator",
    },
    {
      name: "history, 50,000 characters edited 100 times",
      path: `/p/${editedPostId}/history`,
      budget: "p99 < 100 ms",
    },
  ]);
  const rows = await measurePages(server, targets, cookies, "member");
  console.log(
    `\n${DURATION} s each, ${CONNECTIONS} connections, on ${process.env.TEST_DATABASE_URL ? "the given server" : "embedded PostgreSQL"}:\n`,
  );
  for (const row of rows) console.log(row);
  if (!only) {
    console.log(`\nin this process, ${DURATION} s, one call at a time:\n`);
    console.log(await benchPostingCheck());
  }
} finally {
  await server.stop();
  await closeDatabase();
  await embedded?.stop();
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(" ");
}

/** A read token for a bench person, written as the tokens page writes one. */
async function benchApiToken(email: string): Promise<string> {
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    await sql`insert into api_tokens (user_id, name, prefix, secret_hash, scopes, expires_at)
      select id, 'bench', ${secret.slice(0, 10)}, ${createHash("sha256").update(secret).digest("hex")},
        array['read']::api_token_scope[], now() + interval '1 day'
      from users where email = ${email}`;
    return `Bearer ${secret}`;
  } finally {
    await sql.end();
  }
}

/**
 * `checkPosting` for a reply of about 2,000 characters by a member at trust level 1 whose last 60
 * posts are inside the duplicate window: the person and duplicate query, the watched words (the
 * matcher built once and reused for its 10 seconds, rebuilt when they run out, as in the app)
 * and the two rate-limit counters. Their rows are cleared between calls, untimed, or the member
 * would reach the limit.
 */
async function benchPostingCheck(): Promise<string> {
  process.env.DATABASE_URL = url.toString();
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const [poster] =
      await sql`select id, role, account_id from users where email = 'poster@bench.test'`;
    await sql`update posts set created_at = now() - (1000 - position) * interval '9 seconds'
      where author_id = ${poster.id} and position > 940`;
    const read = readPostContent(undefined, POST_TEXT);
    if (!read.ok) throw new Error(`the bench post doesn't parse: ${read.message}`);
    const viewer = { id: poster.id as string, role: poster.role, accountId: poster.account_id };
    const resetLimits = () =>
      sql`delete from rate_limits where key like ${`posting:%:${poster.id}:%`}`;
    const check = async () => {
      await resetLimits();
      const started = performance.now();
      const result = await checkPosting(viewer, "reply", read.content);
      const elapsed = performance.now() - started;
      if (!result.ok || result.holdReason)
        throw new Error(`the posting check refused the bench post: ${JSON.stringify(result)}`);
      return elapsed;
    };
    // Warm up: the first call builds the watched-word matcher; then JIT and the pool.
    for (let i = 0; i < 200; i++) await check();
    const samples: number[] = [];
    const until = performance.now() + DURATION * 1000;
    while (performance.now() < until) samples.push(await check());
    await resetLimits();
    samples.sort((a, b) => a - b);
    const at = (q: number) =>
      samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)].toFixed(2);
    return `${"posting check, 500 watched words".padEnd(42)} ${String(samples.length).padStart(6)} calls   p50 ${at(0.5).padStart(5)} ms   p95 ${at(0.95).padStart(5)} ms   p99 ${at(0.99).padStart(5)} ms   (target p99 < 5 ms)`;
  } finally {
    await sql.end();
  }
}
