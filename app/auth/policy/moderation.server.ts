import type { UserRole } from "#db/schema";
import { USER_ROLES } from "#db/schema/values";
import { allowed, type Decision, permissionsFrom, refused } from "./decision.server";
import { can, type Viewer } from "./permissions.server";

/**
 * Whom each role moderates: moderators act on members; staff on members and moderators; admins
 * on everyone but admins. Nobody acts on an admin (but see `approve` and the notices below).
 */
const RANK: Record<UserRole, readonly UserRole[]> = {
  member: [],
  moderator: ["member"],
  staff: ["member", "moderator"],
  admin: ["member", "moderator", "staff"],
};

/** Every moderation action: on content, on a thread, on a person, and on a notice's appeal. */
export const moderationActions = [
  "hide",
  "remove",
  "restore",
  "restore-removed",
  "approve",
  "dismiss",
  "edit",
  "lock",
  "unlock",
  "pin",
  "unpin",
  "move",
  "merge",
  "merge-into",
  "silence",
  "suspend",
  "lift",
  "read-notice",
  "answer-notice",
] as const;
export type ModerationAction = (typeof moderationActions)[number];

/** Whom an action falls on: someone of this role, or the actor themselves ("self"). */
export type ModerationTargetRole = UserRole | "self";

const row = (
  member: readonly ModerationTargetRole[],
  moderator: readonly ModerationTargetRole[],
  staff: readonly ModerationTargetRole[],
  admin: readonly ModerationTargetRole[],
): Record<UserRole, readonly ModerationTargetRole[]> => ({ member, moderator, staff, admin });

const byRank = row(RANK.member, RANK.moderator, RANK.staff, RANK.admin);
// Pinning, locking, moving and merging order a conversation without judging its words, so
// anyone who moderates threads may do it to their own too (an admin pins their announcement).
const byRankAndSelf = row(
  [],
  [...RANK.moderator, "self"],
  [...RANK.staff, "self"],
  [...RANK.admin, "self"],
);
const everyone: readonly UserRole[] = USER_ROLES;

/**
 * The one moderation matrix: for each action and each actor's role, whose content, thread,
 * account or notice they may act on (by the author's or person's role, or "self"). Every
 * moderation function asks it through the `decide…` functions below, before the rules that
 * depend on state (already hidden, not held…). Decided in docs/decisions/0010.
 *
 * - hide, remove, restore (a hidden post): by rank; nobody moderates their own words.
 * - restore-removed: admins only, by rank.
 * - approve (release a hold): by rank, and admins release anything held, an admin's own too: a
 *   hold is a rule's pause, not a person's judgement, and nobody ranks above an admin to lift it.
 * - dismiss (close flags, change nothing): anyone who moderates, on anyone's content but their
 *   own. Dismissing a review whose content is held releases it, so it is asked as `approve`.
 * - edit someone else's post: moderators edit members'; admins members', moderators' and
 *   staff's; staff don't rewrite anyone (they revise learnings, outside this matrix). Everyone
 *   edits their own words.
 * - lock, unlock, pin, unpin, move, merge (the thread merged away) and merge-into (the thread
 *   that receives it): by rank, and one's own threads.
 * - silence, suspend, lift: by rank; never oneself, never an admin.
 * - read-notice (a notice and its appeal): one's own, and by rank; admins read every notice.
 *   answer-notice (answer or close an appeal): the same, never one's own (that is an appeal).
 */
export const moderationMatrix: Record<
  ModerationAction,
  Record<UserRole, readonly ModerationTargetRole[]>
> = {
  hide: byRank,
  remove: byRank,
  restore: byRank,
  "restore-removed": row([], [], [], RANK.admin),
  approve: row([], RANK.moderator, RANK.staff, [...RANK.admin, "admin", "self"]),
  dismiss: row([], everyone, everyone, everyone),
  edit: row(["self"], [...RANK.moderator, "self"], ["self"], [...RANK.admin, "self"]),
  lock: byRankAndSelf,
  unlock: byRankAndSelf,
  pin: byRankAndSelf,
  unpin: byRankAndSelf,
  move: byRankAndSelf,
  merge: byRankAndSelf,
  "merge-into": byRankAndSelf,
  silence: byRank,
  suspend: byRank,
  lift: byRank,
  "read-notice": row(
    ["self"],
    [...RANK.moderator, "self"],
    [...RANK.staff, "self"],
    [...everyone, "self"],
  ),
  "answer-notice": row([], RANK.moderator, RANK.staff, everyone),
};

