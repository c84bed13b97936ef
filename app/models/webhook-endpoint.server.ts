import { randomBytes, randomUUID } from "node:crypto";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { communitySettings, users, webhookDeliveries, webhookEndpoints } from "#db/schema";
import { can, rolesWith, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { normalizeHost, problemWithUrl } from "~/utils/outbound-post.server";
import type { WebhookEndpointInput } from "~/validation/webhooks";
import { recordAuditEvent } from "./audit.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";
import { requestWebhookDeliveries } from "./webhook-event.server";

/** Endpoints one community may have: each event is sent to every one of them. */
export const MAX_WEBHOOK_ENDPOINTS = 20;
/** Deliveries listed on an endpoint's page. */
export const WEBHOOK_DELIVERIES_PAGE_SIZE = 50;
/** How long the previous secret still signs after a rotation. */
const PREVIOUS_SECRET_HOURS = 24;

function requireWebhookManager(viewer: Viewer) {
  if (!can(viewer, "manage:webhook:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
}

/** A signing secret in the style of other services' (`whsec_` and 32 random bytes). */
function newSecret() {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

async function requireUsableUrl(url: string) {
  const problem = problemWithUrl(url, await getWebhookAllowedHosts());
  if (problem) throw new Refusal(problem, 400, "url");
}

/** What the audit log keeps of an address: where it goes, not its path (often a secret). */
const originOf = (url: string) => new URL(url).origin;

const NO_SUCH_ENDPOINT = "No such webhook endpoint: it may have been removed.";

export async function listWebhookEndpoints(viewer: Viewer) {
  requireWebhookManager(viewer);
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      enabled: webhookEndpoints.enabled,
      createdAt: webhookEndpoints.createdAt,
      // Counted per endpoint in one pass; the table keeps 30 days (retention). The outer table
      // is named in full: drizzle leaves a lone table's columns bare ("id"), which the subquery
      // would read as its own delivery's id.
      pending: sql<number>`(select count(*)::int from ${webhookDeliveries} d
        where d.endpoint_id = ${webhookEndpoints}.id and d.state = 'pending')`,
      failed: sql<number>`(select count(*)::int from ${webhookDeliveries} d
        where d.endpoint_id = ${webhookEndpoints}.id and d.state = 'failed')`,
    })
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.createdAt))
    .limit(MAX_WEBHOOK_ENDPOINTS);
}

export async function createWebhookEndpoint(viewer: Viewer, input: WebhookEndpointInput) {
  requireWebhookManager(viewer);
  await requireUsableUrl(input.url);
  const secret = newSecret();
  return db.transaction(async (tx) => {
    // Serialized so two admins adding at once can't pass the cap together.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('vanguard:webhook-endpoints'))`);
    const [{ total }] = await tx.select({ total: count() }).from(webhookEndpoints);
    if (total >= MAX_WEBHOOK_ENDPOINTS) {
      throw new Refusal(
        `A community may have ${MAX_WEBHOOK_ENDPOINTS} endpoints: remove one you no longer use first.`,
        409,
      );
    }
    const [created] = await tx
      .insert(webhookEndpoints)
      .values({
        ownerId: viewer.id,
        url: input.url,
        description: input.description,
        events: input.events,
        secret,
      })
      .returning({ id: webhookEndpoints.id });
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "settings.webhook_added",
        targetType: "webhook_endpoint",
        targetId: created.id,
        details: { to: originOf(input.url), events: input.events },
      },
      tx,
    );
    return { id: created.id, secret };
  });
}

export async function getWebhookEndpoint(viewer: Viewer, endpointId: string) {
  requireWebhookManager(viewer);
  const [row] = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      enabled: webhookEndpoints.enabled,
      createdAt: webhookEndpoints.createdAt,
      secretHint: sql<string>`right(${webhookEndpoints.secret}, 4)`,
      rotating: sql<boolean>`${webhookEndpoints.previousSecretUntil} > now()`,
      previousSecretUntil: webhookEndpoints.previousSecretUntil,
      ownerName: users.displayName,
      // A warning on the page; the sender checks the owner fully before each delivery.
      ownerManages: sql<boolean>`coalesce(${users.role} in ${rolesWith("manage:webhook:any")}
        and ${users.deletedAt} is null and ${users.status} = 'active', false)`,
    })
    .from(webhookEndpoints)
    .leftJoin(users, eq(users.id, webhookEndpoints.ownerId))
    .where(eq(webhookEndpoints.id, endpointId));
  return row ?? null;
}

/** Changes an endpoint; turning it off drops what was waiting to be sent to it. */
export async function updateWebhookEndpoint(
  viewer: Viewer,
  endpointId: string,
  input: WebhookEndpointInput & { enabled: boolean },
) {
  requireWebhookManager(viewer);
  await requireUsableUrl(input.url);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({
        url: input.url,
        description: input.description,
        events: input.events,
        enabled: input.enabled,
        // Whoever saves it last is whose eyes its payloads are read with (an admin who left
        // leaves it to the next admin who saves it).
        ownerId: viewer.id,
        updatedAt: new Date(),
      })
      .where(eq(webhookEndpoints.id, endpointId))
      .returning({ id: webhookEndpoints.id });
    if (!updated) throw new Refusal(NO_SUCH_ENDPOINT, 404);
    if (!input.enabled) {
      await tx
        .update(webhookDeliveries)
        .set({ state: "cancelled", lastError: "The endpoint was turned off." })
        .where(
          and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.state, "pending")),
        );
    }
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "settings.webhook_changed",
        targetType: "webhook_endpoint",
        targetId: endpointId,
        details: { to: originOf(input.url), events: input.events, enabled: input.enabled },
      },
      tx,
    );
  });
}

