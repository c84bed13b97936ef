import { sql } from "drizzle-orm";
import { ideas, proposalComments, proposals, threads } from "#db/schema";

/**
 * What every list of threads shows beside a title, read the same way wherever threads are listed,
 * so that a count or a marker never says one thing on one page and another elsewhere. Needs
 * `threads` in the query; each is one indexed lookup per listed row, and a list is one page.
 */

/**
 * Replies as a reader counts them: a proposal's section comments are its conversation too, so
 * they count beside its replies.
 */
export const readerReplyCount =
  sql<number>`(${threads.replyCount} + case when ${threads.kind} = 'proposal'
  then (select count(*)::int from ${proposalComments} where ${proposalComments.threadId} = ${threads.id})
  else 0 end)`.mapWith(Number);

/** An idea's place and support, as the board shows them; null for other kinds. */
export const listedIdeaStatus = sql<
  (typeof ideas.$inferSelect)["status"] | null
>`(select ${ideas.status} from ${ideas} where ${ideas.threadId} = ${threads.id})`;
export const listedIdeaVotes = sql<
  number | null
>`(select ${ideas.voteCount} from ${ideas} where ${ideas.threadId} = ${threads.id})`;

/** A proposal's stage; null for other kinds. */
export const listedProposalStage = sql<
  (typeof proposals.$inferSelect)["stage"] | null
>`(select ${proposals.stage} from ${proposals} where ${proposals.threadId} = ${threads.id})`;