/** Whom an action falls on: the person (or the author) by id and role; null for a former member. */
export type ModerationSubject = { id: string | null; role: UserRole | null };

/** The matrix's cell for this viewer and this person (a former member counts as a member). */
export function matrixAllows(
  viewer: Viewer,
  action: ModerationAction,
  subject: ModerationSubject,
): boolean {
  const target: ModerationTargetRole =
    subject.id !== null && subject.id === viewer.id ? "self" : (subject.role ?? "member");
  return moderationMatrix[action][viewer.role].includes(target);
}

/** The roles whose people this viewer may take the action on, for rules that run inside SQL. */
export function rolesActedOnBy(viewer: Viewer, action: ModerationAction): UserRole[] {
  return moderationMatrix[action][viewer.role].filter(
    (target): target is UserRole => target !== "self",
  );
}

export const authorOf = (content: { authorId: string | null; authorRole: UserRole | null }) => ({
  id: content.authorId,
  role: content.authorRole,
});

export const RANK_REFUSALS = {
  content: "Your role can't act on what this person wrote; ask an admin.",
  ownContent: "Ask another moderator to act on your own post.",
  adminContent: "Nobody moderates an admin's words; talk with them instead.",
  thread: "Your role can't act on this person's thread; ask an admin.",
  adminThread: "Nobody moderates an admin's thread; talk with them instead.",
} as const;

/** The matrix's answer, in words for what was refused. */
function decideByMatrix(
  viewer: Viewer,
  action: ModerationAction,
  subject: ModerationSubject,
  words: { own: string; admin: string; other: string },
): Decision {
  if (matrixAllows(viewer, action, subject)) return allowed;
  if (subject.id !== null && subject.id === viewer.id) return refused(words.own, 403);
  return refused(subject.role === "admin" ? words.admin : words.other, 403);
}

export const contentModerationActions = [
  "hide",
  "remove",
  "restore",
  "restore-removed",
  "approve",
  "dismiss",
] as const;
export type ContentModerationAction = (typeof contentModerationActions)[number];

/** What the content rules need: who wrote it (their role), and its moderation state. */
export type ModeratedContent = {
  authorId: string | null;
  authorRole: UserRole | null;
  state: "held" | "hidden" | "removed" | null;
};

/**
 * Who may hide, remove, restore or approve a post (the thread's opening post stands for the
 * thread), or dismiss the flags on it. Moderators, staff and admins do it, to content in spaces
 * they can see (the caller finds the content through the viewer's visibility), as far as the
 * matrix allows. Bringing back what was removed is an admin's call.
 */
export function decideContentModeration(
  viewer: Viewer,
  content: ModeratedContent,
  action: ContentModerationAction,
): Decision {
  if (!can(viewer, "moderate:content:any")) return refused("Only moderators do this.", 403);
  // Dismissing the flags on held content releases it: that is an approval.
  const asked = action === "dismiss" && content.state === "held" ? "approve" : action;
  const rank = decideByMatrix(viewer, asked, authorOf(content), {
    own: RANK_REFUSALS.ownContent,
    admin: RANK_REFUSALS.adminContent,
    other: RANK_REFUSALS.content,
  });
  if (!rank.ok) return rank;
  switch (action) {
    case "hide":
      return content.state === "hidden" || content.state === "removed"
        ? refused("It was already hidden or removed by another moderator.", 409)
        : allowed;
    case "remove":
      return content.state === "removed"
        ? refused("It was already removed by another moderator.", 409)
        : allowed;
    case "approve":
      return content.state === "held"
        ? allowed
        : refused("It is no longer waiting for approval; another moderator decided.", 409);
    case "restore":
      return content.state === "hidden" || content.state === "held"
        ? allowed
        : content.state === "removed"
          ? refused("Only admins restore removed content.", 403)
          : refused("It is already visible; another moderator restored it.", 409);
    case "restore-removed":
      if (!can(viewer, "restore:removed-content:any"))
        return refused("Only admins restore removed content.", 403);
      return content.state === "removed"
        ? allowed
        : refused("It is not removed; another admin restored it.", 409);
    case "dismiss":
      return allowed;
  }
}

