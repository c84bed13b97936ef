import { TRUST_LEVELS } from "#db/schema/values";

/**
 * Trust levels as data, free of the database so the browser can show them too. The job in
 * app/models/trust-level.server.ts builds its SQL from these rules: change a threshold here and
 * the next hourly run applies it.
 */

export type TrustLevel = (typeof TRUST_LEVELS)[number];

/** The figures a member's level is earned from (all-time, except the moderation window). */
export type TrustFigures = {
  daysVisited: number;
  /** Posts read: the sum over threads of how far they have read. */
  postsRead: number;
  /** Replies (not opening posts) that are neither deleted nor moderated. */
  replies: number;
  /** "Helpful" and "insightful" reactions from other people on their posts. */
  helpfulReactionsReceived: number;
  daysSinceJoining: number;
  /**
   * A post of theirs hidden or removed, a moderator's notice to them, a silence or a suspension
   * within the last `RECENT_MODERATION_DAYS`.
   */
  recentlyModerated: boolean;
};

export type TrustRequirements = {
  daysVisited: number;
  postsRead: number;
  replies: number;
  helpfulReactionsReceived: number;
  daysSinceJoining: number;
  /** Whether the level needs a clean record over the last `RECENT_MODERATION_DAYS`. */
  noRecentModeration: boolean;
};

/** How far back "recent moderation" looks. */
export const RECENT_MODERATION_DAYS = 60;

/** The reactions that count as "helpful" for trust. */
export const HELPFUL_REACTION_KINDS = ["helpful", "insightful"] as const;

export const TRUST_LEVEL_NAMES: Record<TrustLevel, string> = {
  0: "New member",
  1: "Member",
  2: "Regular",
  3: "Trusted",
};

export type TrustLevelRule = {
  level: TrustLevel;
  name: string;
  /** One sentence for people: what the level means. */
  description: string;
  /** What earns it; level 0 needs nothing. Each level's numbers are at least the one below's. */
  requires: TrustRequirements;
};

const NOTHING: TrustRequirements = {
  daysVisited: 0,
  postsRead: 0,
  replies: 0,
  helpfulReactionsReceived: 0,
  daysSinceJoining: 0,
  noRecentModeration: false,
};

/**
 * Discourse's ladder, scaled down for a small invite-only community: a level is the highest one
 * whose every requirement holds, recalculated every hour.
 */
export const TRUST_LEVEL_RULES: readonly TrustLevelRule[] = [
  {
    level: 0,
    name: TRUST_LEVEL_NAMES[0],
    description: "Just joined; still finding their way around.",
    requires: NOTHING,
  },
  {
    level: 1,
    name: TRUST_LEVEL_NAMES[1],
    description: "Has come back and read a little.",
    requires: { ...NOTHING, daysVisited: 2, postsRead: 5, daysSinceJoining: 1 },
  },
  {
    level: 2,
    name: TRUST_LEVEL_NAMES[2],
    description: "Visits often, takes part, and others have found their replies helpful.",
    requires: {
      daysVisited: 10,
      postsRead: 50,
      replies: 3,
      helpfulReactionsReceived: 1,
      daysSinceJoining: 14,
      noRecentModeration: true,
    },
  },
  {
    level: 3,
    name: TRUST_LEVEL_NAMES[3],
    description: "A long-standing, active contributor with a clean record.",
    requires: {
      daysVisited: 30,
      postsRead: 200,
      replies: 20,
      helpfulReactionsReceived: 10,
      daysSinceJoining: 60,
      noRecentModeration: true,
    },
  },
];

/** Each requirement in words, for a list of what a level asks. */
export const TRUST_REQUIREMENT_LABELS: Record<keyof TrustRequirements, string> = {
  daysVisited: "Days visited",
  postsRead: "Posts read",
  replies: "Replies",
  helpfulReactionsReceived: "Helpful reactions received",
  daysSinceJoining: "Days since joining",
  noRecentModeration: `No moderation in the last ${RECENT_MODERATION_DAYS} days`,
};

/** "Trust level 2 · Regular". */
export function trustLevelLabel(level: TrustLevel): string {
  return `Trust level ${level} · ${TRUST_LEVEL_NAMES[level]}`;
}

/** Whether someone's figures meet one level's requirements. */
export function meetsTrustRequirements(figures: TrustFigures, requires: TrustRequirements) {
  return (
    figures.daysVisited >= requires.daysVisited &&
    figures.postsRead >= requires.postsRead &&
    figures.replies >= requires.replies &&
    figures.helpfulReactionsReceived >= requires.helpfulReactionsReceived &&
    figures.daysSinceJoining >= requires.daysSinceJoining &&
    !(requires.noRecentModeration && figures.recentlyModerated)
  );
}
