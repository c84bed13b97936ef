import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  backlogEvidence,
  backlogItems,
  backlogItemTags,
  tags,
  users,
  type BacklogStatus,
} from "#db/schema";
import { rolesWith, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { publicPlaceOf } from "~/utils/public-place";
import type { TagView } from "~/components/tag-chip";
import type { BACKLOG_SORT_KEYS } from "~/utils/labels";
import { mayManageBacklog, requireBacklogAccess } from "./backlog.server";
import { influenceWeightedFor } from "./demand-weights.server";
import { mayReadInfluence } from "./influence-read.server";

// The backlog read as lists: the staff list and its export, the items gaining demand, the owners
// and the "add to backlog" menus. One item's page and every write are in backlog.server.ts.

/** Staff who may own an item, for the owner menus. */
export async function listBacklogOwners() {
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.role, rolesWith("manage:backlog:any")), eq(users.status, "active")))
    .orderBy(asc(users.displayName))
    .limit(500);
}

export type BacklogSort = (typeof BACKLOG_SORT_KEYS)[number];
export const BACKLOG_PAGE_SIZE = 50;

export type BacklogQuery = {
  sort: BacklogSort;
  status?: BacklogStatus;
  tagId?: string;
  ownerId?: string;
  q?: string;
  minMembers?: number;
  minScore?: number;
  page: number;
};

const sortOrders: Record<BacklogSort, SQL[]> = {
  weighted: [sql`${backlogItems.weightedScore} desc`, sql`${backlogItems.memberCount} desc`],
  influence: [sql`${backlogItems.influenceWeighted} desc`, sql`${backlogItems.weightedScore} desc`],
  members: [sql`${backlogItems.memberCount} desc`, sql`${backlogItems.weightedScore} desc`],
  revenue: [sql`${backlogItems.revenueCents} desc`, sql`${backlogItems.weightedScore} desc`],
  newest: [sql`${backlogItems.createdAt} desc`],
  updated: [sql`${backlogItems.updatedAt} desc`],
};

/**
 * Supporters' influence is for those who may read influence: anyone else gets null in its place
 * and the value-weighted order instead of the influence-weighted one.
 */
function influenceFor(viewer: Viewer) {
  const shown = mayReadInfluence(viewer);
  return {
    shown,
    weighted: influenceWeightedFor(viewer),
    order: (sort: BacklogSort) => sortOrders[sort === "influence" && !shown ? "weighted" : sort],
  };
}

function backlogFilter(query: Omit<BacklogQuery, "page" | "sort">) {
  return and(
    query.status ? eq(backlogItems.status, query.status) : undefined,
    query.ownerId ? eq(backlogItems.ownerId, query.ownerId) : undefined,
    query.tagId
      ? sql`exists (select 1 from ${backlogItemTags} where ${backlogItemTags.itemId} = ${backlogItems.id} and ${backlogItemTags.tagId} = ${query.tagId})`
      : undefined,
    query.q ? sql`strpos(lower(${backlogItems.title}), lower(${query.q})) > 0` : undefined,
    query.minMembers ? sql`${backlogItems.memberCount} >= ${query.minMembers}` : undefined,
    query.minScore ? sql`${backlogItems.weightedScore} >= ${query.minScore}` : undefined,
  );
}

/** One page of the backlog with its demand, in two queries whatever its length. */
export async function listBacklog(viewer: Viewer, query: BacklogQuery) {
  requireBacklogAccess(viewer);
  const where = backlogFilter(query);
  const owners = alias(users, "owners");
  const influence = influenceFor(viewer);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: backlogItems.id,
        title: backlogItems.title,
        status: backlogItems.status,
        target: backlogItems.target,
        isPublic: backlogItems.isPublic,
        updatedAt: backlogItems.updatedAt,
        ownerName: owners.displayName,
        memberCount: backlogItems.memberCount,
        accountCount: backlogItems.accountCount,
        revenueCents: backlogItems.revenueCents,
        lifetimeValueCents: backlogItems.lifetimeValueCents,
        top1RevenueCents: backlogItems.top1RevenueCents,
        top10RevenueCents: backlogItems.top10RevenueCents,
        criticalCount: backlogItems.criticalCount,
        weightedScore: backlogItems.weightedScore,
        influenceWeighted: influence.weighted,
        // Each item's place in the three orders over the same filtered list, to compare them.
        rawRank: sql<number>`rank() over (order by ${backlogItems.memberCount} desc)::int`,
        weightedRank: sql<number>`rank() over (order by ${backlogItems.weightedScore} desc)::int`,
        influenceRank: influence.shown
          ? sql<number>`rank() over (order by ${backlogItems.influenceWeighted} desc)::int`
          : sql<number | null>`null`,
        tags: sql<TagView[]>`coalesce((
          select jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'color', t.color,
            'visibility', t.visibility) order by lower(t.name))
          from ${backlogItemTags} bt join ${tags} t on t.id = bt.tag_id
          where bt.item_id = ${backlogItems.id}), '[]'::jsonb)`,
        evidenceCount: sql<number>`(select count(*)::int from ${backlogEvidence} where ${backlogEvidence.itemId} = ${backlogItems.id})`,
      })
      .from(backlogItems)
      .leftJoin(owners, eq(owners.id, backlogItems.ownerId))
      .where(where)
      .orderBy(...influence.order(query.sort), desc(backlogItems.createdAt))
      .limit(BACKLOG_PAGE_SIZE)
      .offset((query.page - 1) * BACKLOG_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(backlogItems)
      .where(where),
  ]);
  return {
    items: rows.map((row) => ({ ...row, publicPlace: publicPlaceOf(row) })),
    total,
    showsInfluence: influence.shown,
  };
}

