import { sql, type SQL } from "drizzle-orm";
import {
  users,
  type Contribution,
  type CreditChoice,
  type BacklogStatus,
  type IdeaImportance,
  type ValueTier,
} from "#db/schema";
import { db, type Database } from "~/db.server";
import { uuidArray } from "~/utils/uuid-array";
import {
  latestInfluenceCte,
  signalSql,
  supporterInfluenceSql,
  tierMultiplierSql,
} from "./demand-weights.server";
import { creditAnswerSql } from "./consent.server";
import { postIdShownToUsersRow } from "./space-access.server";

type Executor = Pick<Database, "execute">;
/** Where a statement whose rows are not read can run: the app's database or a transaction. */
type StatementExecutor = { execute(query: SQL): PromiseLike<unknown> };

/**
 * Everyone an item's evidence speaks for, one row per (evidence, person, way), as SQL over the
 * items `which` selects (a condition on `e`, the evidence row):
 * - a whole thread: its author (for a proposal, its co-authors instead), an idea's voters with
 *   their importance, a proposal's endorsers;
 * - a post: its author; an excerpt: the author of the post it quotes.
 * Only customers' people count (a member with an account): staff don't make demand.
 */
function contributorsSql(which: SQL) {
  return sql`
    ev as (
      select e.id, e.item_id, e.kind, e.thread_id, e.post_id, t.kind as thread_kind,
        t.author_id as thread_author_id, t.title as thread_title
      from backlog_evidence e join threads t on t.id = e.thread_id
      where ${which}
    ),
    contrib_raw(item_id, evidence_id, user_id, via, importance, thread_title, post_id) as (
      select ev.item_id, ev.id, ev.thread_author_id, 'author', null::idea_importance,
        ev.thread_title, op.id
      from ev join posts op on op.thread_id = ev.thread_id and op.position = 1
      where ev.kind = 'thread' and ev.thread_kind <> 'proposal'
      union all
      select ev.item_id, ev.id, v.user_id, 'vote', v.importance, ev.thread_title, op.id
      from ev join idea_votes v on v.idea_id = ev.thread_id
        join posts op on op.thread_id = ev.thread_id and op.position = 1
      where ev.kind = 'thread'
      union all
      select ev.item_id, ev.id, c.user_id, 'coauthor', null, ev.thread_title, op.id
      from ev join proposal_coauthors c on c.thread_id = ev.thread_id and c.status = 'accepted'
        join posts op on op.thread_id = ev.thread_id and op.position = 1
      where ev.kind = 'thread'
      union all
      select ev.item_id, ev.id, en.user_id, 'endorsement', null, ev.thread_title, op.id
      from ev join proposal_endorsements en on en.thread_id = ev.thread_id
        join posts op on op.thread_id = ev.thread_id and op.position = 1
      where ev.kind = 'thread'
      union all
      select ev.item_id, ev.id, p.author_id, ev.kind::text, null, ev.thread_title, p.id
      from ev join posts p on p.id = ev.post_id
      where ev.kind in ('post', 'excerpt')
    ),
    contrib as (
      select cr.*, u.account_id, ${signalSql(sql`cr.importance`)} as signal
      from contrib_raw cr join users u on u.id = cr.user_id
      where u.role = 'member' and u.account_id is not null
    )`;
}

/**
 * A contribution (`c`, a row of `contrib`) its contributor can still see: its post passes the
 * thread and post rules for them. Whoever lost sight of it is not told about it, nor asked.
 */
const seenByContributor = sql`exists (select 1 from ${users}
  where ${users.id} = c.user_id and ${postIdShownToUsersRow(sql`c.post_id`)})`;

/**
 * Recomputes the demand columns of the items `which` selects (a condition on `e`, an evidence
 * row, or `true` for all), in one statement, set-based: items that lost all their evidence go
 * back to zero. Called in the transaction that changed the evidence, votes or endorsements.
 */
