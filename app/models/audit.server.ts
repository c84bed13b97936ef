import { and, desc, eq, inArray } from "drizzle-orm";
import { auditEvents, users } from "#db/schema";
import { db, type Database } from "~/db.server";

export type AuditInput = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
};

type Executor = Pick<Database, "insert">;

/** Records an action; pass the transaction so the record and the change commit together. */
export async function recordAuditEvent(input: AuditInput, executor: Executor = db): Promise<void> {
  await executor.insert(auditEvents).values({ ...input, details: input.details ?? {} });
}

/** Records several actions at once (a bulk change), in one statement. */
export async function recordAuditEvents(inputs: AuditInput[], executor: Executor = db) {
  if (inputs.length === 0) return;
  await executor
    .insert(auditEvents)
    .values(inputs.map((input) => ({ ...input, details: input.details ?? {} })));
}

/** Latest events about some targets of one type, with the actor's name, newest first. */
export async function listAuditEventsFor(targetType: string, targetIds: string[], limit = 200) {
  if (targetIds.length === 0) return [];
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
      createdAt: auditEvents.createdAt,
      actorName: users.displayName,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.targetType, targetType), inArray(auditEvents.targetId, targetIds)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(limit);
}
