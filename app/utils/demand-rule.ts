// The weighted-demand rule, in one place: the SQL that computes the score and the sentence that
// explains it next to the number are both built from these constants.

/** How strongly a person asked: a vote's importance, or 2 for any other contribution. */
export const SIGNAL_WEIGHTS = { critical: 3, important: 2, nice_to_have: 1, other: 2 } as const;
/** How much an account's voice counts, by its value tier. */
export const TIER_MULTIPLIERS = { top1: 5, top10: 2, rest: 1 } as const;

export const RAW_COUNT_RULE = "Raw count: distinct members.";

export const VALUE_WEIGHTED_RULE =
  `Value-weighted: each account counts once, at its people's strongest signal ` +
  `(critical vote ${SIGNAL_WEIGHTS.critical}, important ${SIGNAL_WEIGHTS.important}, ` +
  `nice to have ${SIGNAL_WEIGHTS.nice_to_have}; a post, quoted passage, co-authorship or ` +
  `endorsement ${SIGNAL_WEIGHTS.other}), multiplied by its tier (top 1% ×${TIER_MULTIPLIERS.top1}, ` +
  `top 10% ×${TIER_MULTIPLIERS.top10}, others ×${TIER_MULTIPLIERS.rest}).`;

export const INFLUENCE_DEMAND_RULE =
  `Influence-weighted: each member counts once, at their strongest signal times their influence ` +
  `score in the latest daily run (1 is the average member of the interaction graph; someone ` +
  `nobody engages with, or who joined since the run, counts at the lowest score there is).`;
