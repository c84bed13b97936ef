import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type WebhookEventType, webhookDeliveries, webhookEndpoints } from "#db/schema";
import { db, type Database } from "~/db.server";
import { enqueueJobs } from "~/jobs.server";

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
  const queued = await executor.execute<{ id: string }>(sql`
    insert into ${webhookDeliveries} (endpoint_id, event_id, event_type, subject_id, event_data)
    select e.id, v."eventId", ${type}, v."subjectId", v.data
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v("eventId" uuid, "subjectId" uuid, data jsonb)
    cross join ${webhookEndpoints} e
    where e.enabled and e.events @> array[${type}]::text[]
    returning id`);
  // Sent within seconds; the sweep every minute catches one queued inside a long transaction.
  if (queued.length > 0) await requestWebhookDeliveries(new Date(Date.now() + 2_000));
}

/** One event: `emitWebhookEvents` for a single subject. */
export const emitWebhookEvent = (
  type: Exclude<WebhookEventType, "ping">,
  subjectId: string,
  data: EventData = {},
  executor: Executor = db,
) => emitWebhookEvents(type, [{ subjectId, data }], executor);

/** Asks a worker to send what is due now (the minute's sweep would, a little later). */
export async function requestWebhookDeliveries(startAfter?: Date) {
  await enqueueJobs("deliver-webhooks", [{}], startAfter ? { startAfter } : {});
}
