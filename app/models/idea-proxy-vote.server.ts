import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { ideas, ideaVotes, spaces, threads, users, type IdeaImportance } from "#db/schema";
import { VOTABLE_IDEA_STATUSES } from "#db/schema/values";
import { can, decideIdeaAction, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { alias } from "drizzle-orm/pg-core";
import { recordAuditEvent } from "./audit.server";
import { threadVisibleTo, threadVisibleToUsersRow } from "./space-access.server";
import { findPersonByHandleOrEmail } from "./user.server";
import { Refusal, requireAllowed } from "./refusal.server";
import { recountVotes, requireVotableIdea } from "./idea.server";
import { VOTERS_SHOWN } from "./idea-value.server";
import { emitWebhookEvent } from "./webhook-event.server";

const addedBy = alias(users, "added_by");
// Votes staff record on a customer's behalf, and the list the customer sees of them.

/**
 * Staff record a customer's vote heard in a call or a meeting, with a note. It is labelled with
 * who added it wherever votes are listed; the customer sees it on their profile and may remove
 * it. A customer's own vote is never overwritten.
 */
export async function recordProxyVote(
  actor: Viewer,
  ideaId: string,
  input: { person: string; importance: IdeaImportance; note: string },
) {
  // Asked before anyone is looked up: who exists is no answer for someone who may not ask.
  requireAllowed(decideIdeaAction(actor, { votable: true }, "proxy-vote"));
  const person = await findPersonByHandleOrEmail(input.person);
  if (!person) throw new Refusal("Nobody has that handle or email.", 400);
  if (!can(person, "vote:idea:own")) {
    throw new Refusal(`${person.displayName} is not a customer: only customers' votes count.`, 400);
  }
  const [visible] = await db
    .select({ ok: sql<boolean>`${threadVisibleToUsersRow()}` })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .innerJoin(users, eq(users.id, person.id))
    .where(eq(threads.id, ideaId));
  if (!visible?.ok) {
    throw new Refusal(`${person.displayName} can't see this idea.`, 400);
  }
  await db.transaction(async (tx) => {
    await requireVotableIdea(tx, actor, ideaId, "proxy-vote");
    const inserted = await tx
      .insert(ideaVotes)
      .values({
        ideaId,
        userId: person.id,
        importance: input.importance,
        addedById: actor.id,
        proxyNote: input.note,
      })
      .onConflictDoNothing()
      .returning({ userId: ideaVotes.userId });
    if (inserted.length === 0) {
      throw new Refusal(`${person.displayName} has already voted for this idea.`, 409);
    }
    await recountVotes(tx, [ideaId]);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "idea.proxy_vote_recorded",
        targetType: "thread",
        targetId: ideaId,
        details: { for: person.id, importance: input.importance, note: input.note },
      },
      tx,
    );
    // The staff's note stays out: it is read where the owner reads the idea's voters.
    await emitWebhookEvent(
      "vote.cast",
      ideaId,
      { importance: input.importance, proxy: "true" },
      tx,
    );
  });
  return person;
}

/** The votes staff recorded for this person on ideas they can still see, for their own profile. */
export async function listProxyVotesFor(viewer: Viewer) {
  return db
    .select({
      ideaId: ideaVotes.ideaId,
      title: threads.title,
      importance: ideaVotes.importance,
      note: ideaVotes.proxyNote,
      addedByName: addedBy.displayName,
      createdAt: ideaVotes.createdAt,
      votable: sql<boolean>`${ideas.status} in ${VOTABLE_IDEA_STATUSES}`,
    })
    .from(ideaVotes)
    .innerJoin(ideas, eq(ideas.threadId, ideaVotes.ideaId))
    .innerJoin(threads, eq(threads.id, ideaVotes.ideaId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(addedBy, eq(addedBy.id, ideaVotes.addedById))
    .where(
      and(eq(ideaVotes.userId, viewer.id), isNotNull(ideaVotes.addedById), threadVisibleTo(viewer)),
    )
    .orderBy(desc(ideaVotes.createdAt))
    .limit(VOTERS_SHOWN);
}