async function refreshDemand(executor: StatementExecutor, which: SQL, itemIds: SQL) {
  await executor.execute(sql`
    with ${contributorsSql(which)}, ${latestInfluenceCte},
    people as (
      select item_id, user_id, account_id, max(signal) as signal,
        max(case importance when 'critical' then 3 when 'important' then 2
          when 'nice_to_have' then 1 end) as vote_rank
      from contrib group by item_id, user_id, account_id
    ),
    per_account as (
      select p.item_id, p.account_id, max(p.signal) as signal, a.revenue_cents,
        a.lifetime_value_cents, coalesce(at.tier, 'rest') as tier, ${tierMultiplierSql} as multiplier
      from people p join accounts a on a.id = p.account_id
        left join account_tiers at on at.account_id = p.account_id
      group by p.item_id, p.account_id, a.revenue_cents, a.lifetime_value_cents, at.tier
    ),
    member_totals as (
      select p.item_id, count(*)::int as member_count,
        count(*) filter (where p.vote_rank = 3)::int as critical_count,
        count(*) filter (where p.vote_rank = 2)::int as important_count,
        count(*) filter (where p.vote_rank = 1)::int as nice_count,
        sum(p.signal * ${supporterInfluenceSql})::float8 as influence_weighted
      from people p
        left join latest_influence li on true
        left join member_influence mi on mi.run_id = li.id and mi.user_id = p.user_id
      group by p.item_id
    ),
    account_totals as (
      select item_id, count(*)::int as account_count,
        sum(revenue_cents)::bigint as revenue_cents,
        sum(lifetime_value_cents)::bigint as ltv_cents,
        coalesce(sum(revenue_cents) filter (where tier = 'top1'), 0)::bigint as top1_revenue,
        coalesce(sum(revenue_cents) filter (where tier = 'top10'), 0)::bigint as top10_revenue,
        count(*) filter (where tier = 'top1')::int as top1_accounts,
        count(*) filter (where tier = 'top10')::int as top10_accounts,
        sum(signal * multiplier)::int as weighted
      from per_account group by item_id
    )
    update backlog_items bi set
      member_count = coalesce(m.member_count, 0),
      critical_count = coalesce(m.critical_count, 0),
      important_count = coalesce(m.important_count, 0),
      nice_to_have_count = coalesce(m.nice_count, 0),
      account_count = coalesce(a.account_count, 0),
      revenue_cents = coalesce(a.revenue_cents, 0),
      lifetime_value_cents = coalesce(a.ltv_cents, 0),
      top1_revenue_cents = coalesce(a.top1_revenue, 0),
      top10_revenue_cents = coalesce(a.top10_revenue, 0),
      top1_account_count = coalesce(a.top1_accounts, 0),
      top10_account_count = coalesce(a.top10_accounts, 0),
      weighted_score = coalesce(a.weighted, 0),
      influence_weighted = coalesce(m.influence_weighted, 0)
    from (select unnest(${itemIds}) as id) target
      left join member_totals m on m.item_id = target.id
      left join account_totals a on a.item_id = target.id
    where bi.id = target.id`);
}

/** After an item's evidence changed. */
export async function refreshItemDemand(executor: Executor, itemId: string) {
  await refreshDemand(executor, sql`e.item_id = ${itemId}`, sql`array[${itemId}::uuid]`);
}

/**
 * After threads' supporters changed (votes, endorsements, co-authors): the items they are
 * evidence for. An index lookup when they are evidence for nothing, so every vote can call it.
 */
export async function refreshDemandForThreads(executor: Executor, threadIds: string[]) {
  const items = sql`array(select distinct item_id from backlog_evidence
    where thread_id = any(${uuidArray(threadIds)}::uuid[]))`;
  await refreshDemand(executor, sql`e.item_id = any(${items})`, items);
}

/** After accounts' revenue or tiers changed, or a new influence run: every item, in one statement. */
export async function refreshAllDemand(executor: StatementExecutor = db) {
  await refreshDemand(executor, sql`true`, sql`array(select id from backlog_items)`);
}

