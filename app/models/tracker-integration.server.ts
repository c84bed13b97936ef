import { randomBytes } from "node:crypto";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { backlogItems, trackerDeliveries, trackerIntegrations, users } from "#db/schema";
import { can, rolesWith, type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { backlogStatusLabels } from "~/utils/labels";
import {
  DEFAULT_STATUS_MAPS,
  trackerKindLabels,
  type NewTrackerInput,
  type TrackerUpdateInput,
} from "~/validation/trackers";
import { recordAuditEvent } from "./audit.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";
import { linkExistingItems, unlinkItems } from "./tracker-link.server";

/**
 * Admins' issue-tracker integrations: a Jira site or a Linear workspace whose signed webhooks
 * move the backlog items that follow its issues (tracker-delivery.server.ts receives them).
 * Trackers are integrations like webhook endpoints, and what admins may do with one they may
 * do with the other: one permission, `manage:webhook:any`.
 */

/** Integrations one community may have. */
export const MAX_TRACKER_INTEGRATIONS = 20;
/** Deliveries listed on an integration's page. */
export const TRACKER_DELIVERIES_PAGE_SIZE = 50;

const NO_SUCH_INTEGRATION = "No such tracker integration: it may have been removed.";

export function mayManageTrackers(viewer: Viewer) {
  return can(viewer, "manage:webhook:any");
}

function requireTrackerManager(viewer: Viewer) {
  if (!mayManageTrackers(viewer)) throw new Refusal(NOT_YOUR_ROLE, 403);
}

/** A Jira webhook secret: Jira takes the one we make, typed into its webhook form. */
function newSecret() {
  return randomBytes(32).toString("base64url");
}

/**
 * What a Linear integration's secret is until an admin pastes Linear's: Linear shows its signing
 * secret only once its webhook exists, and the webhook needs our address, made with the
 * integration. Random, never shown, so nothing verifies against it; the integration stays off
 * until the real one is pasted. Pasted secrets have no ":".
 */
const AWAITING_SECRET = "awaiting:";
const awaitingSecret = sql<boolean>`starts_with(${trackerIntegrations.secret}, ${AWAITING_SECRET})`;

export async function listTrackerIntegrations(viewer: Viewer) {
  requireTrackerManager(viewer);
  return db
    .select({
      id: trackerIntegrations.id,
      kind: trackerIntegrations.kind,
      name: trackerIntegrations.name,
      siteUrl: trackerIntegrations.siteUrl,
      enabled: trackerIntegrations.enabled,
      awaitingSecret,
      // Counted per integration by their indexes; at most 20 integrations. The outer table is
      // named in full: drizzle leaves a lone table's columns bare, which the subquery would read
      // as its own.
      itemCount: sql<number>`(select count(*)::int from ${backlogItems} b
        where b.tracker_integration_id = ${trackerIntegrations}.id)`,
      lastDeliveryAt: sql<Date | null>`(select max(d.received_at) from ${trackerDeliveries} d
        where d.integration_id = ${trackerIntegrations}.id)`.mapWith(
        (value: string | Date | null) => (value === null ? null : new Date(value)),
      ),
    })
    .from(trackerIntegrations)
    .orderBy(trackerIntegrations.name, trackerIntegrations.id)
    .limit(MAX_TRACKER_INTEGRATIONS);
}

/**
 * Adds an integration. Jira's secret is made here and returned to be shown once, and the items
 * already tracked at its issues are linked; a Linear integration waits, off, for the secret
 * Linear makes (`pasteTrackerSecret`).
 */
export async function createTrackerIntegration(viewer: Viewer, input: NewTrackerInput) {
  requireTrackerManager(viewer);
  const jira = input.kind === "jira";
  const secret = jira ? newSecret() : `${AWAITING_SECRET}${newSecret()}`;
  return db.transaction(async (tx) => {
    // Serialized so two admins adding at once can't pass the cap or add one site twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('vanguard:tracker-integrations'))`);
    const [{ total }] = await tx.select({ total: count() }).from(trackerIntegrations);
    if (total >= MAX_TRACKER_INTEGRATIONS) {
      throw new Refusal(
        `A community may have ${MAX_TRACKER_INTEGRATIONS} tracker integrations: remove one you no longer use first.`,
        409,
      );
    }
    const [same] = await tx
      .select({ name: trackerIntegrations.name })
      .from(trackerIntegrations)
      .where(
        and(
          eq(trackerIntegrations.kind, input.kind),
          eq(trackerIntegrations.siteUrl, input.siteUrl),
        ),
      );
    if (same) {
      throw new Refusal(`“${same.name}” already follows ${input.siteUrl}.`, 409, "siteUrl");
    }
    const [created] = await tx
      .insert(trackerIntegrations)
      .values({
        kind: input.kind,
        name: input.name,
        siteUrl: input.siteUrl,
        secret,
        statusMap: DEFAULT_STATUS_MAPS[input.kind],
        enabled: jira,
        ownerId: viewer.id,
      })
      .returning({ id: trackerIntegrations.id });
    const linked = jira ? await linkExistingItems(tx, { ...input, id: created.id }) : 0;
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "settings.tracker_added",
        targetType: "tracker_integration",
        targetId: created.id,
        details: {
          tracker: trackerKindLabels[input.kind],
          name: input.name,
          site: input.siteUrl,
          linked,
        },
      },
      tx,
    );
    return { id: created.id, secret: jira ? secret : null, linked };
  });
}

