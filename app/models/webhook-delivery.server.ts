import { createHmac } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  type WebhookDeliveryState,
  type WebhookEventType,
  users,
  webhookDeliveries,
} from "#db/schema";
import { can } from "~/auth/policy.server";
import { activePersonOf, personNowColumns, type SessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { logger } from "~/utils/logger.server";
import { postOutbound } from "~/utils/outbound-post.server";
import { getWebhookAllowedHosts } from "./webhook-endpoint.server";

/**
 * Sends due webhook deliveries: each is claimed by one worker (whichever process), its payload
 * read as the endpoint's owner, signed and POSTed; a failure is tried again with exponential
 * backoff (1, 4, 16, 64, 256 and 1,024 minutes: about a day) and then given up.
 */

/** Tries in all: the first and six retries. */
export const MAX_WEBHOOK_ATTEMPTS = 7;
/** How long a claimed delivery is left to its worker before another may try it. */
const CLAIM_SECONDS = 120;
const BATCH = 10;
/**
 * Sends at once: each may wait on a DNS lookup in Node's small shared thread pool, which the
 * pages' work needs too. 10 sends of at most 10 s, 3 at a time, end well within a claim.
 */
const CONCURRENCY = 3;
/** One run sends for at most this long; the next run (a minute later at most) goes on. */
const RUN_BUDGET_MS = 50_000;

/** The wait before try `attempt + 1`, after `attempt` tries failed. */
export function retryDelayMs(attempt: number) {
  return 60_000 * 4 ** (attempt - 1);
}

export type WebhookSubject = {
  eventType: WebhookEventType;
  subjectId: string | null;
  eventData: Record<string, string | null>;
};

/**
 * What an event carries to its endpoint, read as the endpoint's owner; null when its subject is
 * gone or the owner may no longer see it (the delivery is then dropped, not sent).
 */
export type WebhookPayloadReader = (
  owner: SessionUser,
  subject: WebhookSubject,
) => Promise<unknown | null>;

/** `t=<seconds>,v1=<hex>`: an HMAC-SHA256 of `<t>.<body>` per secret, the newest first. */
export function webhookSignature(secrets: string[], timestamp: number, body: string) {
  const signed = `${timestamp}.${body}`;
  const macs = secrets.map((secret) =>
    createHmac("sha256", secret).update(signed, "utf8").digest("hex"),
  );
  return [`t=${timestamp}`, ...macs.map((mac) => `v1=${mac}`)].join(",");
}

type Claimed = {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: WebhookEventType;
  subject_id: string | null;
  event_data: Record<string, string | null>;
  occurred_at: Date;
  attempts: number;
  url: string;
  secret: string;
  previous_secret: string | null;
  owner_id: string | null;
};

async function claimDue(): Promise<Claimed[]> {
  const rows = await db.execute<Claimed>(sql`
    with due as (
      select d.id from webhook_deliveries d
      join webhook_endpoints e on e.id = d.endpoint_id and e.enabled
      where d.state = 'pending' and d.next_attempt_at <= now()
      order by d.next_attempt_at
      limit ${BATCH}
      for update of d skip locked
    )
    update webhook_deliveries d
    set attempts = d.attempts + 1,
      next_attempt_at = now() + make_interval(secs => ${CLAIM_SECONDS})
    from due, webhook_endpoints e
    where d.id = due.id and e.id = d.endpoint_id
    returning d.id, d.endpoint_id, d.event_id, d.event_type, d.subject_id, d.event_data,
      d.occurred_at, d.attempts, e.url, e.secret,
      case when e.previous_secret_until > now() then e.previous_secret end as previous_secret,
      e.owner_id`);
  return [...rows];
}

/** The owner as they are now; null if they may no longer manage webhooks. */
async function readOwners(ids: string[]): Promise<Map<string, SessionUser>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select(personNowColumns).from(users).where(inArray(users.id, ids));
  const owners = new Map<string, SessionUser>();
  for (const row of rows) {
    const owner = activePersonOf(row);
    if (owner && can(owner, "manage:webhook:any")) owners.set(owner.id, owner);
  }
  return owners;
}

/**
 * Records how a try went, if the delivery is still the one this worker claimed: one turned off
 * meanwhile stays cancelled, and a later claim's outcome is never overwritten.
 */
async function settle(
  claimed: Claimed,
  result: {
    state: WebhookDeliveryState;
    nextAttemptAt?: Date;
    status?: number | null;
    error?: string | null;
    excerpt?: string | null;
  },
) {
  await db
    .update(webhookDeliveries)
    .set({
      state: result.state,
      ...(result.nextAttemptAt ? { nextAttemptAt: result.nextAttemptAt } : {}),
      lastStatus: result.status ?? null,
      lastError: result.error ?? null,
      lastAttemptAt: new Date(),
      responseExcerpt: result.excerpt ?? null,
    })
    .where(
      and(
        eq(webhookDeliveries.id, claimed.id),
        eq(webhookDeliveries.state, "pending"),
        eq(webhookDeliveries.attempts, claimed.attempts),
      ),
    );
  return result.state;
}

