import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  accounts,
  accountTiers,
  backlogEvidence,
  backlogItems,
  backlogItemTags,
  backlogStatusChanges,
  posts,
  spaces,
  tags,
  threads,
  trackerIntegrations,
  users,
  type Contribution,
  type ValueTier,
} from "#db/schema";
import { can, rolesWith, type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { recordAuditEvent } from "./audit.server";
import { listPeopleToAskForCredit, refreshItemDemand } from "./backlog-demand.server";
import { notifyAboutBacklogItem } from "./notification.server";
import type { PostContent } from "./post-content.server";
import { requirePostingAllowed } from "./posting-check.server";
import { influenceWeightedFor } from "./demand-weights.server";
import {
  resolveEvidence,
  type EvidenceInput,
  type ResolvedEvidence,
} from "./backlog-evidence.server";
import { consentWithdrawnSql, recordAsked } from "./consent.server";
import { Refusal } from "./refusal.server";
import { linkItemToTracker, trackerIssueColumns, withTrackerIssue } from "./tracker-link.server";
import { emitWebhookEvent } from "./webhook-event.server";

export { QUOTE_MAX, type EvidenceInput } from "./backlog-evidence.server";

/** Staff (and admins) keep the backlog; members and moderators never see it. */
export function mayManageBacklog(viewer: Viewer) {
  return can(viewer, "manage:backlog:any");
}

export function requireBacklogAccess(viewer: Viewer) {
  if (!mayManageBacklog(viewer)) throw new Refusal("The backlog is for staff.", 403);
}

/**
 * An item's title and description are staff's words, which members read on the roadmap once it
 * is public: the posting check (for the team: silence, blocked words, the rate).
 */
async function requireItemWords(actor: Viewer, fields: BacklogFields, action: "thread" | "edit") {
  await requirePostingAllowed(
    actor,
    {
      action,
      title: fields.title,
      content: fields.description ?? undefined,
      noun: "item",
      held: "refuse",
    },
    (refusal) => new Refusal(refusal.message, refusal.status),
  );
}

export type BacklogFields = {
  title: string;
  description: PostContent | null;
  ownerId: string | null;
  target: string;
  externalUrl: string | null;
  isPublic: boolean;
  tagIds: string[];
};

/**
 * Creates an item, standalone or from a thread or post (which becomes its first evidence).
 * Returns its id and the people to ask for credit, already recorded as asked.
 */
export async function createBacklogItem(
  actor: Viewer,
  fields: BacklogFields,
  from: EvidenceInput | null,
) {
  requireBacklogAccess(actor);
  await requireStaffOwner(fields.ownerId);
  const evidence = from ? await resolveEvidence(actor, from) : null;
  await requireItemWords(actor, fields, "thread");
  const created = await db.transaction(async (tx) => {
    const [item] = await tx
      .insert(backlogItems)
      .values({ ...itemColumns(fields), createdById: actor.id })
      .returning({ id: backlogItems.id });
    await linkItemToTracker(tx, item.id, fields.externalUrl);
    await replaceTags(tx, item.id, fields.tagIds);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "backlog.created",
        targetType: "backlog_item",
        targetId: item.id,
      },
      tx,
    );
    await emitWebhookEvent("backlog_item.created", item.id, {}, tx);
    const { toAsk } = evidence
      ? await insertEvidence(tx, actor, item.id, [evidence])
      : { toAsk: [] };
    return { id: item.id, toAsk };
  });
  await askForCredit(actor, created.id, created.toAsk);
  return created.id;
}

export async function updateBacklogItem(actor: Viewer, itemId: string, fields: BacklogFields) {
  requireBacklogAccess(actor);
  await requireStaffOwner(fields.ownerId);
  await requireItemWords(actor, fields, "edit");
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(backlogItems)
      .set({ ...itemColumns(fields), updatedAt: new Date() })
      .where(eq(backlogItems.id, itemId))
      .returning({ id: backlogItems.id });
    if (updated.length === 0) throw new Refusal("No such backlog item.", 404);
    await linkItemToTracker(tx, itemId, fields.externalUrl);
    await replaceTags(tx, itemId, fields.tagIds);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "backlog.updated",
        targetType: "backlog_item",
        targetId: itemId,
      },
      tx,
    );
  });
}

function itemColumns(fields: BacklogFields) {
  return {
    title: fields.title,
    description: fields.description?.body ?? null,
    descriptionHtml: fields.description?.bodyHtml ?? "",
    descriptionText: fields.description?.bodyText ?? "",
    ownerId: fields.ownerId,
    target: fields.target,
    externalUrl: fields.externalUrl,
    isPublic: fields.isPublic,
  };
}

