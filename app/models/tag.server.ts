import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { tags, threadTags, type TagColor, type TagVisibility } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db, violatedConstraint } from "~/db.server";
import { recordAuditEvent, recordAuditEvents } from "./audit.server";
import { Refusal } from "./refusal.server";

/** The vocabulary is the staff's: creating, changing, merging and deleting tags. */
function requireTagManager(actor: Viewer) {
  if (!can(actor, "manage:tag:any")) throw new Refusal("Only staff manage tags.", 403);
}

/** Putting tags on threads and taking them off (the thread rule's "tag"; a lock doesn't stop it). */
function requireTagger(actor: Viewer) {
  if (!can(actor, "tag:thread:any")) throw new Refusal("Only staff tag threads.", 403);
}

export type Tag = {
  id: string;
  name: string;
  color: TagColor;
  groupName: string | null;
  visibility: TagVisibility;
};

export type TagFields = Omit<Tag, "id">;

const tagColumns = {
  id: tags.id,
  name: tags.name,
  color: tags.color,
  groupName: tags.groupName,
  visibility: tags.visibility,
};

/** Internal tags are the staff's own vocabulary: for anyone else they don't exist. */
export function tagVisibleTo(viewer: Viewer): SQL {
  return can(viewer, "read:internal-tag:any") ? sql`true` : eq(tags.visibility, "public");
}

/** The tags a viewer may see, grouped then by name, for pickers and the board's filter. */
export async function listTagsForViewer(viewer: Viewer): Promise<Tag[]> {
  return db
    .select(tagColumns)
    .from(tags)
    .where(tagVisibleTo(viewer))
    .orderBy(sql`${tags.groupName} asc nulls last`, asc(sql`lower(${tags.name})`));
}

/** Every tag with how many threads carry it, for the staff's taxonomy page. */
export async function listTagsWithUses() {
  const uses = db
    .select({ tagId: threadTags.tagId, uses: sql<number>`count(*)::int`.as("uses") })
    .from(threadTags)
    .groupBy(threadTags.tagId)
    .as("uses");
  return db
    .select({ ...tagColumns, uses: sql<number>`coalesce(${uses.uses}, 0)` })
    .from(tags)
    .leftJoin(uses, eq(uses.tagId, tags.id))
    .orderBy(sql`${tags.groupName} asc nulls last`, asc(sql`lower(${tags.name})`));
}

/** The tags on some threads that the viewer may see, in one query, keyed by thread. */
export async function listThreadTags(
  viewer: Viewer,
  threadIds: string[],
): Promise<Record<string, Tag[]>> {
  const byThread: Record<string, Tag[]> = {};
  if (threadIds.length === 0) return byThread;
  const rows = await db
    .select({ threadId: threadTags.threadId, ...tagColumns })
    .from(threadTags)
    .innerJoin(tags, eq(tags.id, threadTags.tagId))
    .where(and(inArray(threadTags.threadId, threadIds), tagVisibleTo(viewer)))
    .orderBy(asc(tags.visibility), asc(sql`lower(${tags.name})`));
  for (const { threadId, ...tag } of rows) (byThread[threadId] ??= []).push(tag);
  return byThread;
}

function nameTaken(error: unknown): boolean {
  return violatedConstraint(error) === "tags_name_key";
}

const NAME_TAKEN = "Another tag already has this name.";

export async function createTag(actor: Viewer, input: TagFields): Promise<string> {
  requireTagManager(actor);
  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(tags)
        .values({ ...input, createdById: actor.id })
        .returning({ id: tags.id });
      await recordAuditEvent(
        {
          actorId: actor.id,
          action: "tag.created",
          targetType: "tag",
          targetId: created.id,
          details: { ...input },
        },
        tx,
      );
      return created.id;
    });
  } catch (error) {
    if (nameTaken(error)) throw new Refusal(NAME_TAKEN, 409, "name");
    throw error;
  }
}

