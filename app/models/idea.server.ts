import { and, asc, desc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import {
  accounts,
  ideas,
  ideaStatusChanges,
  ideaVotes,
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
import { db, type Transaction } from "~/db.server";
import type { IdeaSort } from "~/utils/labels";
import { recordAuditEvent } from "./audit.server";
import { hitRateLimit, minutesUntil, undoRateLimitHit } from "./rate-limit.server";
import { refreshDemandForThreads } from "./backlog-demand.server";
import { threadIdVisibleTo, threadVisibleTo } from "./space-access.server";
import { tagVisibleTo } from "./tag.server";
import { Refusal, requireAllowed } from "./refusal.server";
import { emitWebhookEvent } from "./webhook-event.server";

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
  await emitWebhookEvent("idea.created", threadId, {}, tx);
}

/** The idea part of an idea's page: status, votes by importance, the viewer's vote, history. */
export async function getIdea(viewer: Viewer, threadId: string) {
  const [idea] = await db
    .select({
      status: ideas.status,
      voteCount: ideas.voteCount,
      mergedInto: sql<{ id: string; title: string } | null>`(
        select json_build_object('id', ${threads.id}, 'title', ${threads.title}) from ${threads}
        where ${and(eq(threads.id, ideas.mergedIntoId), threadIdVisibleTo(viewer, ideas.mergedIntoId))})`,
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
/** Votes cast or changed per person an hour: far beyond a person's use, short of a flood. */
export const VOTE_LIMIT = { limit: 120, windowMs: 3_600_000 };

export async function castVote(viewer: Viewer, ideaId: string, importance: IdeaImportance) {
  // Each change reaches the backlog's demand and every webhook endpoint: counted first.
  const key = `vote:${viewer.id}`;
  const hit = await hitRateLimit(key, VOTE_LIMIT);
  if (hit.limited) {
    await undoRateLimitHit(key);
    const wait = minutesUntil(hit.retryAfterMs);
    throw new Refusal(
      `You've voted or changed votes ${VOTE_LIMIT.limit} times this hour. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`,
      429,
    );
  }
  await db.transaction(async (tx) => {
    await requireVotableIdea(tx, viewer, ideaId, "vote");
    const [vote] = await tx
      .insert(ideaVotes)
      .values({ ideaId, userId: viewer.id, importance })
      .onConflictDoUpdate({
        target: [ideaVotes.ideaId, ideaVotes.userId],
        set: { importance, updatedAt: new Date() },
        // The same vote again changes nothing (and tells no one).
        setWhere: sql`${ideaVotes.importance} <> ${importance}`,
      })
      // xmax is 0 on a freshly inserted row, and set on an updated one.
      .returning({ inserted: sql<boolean>`xmax = 0` });
    if (!vote) return;
    if (vote.inserted) await recountVotes(tx, [ideaId]);
    // A changed importance changes the weighted demand of the backlog items the idea backs.
    else await refreshDemandForThreads(tx, [ideaId]);
    await tx
      .insert(threadWatches)
      .values({ userId: viewer.id, threadId: ideaId })
      .onConflictDoNothing();
    await emitWebhookEvent("vote.cast", ideaId, { importance, proxy: null }, tx);
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
export async function requireVotableIdea(
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
    await emitWebhookEvent("idea.status_changed", ideaId, { previousStatus: idea.status }, tx);
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

/**
 * Which ideas a board (the page, or the API's list) shows the viewer: those they may see, not
 * merged away, narrowed by the board's filters. One rule for every list of ideas.
 */
export function ideaBoardConditions(viewer: Viewer, query: Omit<IdeaBoardQuery, "sort" | "page">) {
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
  return conditions;
}

/** Ideas voted for since this moment count as trending. */
export const trendingSince = () => new Date(Date.now() - TRENDING_DAYS * 24 * 3_600_000);

/** The sort a viewer gets: sorting by value is the staff's, anyone else gets "top". */
export const ideaSortFor = (viewer: Viewer, sort: IdeaSort): IdeaSort =>
  sort === "value" && !can(viewer, "read:account:any") ? "top" : sort;

/** One page of the ideas the viewer can see, filtered and sorted, with the viewer's vote. */
export async function listIdeasBoard(viewer: Viewer, query: IdeaBoardQuery) {
  const since = trendingSince();
  // Counted once over the recent votes (an index on their time), not once per idea.
  const recent = db
    .select({ ideaId: ideaVotes.ideaId, votes: sql<number>`count(*)`.as("recent_votes") })
    .from(ideaVotes)
    .where(gt(ideaVotes.createdAt, since))
    .groupBy(ideaVotes.ideaId)
    .as("recent");
  const conditions = ideaBoardConditions(viewer, query);
  const staffView = can(viewer, "read:account:any");
  const sort = ideaSortFor(viewer, query.sort);
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
