import { can, type Viewer } from "~/auth/policy.server";
import {
  hitRateLimits,
  minutesUntil,
  undoRateLimitHit,
  type RateLimitRule,
} from "./rate-limit.server";

/**
 * What a write counts against. "comment" is the short writing around posts: a proposal's section
 * comments, endorsement reasons, appeal messages, staff notes; it has the reply's numbers and a
 * count of its own, so a review of a proposal doesn't use up the day's replies.
 */
export type PostingAction = "reply" | "thread" | "edit" | "comment";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type PostingLimits = Record<PostingAction, RateLimitRule[]>;

/** Comments are counted like replies, separately from them. */
function withComments(limits: Omit<PostingLimits, "comment">): PostingLimits {
  return { ...limits, comment: limits.reply };
}

/** New members (trust level 0): room to introduce themselves, not to flood. */
const NEW_MEMBER_LIMITS: PostingLimits = withComments({
  reply: [
    { limit: 3, windowMs: MINUTE },
    { limit: 10, windowMs: HOUR },
  ],
  thread: [
    { limit: 1, windowMs: MINUTE },
    { limit: 3, windowMs: HOUR },
  ],
  edit: [
    { limit: 5, windowMs: MINUTE },
    { limit: 30, windowMs: HOUR },
  ],
});

/** Enough for a lively conversation; too few for a script or a flood. */
const MEMBER_LIMITS: PostingLimits = withComments({
  reply: [
    { limit: 6, windowMs: MINUTE },
    { limit: 60, windowMs: HOUR },
  ],
  thread: [
    { limit: 3, windowMs: MINUTE },
    { limit: 15, windowMs: HOUR },
  ],
  edit: [
    { limit: 10, windowMs: MINUTE },
    { limit: 100, windowMs: HOUR },
  ],
});

/** Regulars and trusted members (levels 2 and 3) have earned more room. */
const TRUSTED_LIMITS: PostingLimits = withComments({
  reply: [
    { limit: 10, windowMs: MINUTE },
    { limit: 120, windowMs: HOUR },
  ],
  thread: [
    { limit: 5, windowMs: MINUTE },
    { limit: 30, windowMs: HOUR },
  ],
  edit: [
    { limit: 15, windowMs: MINUTE },
    { limit: 200, windowMs: HOUR },
  ],
});

/** Staff and moderators answer and tidy up in bursts (official answers, moderation edits). */
const TEAM_LIMITS: PostingLimits = withComments({
  reply: [
    { limit: 20, windowMs: MINUTE },
    { limit: 300, windowMs: HOUR },
  ],
  thread: [
    { limit: 10, windowMs: MINUTE },
    { limit: 60, windowMs: HOUR },
  ],
  edit: [
    { limit: 30, windowMs: MINUTE },
    { limit: 500, windowMs: HOUR },
  ],
});

/** The limits for this person, loosening as they earn trust. */
export function postingLimitsFor(viewer: Pick<Viewer, "role">, trustLevel: number): PostingLimits {
  if (can(viewer, "use:team-posting-limits:own")) return TEAM_LIMITS;
  if (trustLevel <= 0) return NEW_MEMBER_LIMITS;
  return trustLevel === 1 ? MEMBER_LIMITS : TRUSTED_LIMITS;
}

const nouns: Record<PostingAction, [string, string]> = {
  reply: ["reply", "replies"],
  thread: ["new thread", "new threads"],
  edit: ["edit", "edits"],
  comment: ["comment or message", "comments and messages"],
};

export type PostingAllowance = { ok: true } | { ok: false; message: string };

/**
 * Counts one post, thread or edit against every window for this person, atomically across app
 * processes. A refused attempt is taken back, so waiting is all it takes.
 */
export async function claimPostingAllowance(
  viewer: Pick<Viewer, "id" | "role">,
  action: PostingAction,
  trustLevel: number,
): Promise<PostingAllowance> {
  const rules = postingLimitsFor(viewer, trustLevel)[action];
  const keys = rules.map((rule) => `posting:${action}:${viewer.id}:${rule.windowMs}`);
  const hits = await hitRateLimits(rules.map((rule, index) => ({ key: keys[index], rule })));
  const refusedBy = rules.findIndex((_, index) => hits[index].limited);
  if (refusedBy === -1) return { ok: true };
  await Promise.all(keys.map((key) => undoRateLimitHit(key)));
  const rule = rules[refusedBy];
  const [one, many] = nouns[action];
  const wait = minutesUntil(hits[refusedBy].retryAfterMs);
  const window = rule.windowMs === MINUTE ? "a minute" : "an hour";
  return {
    ok: false,
    message:
      `You can make at most ${rule.limit} ${rule.limit === 1 ? one : many} in ${window}. ` +
      `Try again in ${wait} minute${wait === 1 ? "" : "s"}; what you wrote is still here.`,
  };
}
