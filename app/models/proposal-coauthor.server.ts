// Who writes a proposal with its author: invitations, their answers, and leaving or being removed.
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  proposalCoauthors,
  proposalEditors,
  spaces,
  threads,
  threadWatches,
  users,
} from "#db/schema";
import { type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { publishAccessChange } from "~/live.server";
import { refreshDemandForThreads } from "./backlog-demand.server";
import { readProposalState, requireProposalAction } from "./proposal-rules.server";
import { Refusal } from "./refusal.server";
import { spaceVisibleToUsersRow } from "./space-access.server";

/** A proposal has at most this many co-authors (the author included). */
export const MAX_COAUTHORS = 12;

/** Invites a member who can see the proposal's space, or a staff member, to co-author it. */
export async function inviteCoauthor(viewer: Viewer, threadId: string, handle: string) {
  return db.transaction(async (tx) => {
    const state = await readProposalState(tx, viewer, threadId, true);
    requireProposalAction(viewer, state, "invite");
    const [person] = await tx
      .select({
        id: users.id,
        displayName: users.displayName,
        canSee: sql<boolean>`${spaceVisibleToUsersRow()}`,
        status: proposalCoauthors.status,
      })
      .from(users)
      .innerJoin(threads, eq(threads.id, threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(
        proposalCoauthors,
        and(eq(proposalCoauthors.threadId, threadId), eq(proposalCoauthors.userId, users.id)),
      )
      .where(and(sql`lower(${users.handle}) = lower(${handle})`, eq(users.status, "active")));
    if (!person || !person.canSee) {
      throw new Refusal(`No member called @${handle} can see this space.`, 400, "handle");
    }
    if (person.status === "accepted") {
      throw new Refusal(`${person.displayName} already co-authors this.`, 409, "handle");
    }
    if (person.status === "invited") {
      throw new Refusal(`${person.displayName} is already invited.`, 409, "handle");
    }
    const count = await tx.$count(
      proposalCoauthors,
      and(
        eq(proposalCoauthors.threadId, threadId),
        inArray(proposalCoauthors.status, ["accepted", "invited"]),
      ),
    );
    if (count >= MAX_COAUTHORS) {
      throw new Refusal(`A proposal has at most ${MAX_COAUTHORS} co-authors.`, 409, "handle");
    }
    await tx
      .insert(proposalCoauthors)
      .values({ threadId, userId: person.id, status: "invited", invitedById: viewer.id })
      .onConflictDoUpdate({
        target: [proposalCoauthors.threadId, proposalCoauthors.userId],
        set: {
          status: "invited",
          invitedById: viewer.id,
          invitedAt: new Date(),
          respondedAt: null,
        },
      });
    return person;
  });
}

/** The invited person accepts (and watches the proposal) or declines. */
export async function answerInvitation(viewer: Viewer, threadId: string, accept: boolean) {
  await db.transaction(async (tx) => {
    const state = await readProposalState(tx, viewer, threadId, true);
    requireProposalAction(viewer, state, "respond-invite");
    await tx
      .update(proposalCoauthors)
      .set({ status: accept ? "accepted" : "declined", respondedAt: new Date() })
      .where(
        and(eq(proposalCoauthors.threadId, threadId), eq(proposalCoauthors.userId, viewer.id)),
      );
    if (accept) {
      await tx.insert(threadWatches).values({ userId: viewer.id, threadId }).onConflictDoNothing();
      await refreshDemandForThreads(tx, [threadId]);
    } else {
      // Declining a draft's invitation ends reading it.
      await publishAccessChange({ userIds: [viewer.id] }, tx);
    }
  });
}

/**
 * The author removes a co-author or withdraws an invitation; a co-author may also step down.
 * Removal takes effect at once: the next save they try is refused.
 */
export async function removeCoauthor(viewer: Viewer, threadId: string, userId: string) {
  await db.transaction(async (tx) => {
    const state = await readProposalState(tx, viewer, threadId, true);
    if (userId === state.authorId) {
      throw new Refusal("The proposal's author can't be removed.", 409);
    }
    if (userId !== viewer.id && state.part !== "author") {
      throw new Refusal("Only the proposal's author removes co-authors.", 403);
    }
    await tx
      .delete(proposalCoauthors)
      .where(and(eq(proposalCoauthors.threadId, threadId), eq(proposalCoauthors.userId, userId)));
    await tx
      .delete(proposalEditors)
      .where(and(eq(proposalEditors.threadId, threadId), eq(proposalEditors.userId, userId)));
    await refreshDemandForThreads(tx, [threadId]);
    // Their open pages stop hearing its revisions and editors (and a draft, at all) now.
    await publishAccessChange({ userIds: [userId] }, tx);
  });
}
