// Endorsing a proposal with a reason, and the list of who endorsed it.
import { and, desc, eq } from "drizzle-orm";
import {
  accounts,
  accountTiers,
  proposalEndorsements,
  proposals,
  threadWatches,
  users,
} from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { refreshDemandForThreads } from "./backlog-demand.server";
import {
  requireProposalWords,
  requireProposalAction,
  readProposalState,
} from "./proposal-rules.server";

/** Endorses with a reason; endorsing again updates the reason. The endorser watches the proposal. */
export async function endorseProposal(viewer: Viewer, threadId: string, reason: string) {
  await requireProposalWords(
    viewer,
    { action: "comment", text: reason, noun: "reason", held: "refuse", place: { threadId } },
    "reason",
  );
  await db.transaction(async (tx) => {
    const state = await readProposalState(tx, viewer, threadId, true);
    requireProposalAction(viewer, state, "endorse");
    await tx
      .insert(proposalEndorsements)
      .values({ threadId, userId: viewer.id, reason })
      .onConflictDoUpdate({
        target: [proposalEndorsements.threadId, proposalEndorsements.userId],
        set: { reason, updatedAt: new Date() },
      });
    await tx.insert(threadWatches).values({ userId: viewer.id, threadId }).onConflictDoNothing();
    await recountEndorsements(tx, threadId);
  });
}

export async function withdrawEndorsement(viewer: Viewer, threadId: string) {
  await db.transaction(async (tx) => {
    await readProposalState(tx, viewer, threadId, true);
    await tx
      .delete(proposalEndorsements)
      .where(
        and(
          eq(proposalEndorsements.threadId, threadId),
          eq(proposalEndorsements.userId, viewer.id),
        ),
      );
    await recountEndorsements(tx, threadId);
  });
}

async function recountEndorsements(tx: Transaction, threadId: string) {
  await refreshDemandForThreads(tx, [threadId]);
  await tx
    .update(proposals)
    .set({
      endorsementCount: tx.$count(
        proposalEndorsements,
        eq(proposalEndorsements.threadId, threadId),
      ),
    })
    .where(eq(proposals.threadId, threadId));
}

/** Endorsements, newest first; the account and its tier only for viewers allowed to see them. */
export async function listEndorsements(viewer: Viewer, threadId: string) {
  const showAccount = can(viewer, "read:account:any");
  const rows = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      handle: users.handle,
      reason: proposalEndorsements.reason,
      createdAt: proposalEndorsements.createdAt,
      updatedAt: proposalEndorsements.updatedAt,
      accountName: accounts.name,
      tier: accountTiers.tier,
    })
    .from(proposalEndorsements)
    .innerJoin(users, eq(users.id, proposalEndorsements.userId))
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountTiers, eq(accountTiers.accountId, users.accountId))
    .where(eq(proposalEndorsements.threadId, threadId))
    .orderBy(desc(proposalEndorsements.updatedAt))
    .limit(500);
  return rows.map(({ accountName, tier, ...row }) => ({
    ...row,
    account: showAccount && accountName ? { name: accountName, tier } : null,
  }));
}