export async function getTrackerIntegration(viewer: Viewer, integrationId: string) {
  requireTrackerManager(viewer);
  const [row] = await db
    .select({
      id: trackerIntegrations.id,
      kind: trackerIntegrations.kind,
      name: trackerIntegrations.name,
      siteUrl: trackerIntegrations.siteUrl,
      statusMap: trackerIntegrations.statusMap,
      enabled: trackerIntegrations.enabled,
      createdAt: trackerIntegrations.createdAt,
      secretHint: sql<string>`right(${trackerIntegrations.secret}, 4)`,
      awaitingSecret,
      ownerName: users.displayName,
      // A warning on the page; the receiver reads the owner fully before each move.
      ownerMayAct: sql<boolean>`coalesce(${users.role} in ${rolesWith("manage:webhook:any")}
        and ${users.deletedAt} is null and ${users.status} = 'active', false)`,
      itemCount: sql<number>`(select count(*)::int from ${backlogItems} b
        where b.tracker_integration_id = ${trackerIntegrations}.id)`,
    })
    .from(trackerIntegrations)
    .leftJoin(users, eq(users.id, trackerIntegrations.ownerId))
    .where(eq(trackerIntegrations.id, integrationId));
  return row ?? null;
}

/**
 * Changes an integration's name, status map, or whether it is on. Whoever saves it last is who
 * status moves are made as. Turning it back on links items saved while it was off.
 */
export async function updateTrackerIntegration(
  viewer: Viewer,
  integrationId: string,
  input: Omit<TrackerUpdateInput, "intent">,
) {
  requireTrackerManager(viewer);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(trackerIntegrations)
      .set({
        name: input.name,
        statusMap: input.statusMap,
        enabled: sql`${input.enabled} and not ${awaitingSecret}`,
        ownerId: viewer.id,
        updatedAt: new Date(),
      })
      .where(eq(trackerIntegrations.id, integrationId))
      .returning({
        id: trackerIntegrations.id,
        kind: trackerIntegrations.kind,
        siteUrl: trackerIntegrations.siteUrl,
        enabled: trackerIntegrations.enabled,
      });
    if (!updated) throw new Refusal(NO_SUCH_INTEGRATION, 404);
    if (input.enabled && !updated.enabled) {
      throw new Refusal(
        "Paste the signing secret Linear shows first: until then no delivery can be checked.",
        409,
        "enabled",
      );
    }
    const linked = updated.enabled ? await linkExistingItems(tx, updated) : 0;
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "settings.tracker_changed",
        targetType: "tracker_integration",
        targetId: integrationId,
        details: {
          name: input.name,
          enabled: input.enabled,
          statusMap: Object.entries(input.statusMap).map(
            ([statusName, status]) => `${statusName} → ${backlogStatusLabels[status]}`,
          ),
          ...(linked ? { linked } : {}),
        },
      },
      tx,
    );
  });
}