async function replaceTags(tx: Transaction, itemId: string, tagIds: string[]) {
  await tx.delete(backlogItemTags).where(eq(backlogItemTags.itemId, itemId));
  if (tagIds.length === 0) return;
  const known = await tx.select({ id: tags.id }).from(tags).where(inArray(tags.id, tagIds));
  if (known.length > 0) {
    await tx.insert(backlogItemTags).values(known.map((tag) => ({ itemId, tagId: tag.id })));
  }
}

/** An owner (of an item, of an inbox entry) must be staff; none is fine too. */
export async function requireStaffOwner(ownerId: string | null) {
  if (!ownerId) return;
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, ownerId), inArray(users.role, rolesWith("manage:backlog:any"))));
  if (!owner) throw new Refusal("Choose a staff member as the owner.", 400, "ownerId");
}

/**
 * Inserts evidence (skipping pieces the item already has), recomputes the item's demand once,
 * and records the people to ask for credit. Returns how many pieces were new, and who to ask.
 */
async function insertEvidence(
  tx: Transaction,
  actor: Viewer,
  itemId: string,
  evidence: ResolvedEvidence[],
) {
  const rows = await tx
    .insert(backlogEvidence)
    .values(evidence.map((piece) => ({ itemId, ...piece, addedById: actor.id })))
    .onConflictDoNothing()
    .returning({ id: backlogEvidence.id });
  if (rows.length === 0) return { linked: 0, toAsk: [] };
  await tx.update(backlogItems).set({ updatedAt: new Date() }).where(eq(backlogItems.id, itemId));
  await refreshItemDemand(tx, itemId);
  const toAsk = await listPeopleToAskForCredit(
    tx,
    rows.map((row) => row.id),
  );
  if (toAsk.length === 0) return { linked: rows.length, toAsk: [] };
  // Asked once: the ledger records the question, whether or not they ever answer it.
  const askedIds = new Set(
    await recordAsked(
      tx,
      "credit",
      toAsk.map((person) => person.userId),
    ),
  );
  return { linked: rows.length, toAsk: toAsk.filter((person) => askedIds.has(person.userId)) };
}

async function askForCredit(
  actor: Viewer,
  itemId: string,
  people: { userId: string; contributions: Contribution[] }[],
) {
  await notifyAboutBacklogItem({
    actor,
    itemId,
    kind: "credit_request",
    recipients: people.map((person) => ({
      userId: person.userId,
      details: { contributions: person.contributions },
    })),
  });
}

/**
 * Links evidence to an item; its demand is recomputed in the same transaction. Returns what the
 * confirmation names: the item, and the post's place in its thread.
 */
export async function addEvidence(actor: Viewer, itemId: string, input: EvidenceInput) {
  if ((await linkEvidence(actor, itemId, [input])) === 0) {
    throw new Refusal("That is already evidence for this item.", 409);
  }
  const postId = "postId" in input ? input.postId : null;
  const [row] = await db
    .select({
      itemTitle: backlogItems.title,
      postPosition: postId
        ? sql<number | null>`(select ${posts.position} from ${posts} where ${posts.id} = ${postId})`
        : sql<null>`null`,
    })
    .from(backlogItems)
    .where(eq(backlogItems.id, itemId));
  return row;
}

/**
 * Links several pieces at once (the inbox's bulk link) in one transaction with one demand
 * refresh; pieces the item already has are skipped. Returns how many were new.
 */
export async function linkEvidence(actor: Viewer, itemId: string, inputs: EvidenceInput[]) {
  requireBacklogAccess(actor);
  const evidence = await Promise.all(inputs.map((input) => resolveEvidence(actor, input)));
  const { linked, toAsk } = await db.transaction(async (tx) => {
    const [item] = await tx
      .select({ id: backlogItems.id })
      .from(backlogItems)
      .where(eq(backlogItems.id, itemId))
      .for("update");
    if (!item) throw new Refusal("No such backlog item.", 404);
    return insertEvidence(tx, actor, itemId, evidence);
  });
  await askForCredit(actor, itemId, toAsk);
  return linked;
}

export async function removeEvidence(actor: Viewer, itemId: string, evidenceId: string) {
  requireBacklogAccess(actor);
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(backlogEvidence)
      .where(and(eq(backlogEvidence.id, evidenceId), eq(backlogEvidence.itemId, itemId)))
      .returning({ id: backlogEvidence.id });
    if (removed.length === 0) throw new Refusal("That evidence was already removed.", 404);
    await refreshItemDemand(tx, itemId);
  });
}

