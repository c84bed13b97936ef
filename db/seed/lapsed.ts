import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { detectLapsedEntries } from "~/models/lapsed-detection.server";
import { readPostContent } from "~/models/post-content.server";
import type * as schema from "../schema";
import type { DemoPerson } from "./forums";
import { DAY_MS, HOUR_MS } from "./timeline";

type Db = Pick<PostgresJsDatabase<typeof schema>, "execute">;

/**
 * The demo's lapsed list: an account that was in the top 10% until the latest snapshot, and a
 * member who carried the conversation three months ago and has said nothing since; then the
 * detection the daily job runs, so the list is there on first start.
 */
export async function seedDemoLapsed(tx: Db, people: DemoPerson[], clock: { now: number }) {
  await seedLapsedTopAccount(tx);
  await seedLapsedContributor(tx, people, clock.now);
  await detectLapsedEntries(tx);
}

/**
 * The best-ranked account outside the top tiers today was inside them before: its earlier
 * snapshots are raised just above the smallest top-tier revenue of their date. Its latest values
 * (today's, the account's own) stay, so nothing it can see today changes.
 */
async function seedLapsedTopAccount(tx: Db) {
  await tx.execute(sql`
    with latest as (select max(as_of) as as_of from account_standings),
    target as (
      select s.account_id, s.revenue_cents from account_standings s, latest
      where s.as_of = latest.as_of and s.tier = 'rest'
      order by s.revenue_rank, s.account_id limit 1
    ),
    cut as (
      select s.as_of, min(s.revenue_cents) filter (where s.tier <> 'rest') as cents
      from account_standings s, latest where s.as_of < latest.as_of group by s.as_of
    )
    update account_snapshots sn
    set revenue_cents = greatest(round(t.revenue_cents * 1.5), round(cut.cents * 1.1))::bigint,
      gross_profit_cents = round(sn.gross_profit_cents * 1.5)::bigint
    from target t, cut
    where sn.account_id = t.account_id and sn.as_of = cut.as_of`);
  await tx.execute(sql`select refresh_account_standings('-infinity'::date)`);
}

const OPENING = [
  "How we run quarterly planning across three regions",
  "We moved planning from a spreadsheet marathon to a two-week rhythm. Week one: each region drafts its goals against the same three company outcomes. Week two: we meet once, trade-offs only. Happy to share the template if useful.",
];
const THREAD_REPLIES = [
  "The template is a one-pager per region: outcome, measure, owner, and what we stop doing. The last column is the one that matters.",
  "We publish the one-pagers in the community space for our team too, so people can comment before the meeting instead of during it.",
  "Third quarter running now: the meeting went from a full day to three hours. Dependencies are the last thing we still argue about.",
];
const SECOND = [
  "Measuring adoption of the reporting module per team",
  "Does anyone track adoption per team rather than per account? We count weekly active report viewers per team and it tells a different story from the account total.",
];
const SECOND_REPLIES = [
  "To answer my own question after a month: per-team numbers found two teams that had never opened a report. One training session fixed it.",
];

/**
 * A member of an account outside the top tiers, silent for the last month, becomes its most
 * active voice of three months ago: two threads of theirs, 60 to 90 days back, with colleagues
 * from other accounts answering (whose posts predate their own last activity).
 */
async function seedLapsedContributor(tx: Db, people: DemoPerson[], now: number) {
  const [chosen] = await tx.execute<{ id: string }>(sql`
    with recent as (
      select author_id as user_id from posts where created_at > now() - interval '35 days'
      union select user_id from idea_votes where created_at > now() - interval '35 days'
      union select user_id from post_reactions where created_at > now() - interval '35 days'
      union select user_id from proposal_endorsements where updated_at > now() - interval '35 days'
      union select author_id from proposal_comments where created_at > now() - interval '35 days'
    )
    select u.id from users u join account_tiers t on t.account_id = u.account_id
    where u.role = 'member' and u.status = 'active' and t.tier = 'rest'
      and u.created_at < now() - interval '89 days'
      and u.handle not in ('ines', 'sam')
      and u.id not in (select user_id from recent where user_id is not null)
    order by (select count(*) from posts p where p.author_id = u.id) desc, u.handle
    limit 1`);
  if (!chosen) throw new Error("The demo has no member to go quiet");
  const contributor = people.find((person) => person.id === chosen.id)!;
  const others = people
    .filter(
      (p) => p.role === "member" && p.accountId !== contributor.accountId && p.tier === "rest",
    )
    .filter((p) => p.joinedAt.getTime() < now - 89 * DAY_MS)
    .slice(0, 3);
  if (others.length < 2) throw new Error("The demo needs members to answer the contributor");
  const [space] = await tx.execute<{ id: string }>(
    sql`select id from spaces where slug = 'operations'`,
  );
  const at = (daysAgo: number, hours = 0) => new Date(now - daysAgo * DAY_MS + hours * HOUR_MS);
  await insertThread(tx, space.id, SECOND[0], [
    { author: contributor, text: SECOND[1], at: at(88) },
    { author: others[1], text: "We only track it per account. Curious what you find.", at: at(87) },
    { author: contributor, text: SECOND_REPLIES[0], at: at(80) },
  ]);
  await insertThread(tx, space.id, OPENING[0], [
    { author: contributor, text: OPENING[1], at: at(78) },
    {
      author: others[0],
      text: "Yes please: how do you keep the regions' goals comparable?",
      at: at(78, 3),
    },
    { author: contributor, text: THREAD_REPLIES[0], at: at(77) },
    { author: others[1], text: "Do you share them with the whole company?", at: at(76) },
    { author: contributor, text: THREAD_REPLIES[1], at: at(75) },
    { author: contributor, text: THREAD_REPLIES[2], at: at(66) },
  ]);
}

type PlannedPost = { author: DemoPerson; text: string; at: Date };

/** A thread with its posts and their first revisions, as the forum's write path keeps them. */
async function insertThread(tx: Db, spaceId: string, title: string, planned: PlannedPost[]) {
  const threadId = randomUUID();
  const first = planned[0];
  const last = planned.at(-1)!;
  await tx.execute(sql`
    insert into threads (id, space_id, author_id, kind, title, reply_count, last_position,
      created_at, last_activity_at)
    values (${threadId}, ${spaceId}, ${first.author.id}, 'discussion', ${title},
      ${planned.length - 1}, ${planned.length}, ${first.at.toISOString()},
      ${last.at.toISOString()})`);
  for (const [index, post] of planned.entries()) {
    const content = readPostContent(undefined, post.text);
    if (!content.ok) throw new Error(content.message);
    const postId = randomUUID();
    const { body, bodyHtml, bodyText } = content.content;
    const postTitle = index === 0 ? title : null;
    await tx.execute(sql`
      insert into posts (id, thread_id, author_id, position, body, body_html, body_text,
        search_title, created_at)
      values (${postId}, ${threadId}, ${post.author.id}, ${index + 1}, ${JSON.stringify(body)}::jsonb,
        ${bodyHtml}, ${bodyText}, ${postTitle}, ${post.at.toISOString()})`);
    await tx.execute(sql`
      insert into post_revisions (post_id, revision, title, body, body_text, editor_id, created_at)
      values (${postId}, 1, ${postTitle}, ${JSON.stringify(body)}::jsonb, ${bodyText},
        ${post.author.id}, ${post.at.toISOString()})`);
  }
}