/** Renames or recolours a tag, moves it between groups, or changes who sees it. */
export async function updateTag(actor: Viewer, tagId: string, input: TagFields) {
  requireTagManager(actor);
  try {
    await db.transaction(async (tx) => {
      const [before] = await tx
        .select(tagColumns)
        .from(tags)
        .where(eq(tags.id, tagId))
        .for("update");
      if (!before) throw new Refusal("That tag no longer exists.", 404);
      await tx
        .update(tags)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(tags.id, tagId));
      await recordAuditEvent(
        {
          actorId: actor.id,
          action: "tag.updated",
          targetType: "tag",
          targetId: tagId,
          details: { before, after: input },
        },
        tx,
      );
    });
  } catch (error) {
    if (nameTaken(error)) throw new Refusal(NAME_TAKEN, 409, "name");
    throw error;
  }
}

/**
 * Merges one tag into another: every thread carrying the first carries the second (once), and
 * the first is gone. Returns how many threads gained the tag.
 */
export async function mergeTags(actor: Viewer, fromId: string, intoId: string) {
  requireTagManager(actor);
  if (fromId === intoId) throw new Refusal("Choose a different tag to merge into.", 400, "intoId");
  return db.transaction(async (tx) => {
    const pair = await tx
      .select(tagColumns)
      .from(tags)
      .where(inArray(tags.id, [fromId, intoId]))
      .orderBy(asc(tags.id))
      .for("update");
    const from = pair.find((tag) => tag.id === fromId);
    const into = pair.find((tag) => tag.id === intoId);
    if (!from) throw new Refusal("That tag no longer exists.", 404);
    if (!into) throw new Refusal("The tag to merge into no longer exists.", 404, "intoId");
    const moved = await tx.execute<{ thread_id: string }>(sql`
      insert into ${threadTags} (thread_id, tag_id, added_by_id, added_at)
      select thread_id, ${intoId}, added_by_id, added_at from ${threadTags}
      where ${eq(threadTags.tagId, fromId)}
      on conflict do nothing
      returning thread_id`);
    await tx.delete(tags).where(eq(tags.id, fromId));
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "tag.merged",
        targetType: "tag",
        targetId: intoId,
        details: { from: from.name, into: into.name, threadsGained: moved.length },
      },
      tx,
    );
    return { from, into, threadsGained: moved.length };
  });
}

export async function deleteTag(actor: Viewer, tagId: string) {
  requireTagManager(actor);
  await db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(tags)
      .where(eq(tags.id, tagId))
      .returning({ name: tags.name });
    if (!deleted) throw new Refusal("That tag no longer exists.", 404);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "tag.deleted",
        targetType: "tag",
        targetId: tagId,
        details: { name: deleted.name },
      },
      tx,
    );
  });
}

/** Tags a thread by the tag's name (any case), as staff type it on the thread page. */
export async function tagThread(actor: Viewer, threadId: string, tagName: string) {
  return tagThreads(actor, [threadId], tagName);
}

/**
 * Tags threads by the tag's name (any case): one lookup, one insert, and an audit record for
 * each thread that didn't have the tag yet.
 */
export async function tagThreads(actor: Viewer, threadIds: string[], tagName: string) {
  requireTagger(actor);
  const [tag] = await db
    .select(tagColumns)
    .from(tags)
    .where(eq(sql`lower(${tags.name})`, tagName.trim().toLowerCase()));
  if (!tag) {
    throw new Refusal(
      `There is no tag named “${tagName.trim()}”. Pick one from the list, or create it on the Tags page.`,
      400,
      "tag",
    );
  }
  await db.transaction(async (tx) => {
    const added = await tx
      .insert(threadTags)
      .values(threadIds.map((threadId) => ({ threadId, tagId: tag.id, addedById: actor.id })))
      .onConflictDoNothing()
      .returning({ threadId: threadTags.threadId });
    await recordAuditEvents(
      added.map((row) => ({
        actorId: actor.id,
        action: "thread.tagged",
        targetType: "thread",
        targetId: row.threadId,
        details: { tag: tag.name },
      })),
      tx,
    );
  });
  return tag;
}

export async function untagThread(actor: Viewer, threadId: string, tagId: string) {
  requireTagger(actor);
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(threadTags)
      .where(and(eq(threadTags.threadId, threadId), eq(threadTags.tagId, tagId)))
      .returning({ tagId: threadTags.tagId });
    if (removed.length === 0) return;
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "thread.untagged",
        targetType: "thread",
        targetId: threadId,
        details: { tagId },
      },
      tx,
    );
  });
}
