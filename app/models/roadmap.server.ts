import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  backlogEvidence,
  backlogItems,
  changelogSubscriptions,
  ideas,
  spaces,
  threads,
  ROADMAP_STATUSES,
} from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { CHANGELOG_STATUS, ROADMAP_OPEN_STATUSES } from "~/utils/public-place";
import { listCredits } from "./backlog-demand.server";
import { threadVisibleTo } from "./space-access.server";

/** The roadmap's shipped column shows the latest few; the changelog has them all. */
const SHIPPED_ON_ROADMAP = 12;
const PLANNED_ON_ROADMAP = 100;
export const CHANGELOG_PAGE_SIZE = 20;

/** Shipped public items: the changelog, whose latest entries the roadmap's last column shows. */
const onChangelog = and(eq(backlogItems.isPublic, true), eq(backlogItems.status, CHANGELOG_STATUS));

const publicItemColumns = {
  id: backlogItems.id,
  title: backlogItems.title,
  descriptionHtml: backlogItems.descriptionHtml,
  status: backlogItems.status,
  target: backlogItems.target,
  shippedAt: backlogItems.shippedAt,
  releaseNotesHtml: backlogItems.releaseNotesHtml,
  updatedAt: backlogItems.updatedAt,
};

/**
 * The public roadmap: public items planned, in progress and (lately) shipped, each with the ideas
 * it came from that the viewer can see and the members who agreed to be credited. Four queries.
 */
export async function listRoadmap(viewer: Viewer) {
  const [open, shipped] = await Promise.all([
    db
      .select(publicItemColumns)
      .from(backlogItems)
      .where(
        and(eq(backlogItems.isPublic, true), inArray(backlogItems.status, ROADMAP_OPEN_STATUSES)),
      )
      .orderBy(desc(backlogItems.updatedAt))
      .limit(PLANNED_ON_ROADMAP),
    db
      .select(publicItemColumns)
      .from(backlogItems)
      .where(onChangelog)
      .orderBy(desc(backlogItems.shippedAt))
      .limit(SHIPPED_ON_ROADMAP),
  ]);
  const items = await withIdeasAndCredits(viewer, [...open, ...shipped]);
  return Object.fromEntries(
    ROADMAP_STATUSES.map((status) => [status, items.filter((item) => item.status === status)]),
  ) as Record<(typeof ROADMAP_STATUSES)[number], typeof items>;
}

/** Shipped public items, newest first, a page at a time. */
export async function listChangelog(viewer: Viewer, page: number) {
  const where = onChangelog;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(publicItemColumns)
      .from(backlogItems)
      .where(where)
      .orderBy(desc(backlogItems.shippedAt), asc(backlogItems.id))
      .limit(CHANGELOG_PAGE_SIZE)
      .offset((page - 1) * CHANGELOG_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(backlogItems)
      .where(where),
  ]);
  return { entries: await withIdeasAndCredits(viewer, rows), total };
}

async function withIdeasAndCredits<T extends { id: string }>(viewer: Viewer, items: T[]) {
  const ids = items.map((item) => item.id);
  const [linkedIdeas, credits] = await Promise.all([
    ids.length === 0
      ? []
      : db
          .selectDistinct({
            itemId: backlogEvidence.itemId,
            id: threads.id,
            title: threads.title,
            voteCount: ideas.voteCount,
          })
          .from(backlogEvidence)
          .innerJoin(threads, eq(threads.id, backlogEvidence.threadId))
          .innerJoin(spaces, eq(spaces.id, threads.spaceId))
          .innerJoin(ideas, eq(ideas.threadId, threads.id))
          .where(
            and(
              inArray(backlogEvidence.itemId, ids),
              eq(backlogEvidence.kind, "thread"),
              threadVisibleTo(viewer),
            ),
          )
          .limit(1_000),
    listCredits(ids),
  ]);
  return items.map((item) => ({
    ...item,
    ideas: linkedIdeas.filter((idea) => idea.itemId === item.id),
    credits: credits.get(item.id) ?? { named: [], anonymous: [], others: 0 },
  }));
}

export async function isSubscribedToChangelog(userId: string) {
  const [row] = await db
    .select({ userId: changelogSubscriptions.userId })
    .from(changelogSubscriptions)
    .where(eq(changelogSubscriptions.userId, userId));
  return Boolean(row);
}

export async function setChangelogSubscription(userId: string, subscribed: boolean) {
  if (subscribed) {
    await db.insert(changelogSubscriptions).values({ userId }).onConflictDoNothing();
  } else {
    await db.delete(changelogSubscriptions).where(eq(changelogSubscriptions.userId, userId));
  }
}