/**
 * A new secret signs from now on; the one it replaces signs too for a day (both signatures are
 * sent), so the receiver can switch without refusing a delivery.
 */
export async function rotateWebhookSecret(viewer: Viewer, endpointId: string) {
  requireWebhookManager(viewer);
  const secret = newSecret();
  const [rotated] = await db
    .update(webhookEndpoints)
    .set({
      previousSecret: sql`${webhookEndpoints.secret}`,
      previousSecretUntil: sql`now() + make_interval(hours => ${PREVIOUS_SECRET_HOURS})`,
      secret,
      updatedAt: new Date(),
    })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning({ id: webhookEndpoints.id });
  if (!rotated) throw new Refusal(NO_SUCH_ENDPOINT, 404);
  await recordAuditEvent({
    actorId: viewer.id,
    action: "settings.webhook_secret_rotated",
    targetType: "webhook_endpoint",
    targetId: endpointId,
  });
  return { secret, previousValidHours: PREVIOUS_SECRET_HOURS };
}

export async function removeWebhookEndpoint(viewer: Viewer, endpointId: string) {
  requireWebhookManager(viewer);
  const [removed] = await db
    .delete(webhookEndpoints)
    .where(eq(webhookEndpoints.id, endpointId))
    .returning({ url: webhookEndpoints.url });
  if (!removed) throw new Refusal(NO_SUCH_ENDPOINT, 404);
  await recordAuditEvent({
    actorId: viewer.id,
    action: "settings.webhook_removed",
    targetType: "webhook_endpoint",
    targetId: endpointId,
    details: { to: originOf(removed.url) },
  });
}

export async function listWebhookDeliveries(viewer: Viewer, endpointId: string, page = 1) {
  requireWebhookManager(viewer);
  return db
    .select({
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      state: webhookDeliveries.state,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      responseExcerpt: webhookDeliveries.responseExcerpt,
      redeliveryOf: webhookDeliveries.redeliveryOf,
      createdAt: webhookDeliveries.createdAt,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(WEBHOOK_DELIVERIES_PAGE_SIZE)
    .offset((page - 1) * WEBHOOK_DELIVERIES_PAGE_SIZE);
}

/** Sends one delivery's event again, as a new delivery (the log keeps both). */
export async function redeliverWebhook(viewer: Viewer, endpointId: string, deliveryId: string) {
  requireWebhookManager(viewer);
  const [copied] = await db.execute<{ id: string }>(sql`
    insert into ${webhookDeliveries}
      (endpoint_id, event_id, event_type, subject_id, event_data, occurred_at, redelivery_of)
    select d.endpoint_id, d.event_id, d.event_type, d.subject_id, d.event_data, d.occurred_at, d.id
    from ${webhookDeliveries} d join ${webhookEndpoints} e on e.id = d.endpoint_id
    where d.id = ${deliveryId} and d.endpoint_id = ${endpointId} and e.enabled
    returning id`);
  if (!copied) {
    throw new Refusal("That delivery can't be sent again: its endpoint is off or gone.", 404);
  }
  await recordAuditEvent({
    actorId: viewer.id,
    action: "settings.webhook_redelivered",
    targetType: "webhook_endpoint",
    targetId: endpointId,
    details: { deliveryId },
  });
  await requestWebhookDeliveries();
}

/** Sends a `ping` event to one endpoint, to check that it receives and verifies deliveries. */
export async function pingWebhookEndpoint(viewer: Viewer, endpointId: string) {
  requireWebhookManager(viewer);
  const [queued] = await db.execute<{ id: string }>(sql`
    insert into ${webhookDeliveries} (endpoint_id, event_id, event_type)
    select id, ${randomUUID()}, 'ping' from ${webhookEndpoints}
    where id = ${endpointId} and enabled
    returning id`);
  if (!queued) throw new Refusal("Turn the endpoint on to test it.", 409);
  await requestWebhookDeliveries();
}

export async function getWebhookAllowedHosts(): Promise<string[]> {
  const [row] = await db
    .select({ hosts: communitySettings.webhookAllowedHosts })
    .from(communitySettings)
    .where(eq(communitySettings.id, 1));
  return row?.hosts ?? [];
}

/** The hosts inside the network that webhooks may reach anyway (a receiver of the company's own). */
export async function setWebhookAllowedHosts(viewer: Viewer, hosts: string[]) {
  requireWebhookManager(viewer);
  const normalized = [...new Set(hosts.map(normalizeHost))];
  await db.transaction(async (tx) => {
    await tx
      .insert(communitySettings)
      .values({ id: 1, webhookAllowedHosts: normalized })
      .onConflictDoUpdate({
        target: communitySettings.id,
        set: { webhookAllowedHosts: normalized, updatedAt: new Date() },
      });
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "settings.webhook_hosts_changed",
        targetType: "settings",
        targetId: "webhooks",
        details: { hosts: normalized },
      },
      tx,
    );
  });
}
