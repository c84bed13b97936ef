import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type WebhookEventType, webhookDeliveries, webhookEndpoints } from "#db/schema";
import { db, sqlClient, type Database } from "~/db.server";
import { enqueueJobs } from "~/jobs.server";
import { logger } from "~/utils/logger.server";

type Executor = Pick<Database, "execute">;
type EventData = Record<string, string | null>;

/**
 * Queues events of one type for every endpoint that asked for them, in one statement. Pass the
 * transaction that made the change: the events then exist exactly when the change does. What
 * each endpoint receives is read later, as that endpoint's owner, when it is sent
 * (`webhook-delivery.server.ts`), so nothing here decides who may see what; `data` holds only
 * what the event adds to its subject (a status it moved from), never anything private.
 */
export async function emitWebhookEvents(
  type: Exclude<WebhookEventType, "ping">,
  events: Array<{ subjectId: string; data?: EventData }>,
  executor: Executor = db,
) {
  if (events.length === 0) return;
  const rows = events.map((event) => ({
    eventId: randomUUID(),
    subjectId: event.subjectId,
    data: event.data ?? {},
  }));
  // A NOTIFY is heard only once the transaction commits: the listener below then asks for a
  // run, outside the change's transaction (a queue that fails never fails a vote).
  await executor.execute(sql`
    with queued as (
      insert into ${webhookDeliveries} (endpoint_id, event_id, event_type, subject_id, event_data)
      select e.id, v."eventId", ${type}, v."subjectId", v.data
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v("eventId" uuid, "subjectId" uuid, data jsonb)
      cross join ${webhookEndpoints} e
      where e.enabled and e.events @> array[${type}]::text[]
      returning 1
    )
    select pg_notify(${CHANNEL}, '') from (select 1 from queued limit 1) as any_queued`);
}

const CHANNEL = "webhook_events";
const registry = globalThis as typeof globalThis & { __vanguardWebhookListener?: boolean };

/**
 * Each process listens for committed events and asks for a delivery run a moment later (one
 * run for a burst; the queue keeps at most one waiting). The minute's sweep covers a missed one.
 */
export async function listenForWebhookEvents() {
  if (registry.__vanguardWebhookListener) return;
  registry.__vanguardWebhookListener = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  await sqlClient().listen(CHANNEL, () => {
    timer ??= setTimeout(() => {
      timer = null;
      requestWebhookDeliveries().catch((error: unknown) =>
        logger.warn({ err: error }, "could not ask for a webhook delivery run"),
      );
    }, 500);
  });
}

/** One event: `emitWebhookEvents` for a single subject. */
export const emitWebhookEvent = (
  type: Exclude<WebhookEventType, "ping">,
  subjectId: string,
  data: EventData = {},
  executor: Executor = db,
) => emitWebhookEvents(type, [{ subjectId, data }], executor);

/** Asks a worker to send what is due now (the minute's sweep would, a little later). */
export async function requestWebhookDeliveries() {
  await enqueueJobs("deliver-webhooks", [{}]);
}