export type DemandPerson = {
  userId: string;
  name: string;
  handle: string;
  credit: CreditChoice | null;
  /** The strongest importance among their votes. */
  importance: IdeaImportance | null;
  /** How they contributed, each vote with its own importance. */
  via: (Contribution & { importance: IdeaImportance | null })[];
};
export type DemandAccount = {
  accountId: string;
  name: string;
  segment: string;
  tier: ValueTier;
  revenueCents: number;
  lifetimeValueCents: number;
  signal: number;
  multiplier: number;
  people: DemandPerson[];
};

/** The rows behind one item's demand: at most this many (person, way) pairs are read. */
const BREAKDOWN_ROWS = 5_000;

/**
 * Who is behind an item's numbers, by account (highest weight first), each person with the
 * evidence they came through and whether they agreed to be credited. One query.
 */
export async function getDemandBreakdown(itemId: string) {
  const rows = await db.execute<{
    account_id: string;
    account_name: string;
    segment: string;
    tier: ValueTier;
    revenue_cents: string;
    lifetime_value_cents: string;
    multiplier: number;
    user_id: string;
    display_name: string;
    handle: string;
    credit: CreditChoice | null;
    via: Contribution["via"];
    importance: IdeaImportance | null;
    signal: number;
    thread_title: string;
    post_id: string;
  }>(sql`
    with ${contributorsSql(sql`e.item_id = ${itemId}`)}
    select c.account_id, a.name as account_name, a.segment, coalesce(at.tier, 'rest') as tier,
      a.revenue_cents, a.lifetime_value_cents, ${tierMultiplierSql} as multiplier,
      c.user_id, u.display_name, u.handle, ${creditAnswerSql(sql`c.user_id`)} as credit, c.via, c.importance, c.signal,
      c.thread_title, c.post_id
    from contrib c
      join accounts a on a.id = c.account_id
      left join account_tiers at on at.account_id = c.account_id
      join users u on u.id = c.user_id
    order by a.revenue_cents desc, a.id, u.display_name, u.id
    limit ${BREAKDOWN_ROWS}`);
  const accounts = new Map<string, DemandAccount>();
  for (const row of rows) {
    let account = accounts.get(row.account_id);
    if (!account) {
      account = {
        accountId: row.account_id,
        name: row.account_name,
        segment: row.segment,
        tier: row.tier,
        revenueCents: Number(row.revenue_cents),
        lifetimeValueCents: Number(row.lifetime_value_cents),
        signal: 0,
        multiplier: row.multiplier,
        people: [],
      };
      accounts.set(row.account_id, account);
    }
    account.signal = Math.max(account.signal, row.signal);
    let person = account.people.find((p) => p.userId === row.user_id);
    if (!person) {
      person = {
        userId: row.user_id,
        name: row.display_name,
        handle: row.handle,
        credit: row.credit,
        importance: null,
        via: [],
      };
      account.people.push(person);
    }
    if (row.importance && rank(row.importance) > rank(person.importance)) {
      person.importance = row.importance;
    }
    person.via.push({
      via: row.via,
      threadTitle: row.thread_title,
      postId: row.post_id,
      importance: row.importance,
    });
  }
  return [...accounts.values()].sort(
    (a, b) => b.signal * b.multiplier - a.signal * a.multiplier || b.revenueCents - a.revenueCents,
  );
}

const rank = (importance: IdeaImportance | null) =>
  importance === "critical" ? 3 : importance === "important" ? 2 : importance ? 1 : 0;

/**
 * Each member an item's evidence speaks for, with their own contributions that they can still
 * see: who hears "you asked, we built" and what it names. One query; at most `limit` people.
 */
export async function listItemContributors(executor: Executor, itemId: string, limit: number) {
  const rows = await executor.execute<{
    user_id: string;
    contributions: Contribution[];
  }>(sql`
    with ${contributorsSql(sql`e.item_id = ${itemId}`)}
    select c.user_id,
      jsonb_agg(jsonb_build_object('via', c.via, 'threadTitle', c.thread_title, 'postId', c.post_id)
        order by c.thread_title) as contributions
    from contrib c
    where ${seenByContributor}
    group by c.user_id
    limit ${limit}`);
  return rows.map((row) => ({ userId: row.user_id, contributions: row.contributions }));
}

