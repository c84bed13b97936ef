// What every proposal write checks first: the rules for the viewer's part, the posting check
// on the words, and the proposal's state read fresh.
import { eq, sql } from "drizzle-orm";
import { proposalCoauthors, proposals, threads } from "#db/schema";
import {
  decideProposalAction,
  type ProposalAction,
  type ProposalState,
  type Viewer,
} from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { requirePostingAllowed, type WrittenWords } from "./posting-check.server";
import { Refusal } from "./refusal.server";

/**
 * The posting check on a proposal's words, before they are written; a refusal comes back on the
 * form's field. A word held for review is refused here: a document written together, a comment
 * or a reason has no held state (docs/decisions/0010).
 */
export async function requireProposalWords(viewer: Viewer, words: WrittenWords, field: string) {
  await requirePostingAllowed(
    viewer,
    words,
    (refusal) => new Refusal(refusal.message, refusal.status, field),
  );
}

export function requireProposalAction(
  viewer: Viewer,
  state: ProposalState,
  action: ProposalAction,
) {
  const decision = decideProposalAction(viewer, state, action);
  if (!decision.ok) throw new Refusal(decision.message, decision.status);
}

/** The viewer's part in a proposal, as SQL over `proposals`. */
export function partOf(viewerId: string) {
  return sql<ProposalState["part"]>`(
    select case
      when ${threads.authorId} = ${viewerId} then 'author'
      when ${proposalCoauthors.status} = 'accepted' then 'coauthor'
      when ${proposalCoauthors.status} = 'invited' then 'invited'
    end
    from ${proposalCoauthors}
    where ${proposalCoauthors.threadId} = ${proposals.threadId} and ${proposalCoauthors.userId} = ${viewerId}
  )`;
}

/**
 * The state the proposal rules need, read fresh (inside the caller's transaction when given, with
 * the row locked) so a co-author removed a moment ago is refused at once.
 */
export async function readProposalState(
  executor: Transaction | typeof db,
  viewer: Viewer,
  threadId: string,
  lock = false,
) {
  const query = executor
    .select({
      stage: proposals.stage,
      revision: proposals.revision,
      sections: proposals.sections,
      sectionsHtml: proposals.sectionsHtml,
      title: threads.title,
      authorId: threads.authorId,
      locked: sql<boolean>`${threads.lockedAt} is not null`,
      part: partOf(viewer.id),
    })
    .from(proposals)
    .innerJoin(threads, eq(threads.id, proposals.threadId))
    .where(eq(proposals.threadId, threadId));
  const [row] = lock ? await query.for("update", { of: proposals }) : await query;
  if (!row) throw new Refusal("No such proposal.", 404);
  return row;
}
