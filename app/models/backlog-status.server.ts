import { eq, sql } from "drizzle-orm";
import {
  backlogItems,
  backlogStatusChanges,
  changelogSubscriptions,
  type BacklogStatus,
} from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { publicPlaceOf } from "~/utils/public-place";
import { cutText } from "~/utils/storable-text";
import { recordAuditEvent } from "./audit.server";
import { listItemContributors } from "./backlog-demand.server";
import { MAX_BACKLOG_RECIPIENTS, notifyAboutBacklogItem } from "./notification.server";
import type { PostContent } from "./post-content.server";
import { Refusal } from "./refusal.server";
import { requireBacklogAccess } from "./backlog.server";
import { emitWebhookEvent, emitWebhookEvents } from "./webhook-event.server";

/**
 * Moving a backlog item between statuses, and telling the people behind it: its ideas take the
 * status, contributors hear which of their own contributions it came from, and a public item
 * that ships reaches the changelog's subscribers.
 */

/** How much of staff's note a notification carries; the changelog has the whole. */
const ANNOUNCEMENT_NOTE_EXCERPT = 1_500;

/** "6 Dec 2026": the day an item shipped, as its target reads from then on. */
function shippedOn(day: Date): string {
  return day.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** Statuses that tell the people behind an item ("you asked, we built") and move its ideas. */
export const ANNOUNCED_STATUSES: readonly BacklogStatus[] = ["planned", "in_progress", "shipped"];

/**
 * Moves an item. Planned, in progress and shipped are announced: its ideas take the status, and
 * everyone behind it hears what changed and which of their own contributions it came from. A
 * public item that ships also reaches the changelog's subscribers.
 *
 * A move that an issue tracker's delivery asks for (`tracker`) names it in the audit, and is
 * refused when a later state of the issue has been recorded meanwhile (deliveries may arrive
 * out of order): the item's row lock makes that check and the move one step.
 */
export async function setBacklogStatus(
  actor: Viewer,
  itemId: string,
  status: BacklogStatus,
  options: { notes?: PostContent | null; tracker?: { via: string; syncedAt: Date } } = {},
) {
  requireBacklogAccess(actor);
  const notes = options.notes ?? null;
  const { tracker } = options;
  const outcome = await db.transaction(async (tx) => {
    const [item] = await tx
      .select({
        status: backlogItems.status,
        isPublic: backlogItems.isPublic,
        trackerSyncedAt: backlogItems.trackerSyncedAt,
      })
      .from(backlogItems)
      .where(eq(backlogItems.id, itemId))
      .for("update");
    if (!item) throw new Refusal("No such backlog item.", 404);
    if (item.status === status) throw new Refusal("The item already has that status.", 409);
    if (tracker && item.trackerSyncedAt && item.trackerSyncedAt > tracker.syncedAt) {
      throw new Refusal("A later change of the issue was recorded first.", 409);
    }
    const now = new Date();
    await tx
      .update(backlogItems)
      .set({
        status,
        statusChangedAt: now,
        updatedAt: now,
        // Once shipped, its target is the day it shipped, and its notes are the changelog's.
        ...(status === "shipped"
          ? {
              shippedAt: now,
              target: shippedOn(now),
              releaseNotes: notes?.body ?? null,
              releaseNotesHtml: notes?.bodyHtml ?? "",
              releaseNotesText: notes?.bodyText ?? "",
            }
          : {}),
      })
      .where(eq(backlogItems.id, itemId));
    await tx
      .insert(backlogStatusChanges)
      .values({ itemId, fromStatus: item.status, toStatus: status, changedById: actor.id });
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "backlog.status_changed",
        targetType: "backlog_item",
        targetId: itemId,
        details: { from: item.status, to: status, ...(tracker ? { via: tracker.via } : {}) },
      },
      tx,
    );
    await emitWebhookEvent(
      "backlog_item.status_changed",
      itemId,
      { previousStatus: item.status },
      tx,
    );
    const state = { status: item.status, isPublic: item.isPublic };
    if (!ANNOUNCED_STATUSES.includes(status)) {
      return { ideasMoved: 0, contributors: [], item: state };
    }
    const ideasMoved = await moveLinkedIdeas(tx, actor, itemId, status);
    const contributors = await listItemContributors(tx, itemId, MAX_BACKLOG_RECIPIENTS);
    return { ideasMoved, contributors, item: state };
  });
  const told = await notifyAboutBacklogItem({
    actor,
    itemId,
    kind: "backlog_update",
    recipients: outcome.contributors.map((person) => ({
      userId: person.userId,
      details: {
        status,
        contributions: person.contributions,
        ...(notes ? { note: cutText(notes.bodyText, ANNOUNCEMENT_NOTE_EXCERPT) } : {}),
      },
    })),
  });
  if (publicPlaceOf({ ...outcome.item, status }) === "changelog") {
    await announceOnChangelog(actor, itemId, notes);
  }
  return { ideasMoved: outcome.ideasMoved, told: told.length };
}

/** The item's ideas (linked as whole threads, not merged away) take its status, with history. */
async function moveLinkedIdeas(
  tx: Transaction,
  actor: Viewer,
  itemId: string,
  status: BacklogStatus,
) {
  const moved = await tx.execute<{ idea_id: string; from_status: string }>(sql`
    with targets as (
      select i.thread_id, i.status as from_status from ideas i
      where i.thread_id in (
          select thread_id from backlog_evidence where item_id = ${itemId} and kind = 'thread')
        and i.merged_into_id is null and i.status <> ${status}::idea_status
      for update
    ),
    updated as (
      update ideas set status = ${status}::idea_status, status_changed_at = now()
      from targets where ideas.thread_id = targets.thread_id
      returning ideas.thread_id
    )
    insert into idea_status_changes (idea_id, from_status, to_status, changed_by_id)
    select thread_id, from_status, ${status}::idea_status, ${actor.id} from targets
    returning idea_id, from_status`);
  await emitWebhookEvents(
    "idea.status_changed",
    moved.map((idea) => ({ subjectId: idea.idea_id, data: { previousStatus: idea.from_status } })),
    tx,
  );
  return moved.length;
}

async function announceOnChangelog(actor: Viewer, itemId: string, notes: PostContent | null) {
  const subscribers = await db
    .select({ userId: changelogSubscriptions.userId })
    .from(changelogSubscriptions)
    .where(
      sql`not exists (select 1 from notifications n where n.user_id = ${changelogSubscriptions.userId}
        and n.backlog_item_id = ${itemId} and n.kind = 'changelog_entry')`,
    )
    .limit(MAX_BACKLOG_RECIPIENTS);
  await notifyAboutBacklogItem({
    actor,
    itemId,
    kind: "changelog_entry",
    recipients: subscribers.map((s) => ({
      userId: s.userId,
      details: {
        status: "shipped",
        ...(notes ? { note: cutText(notes.bodyText, ANNOUNCEMENT_NOTE_EXCERPT) } : {}),
      },
    })),
  });
}
