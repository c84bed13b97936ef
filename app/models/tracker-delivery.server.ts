import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import {
  backlogAnnouncements,
  backlogItems,
  trackerDeliveries,
  trackerIntegrations,
  users,
  type BacklogStatus,
} from "#db/schema";
import { can } from "~/auth/policy.server";
import { activePersonOf, personNowColumns } from "~/auth/session.server";
import { db } from "~/db.server";
import { backlogStatusLabels } from "~/utils/labels";
import { logger } from "~/utils/logger.server";
import { uuidArray } from "~/utils/uuid-array";
import { cutText } from "~/utils/storable-text";
import { statusKey, trackerKindLabels } from "~/validation/trackers";
import { setBacklogStatus } from "./backlog-status.server";
import { hitRateLimit } from "./rate-limit.server";
import { Refusal } from "./refusal.server";
import {
  deliveryIdOf,
  hasSignatureHeader,
  MAX_HOOK_BODY_BYTES,
  readTrackerPayload,
  verifySignature,
  type TrackerEvent,
  type TrackerIssue,
} from "./tracker-payloads.server";

/**
 * Receiving a tracker's webhook: refuse what is unsigned, wrongly signed, too old or seen before;
 * record every authentic delivery by its id (the replay check, atomic in the unique index) with
 * what it did; show the issue's title and status on every item that follows it; and move those
 * items when the status is mapped, as the integration's owner. An unmapped status is logged,
 * never guessed.
 */

/** Items one delivery moves at most (an issue followed by more is unusual). */
export const MAX_ITEMS_PER_ISSUE = 50;
/** Deliveries kept, long after any replay's timestamp has gone stale. */
export const TRACKER_DELIVERIES_KEPT_DAYS = 30;
/** Authentic deliveries taken per integration and minute; a tracker retries a refused one. */
const DELIVERIES_PER_MINUTE = 600;
/** A claim whose process died before recording an outcome is taken over by the next retry. */
const ABANDONED_CLAIM_SECONDS = 120;

export type TrackerOutcome =
  | "moved"
  | "synced"
  | "unmapped"
  | "unlinked"
  | "outdated"
  | "ignored"
  | "owner-cannot-act"
  | "invalid";

export type HookAnswer = {
  status: 200 | 400 | 401 | 404 | 409 | 413 | 429;
  message: string;
  outcome?: TrackerOutcome;
  retryAfterSeconds?: number;
};

const refusal = (status: HookAnswer["status"], message: string): HookAnswer => ({
  status,
  message,
});

/** One delivery to `/hooks/trackers/<integrationId>`: what to answer the tracker. */
export async function receiveTrackerDelivery(
  integrationId: string | null,
  headers: Headers,
  body: Uint8Array,
  now = new Date(),
): Promise<HookAnswer> {
  if (body.byteLength > MAX_HOOK_BODY_BYTES) {
    return refusal(413, `The body is larger than ${MAX_HOOK_BODY_BYTES / 1024} KB.`);
  }
  if (!hasSignatureHeader(headers)) return refusal(401, "The delivery is not signed.");
  // An unknown id and one turned off answer alike: nothing is said of which exist.
  const [integration] = integrationId
    ? await db
        .select({
          id: trackerIntegrations.id,
          kind: trackerIntegrations.kind,
          secret: trackerIntegrations.secret,
          enabled: trackerIntegrations.enabled,
          statusMap: trackerIntegrations.statusMap,
          ownerId: trackerIntegrations.ownerId,
        })
        .from(trackerIntegrations)
        .where(eq(trackerIntegrations.id, integrationId))
    : [];
  if (!integration?.enabled) return refusal(404, "No tracker integration takes deliveries here.");
  if (!verifySignature(integration.kind, integration.secret, headers, body)) {
    return refusal(401, "The signature does not match this integration's secret.");
  }
  // Counted only once signed, so forged requests can't use up the tracker's own allowance.
  const limit = await hitRateLimit(`tracker-hook:${integration.id}`, {
    limit: DELIVERIES_PER_MINUTE,
    windowMs: 60_000,
  });
  if (limit.limited) {
    return {
      ...refusal(429, "Too many deliveries this minute: try again shortly."),
      retryAfterSeconds: Math.max(1, Math.ceil(limit.retryAfterMs / 1000)),
    };
  }
  const deliveryId = deliveryIdOf(integration.kind, headers);
  if (!deliveryId) return refusal(400, "The delivery has no id header.");
  const read = readTrackerPayload(integration.kind, body, now);
  if (!read.ok && read.stale) {
    logger.warn(
      { integrationId: integration.id, deliveryId },
      `tracker delivery refused: ${read.message}`,
    );
    return refusal(401, `The delivery is too old to trust: ${read.message}`);
  }
  const issue = read.ok ? read.event.issue : null;
  const claim = await claimDelivery(integration.id, deliveryId, issue);
  if (!claim)
    return refusal(409, "This delivery was received before (replayed): nothing was applied.");
  if (!read.ok) {
    await recordOutcome(claim, "invalid", read.message);
    return { status: 400, message: read.message, outcome: "invalid" };
  }
  try {
    const { outcome, detail } = await applyEvent(integration, read.event);
    await recordOutcome(claim, outcome, detail);
    return { status: 200, message: detail, outcome };
  } catch (error) {
    // Not applied: the claim goes, so the tracker's retry of this delivery is taken.
    await db.delete(trackerDeliveries).where(eq(trackerDeliveries.id, claim));
    throw error;
  }
}