/** An item with everything its page shows but the breakdown and notes; null when not there. */
export async function getBacklogItem(viewer: Viewer, itemId: string) {
  requireBacklogAccess(viewer);
  const owners = alias(users, "owners");
  const authors = alias(users, "authors");
  const changers = alias(users, "changers");
  const [[item], evidence, history, itemTags] = await Promise.all([
    db
      .select({
        id: backlogItems.id,
        title: backlogItems.title,
        description: backlogItems.description,
        descriptionHtml: backlogItems.descriptionHtml,
        descriptionText: backlogItems.descriptionText,
        status: backlogItems.status,
        ownerId: backlogItems.ownerId,
        ownerName: owners.displayName,
        target: backlogItems.target,
        externalUrl: backlogItems.externalUrl,
        isPublic: backlogItems.isPublic,
        createdAt: backlogItems.createdAt,
        updatedAt: backlogItems.updatedAt,
        shippedAt: backlogItems.shippedAt,
        memberCount: backlogItems.memberCount,
        accountCount: backlogItems.accountCount,
        revenueCents: backlogItems.revenueCents,
        lifetimeValueCents: backlogItems.lifetimeValueCents,
        top1RevenueCents: backlogItems.top1RevenueCents,
        top10RevenueCents: backlogItems.top10RevenueCents,
        top1AccountCount: backlogItems.top1AccountCount,
        top10AccountCount: backlogItems.top10AccountCount,
        criticalCount: backlogItems.criticalCount,
        importantCount: backlogItems.importantCount,
        niceToHaveCount: backlogItems.niceToHaveCount,
        weightedScore: backlogItems.weightedScore,
        influenceWeighted: influenceWeightedFor(viewer),
        ...trackerIssueColumns,
      })
      .from(backlogItems)
      .leftJoin(owners, eq(owners.id, backlogItems.ownerId))
      .leftJoin(trackerIntegrations, eq(trackerIntegrations.id, backlogItems.trackerIntegrationId))
      .where(eq(backlogItems.id, itemId)),
    db
      .select({
        id: backlogEvidence.id,
        kind: backlogEvidence.kind,
        // An author who withdrew their consent: the link stays, their words no longer show.
        wordsWithdrawn: consentWithdrawnSql("evidence", sql`${authors.id}`),
        quote: sql<
          string | null
        >`case when ${consentWithdrawnSql("evidence", sql`${authors.id}`)} then null else ${backlogEvidence.quote} end`,
        createdAt: backlogEvidence.createdAt,
        threadId: threads.id,
        threadTitle: threads.title,
        threadKind: threads.kind,
        spaceName: spaces.name,
        postId: backlogEvidence.postId,
        postPosition: posts.position,
        postExcerpt: sql<
          string | null
        >`case when ${consentWithdrawnSql("evidence", sql`${authors.id}`)} then null else left(${posts.bodyText}, 280) end`,
        authorName: authors.displayName,
        // The author's account and its tier, as the demand breakdown names them (staff: none).
        authorAccountName: accounts.name,
        authorTier: sql<ValueTier | null>`case when ${accounts.id} is not null then coalesce(${accountTiers.tier}, 'rest') end`,
        sinceEdited: sql<boolean>`coalesce(${posts.editedAt} > ${backlogEvidence.createdAt}, false)`,
        postDeleted: sql<boolean>`${posts.deletedAt} is not null`,
      })
      .from(backlogEvidence)
      .innerJoin(threads, eq(threads.id, backlogEvidence.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(posts, eq(posts.id, backlogEvidence.postId))
      .leftJoin(authors, sql`${authors.id} = coalesce(${posts.authorId}, ${threads.authorId})`)
      .leftJoin(accounts, eq(accounts.id, authors.accountId))
      .leftJoin(accountTiers, eq(accountTiers.accountId, accounts.id))
      .where(eq(backlogEvidence.itemId, itemId))
      .orderBy(asc(backlogEvidence.createdAt))
      .limit(500),
    db
      .select({
        id: backlogStatusChanges.id,
        fromStatus: backlogStatusChanges.fromStatus,
        toStatus: backlogStatusChanges.toStatus,
        createdAt: backlogStatusChanges.createdAt,
        changedByName: changers.displayName,
      })
      .from(backlogStatusChanges)
      .leftJoin(changers, eq(changers.id, backlogStatusChanges.changedById))
      .where(eq(backlogStatusChanges.itemId, itemId))
      .orderBy(asc(backlogStatusChanges.createdAt))
      .limit(100),
    db
      .select({ id: tags.id, name: tags.name, color: tags.color, visibility: tags.visibility })
      .from(backlogItemTags)
      .innerJoin(tags, eq(tags.id, backlogItemTags.tagId))
      .where(eq(backlogItemTags.itemId, itemId))
      .orderBy(sql`lower(${tags.name})`),
  ]);
  if (!item) return null;
  const { fields, tracker } = withTrackerIssue(item);
  return { ...fields, tracker, evidence, history, tags: itemTags };
}
