import { and, desc, eq, gt, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  backlogItems,
  backlogStatusChanges,
  ideas,
  ideaStatusChanges,
  ideaVotes,
  spaces,
  threads,
  users,
} from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { listItemsGainingDemand } from "./backlog-list.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";
import { threadVisibleTo } from "./space-access.server";
import { listInbox } from "./triage.server";

/** How far back "this week" looks on the workspace home. */
export const WORKSPACE_DAYS = 7;
const SHOWN = 5;
const CHANGES_SHOWN = 8;

const since = () => new Date(Date.now() - WORKSPACE_DAYS * 24 * 60 * 60 * 1000);

/**
 * The staff workspace's home: what waits in the inbox, what gained supporters this week, what
 * changed status, and what the viewer owns, each a few rows with the way to the whole list.
 * A fixed number of queries, run side by side.
 */
export async function getStaffWorkspace(viewer: Viewer) {
  if (!can(viewer, "manage:backlog:any") || !can(viewer, "triage:inbox:any")) {
    throw new Refusal(NOT_YOUR_ROLE, 403);
  }
  const [inbox, mine, gainingItems, gainingIdeas, itemChanges, ideaChanges, owned] =
    await Promise.all([
      listInbox(viewer, { show: "open", page: 1 }),
      listInbox(viewer, { show: "mine", page: 1 }),
      listItemsGainingDemand(viewer, SHOWN),
      listIdeasGainingVotes(viewer),
      listBacklogStatusChanges(),
      listIdeaStatusChanges(viewer),
      listOwnedItems(viewer),
    ]);
  const changes = [
    ...itemChanges.map((change) => ({ ...change, kind: "backlog" as const })),
    ...ideaChanges.map((change) => ({ ...change, kind: "idea" as const })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, CHANGES_SHOWN);
  return {
    inbox: { open: inbox.total, newest: inbox.entries.slice(0, SHOWN) },
    assignedToMe: { count: mine.total, newest: mine.entries.slice(0, SHOWN) },
    gainingItems,
    gainingIdeas,
    changes,
    owned,
  };
}

/** Ideas the viewer can see that gained the most votes this week. */
function listIdeasGainingVotes(viewer: Viewer) {
  const gained = sql<number>`count(*)::int`;
  return db
    .select({
      id: threads.id,
      title: threads.title,
      status: ideas.status,
      votes: ideas.voteCount,
      gained,
    })
    .from(ideaVotes)
    .innerJoin(ideas, eq(ideas.threadId, ideaVotes.ideaId))
    .innerJoin(threads, eq(threads.id, ideas.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(and(gt(ideaVotes.createdAt, since()), threadVisibleTo(viewer)))
    .groupBy(threads.id, ideas.threadId)
    .orderBy(desc(gained), desc(ideas.voteCount))
    .limit(SHOWN);
}

function listBacklogStatusChanges() {
  const changers = alias(users, "changers");
  return db
    .select({
      id: backlogStatusChanges.id,
      targetId: backlogItems.id,
      title: backlogItems.title,
      from: backlogStatusChanges.fromStatus,
      to: backlogStatusChanges.toStatus,
      at: backlogStatusChanges.createdAt,
      by: changers.displayName,
    })
    .from(backlogStatusChanges)
    .innerJoin(backlogItems, eq(backlogItems.id, backlogStatusChanges.itemId))
    .leftJoin(changers, eq(changers.id, backlogStatusChanges.changedById))
    .where(gt(backlogStatusChanges.createdAt, since()))
    .orderBy(desc(backlogStatusChanges.createdAt))
    .limit(CHANGES_SHOWN);
}

function listIdeaStatusChanges(viewer: Viewer) {
  const changers = alias(users, "changers");
  return db
    .select({
      id: ideaStatusChanges.id,
      targetId: threads.id,
      title: threads.title,
      from: ideaStatusChanges.fromStatus,
      to: ideaStatusChanges.toStatus,
      at: ideaStatusChanges.createdAt,
      by: changers.displayName,
    })
    .from(ideaStatusChanges)
    .innerJoin(threads, eq(threads.id, ideaStatusChanges.ideaId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(changers, eq(changers.id, ideaStatusChanges.changedById))
    .where(and(gt(ideaStatusChanges.createdAt, since()), threadVisibleTo(viewer)))
    .orderBy(desc(ideaStatusChanges.createdAt))
    .limit(CHANGES_SHOWN);
}

/** Open backlog items the viewer owns, the most wanted first. */
function listOwnedItems(viewer: Viewer) {
  return db
    .select({
      id: backlogItems.id,
      title: backlogItems.title,
      status: backlogItems.status,
      target: backlogItems.target,
      memberCount: backlogItems.memberCount,
    })
    .from(backlogItems)
    .where(
      and(
        eq(backlogItems.ownerId, viewer.id),
        notInArray(backlogItems.status, ["shipped", "wont_do"]),
      ),
    )
    .orderBy(desc(backlogItems.weightedScore), desc(backlogItems.updatedAt))
    .limit(20);
}

export type StaffWorkspace = Awaited<ReturnType<typeof getStaffWorkspace>>;