async function deliverOne(
  delivery: Claimed,
  owner: SessionUser | undefined,
  readPayload: WebhookPayloadReader,
  allowedHosts: string[],
) {
  if (!owner) {
    return settle(delivery, {
      state: "cancelled",
      error: "Not sent: the endpoint's owner no longer manages webhooks.",
    });
  }
  const subject = {
    eventType: delivery.event_type,
    subjectId: delivery.subject_id,
    eventData: delivery.event_data,
  };
  let data: unknown;
  try {
    data = delivery.event_type === "ping" ? {} : await readPayload(owner, subject);
  } catch (error) {
    logger.error({ err: error, deliveryId: delivery.id }, "could not read a webhook's payload");
    const givingUp = delivery.attempts >= MAX_WEBHOOK_ATTEMPTS;
    return settle(delivery, {
      state: givingUp ? "failed" : "pending",
      nextAttemptAt: givingUp ? undefined : new Date(Date.now() + retryDelayMs(delivery.attempts)),
      error: "Vanguard could not prepare this delivery.",
    });
  }
  if (data === null) {
    return settle(delivery, {
      state: "cancelled",
      error: "Not sent: what it is about is gone, or its owner may no longer see it.",
    });
  }
  const body = JSON.stringify({
    id: delivery.event_id,
    type: delivery.event_type,
    createdAt: new Date(delivery.occurred_at).toISOString(),
    data,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const secrets = [
    delivery.secret,
    ...(delivery.previous_secret ? [delivery.previous_secret] : []),
  ];
  const outcome = await postOutbound(
    delivery.url,
    body,
    {
      "Content-Type": "application/json; charset=utf-8",
      "User-Agent": "Vanguard-Webhooks/1",
      "Vanguard-Event": delivery.event_type,
      "Vanguard-Event-Id": delivery.event_id,
      "Vanguard-Delivery": delivery.id,
      "Vanguard-Signature": webhookSignature(secrets, timestamp, body),
    },
    allowedHosts,
  );
  if (outcome.ok) {
    return settle(delivery, {
      state: "delivered",
      status: outcome.status,
      excerpt: outcome.excerpt,
    });
  }
  const givingUp = delivery.attempts >= MAX_WEBHOOK_ATTEMPTS;
  return settle(delivery, {
    state: givingUp ? "failed" : "pending",
    nextAttemptAt: givingUp ? undefined : new Date(Date.now() + retryDelayMs(delivery.attempts)),
    status: outcome.status,
    error: outcome.error,
    excerpt: outcome.excerpt,
  });
}

/** Runs `work` on every item, at most `limit` at a time, answering in the items' order. */
async function inTurns<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Sends everything due, a batch at a time, within one run's budget. */
export async function deliverDueWebhooks(readPayload: WebhookPayloadReader) {
  const started = Date.now();
  const sent = { delivered: 0, retrying: 0, failed: 0, cancelled: 0 };
  const allowedHosts = await getWebhookAllowedHosts();
  while (Date.now() - started < RUN_BUDGET_MS) {
    const batch = await claimDue();
    if (batch.length === 0) break;
    const owners = await readOwners([
      ...new Set(batch.flatMap((delivery) => (delivery.owner_id ? [delivery.owner_id] : []))),
    ]);
    const states = await inTurns(batch, CONCURRENCY, async (delivery) => {
      try {
        const owner = delivery.owner_id ? owners.get(delivery.owner_id) : undefined;
        return await deliverOne(delivery, owner, readPayload, allowedHosts);
      } catch (error) {
        // Its outcome could not be recorded: given up rather than sent again every claim.
        logger.error({ err: error, deliveryId: delivery.id }, "a webhook delivery failed");
        return settle(delivery, { state: "failed", error: "Vanguard could not record this try." });
      }
    });
    for (const state of states) {
      if (state === "pending") sent.retrying++;
      else sent[state]++;
    }
    if (batch.length < BATCH) break;
  }
  return sent;
}

/** Deliveries are listed for a month, then forgotten (they may hold what their events carried). */
const DELIVERIES_KEPT_DAYS = 30;

export async function purgeOldWebhookDeliveries(): Promise<number> {
  const purged = await db
    .delete(webhookDeliveries)
    .where(
      sql`${webhookDeliveries.createdAt} < now() - make_interval(days => ${DELIVERIES_KEPT_DAYS})
        and ${webhookDeliveries.state} <> 'pending'`,
    )
    .returning({ id: webhookDeliveries.id });
  return purged.length;
}