/**
 * Records the delivery by its id, or answers null when that id was recorded before: the unique
 * index decides, so of identical deliveries arriving together exactly one is applied. A claim
 * left without an outcome (its process died) is taken over after two minutes.
 */
async function claimDelivery(
  integrationId: string,
  deliveryId: string,
  issue: TrackerIssue | null,
) {
  const [row] = await db
    .insert(trackerDeliveries)
    .values({
      integrationId,
      deliveryId,
      issueKey: issue?.key ?? null,
      issueStatus: issue?.status ?? null,
      outcome: "received",
    })
    .onConflictDoUpdate({
      target: [trackerDeliveries.integrationId, trackerDeliveries.deliveryId],
      set: { receivedAt: sql`now()` },
      setWhere: sql`${trackerDeliveries.outcome} = 'received'
        and ${trackerDeliveries.receivedAt} < now() - make_interval(secs => ${ABANDONED_CLAIM_SECONDS})`,
    })
    .returning({ id: trackerDeliveries.id });
  return row?.id ?? null;
}

async function recordOutcome(claim: string, outcome: TrackerOutcome, detail: string) {
  await db
    .update(trackerDeliveries)
    .set({ outcome, detail: cutText(detail, 500) })
    .where(eq(trackerDeliveries.id, claim));
}

type Integration = {
  id: string;
  kind: "jira" | "linear";
  statusMap: Record<string, BacklogStatus>;
  ownerId: string | null;
};

async function applyEvent(
  integration: Integration,
  event: TrackerEvent,
): Promise<{ outcome: TrackerOutcome; detail: string }> {
  const { issue } = event;
  if (!issue) return { outcome: "ignored", detail: `Not an issue's change (${event.name}).` };
  const linked = await db
    .select({ id: backlogItems.id })
    .from(backlogItems)
    .where(
      and(
        eq(backlogItems.trackerIntegrationId, integration.id),
        eq(backlogItems.trackerIssueKey, issue.key),
      ),
    )
    .orderBy(asc(backlogItems.createdAt), asc(backlogItems.id))
    .limit(MAX_ITEMS_PER_ISSUE);
  if (linked.length === 0) {
    return { outcome: "unlinked", detail: `No backlog item follows ${issue.key}.` };
  }
  // What the issue is now, on every item following it, unless a later state was shown first.
  // Each row's previous time comes back with it: a state shown before (the same delivery's body
  // sent again under another id) is not a change, and moves nothing.
  const ids = uuidArray(linked.map((item) => item.id));
  const at = sql`${event.at.toISOString()}::timestamptz`;
  const fresh = await db.execute<{ id: string; status: BacklogStatus; newer: boolean }>(sql`
    with previous as (
      select id, tracker_synced_at from ${backlogItems}
      where id = any(${ids}::uuid[])
        and (tracker_synced_at is null or tracker_synced_at <= ${at})
      for update
    )
    update ${backlogItems} set tracker_issue_title = ${issue.title},
      tracker_issue_status = ${issue.status}, tracker_synced_at = ${at}
    from previous where ${backlogItems.id} = previous.id
    returning ${backlogItems.id} as id, ${backlogItems.status} as status,
      (previous.tracker_synced_at is null or previous.tracker_synced_at < ${at}) as newer`);
  const shown = itemCount(fresh.length);
  if (fresh.length === 0) {
    return { outcome: "outdated", detail: `A later change of ${issue.key} was applied first.` };
  }
  const key = statusKey(issue.status);
  const target = Object.hasOwn(integration.statusMap, key) ? integration.statusMap[key] : null;
  if (!issue.statusChanged) {
    return { outcome: "synced", detail: `Shown on ${shown}; the status did not change.` };
  }
  if (!target || !Object.hasOwn(backlogStatusLabels, target)) {
    return {
      outcome: "unmapped",
      detail: `Status “${cutText(issue.status, 100)}” is not mapped: shown on ${shown}, no status moved.`,
    };
  }
  const toMove = fresh.filter((item) => item.newer);
  if (toMove.length === 0) {
    return { outcome: "synced", detail: `This change of ${issue.key} was applied before.` };
  }
  const owner = await ownerWhoMayAct(integration.ownerId);
  if (!owner) {
    return {
      outcome: "owner-cannot-act",
      detail: `Shown on ${shown}, no status moved: whoever saved the integration last can no longer manage integrations. Save it to move items as you.`,
    };
  }
  return moveItems(owner, toMove, target, {
    via: `${trackerKindLabels[integration.kind]} ${issue.key}`,
    syncedAt: event.at,
  });
}

