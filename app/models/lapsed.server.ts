import { and, eq, inArray } from "drizzle-orm";
import { internalNotes, lapsedEntries, lapsedEntryEvents, users } from "#db/schema";
import { rolesWith, type Viewer } from "~/auth/policy.server";
import { db, type Database } from "~/db.server";
import type { LapsedAction } from "~/utils/lapsed-labels";
import { recordAuditEvent } from "./audit.server";
import { requireLapsedReader } from "./lapsed-list.server";
import type { PostContent } from "./post-content.server";
import { requirePostingAllowed } from "./posting-check.server";
import { Refusal } from "./refusal.server";

/**
 * What staff do about a lapsed entry: own it, note what they learned, mark it handled or open it
 * again (emails are in lapsed-email.server.ts). Each action is for staff and admins, writes the
 * entry's history (`lapsed_entry_events`) and the audit log in the same transaction.
 */

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export const NO_SUCH_ENTRY = "There is no such entry on the lapsed list.";

/** The entry, locked for this transaction; refused when it doesn't exist. */
export async function lockLapsedEntry(tx: Transaction, entryId: string) {
  const [entry] = await tx
    .select({
      id: lapsedEntries.id,
      accountId: lapsedEntries.accountId,
      userId: lapsedEntries.userId,
      signal: lapsedEntries.signal,
      ownerId: lapsedEntries.ownerId,
      handledAt: lapsedEntries.handledAt,
    })
    .from(lapsedEntries)
    .where(eq(lapsedEntries.id, entryId))
    .for("update");
  if (!entry) throw new Refusal(NO_SUCH_ENTRY, 404);
  return entry;
}

/** One line of the entry's history and its audit record, together. */
export async function recordLapsedEvent(
  tx: Transaction,
  viewer: Viewer,
  entry: { id: string; accountId: string; userId: string | null },
  action: LapsedAction,
  details: Record<string, unknown> = {},
) {
  await tx
    .insert(lapsedEntryEvents)
    .values({ entryId: entry.id, actorId: viewer.id, action, details });
  await recordAuditEvent(
    {
      actorId: viewer.id,
      action: `account.lapsed_${action}`,
      targetType: "lapsed_entry",
      targetId: entry.id,
      details: { accountId: entry.accountId, userId: entry.userId, ...details },
    },
    tx,
  );
}

/** Gives the entry an owner (a staff member or an admin), or none. */
export async function assignLapsedEntry(viewer: Viewer, entryId: string, ownerId: string | null) {
  requireLapsedReader(viewer);
  let ownerName: string | null = null;
  if (ownerId) {
    const [found] = await db
      .select({ displayName: users.displayName })
      .from(users)
      .where(
        and(
          eq(users.id, ownerId),
          inArray(users.role, rolesWith("read:account:any")),
          eq(users.status, "active"),
        ),
      );
    if (!found) {
      throw new Refusal("Choose a staff member or an admin as the owner.", 422, "ownerId");
    }
    ownerName = found.displayName;
  }
  return db.transaction(async (tx) => {
    const entry = await lockLapsedEntry(tx, entryId);
    if (entry.ownerId === ownerId) return { changed: false, ownerName };
    await tx.update(lapsedEntries).set({ ownerId }).where(eq(lapsedEntries.id, entry.id));
    await recordLapsedEvent(tx, viewer, entry, "assigned", { ownerId, ownerName });
    return { changed: true, ownerName };
  });
}

/**
 * Writes a staff note on the entry's account (with the account's other notes), and says so in
 * the entry's history.
 */
export async function noteLapsedEntry(viewer: Viewer, entryId: string, content: PostContent) {
  requireLapsedReader(viewer);
  // Staff's words: the same silence, blocked words and team rate as every other note.
  await requirePostingAllowed(
    viewer,
    { action: "comment", content, noun: "note", held: "pass" },
    (refusal) => new Refusal(refusal.message, refusal.status, "note"),
  );
  return db.transaction(async (tx) => {
    const entry = await lockLapsedEntry(tx, entryId);
    const [note] = await tx
      .insert(internalNotes)
      .values({
        accountId: entry.accountId,
        authorId: viewer.id,
        body: content.body,
        bodyHtml: content.bodyHtml,
        bodyText: content.bodyText,
      })
      .returning({ id: internalNotes.id });
    await recordLapsedEvent(tx, viewer, entry, "noted", { noteId: note.id });
    return { noteId: note.id };
  });
}

/** Marks the entry handled: it leaves the open list until its signal begins again. */
export async function markLapsedEntryHandled(viewer: Viewer, entryId: string) {
  requireLapsedReader(viewer);
  await db.transaction(async (tx) => {
    const entry = await lockLapsedEntry(tx, entryId);
    if (entry.handledAt) throw new Refusal("This entry is already handled.", 409);
    await tx
      .update(lapsedEntries)
      .set({ handledAt: new Date(), handledById: viewer.id })
      .where(eq(lapsedEntries.id, entry.id));
    await recordLapsedEvent(tx, viewer, entry, "handled");
  });
}

/** Puts a handled entry back on the open list. */
export async function reopenLapsedEntry(viewer: Viewer, entryId: string) {
  requireLapsedReader(viewer);
  await db.transaction(async (tx) => {
    const entry = await lockLapsedEntry(tx, entryId);
    if (!entry.handledAt) throw new Refusal("This entry is open already.", 409);
    await tx
      .update(lapsedEntries)
      .set({ handledAt: null, handledById: null })
      .where(eq(lapsedEntries.id, entry.id));
    await recordLapsedEvent(tx, viewer, entry, "reopened", { by: "staff" });
  });
}
