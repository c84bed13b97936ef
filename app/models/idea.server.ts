import { and, asc, desc, eq, gt, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import {
  accounts,
  accountTiers,
  ideas,
  ideaStatusChanges,
  ideaVotes,
  posts,
  spaces,
  threads,
  threadWatches,
  tags,
  threadTags,
  users,
  type IdeaImportance,
  type IdeaStatus,
} from "#db/schema";
import { IDEA_IMPORTANCES, TRENDING_DAYS, VOTABLE_IDEA_STATUSES } from "#db/schema/values";
import { can, decideIdeaAction, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { alias } from "drizzle-orm/pg-core";
import type { IdeaSort } from "~/utils/labels";
import { recordAuditEvent } from "./audit.server";
import { refreshDemandForThreads } from "./backlog-demand.server";
import {
  latestInfluenceCte,
  signalSql,
  supporterInfluenceSql,
  tierMultiplierSql,
} from "./demand-weights.server";
import { mayReadInfluence } from "./influence-read.server";
import { threadVisibleTo, threadVisibleToUsersRow } from "./space-access.server";
import { tagVisibleTo } from "./tag.server";
import { findPersonByHandleOrEmail } from "./user.server";
import { Refusal, requireAllowed } from "./refusal.server";

type Transaction = Parameters<Parameters<typeof db.transaction>[0]>[0];

export const IDEAS_PAGE_SIZE = 25;
/** How many status changes an idea page lists; older ones are summarized by their count. */
const STATUS_HISTORY_SHOWN = 20;

export function isVotable(status: IdeaStatus): boolean {
  return (VOTABLE_IDEA_STATUSES as readonly string[]).includes(status);
}

/**
 * Makes a new thread an idea, inside the transaction that creates it. A customer's own idea
 * carries their vote from the start.
 */
export async function startIdea(tx: Transaction, viewer: Viewer, threadId: string) {
  const authorVotes = can(viewer, "vote:idea:own");
  await tx.insert(ideas).values({ threadId, voteCount: authorVotes ? 1 : 0 });
  if (authorVotes) {
    await tx
      .insert(ideaVotes)
      .values({ ideaId: threadId, userId: viewer.id, importance: "important" });
    await recountVotes(tx, [threadId]);
  }
}

/** The idea part of an idea's page: status, votes by importance, the viewer's vote, history. */
export async function getIdea(viewer: Viewer, threadId: string) {
  const [idea] = await db
    .select({
      status: ideas.status,
      voteCount: ideas.voteCount,
      mergedInto: sql<{ id: string; title: string } | null>`(
        select json_build_object('id', ${threads.id}, 'title', ${threads.title}) from ${threads}
        where ${eq(threads.id, ideas.mergedIntoId)})`,
      myImportance: sql<IdeaImportance | null>`(select ${ideaVotes.importance} from ${ideaVotes} where ${and(eq(ideaVotes.ideaId, ideas.threadId), eq(ideaVotes.userId, viewer.id))})`,
      myVoteAddedBy: sql<
        string | null
      >`(select ${users.displayName} from ${ideaVotes} join ${users} on ${eq(users.id, ideaVotes.addedById)} where ${and(eq(ideaVotes.ideaId, ideas.threadId), eq(ideaVotes.userId, viewer.id))})`,
      breakdown: sql<Record<IdeaImportance, number> | null>`(
        select jsonb_object_agg(${ideaVotes.importance}, n) from (
          select ${ideaVotes.importance}, count(*)::int as n from ${ideaVotes}
          where ${eq(ideaVotes.ideaId, ideas.threadId)} group by ${ideaVotes.importance}
        ) counted)`,
    })
    .from(ideas)
    .where(eq(ideas.threadId, threadId));
  if (!idea) return null;
  const history = await db
    .select({
      id: ideaStatusChanges.id,
      fromStatus: ideaStatusChanges.fromStatus,
      toStatus: ideaStatusChanges.toStatus,
      postId: ideaStatusChanges.postId,
      createdAt: ideaStatusChanges.createdAt,
      changedByName: users.displayName,
    })
    .from(ideaStatusChanges)
    .leftJoin(users, eq(users.id, ideaStatusChanges.changedById))
    .where(eq(ideaStatusChanges.ideaId, threadId))
    .orderBy(desc(ideaStatusChanges.createdAt))
    .limit(STATUS_HISTORY_SHOWN);
  const breakdown = Object.fromEntries(
    IDEA_IMPORTANCES.map((importance) => [importance, idea.breakdown?.[importance] ?? 0]),
  ) as Record<IdeaImportance, number>;
  return {
    ...idea,
    breakdown,
    votable: isVotable(idea.status) && !idea.mergedInto,
    history,
  };
}

/**
 * Casts or changes the viewer's vote. The idea's row is locked, so concurrent votes take turns
 * and the count stays exact; the primary key makes a repeated vote an update. Voters watch the
 * idea, so its replies and status messages reach them.
 */
export async function castVote(viewer: Viewer, ideaId: string, importance: IdeaImportance) {
  await db.transaction(async (tx) => {
    await requireVotableIdea(tx, viewer, ideaId, "vote");
    const [vote] = await tx
      .insert(ideaVotes)
      .values({ ideaId, userId: viewer.id, importance })
      .onConflictDoUpdate({
        target: [ideaVotes.ideaId, ideaVotes.userId],
        set: { importance, updatedAt: new Date() },
      })
      // xmax is 0 on a freshly inserted row, and set on an updated one.
      .returning({ inserted: sql<boolean>`xmax = 0` });
    if (vote.inserted) await recountVotes(tx, [ideaId]);
    // A changed importance changes the weighted demand of the backlog items the idea backs.
    else await refreshDemandForThreads(tx, [ideaId]);
    await tx
      .insert(threadWatches)
      .values({ userId: viewer.id, threadId: ideaId })
      .onConflictDoNothing();
  });
}

export async function withdrawVote(viewer: Viewer, ideaId: string) {
  await db.transaction(async (tx) => {
    await requireVotableIdea(tx, viewer, ideaId, "vote");
    const removed = await tx
      .delete(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, ideaId), eq(ideaVotes.userId, viewer.id)))
      .returning({ ideaId: ideaVotes.ideaId });
    if (removed.length > 0) await recountVotes(tx, [ideaId]);
  });
}

