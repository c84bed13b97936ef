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

/** The kinds counted, one and many: "1 reply", "6 reactions". */
const kindNouns: Record<InteractionKind, [string, string]> = {
  coauthor: ["co-authored proposal", "co-authored proposals"],
  endorsement: ["endorsement", "endorsements"],
  reply: ["reply", "replies"],
  proposal_comment: ["proposal comment", "proposal comments"],
  learning_correction: ["learning correction", "learning corrections"],
  vote: ["vote", "votes"],
  mention: ["mention", "mentions"],
  learning_confirmation: ["learning confirmation", "learning confirmations"],
  reaction: ["reaction", "reactions"],
};

export function countOfKind(kind: InteractionKind, count: number): string {
  return `${count.toLocaleString("en-US")} ${kindNouns[kind][count === 1 ? 0 : 1]}`;
}

/** An influence score: 1 is the average member of the graph. */
export function formatInfluence(score: number): string {
  return score >= 10 ? score.toFixed(0) : score >= 1 ? score.toFixed(1) : score.toFixed(2);
}

/** Growth from `before` to `now` as a fraction, or null when there is nothing to compare. */
export function growth(before: number, now: number): number | null {
  return before > 0 ? now / before - 1 : null;
}

/** A change as people read it: "+12.5%", "−3.0%". */
export function formatChange(fraction: number | null): string {
  if (fraction === null) return "—";
  const percent = (Math.abs(fraction) * 100).toFixed(1);
  return `${fraction < 0 ? "−" : "+"}${percent}%`;
}
