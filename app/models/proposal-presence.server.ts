// Who is editing a proposal right now, as its editors' pages report it.
import { and, asc, eq, sql } from "drizzle-orm";
import { proposalCoauthors, proposalEditors, users } from "#db/schema";
import { type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { MAX_COAUTHORS } from "./proposal-coauthor.server";

/** An editor counts as present while it has touched its row within this many seconds. */
export const PRESENCE_SECONDS = 40;

/** The editor is open: note it, and tell every page of this proposal who is editing now. */
export async function touchPresence(viewer: Viewer, threadId: string, present: boolean) {
  await db.transaction(async (tx) => {
    if (present) {
      await tx
        .insert(proposalEditors)
        .values({ threadId, userId: viewer.id })
        .onConflictDoUpdate({
          target: [proposalEditors.threadId, proposalEditors.userId],
          set: { seenAt: new Date() },
        });
    } else {
      await tx
        .delete(proposalEditors)
        .where(and(eq(proposalEditors.threadId, threadId), eq(proposalEditors.userId, viewer.id)));
    }
    const editors = await presentEditors(tx, threadId);
    await tx.execute(
      sql`select pg_notify('thread_events', ${JSON.stringify({ type: "presence", threadId, editors })})`,
    );
  });
}

function presentEditors(executor: Transaction | typeof db, threadId: string) {
  return executor
    .select({ id: users.id, name: users.displayName })
    .from(proposalEditors)
    .innerJoin(users, eq(users.id, proposalEditors.userId))
    .innerJoin(
      proposalCoauthors,
      and(
        eq(proposalCoauthors.threadId, proposalEditors.threadId),
        eq(proposalCoauthors.userId, proposalEditors.userId),
        eq(proposalCoauthors.status, "accepted"),
      ),
    )
    .where(
      and(
        eq(proposalEditors.threadId, threadId),
        sql`${proposalEditors.seenAt} > now() - make_interval(secs => ${PRESENCE_SECONDS})`,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(MAX_COAUTHORS);
}

export async function listPresentEditors(threadId: string) {
  return presentEditors(db, threadId);
}