/**
 * The idea a vote is about, locked, once the policy allows the vote: the idea must be one the
 * actor may see (the thread rule, in the query), the actor's role must vote (customers) or
 * record votes (staff), and the idea must take votes. Every path to a vote meets this.
 */
async function requireVotableIdea(
  tx: Transaction,
  actor: Viewer,
  ideaId: string,
  action: "vote" | "proxy-vote",
) {
  const [idea] = await tx
    .select({ status: ideas.status, mergedIntoId: ideas.mergedIntoId })
    .from(ideas)
    .innerJoin(threads, eq(threads.id, ideas.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(and(eq(ideas.threadId, ideaId), threadVisibleTo(actor)))
    .for("update", { of: ideas });
  if (!idea) throw new Refusal("No such idea.", 404);
  requireAllowed(decideIdeaAction(actor, { votable: true }, action));
  if (idea.mergedIntoId) {
    throw new Refusal("This idea was merged into another: vote for that one.", 409);
  }
  if (!isVotable(idea.status)) {
    throw new Refusal("This idea is no longer open for voting.", 409);
  }
}

/**
 * Moves an idea to a new status, recorded with who did it and the staff reply that explains it
 * (already posted, so watchers and voters were notified through the thread).
 */
export async function setIdeaStatus(
  actor: Viewer,
  ideaId: string,
  status: IdeaStatus,
  postId: string | null,
) {
  if (!can(actor, "set-status:idea:any")) {
    throw new Refusal("Only staff change an idea's status or merge ideas.", 403);
  }
  await db.transaction(async (tx) => {
    const [idea] = await tx
      .select({ status: ideas.status })
      .from(ideas)
      .where(eq(ideas.threadId, ideaId))
      .for("update");
    if (!idea) throw new Refusal("No such idea.", 404);
    if (idea.status === status) {
      throw new Refusal("The idea already has that status.", 409);
    }
    const now = new Date();
    await tx.update(ideas).set({ status, statusChangedAt: now }).where(eq(ideas.threadId, ideaId));
    await tx.insert(ideaStatusChanges).values({
      ideaId,
      fromStatus: idea.status,
      toStatus: status,
      changedById: actor.id,
      postId,
      createdAt: now,
    });
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "idea.status_changed",
        targetType: "thread",
        targetId: ideaId,
        details: { from: idea.status, to: status },
      },
      tx,
    );
  });
}