/**
 * What a thread page shows staff about the backlog: the items the thread is evidence for, and
 * the open items they may link it to. Null, with no query, for anyone else.
 */
export async function getThreadBacklogLinks(viewer: Viewer, threadId: string) {
  if (!mayManageBacklog(viewer)) return null;
  const [citedBy, choices] = await Promise.all([
    listItemsCitingThread(threadId),
    listBacklogChoices(),
  ]);
  return { citedBy, choices };
}

/** Open items to link to, for staff's "add to backlog" menus; nothing for anyone else. */
export async function getBacklogChoices(viewer: Viewer) {
  return mayManageBacklog(viewer) ? listBacklogChoices() : [];
}

/** Items to link evidence to, most recently touched first (for the "add to backlog" menus). */
function listBacklogChoices() {
  return db
    .select({ id: backlogItems.id, title: backlogItems.title, status: backlogItems.status })
    .from(backlogItems)
    .where(inArray(backlogItems.status, ["triage", "planned", "in_progress"]))
    .orderBy(desc(backlogItems.updatedAt))
    .limit(200);
}

/** The items a thread (or any of its posts) is evidence for. */
function listItemsCitingThread(threadId: string) {
  return db
    .selectDistinct({
      id: backlogItems.id,
      title: backlogItems.title,
      status: backlogItems.status,
    })
    .from(backlogEvidence)
    .innerJoin(backlogItems, eq(backlogItems.id, backlogEvidence.itemId))
    .where(eq(backlogEvidence.threadId, threadId))
    .orderBy(backlogItems.title)
    .limit(50);
}

/** An export holds at most this many items. */
export const BACKLOG_EXPORT_MAX = 10_000;

/** Every item the filters select, in the chosen order, with its demand figures and tags. */
export async function exportBacklog(viewer: Viewer, query: Omit<BacklogQuery, "page">) {
  requireBacklogAccess(viewer);
  const owners = alias(users, "owners");
  const influence = influenceFor(viewer);
  return db
    .select({
      id: backlogItems.id,
      title: backlogItems.title,
      status: backlogItems.status,
      isPublic: backlogItems.isPublic,
      target: backlogItems.target,
      externalUrl: backlogItems.externalUrl,
      ownerName: owners.displayName,
      memberCount: backlogItems.memberCount,
      weightedScore: backlogItems.weightedScore,
      influenceWeighted: influence.weighted,
      accountCount: backlogItems.accountCount,
      revenueCents: backlogItems.revenueCents,
      lifetimeValueCents: backlogItems.lifetimeValueCents,
      top1RevenueCents: backlogItems.top1RevenueCents,
      top10RevenueCents: backlogItems.top10RevenueCents,
      criticalCount: backlogItems.criticalCount,
      importantCount: backlogItems.importantCount,
      niceToHaveCount: backlogItems.niceToHaveCount,
      evidenceCount: sql<number>`(select count(*)::int from ${backlogEvidence} where ${backlogEvidence.itemId} = ${backlogItems.id})`,
      tags: sql<string>`coalesce((select string_agg(t.name, '; ' order by lower(t.name))
        from ${backlogItemTags} bt join ${tags} t on t.id = bt.tag_id
        where bt.item_id = ${backlogItems.id}), '')`,
      createdAt: backlogItems.createdAt,
      shippedAt: backlogItems.shippedAt,
    })
    .from(backlogItems)
    .leftJoin(owners, eq(owners.id, backlogItems.ownerId))
    .where(backlogFilter(query))
    .orderBy(...influence.order(query.sort), desc(backlogItems.createdAt))
    .limit(BACKLOG_EXPORT_MAX);
}

/** "This week" on the staff home page. */
const GAINING_DAYS = 7;

/**
 * Open backlog items whose evidence gained the most supporters in the last week: new votes on
 * their ideas and new endorsements of their proposals, each person once. One query.
 */
export async function listItemsGainingDemand(viewer: Viewer, limit = 5) {
  if (!mayManageBacklog(viewer)) return [];
  return db.execute<{ id: string; title: string; status: BacklogStatus; supporters: number }>(sql`
    with recent as (
      select e.item_id, v.user_id from ${backlogEvidence} e
        join idea_votes v on v.idea_id = e.thread_id
          and v.created_at > now() - make_interval(days => ${GAINING_DAYS})
      where e.kind = 'thread'
      union
      select e.item_id, en.user_id from ${backlogEvidence} e
        join proposal_endorsements en on en.thread_id = e.thread_id
          and en.created_at > now() - make_interval(days => ${GAINING_DAYS})
      where e.kind = 'thread'
    )
    select bi.id, bi.title, bi.status, count(*)::int as supporters
    from recent join ${backlogItems} bi on bi.id = recent.item_id
    where bi.status in ('triage', 'planned', 'in_progress')
    group by bi.id
    order by supporters desc, bi.weighted_score desc
    limit ${limit}`);
}
