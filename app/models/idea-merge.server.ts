import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import {
  ideaMerges,
  ideaMergeVotes,
  ideas,
  ideaVotes,
  spaces,
  threads,
  threadWatches,
} from "#db/schema";
import { decideIdeaAction, type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { alias } from "drizzle-orm/pg-core";

const targetVotes = alias(ideaVotes, "target_votes");
import { recordAuditEvent } from "./audit.server";
import { recountVotes } from "./idea.server";
import { Refusal, requireAllowed } from "./refusal.server";

/** Merging duplicate ideas, and undoing a merge, with every moved vote recorded. */

/**
 * Merges idea `fromId` into `intoId`. Its voters become the target's voters exactly once: a
 * member who voted for both keeps one vote, at the higher importance. Its watchers watch the
 * target. Everything moved is recorded, so `undoMerge` puts every vote back where it was.
 */
export async function mergeIdea(actor: Viewer, fromId: string, intoId: string) {
  requireAllowed(decideIdeaAction(actor, { votable: true }, "merge"));
  if (fromId === intoId) throw new Refusal("An idea can't be merged into itself.", 400);
  return db.transaction(async (tx) => {
    const locked = await lockIdeaPair(tx, fromId, intoId);
    const from = locked.find((idea) => idea.id === fromId);
    const into = locked.find((idea) => idea.id === intoId);
    if (!from || !into) throw new Refusal("No such idea.", 404);
    if (from.mergedIntoId) throw new Refusal("That idea is already merged.", 409);
    if (into.mergedIntoId) {
      throw new Refusal("The target is itself merged into another idea.", 409);
    }
    // Voters move with the merge, so the target must be somewhere they can all see.
    const [spacesOf] = await tx.execute<{ same: boolean; open: boolean }>(sql`
      select f.space_id = t.space_id as same, s.visibility = 'members' as open
      from ${threads} f, ${threads} t join ${spaces} s on s.id = t.space_id
      where f.id = ${fromId} and t.id = ${intoId}`);
    if (!spacesOf?.same && !spacesOf?.open) {
      throw new Refusal(
        "Merge into an idea in the same space, or in one open to all members: its voters move with it.",
        409,
      );
    }
    const [merge] = await tx
      .insert(ideaMerges)
      .values({ fromIdeaId: fromId, intoIdeaId: intoId, mergedById: actor.id })
      .returning({ id: ideaMerges.id });
    const moving = await tx
      .select({
        userId: ideaVotes.userId,
        importance: ideaVotes.importance,
        addedById: ideaVotes.addedById,
        proxyNote: ideaVotes.proxyNote,
        createdAt: ideaVotes.createdAt,
        updatedAt: ideaVotes.updatedAt,
        targetImportanceBefore: targetVotes.importance,
      })
      .from(ideaVotes)
      .leftJoin(
        targetVotes,
        and(eq(targetVotes.ideaId, intoId), eq(targetVotes.userId, ideaVotes.userId)),
      )
      .where(eq(ideaVotes.ideaId, fromId));
    if (moving.length > 0) {
      await tx
        .insert(ideaMergeVotes)
        .values(moving.map((vote) => ({ mergeId: merge.id, ...vote })));
      // One statement for everyone who voted for both: the higher importance wins (the enum is
      // declared from least to most important, so it compares in that order).
      await tx.execute(sql`
        update ${ideaVotes} set importance = earlier.importance, updated_at = now()
        from ${ideaVotes} as earlier
        where ${ideaVotes.ideaId} = ${intoId} and earlier.idea_id = ${fromId}
          and earlier.user_id = ${ideaVotes.userId} and earlier.importance > ${ideaVotes.importance}`);
      const newcomers = moving.filter((vote) => vote.targetImportanceBefore === null);
      if (newcomers.length > 0) {
        await tx.insert(ideaVotes).values(
          newcomers.map(({ targetImportanceBefore: _before, ...vote }) => ({
            ...vote,
            ideaId: intoId,
          })),
        );
      }
      await tx.delete(ideaVotes).where(eq(ideaVotes.ideaId, fromId));
    }
    await tx.execute(sql`
      insert into ${threadWatches} (user_id, thread_id)
      select ${threadWatches.userId}, ${intoId}::uuid from ${threadWatches}
      where ${eq(threadWatches.threadId, fromId)}
      on conflict do nothing`);
    await tx.update(ideas).set({ mergedIntoId: intoId }).where(eq(ideas.threadId, fromId));
    await recountVotes(tx, [fromId, intoId]);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "idea.merged",
        targetType: "thread",
        targetId: fromId,
        details: { into: intoId, votesMoved: moving.length },
      },
      tx,
    );
    return { mergeId: merge.id, votesMoved: moving.length };
  });
}