/** The integration's owner while they are active and may still manage integrations and the backlog. */
async function ownerWhoMayAct(ownerId: string | null) {
  if (!ownerId) return null;
  const [row] = await db.select(personNowColumns).from(users).where(eq(users.id, ownerId));
  const owner = activePersonOf(row);
  return owner && can(owner, "manage:webhook:any") && can(owner, "manage:backlog:any")
    ? owner
    : null;
}

async function moveItems(
  owner: NonNullable<Awaited<ReturnType<typeof ownerWhoMayAct>>>,
  items: { id: string; status: BacklogStatus }[],
  target: BacklogStatus,
  tracker: { via: string; syncedAt: Date },
): Promise<{ outcome: TrackerOutcome; detail: string }> {
  // A staff change waiting out its undo window would land after ours and undo it, telling everyone.
  const waiting = new Set(
    (
      await db
        .select({ itemId: backlogAnnouncements.itemId })
        .from(backlogAnnouncements)
        .where(
          inArray(
            backlogAnnouncements.itemId,
            items.map((item) => item.id),
          ),
        )
    ).map((row) => row.itemId),
  );
  let moved = 0;
  let there = 0;
  let held = 0;
  let meanwhile = 0;
  for (const item of items) {
    if (item.status === target) {
      there++;
    } else if (waiting.has(item.id)) {
      held++;
    } else {
      try {
        await setBacklogStatus(owner, item.id, target, { tracker });
        moved++;
      } catch (error) {
        // Moved meanwhile, or a later change of the issue came first: nothing to do.
        if (!(error instanceof Refusal)) throw error;
        meanwhile++;
      }
    }
  }
  const parts = [
    moved ? `Moved ${itemCount(moved)} to ${backlogStatusLabels[target]}` : null,
    there ? `${itemCount(there)} already ${there === 1 ? "was" : "were"} there` : null,
    held ? `${itemCount(held)} kept: a staff status change is waiting to go out` : null,
    meanwhile
      ? `${itemCount(meanwhile)} changed meanwhile, left as ${meanwhile === 1 ? "it is" : "they are"}`
      : null,
  ].filter(Boolean);
  return { outcome: moved ? "moved" : "synced", detail: `${parts.join("; ")}.` };
}

const itemCount = (count: number) => (count === 1 ? "1 item" : `${count} items`);

/** Forgets deliveries older than a month (retention.server.ts runs it hourly). */
export async function purgeOldTrackerDeliveries(): Promise<number> {
  const purged = await db
    .delete(trackerDeliveries)
    .where(
      lt(
        trackerDeliveries.receivedAt,
        sql`now() - make_interval(days => ${TRACKER_DELIVERIES_KEPT_DAYS})`,
      ),
    )
    .returning({ id: trackerDeliveries.id });
  return purged.length;
}
