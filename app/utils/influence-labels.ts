import type { InteractionKind } from "#db/schema";

/** Each kind of interaction, as "A … B" reads: "Alice replies to Bea". */
export const interactionKindLabels: Record<InteractionKind, string> = {
  coauthor: "co-authors a proposal with them",
  endorsement: "endorses their proposal",
  reply: "replies to them",
  proposal_comment: "comments on their proposal",
  learning_correction: "corrects a learning that cites them",
  vote: "votes for their idea",
  mention: "mentions them",
  learning_confirmation: "confirms a learning that cites them",
  reaction: "reacts to their post",
};

/** Short names of the kinds, for lists of what an edge is made of. */
export const interactionKindNames: Record<InteractionKind, string> = {
  coauthor: "co-authoring",
  endorsement: "endorsements",
  reply: "replies",
  proposal_comment: "proposal comments",
  learning_correction: "learning corrections",
  vote: "votes",
  mention: "mentions",
  learning_confirmation: "learning confirmations",
  reaction: "reactions",
};

/** An influence score: 1 is the average member of the graph. */
export function formatInfluence(score: number): string {
  return score >= 10 ? score.toFixed(0) : score >= 1 ? score.toFixed(1) : score.toFixed(2);
}