/** A new Jira secret, shown once: deliveries signed with the old one are refused from now on. */
export async function rotateTrackerSecret(viewer: Viewer, integrationId: string) {
  requireTrackerManager(viewer);
  const secret = newSecret();
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(trackerIntegrations)
      .set({ secret, updatedAt: new Date() })
      .where(and(eq(trackerIntegrations.id, integrationId), eq(trackerIntegrations.kind, "jira")))
      .returning({ name: trackerIntegrations.name });
    if (!changed) throw new Refusal(NO_SUCH_INTEGRATION, 404);
    await recordSecretChange(tx, viewer, integrationId, "settings.tracker_secret_rotated", changed);
  });
  return secret;
}

/**
 * The signing secret Linear shows for its webhook, pasted (first, or after rolling it there). The
 * first one turns the integration on and links the items already tracked at its issues.
 */
export async function pasteTrackerSecret(viewer: Viewer, integrationId: string, secret: string) {
  requireTrackerManager(viewer);
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(trackerIntegrations)
      .set({
        secret,
        enabled: sql`${trackerIntegrations.enabled} or ${awaitingSecret}`,
        updatedAt: new Date(),
      })
      .where(and(eq(trackerIntegrations.id, integrationId), eq(trackerIntegrations.kind, "linear")))
      .returning({
        id: trackerIntegrations.id,
        kind: trackerIntegrations.kind,
        siteUrl: trackerIntegrations.siteUrl,
        name: trackerIntegrations.name,
        enabled: trackerIntegrations.enabled,
      });
    if (!changed) throw new Refusal(NO_SUCH_INTEGRATION, 404);
    const linked = changed.enabled ? await linkExistingItems(tx, changed) : 0;
    await recordSecretChange(tx, viewer, integrationId, "settings.tracker_secret_replaced", {
      name: changed.name,
      ...(linked ? { linked } : {}),
    });
  });
}

/** The secret itself is never recorded: who changed it, and when. */
async function recordSecretChange(
  tx: Transaction,
  viewer: Viewer,
  integrationId: string,
  action: string,
  details: Record<string, unknown>,
) {
  await recordAuditEvent(
    {
      actorId: viewer.id,
      action,
      targetType: "tracker_integration",
      targetId: integrationId,
      details,
    },
    tx,
  );
}

/** Removes an integration, its delivery log, and every item's link to its issues. */
export async function removeTrackerIntegration(viewer: Viewer, integrationId: string) {
  requireTrackerManager(viewer);
  await db.transaction(async (tx) => {
    await unlinkItems(tx, integrationId);
    const [removed] = await tx
      .delete(trackerIntegrations)
      .where(eq(trackerIntegrations.id, integrationId))
      .returning({
        kind: trackerIntegrations.kind,
        name: trackerIntegrations.name,
        site: trackerIntegrations.siteUrl,
      });
    if (!removed) throw new Refusal(NO_SUCH_INTEGRATION, 404);
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "settings.tracker_removed",
        targetType: "tracker_integration",
        targetId: integrationId,
        details: {
          tracker: trackerKindLabels[removed.kind],
          name: removed.name,
          site: removed.site,
        },
      },
      tx,
    );
  });
}

/** What each delivery did, newest first: an admin reads "Status 'In Review' is not mapped" here. */
export async function listTrackerDeliveries(viewer: Viewer, integrationId: string, page = 1) {
  requireTrackerManager(viewer);
  return db
    .select({
      id: trackerDeliveries.id,
      receivedAt: trackerDeliveries.receivedAt,
      issueKey: trackerDeliveries.issueKey,
      issueStatus: trackerDeliveries.issueStatus,
      outcome: trackerDeliveries.outcome,
      detail: trackerDeliveries.detail,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(trackerDeliveries)
    .where(eq(trackerDeliveries.integrationId, integrationId))
    .orderBy(desc(trackerDeliveries.receivedAt), desc(trackerDeliveries.id))
    .limit(TRACKER_DELIVERIES_PAGE_SIZE)
    .offset((page - 1) * TRACKER_DELIVERIES_PAGE_SIZE);
}