export type IdeaBoardQuery = {
  sort: IdeaSort;
  status?: IdeaStatus;
  spaceSlug?: string;
  tagId?: string;
  mine?: boolean;
  voted?: boolean;
  page: number;
};

/** One page of the ideas the viewer can see, filtered and sorted, with the viewer's vote. */
export async function listIdeasBoard(viewer: Viewer, query: IdeaBoardQuery) {
  const since = new Date(Date.now() - TRENDING_DAYS * 24 * 3_600_000);
  // Counted once over the recent votes (an index on their time), not once per idea.
  const recent = db
    .select({ ideaId: ideaVotes.ideaId, votes: sql<number>`count(*)`.as("recent_votes") })
    .from(ideaVotes)
    .where(gt(ideaVotes.createdAt, since))
    .groupBy(ideaVotes.ideaId)
    .as("recent");
  // A merged idea lives on in the idea it was merged into.
  const conditions: SQL[] = [threadVisibleTo(viewer), isNull(ideas.mergedIntoId)];
  if (query.status) conditions.push(eq(ideas.status, query.status));
  if (query.spaceSlug) conditions.push(eq(spaces.slug, query.spaceSlug));
  if (query.mine) conditions.push(eq(threads.authorId, viewer.id));
  if (query.tagId) {
    conditions.push(
      sql`exists (select 1 from ${threadTags} join ${tags} on ${eq(tags.id, threadTags.tagId)} where ${and(eq(threadTags.threadId, ideas.threadId), eq(threadTags.tagId, query.tagId), tagVisibleTo(viewer))})`,
    );
  }
  if (query.voted) {
    conditions.push(
      sql`exists (select 1 from ${ideaVotes} where ${and(eq(ideaVotes.ideaId, ideas.threadId), eq(ideaVotes.userId, viewer.id))})`,
    );
  }
  const staffView = can(viewer, "read:account:any");
  const sort = query.sort === "value" && !staffView ? "top" : query.sort;
  const order = {
    top: [desc(ideas.voteCount), desc(threads.createdAt)],
    value: [desc(ideas.valueCents), desc(ideas.voteCount)],
    trending: [sql`coalesce(${recent.votes}, 0) desc`, desc(ideas.voteCount)],
    new: [desc(threads.createdAt)],
    updated: [desc(threads.lastActivityAt)],
  }[sort];
  const where = and(...conditions);
  const page = db
    .select({
      id: threads.id,
      title: threads.title,
      status: ideas.status,
      voteCount: ideas.voteCount,
      replyCount: threads.replyCount,
      moderation: threads.moderation,
      createdAt: threads.createdAt,
      spaceName: spaces.name,
      spaceSlug: spaces.slug,
      myImportance: ideaVotes.importance,
      valueCents: staffView ? ideas.valueCents : sql<null>`null`,
    })
    .from(ideas)
    .innerJoin(threads, eq(threads.id, ideas.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(ideaVotes, and(eq(ideaVotes.ideaId, ideas.threadId), eq(ideaVotes.userId, viewer.id)))
    .$dynamic();
  const sorted = (
    sort === "trending" ? page.leftJoin(recent, eq(recent.ideaId, ideas.threadId)) : page
  )
    .where(where)
    .orderBy(...order, asc(threads.id))
    .limit(IDEAS_PAGE_SIZE)
    .offset((query.page - 1) * IDEAS_PAGE_SIZE);
  const [rows, [{ total }]] = await Promise.all([
    sorted,
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(ideas)
      .innerJoin(threads, eq(threads.id, ideas.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(where),
  ]);
  return { ideas: rows, total, sort };
}

/** The spaces holding ideas the viewer can see, for the board's filter. */
export async function listIdeaSpaces(viewer: Viewer) {
  return db
    .select({ slug: spaces.slug, name: spaces.name })
    .from(spaces)
    .where(
      sql`exists (select 1 from ${threads} where ${and(eq(threads.spaceId, spaces.id), eq(threads.kind, "idea"), threadVisibleTo(viewer))})`,
    )
    .orderBy(asc(spaces.name));
}

/** How many voters an idea page lists at once. */
export const VOTERS_SHOWN = 100;
const addedBy = alias(users, "added_by");

/**
 * Who voted. Staff see everyone with their account and its tier (to weigh demand); members see
 * the names of voters who chose to be shown, and how many others voted. Never emails.
 */
export async function listVoters(viewer: Viewer, ideaId: string) {
  const staffView = can(viewer, "read:account:any");
  const shown = staffView ? sql`true` : sql`(${users.showVotes} or ${users.id} = ${viewer.id})`;
  const rows = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      handle: users.handle,
      importance: ideaVotes.importance,
      createdAt: ideaVotes.createdAt,
      addedByName: addedBy.displayName,
      proxyNote: staffView ? ideaVotes.proxyNote : sql<string | null>`null`,
      accountName: staffView ? accounts.name : sql<string | null>`null`,
      tier: staffView ? accountTiers.tier : sql<string | null>`null`,
      // Counted before the limit, in the same query.
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(ideaVotes)
    .innerJoin(users, eq(users.id, ideaVotes.userId))
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountTiers, eq(accountTiers.accountId, users.accountId))
    .leftJoin(addedBy, eq(addedBy.id, ideaVotes.addedById))
    .where(and(eq(ideaVotes.ideaId, ideaId), shown))
    .orderBy(desc(ideaVotes.createdAt))
    .limit(VOTERS_SHOWN);
  const total = rows[0]?.total ?? 0;
  const voters = rows.map(({ total: _total, ...voter }) => voter);
  return { voters, shownTotal: total, staffView };
}

/**
 * Account value is staff-only data: for anyone else there is none, on any page. Supporters'
 * influence is shown only to those who may read influence.
 */
export async function getIdeaValueForViewer(viewer: Viewer, ideaId: string) {
  if (!can(viewer, "read:account:any")) return null;
  const value = await getIdeaValue(ideaId);
  return mayReadInfluence(viewer) ? value : { ...value, influenceWeighted: null };
}

/**
 * The value behind an idea, for staff: the accounts whose people voted, each counted once
 * however many of its people voted, with the revenue and lifetime value they represent and the
 * share of that revenue from top-1% and top-10% accounts (top 10% includes the top 1%); and its
 * demand three ways, by the backlog's rules (demand-rule.ts): the members who voted (raw), the
 * value-weighted score and the influence-weighted one. One query.
 */
async function getIdeaValue(ideaId: string) {
  const [row] = await db.execute<{
    members: number;
    accounts: number;
    revenue_cents: string | number;
    lifetime_value_cents: string | number;
    top1_revenue_cents: string | number;
    top10_revenue_cents: string | number;
    value_weighted: number;
    influence_weighted: number;
  }>(sql`
    with ${latestInfluenceCte},
    voters as (
      select ${users.accountId} as account_id, ${signalSql(sql`${ideaVotes.importance}`)} as signal,
        ${supporterInfluenceSql} as influence
      from ${ideaVotes}
      join ${users} on ${eq(users.id, ideaVotes.userId)}
      left join latest_influence li on true
      left join member_influence mi on mi.run_id = li.id and mi.user_id = ${users.id}
      where ${eq(ideaVotes.ideaId, ideaId)} and ${users.accountId} is not null
        and ${users.role} = 'member'
    ), voting_accounts as (
      select account_id as id, max(signal) as signal from voters group by account_id
    )
    select (select count(*)::int from voters) as members,
           (select coalesce(sum(influence * signal), 0)::float8 from voters) as influence_weighted,
           count(*)::int as accounts,
           coalesce(sum(a.revenue_cents), 0) as revenue_cents,
           coalesce(sum(a.lifetime_value_cents), 0) as lifetime_value_cents,
           coalesce(sum(a.revenue_cents) filter (where at.tier = 'top1'), 0) as top1_revenue_cents,
           coalesce(sum(a.revenue_cents) filter (where at.tier in ('top1', 'top10')), 0) as top10_revenue_cents,
           coalesce(sum(v.signal * ${tierMultiplierSql}), 0)::int as value_weighted
    from voting_accounts v
    join ${accounts} a on a.id = v.id
    left join ${accountTiers} at on at.account_id = v.id`);
  const revenue = Number(row.revenue_cents);
  const share = (part: string | number) => (revenue > 0 ? Number(part) / revenue : 0);
  return {
    accounts: row.accounts,
    revenueCents: revenue,
    lifetimeValueCents: Number(row.lifetime_value_cents),
    top1Share: share(row.top1_revenue_cents),
    top10Share: share(row.top10_revenue_cents),
    members: row.members,
    valueWeighted: row.value_weighted,
    influenceWeighted: row.influence_weighted as number | null,
  };
}

/**
 * Staff record a customer's vote heard in a call or a meeting, with a note. It is labelled with
 * who added it wherever votes are listed; the customer sees it on their profile and may remove
 * it. A customer's own vote is never overwritten.
 */
export async function recordProxyVote(
  actor: Viewer,
  ideaId: string,
  input: { person: string; importance: IdeaImportance; note: string },
) {
  const person = await findPersonByHandleOrEmail(input.person);
  if (!person) throw new Refusal("Nobody has that handle or email.", 400);
  if (!can(person, "vote:idea:own")) {
    throw new Refusal(`${person.displayName} is not a customer: only customers' votes count.`, 400);
  }
  const [visible] = await db
    .select({ ok: sql<boolean>`${threadVisibleToUsersRow()}` })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .innerJoin(users, eq(users.id, person.id))
    .where(eq(threads.id, ideaId));
  if (!visible?.ok) {
    throw new Refusal(`${person.displayName} can't see this idea.`, 400);
  }
  await db.transaction(async (tx) => {
    await requireVotableIdea(tx, actor, ideaId, "proxy-vote");
    const inserted = await tx
      .insert(ideaVotes)
      .values({
        ideaId,
        userId: person.id,
        importance: input.importance,
        addedById: actor.id,
        proxyNote: input.note,
      })
      .onConflictDoNothing()
      .returning({ userId: ideaVotes.userId });
    if (inserted.length === 0) {
      throw new Refusal(`${person.displayName} has already voted for this idea.`, 409);
    }
    await recountVotes(tx, [ideaId]);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "idea.proxy_vote_recorded",
        targetType: "thread",
        targetId: ideaId,
        details: { for: person.id, importance: input.importance, note: input.note },
      },
      tx,
    );
  });
  return person;
}

/** The votes staff recorded for this person on ideas they can still see, for their own profile. */
export async function listProxyVotesFor(viewer: Viewer) {
  return db
    .select({
      ideaId: ideaVotes.ideaId,
      title: threads.title,
      importance: ideaVotes.importance,
      note: ideaVotes.proxyNote,
      addedByName: addedBy.displayName,
      createdAt: ideaVotes.createdAt,
      votable: sql<boolean>`${ideas.status} in ${VOTABLE_IDEA_STATUSES}`,
    })
    .from(ideaVotes)
    .innerJoin(ideas, eq(ideas.threadId, ideaVotes.ideaId))
    .innerJoin(threads, eq(threads.id, ideaVotes.ideaId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(addedBy, eq(addedBy.id, ideaVotes.addedById))
    .where(
      and(eq(ideaVotes.userId, viewer.id), isNotNull(ideaVotes.addedById), threadVisibleTo(viewer)),
    )
    .orderBy(desc(ideaVotes.createdAt))
    .limit(VOTERS_SHOWN);
}

export const SIMILAR_IDEAS_SHOWN = 5;
/** Longer text adds nothing to finding a match and only costs time. */
export const SIMILAR_QUERY_MAX = 150;
/** How many matches of each kind are ranked before the best five are kept. */
const CANDIDATES = 200;
const CANDIDATES_BY_TITLE = 20;

/**
 * Up to five ideas the viewer may see that resemble what they are typing: titles close by
 * trigram similarity (typos, word order), or opening posts matching its words.
 */
export async function suggestSimilarIdeas(viewer: Viewer, text: string) {
  const query = text.trim().slice(0, SIMILAR_QUERY_MAX);
  if (query.length < 3) return [];
  const words = sql`plainto_tsquery('english', ${query})`;
  // Each way of matching uses its own index and is capped, then the few candidates are ranked:
  // an OR of the two would scan every idea.
  const candidates = sql`(
    select id, max(score) as score from (
      (select ${threads.id} as id, similarity(${threads.title}, ${query}) as score
        from ${threads}
        where ${threads.kind} = 'idea' and ${threads.title} % ${query}
        -- Nearest first, straight from the GiST index, instead of rechecking every near miss.
        order by ${threads.title} <-> ${query}
        limit ${CANDIDATES_BY_TITLE})
      union all
      (select ${posts.threadId} as id, ts_rank(${posts.search}, ${words}) as score
        from ${posts} join ${ideas} on ${eq(ideas.threadId, posts.threadId)}
        where ${posts.position} = 1 and ${posts.search} @@ ${words}
        limit ${CANDIDATES})
    ) found group by id
  )`;
  return db
    .select({
      id: threads.id,
      title: threads.title,
      status: ideas.status,
      voteCount: ideas.voteCount,
      spaceName: spaces.name,
      myImportance: ideaVotes.importance,
    })
    .from(sql`${candidates} as candidates`)
    .innerJoin(threads, sql`${threads.id} = candidates.id`)
    .innerJoin(ideas, eq(ideas.threadId, threads.id))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(ideaVotes, and(eq(ideaVotes.ideaId, ideas.threadId), eq(ideaVotes.userId, viewer.id)))
    .where(and(threadVisibleTo(viewer), isNull(ideas.mergedIntoId)))
    .orderBy(sql`candidates.score desc`, desc(ideas.voteCount))
    .limit(SIMILAR_IDEAS_SHOWN);
}

/**
 * Sets the ideas' vote counts and the value their voters' accounts represent (each account once)
 * from their votes, inside the transaction that changed them, with the ideas' rows locked.
 */
export async function recountVotes(tx: Transaction, ideaIds: string[]) {
  await refreshIdeaTotals(tx, sql`${ideas.threadId} in ${ideaIds}`);
  await refreshDemandForThreads(tx, ideaIds);
}

/** The vote count and value of the ideas `which` selects (SQL over `ideas`), in one statement. */
export async function refreshIdeaTotals(tx: Transaction | typeof db, which: SQL) {
  await tx.execute(sql`
    update ${ideas} set
      vote_count = (
        select count(*)::int from ${ideaVotes} where ${eq(ideaVotes.ideaId, ideas.threadId)}),
      value_cents = (
        select coalesce(sum(${accounts.revenueCents}), 0) from ${accounts}
        where ${accounts.id} in (
          select ${users.accountId} from ${ideaVotes}
          join ${users} on ${eq(users.id, ideaVotes.userId)}
          where ${eq(ideaVotes.ideaId, ideas.threadId)}))
    where ${which}`);
}

/**
 * After an account's revenue changes, the value every idea its people voted for represents.
 * Set-based, so an account whose people voted on thousands of ideas is one statement.
 */
export async function refreshIdeaValuesForAccount(tx: Transaction, accountId: string) {
  await refreshIdeaTotals(
    tx,
    sql`${ideas.threadId} in (
      select ${ideaVotes.ideaId} from ${ideaVotes}
      join ${users} on ${eq(users.id, ideaVotes.userId)}
      where ${eq(users.accountId, accountId)})`,
  );
}