/**
 * The people whose own words or ideas some new evidence links (not voters or endorsers): they
 * are asked whether they may be credited. Returns those never asked before.
 */
export async function listPeopleToAskForCredit(executor: Executor, evidenceIds: string[]) {
  const rows = await executor.execute<{ user_id: string; contributions: Contribution[] }>(sql`
    with ${contributorsSql(sql`e.id = any(${uuidArray(evidenceIds)}::uuid[])`)}
    select c.user_id,
      jsonb_agg(jsonb_build_object('via', c.via, 'threadTitle', c.thread_title, 'postId', c.post_id))
        as contributions
    from contrib c
    where c.via in ('author', 'coauthor', 'post', 'excerpt')
      and not exists (select 1 from member_consents mc
        where mc.user_id = c.user_id and mc.purpose = 'credit')
      and ${seenByContributor}
    group by c.user_id`);
  return rows.map((row) => ({ userId: row.user_id, contributions: row.contributions }));
}

export type ItemCredits = {
  named: { name: string; handle: string }[];
  /** People credited anonymously, counted by their account's segment ("" when it has none). */
  anonymous: { segment: string; count: number }[];
  others: number;
};

/**
 * Who the roadmap and changelog credit for each item, by each person's current answer: by name,
 * anonymously ("a customer in <segment>"), or not at all (nor while unanswered). One query.
 */
export async function listCredits(itemIds: string[]) {
  const credits = new Map<string, ItemCredits>(
    itemIds.map((id) => [id, { named: [], anonymous: [], others: 0 }]),
  );
  if (itemIds.length === 0) return credits;
  const rows = await db.execute<{
    item_id: string;
    choice: CreditChoice | null;
    display_name: string;
    handle: string;
    segment: string;
  }>(sql`
    with ${contributorsSql(sql`e.item_id = any(${uuidArray(itemIds)}::uuid[])`)}
    select distinct on (c.item_id, c.user_id) c.item_id,
      ${creditAnswerSql(sql`c.user_id`)} as choice, u.display_name, u.handle, a.segment
    from contrib c
      join users u on u.id = c.user_id
      join accounts a on a.id = c.account_id
    order by c.item_id, c.user_id
    limit 20000`);
  for (const row of rows) {
    const item = credits.get(row.item_id);
    if (!item) continue;
    if (row.choice === "named") item.named.push({ name: row.display_name, handle: row.handle });
    else if (row.choice === "anonymous") {
      const group = item.anonymous.find((g) => g.segment === row.segment);
      if (group) group.count += 1;
      else item.anonymous.push({ segment: row.segment, count: 1 });
    } else item.others += 1;
  }
  for (const item of credits.values()) {
    item.named.sort((a, b) => a.name.localeCompare(b.name));
    item.anonymous.sort((a, b) => b.count - a.count || a.segment.localeCompare(b.segment));
  }
  return credits;
}

/**
 * The backlog items an account's people stand behind (their ideas, votes, proposals,
 * endorsements and quoted posts linked as evidence), the most-backed first: for the staff's
 * account page. One query; at most `limit` items.
 */
export async function listItemsBackedByAccount(accountId: string, limit: number) {
  const rows = await db.execute<{
    item_id: string;
    title: string;
    status: BacklogStatus;
    people: number;
    ways: Contribution["via"][];
    weighted_score: number;
  }>(sql`
    with ${contributorsSql(sql`true`)}
    select c.item_id, bi.title, bi.status, count(distinct c.user_id)::int as people,
      array_agg(distinct c.via) as ways, bi.weighted_score
    from contrib c join backlog_items bi on bi.id = c.item_id
    where c.account_id = ${accountId}
    group by c.item_id, bi.title, bi.status, bi.weighted_score
    order by count(distinct c.user_id) desc, bi.weighted_score desc, bi.title
    limit ${limit}`);
  return rows.map((row) => ({
    itemId: row.item_id,
    title: row.title,
    status: row.status,
    people: row.people,
    ways: row.ways,
  }));
}