/** Undoes the last merge of `fromId`: every vote returns to where it was before it. */
export async function undoMerge(actor: Viewer, fromId: string) {
  requireAllowed(decideIdeaAction(actor, { votable: true }, "merge"));
  await db.transaction(async (tx) => {
    const [merge] = await tx
      .select({ id: ideaMerges.id, intoId: ideaMerges.intoIdeaId })
      .from(ideaMerges)
      .where(and(eq(ideaMerges.fromIdeaId, fromId), isNull(ideaMerges.undoneAt)))
      .orderBy(desc(ideaMerges.createdAt))
      .limit(1)
      .for("update");
    if (!merge) throw new Refusal("This idea isn't merged.", 409);
    const intoId = merge.intoId;
    await lockIdeaPair(tx, fromId, intoId);
    const moved = await tx
      .select()
      .from(ideaMergeVotes)
      .where(eq(ideaMergeVotes.mergeId, merge.id));
    const now = new Date();
    // Votes the merge added to the target go; votes it upgraded go back to what they were.
    await tx.execute(sql`
      delete from ${ideaVotes} using ${ideaMergeVotes}
      where ${ideaMergeVotes.mergeId} = ${merge.id} and ${ideaMergeVotes.targetImportanceBefore} is null
        and ${ideaVotes.ideaId} = ${intoId} and ${ideaVotes.userId} = ${ideaMergeVotes.userId}`);
    await tx.execute(sql`
      update ${ideaVotes} set importance = ${ideaMergeVotes.targetImportanceBefore}, updated_at = now()
      from ${ideaMergeVotes}
      where ${ideaMergeVotes.mergeId} = ${merge.id} and ${ideaMergeVotes.targetImportanceBefore} is not null
        and ${ideaVotes.ideaId} = ${intoId} and ${ideaVotes.userId} = ${ideaMergeVotes.userId}`);
    if (moved.length > 0) {
      await tx
        .insert(ideaVotes)
        .values(
          moved.map(({ mergeId: _merge, targetImportanceBefore: _before, ...vote }) => ({
            ...vote,
            ideaId: fromId,
          })),
        )
        .onConflictDoNothing();
    }
    await tx.update(ideas).set({ mergedIntoId: null }).where(eq(ideas.threadId, fromId));
    await tx
      .update(ideaMerges)
      .set({ undoneAt: now, undoneById: actor.id })
      .where(eq(ideaMerges.id, merge.id));
    await recountVotes(tx, [fromId, intoId]);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "idea.merge_undone",
        targetType: "thread",
        targetId: fromId,
        details: { into: intoId },
      },
      tx,
    );
  });
}

/** Both ideas' rows, locked in a fixed order so two merges of one pair can't deadlock. */
function lockIdeaPair(tx: Transaction, fromId: string, intoId: string) {
  return tx
    .select({ id: ideas.threadId, mergedIntoId: ideas.mergedIntoId })
    .from(ideas)
    .where(sql`${ideas.threadId} in (${fromId}, ${intoId})`)
    .orderBy(asc(ideas.threadId))
    .for("update");
}