/**
 * Flags hold content (pending review) only when someone below an admin could release it and
 * the author is not one of the people who speak for the community: staff's and admins' posts
 * stay up while their review waits, for an admin to decide (docs/decisions/0010).
 */
export function flagsMayHold(authorRole: UserRole | null): boolean {
  return authorRole === null || authorRole === "member" || authorRole === "moderator";
}

export const threadModerationActions = [
  "lock",
  "unlock",
  "pin",
  "unpin",
  "move",
  "merge",
  "merge-into",
] as const;
export type ThreadModerationAction = (typeof threadModerationActions)[number];

/** What the thread moderation rules need: who started it, and its moderation state. */
export type ModeratedThread = {
  authorId: string | null;
  authorRole: UserRole | null;
  moderation: "held" | "hidden" | "removed" | null;
};

/**
 * Pinning, locking, moving and merging a thread: moderation, as far as the matrix allows. A
 * held, hidden or removed thread is never merged (its replies would join a thread its readers
 * see), and nothing is merged into one.
 */
export function decideThreadModeration(
  viewer: Viewer,
  thread: ModeratedThread,
  action: ThreadModerationAction,
): Decision {
  if (!can(viewer, "moderate:thread:any"))
    return refused("Only moderators can pin, lock, move and merge threads.", 403);
  const rank = decideByMatrix(viewer, action, authorOf(thread), {
    own: RANK_REFUSALS.thread,
    admin: RANK_REFUSALS.adminThread,
    other: RANK_REFUSALS.thread,
  });
  if (!rank.ok) return rank;
  if (action === "merge" && thread.moderation !== null)
    return refused(
      "This thread is held, hidden or removed: restore it before merging, or its replies would reach readers.",
      409,
    );
  if (action === "merge-into" && thread.moderation !== null)
    return refused(
      "The thread to merge into is held, hidden or removed; choose a thread its readers can see.",
      409,
    );
  return allowed;
}

export const memberModerationActions = ["silence", "suspend", "lift"] as const;
export type MemberModerationAction = (typeof memberModerationActions)[number];

/**
 * Silencing (reads, can't post) and suspending (can't sign in), and lifting either early.
 * Moderators act on members; staff and admins on members and moderators; nobody on an admin
 * or on themselves.
 */
export function decideMemberModeration(
  viewer: Viewer,
  person: { id: string; role: UserRole },
  action: MemberModerationAction,
): Decision {
  if (!can(viewer, "moderate:member:any")) return refused("Only moderators do this.", 403);
  return decideByMatrix(viewer, action, person, {
    own: "You can't do this to yourself.",
    admin: "Nobody silences or suspends an admin.",
    other: "Moderators act on members; staff and admins act on moderators.",
  });
}

export function memberModerationPermissions(
  viewer: Viewer,
  person: { id: string; role: UserRole },
) {
  return permissionsFrom(memberModerationActions, decideMemberModeration, viewer, person);
}

export const noticeActions = ["read", "answer"] as const;
export type NoticeAction = (typeof noticeActions)[number];

/**
 * A moderation notice and its appeal: the person it was sent to reads it and appeals; the
 * moderators whose role the matrix lets act on that person read it and answer (or close) the
 * appeal. Nobody answers their own notice: they appeal like anyone. A refusal reads as "no such
 * notice" (404), so a notice's existence isn't told to those who may not read it.
 */
export function decideNoticeAction(
  viewer: Viewer,
  notice: { userId: string; userRole: UserRole },
  action: NoticeAction,
): Decision {
  const subject = { id: notice.userId, role: notice.userRole };
  const own = notice.userId === viewer.id;
  if (action === "answer" && own)
    return refused("This notice is about you: write to the moderators instead.", 403);
  if (!own && !can(viewer, "moderate:content:any")) return refused("No such notice.", 404);
  return matrixAllows(viewer, action === "read" ? "read-notice" : "answer-notice", subject)
    ? allowed
    : refused("No such notice.", 404);
}
