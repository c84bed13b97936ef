import { redirect } from "@remix-run/node";
import type { UserRole } from "#db/schema";
import { USER_ROLES } from "#db/schema/values";
import { isDatabaseUnavailable } from "~/db.server";
import { safeRedirectPath } from "~/utils/redirect";
import { expectedFailure } from "~/utils/responses.server";
import { getCurrentSession, type SessionUser } from "./session.server";

/**
 * Every permission in the app, as `action:entity:scope`. Roles get sets of them below; routes ask
 * for one with `requireUserWithPermission` and the UI mirrors the same answers via `can`.
 */
export const permissions = [
  "read:community:own",
  "flag:content:own",
  "vote:idea:own",
  "post-idea:space:any",
  "set-status:idea:any",
  "record-proxy-vote:idea:any",
  "manage:tag:any",
  "tag:thread:any",
  "read:internal-tag:any",
  "publish:learning:any",
  "read:draft-proposal:any",
  "set-stage:proposal:any",
  "endorse:proposal:own",
  "write:internal-note:any",
  "manage:backlog:any",
  "triage:inbox:any",
  "use:team-posting-limits:own",
  "read:space:any",
  "observe:space:any",
  "create:space:any",
  "update:space:any",
  "manage:space-members:any",
  "update:post:any",
  "moderate:thread:any",
  "moderate:content:any",
  "moderate:member:any",
  "read:audit-log:any",
  "restore:removed-content:any",
  "read:tier:any",
  "read:account:any",
  "manage:account:any",
  "read:member:any",
  "invite:member:any",
  "update:member:any",
  "read:outbox:any",
  "manage:settings:any",
] as const;
export type Permission = (typeof permissions)[number];

const memberPermissions: Permission[] = ["read:community:own", "flag:content:own"];
// Votes measure customers' demand: only customers' people cast them (staff record a customer's
// vote on their behalf instead), so this stays out of the lists built on memberPermissions.
// Endorsements likewise: a proposal's support is customers' support.
const customerPermissions: Permission[] = ["vote:idea:own", "endorse:proposal:own"];
// Moderators see the spaces they belong to like any member (private spaces stay private), and may
// edit any post they can see, with a reason. Staff see every space (observation is disclosed in
// each space) and moderate too (the queue, hiding, silencing), but don't rewrite members' words.
// Restoring what a moderator removed is an admin's call.
const moderationPermissions: Permission[] = [
  "moderate:thread:any",
  "moderate:content:any",
  "moderate:member:any",
  "read:audit-log:any",
  "use:team-posting-limits:own",
];
const moderatorPermissions: Permission[] = [
  ...memberPermissions,
  ...moderationPermissions,
  "update:post:any",
];
const staffPermissions: Permission[] = [
  ...memberPermissions,
  ...moderationPermissions,
  "observe:space:any",
  "read:space:any",
  "manage:space-members:any",
  "read:tier:any",
  "read:account:any",
  "post-idea:space:any",
  "set-status:idea:any",
  "record-proxy-vote:idea:any",
  "manage:tag:any",
  "tag:thread:any",
  "read:internal-tag:any",
  "publish:learning:any",
  "read:draft-proposal:any",
  "set-stage:proposal:any",
  // Reading internal notes comes with writing them: both are staff's alone.
  "write:internal-note:any",
  // The backlog, its demand figures (accounts, revenue) and its exports are staff's workspace.
  "manage:backlog:any",
  "triage:inbox:any",
];

const rolePermissions: Record<UserRole, ReadonlySet<Permission>> = {
  member: new Set([...memberPermissions, ...customerPermissions]),
  moderator: new Set(moderatorPermissions),
  staff: new Set(staffPermissions),
  admin: new Set(permissions.filter((permission) => !customerPermissions.includes(permission))),
};

export function can(user: Pick<SessionUser, "role"> | null, permission: Permission): boolean {
  return user ? rolePermissions[user.role].has(permission) : false;
}

/** What the post rules below need to know about a post and its thread. */
export type PostState = {
  authorId: string | null;
  /** The author's role, for the moderation matrix (null: a former member). */
  authorRole: UserRole | null;
  position: number;
  deleted: boolean;
  threadLocked: boolean;
  threadKind: string;
};

export const postActions = ["reply", "quote", "react", "edit", "delete"] as const;
export type PostAction = (typeof postActions)[number];

/** An answer from the object rules: allowed, or refused with the words to show and a status. */
export type Decision = { ok: true } | { ok: false; message: string; status: 403 | 404 | 409 };

const allowed: Decision = { ok: true };
const refused = (message: string, status: 403 | 404 | 409): Decision => ({
  ok: false,
  message,
  status,
});
const LOCKED_THREAD = "This thread is locked: it takes no new replies, reactions or changes.";

/**
 * The one rule for what a viewer may do to a post, asked by the page (to show only the controls
 * that work) and by the action (to allow it). A locked thread is frozen for everyone taking part.
 * Editing someone else's words is a moderator's act, made with a reason (see `editNeedsReason`);
 * staff observe and answer, they don't rewrite members. Authors delete their own replies; the
 * opening post holds the thread and is edited instead.
 */
export function decidePostAction(viewer: Viewer, post: PostState, action: PostAction): Decision {
  if (post.deleted) return refused("That post was deleted.", 409);
  const own = post.authorId !== null && post.authorId === viewer.id;
  switch (action) {
    case "reply":
    case "quote":
    case "react":
      return post.threadLocked ? refused(LOCKED_THREAD, 409) : allowed;
    case "edit":
      // Its sections are merged revision by revision; a plain post edit would bypass that.
      if (post.threadKind === "proposal" && post.position === 1) {
        return refused("A proposal is edited section by section in its own editor.", 409);
      }
      // Moderators and admins edit words, even in a locked thread, as far as the matrix lets
      // them: their own, and those of the roles they moderate.
      if (can(viewer, "update:post:any") && matrixAllows(viewer, "edit", authorOf(post)))
        return allowed;
      // A learning speaks for the company: any staff member may revise it, e.g. to take in a
      // member's correction.
      if (isLearningText(post) && can(viewer, "publish:learning:any")) {
        return post.threadLocked ? refused(LOCKED_THREAD, 409) : allowed;
      }
      if (!own)
        return can(viewer, "update:post:any")
          ? refused(RANK_REFUSALS.content, 403)
          : refused("You can only edit your own posts.", 403);
      return post.threadLocked ? refused(LOCKED_THREAD, 409) : allowed;
    case "delete":
      if (!own) return refused("You can only delete your own posts.", 403);
      if (post.threadLocked) return refused(LOCKED_THREAD, 409);
      return post.position > 1
        ? allowed
        : refused("The opening post holds the thread; edit it instead.", 409);
  }
}

function isLearningText(post: PostState) {
  return post.threadKind === "learning" && post.position === 1;
}

/** Every action's answer at once, for a page to show exactly the controls that will work. */
function permissionsFrom<Action extends string, State>(
  actions: readonly Action[],
  decide: (viewer: Viewer, state: State, action: Action) => Decision,
  viewer: Viewer,
  state: State,
): Record<Action, boolean> {
  return Object.fromEntries(
    actions.map((action) => [action, decide(viewer, state, action).ok]),
  ) as Record<Action, boolean>;
}

export function postPermissions(viewer: Viewer, post: PostState) {
  return permissionsFrom(postActions, decidePostAction, viewer, post);
}

/** A moderator editing someone else's post says why; the reason is kept with the revision. */
export function editNeedsReason(viewer: Viewer, post: PostState): boolean {
  // Staff revising the company's learning speak for the company; the history names them.
  if (isLearningText(post) && can(viewer, "publish:learning:any")) return false;
  return post.authorId !== viewer.id;
}

export const threadActions = ["reply", "watch", "pin", "lock", "welcome", "tag"] as const;
export type ThreadAction = (typeof threadActions)[number];

/** What the thread rules need to know about a thread, and who started it (for the matrix). */
export type ThreadState = {
  locked: boolean;
  space: { visibility: string };
  authorId: string | null;
  authorRole: UserRole | null;
};

/**
 * The same for a thread: replying needs it unlocked; pinning and locking are moderation; making
 * it the thread new members are sent to is an admin's choice, and only in a space all can see.
 */
export function decideThreadAction(
  viewer: Viewer,
  thread: ThreadState,
  action: ThreadAction,
): Decision {
  switch (action) {
    case "reply":
      return thread.locked ? refused(LOCKED_THREAD, 409) : allowed;
    case "watch":
      return allowed;
    case "pin":
    case "lock":
      return decideThreadModeration(viewer, { ...thread, moderation: null }, action);
    case "welcome":
      if (!can(viewer, "manage:settings:any"))
        return refused("Only admins choose the welcome thread.", 403);
      return thread.space.visibility === "members"
        ? allowed
        : refused("The welcome thread must be in a space open to all members.", 409);
    case "tag":
      // Triage goes on after a thread is locked, so a lock doesn't stop tagging.
      return can(viewer, "tag:thread:any") ? allowed : refused("Only staff tag threads.", 403);
  }
}

export function threadPermissions(viewer: Viewer, thread: ThreadState) {
  return permissionsFrom(threadActions, decideThreadAction, viewer, thread);
}

export const ideaActions = ["vote", "set-status", "proxy-vote", "merge"] as const;
export type IdeaAction = (typeof ideaActions)[number];

/**
 * What a viewer may do to an idea: customers vote while it is open for voting; staff and admins
 * set its status and record a customer's vote heard elsewhere.
 */
export function decideIdeaAction(
  viewer: Viewer,
  idea: { votable: boolean },
  action: IdeaAction,
): Decision {
  switch (action) {
    case "vote":
      if (!can(viewer, "vote:idea:own"))
        return refused("Votes come from customers; staff record a customer's vote for them.", 403);
      return idea.votable ? allowed : refused("This idea is no longer open for voting.", 409);
    case "set-status":
    case "merge":
      return can(viewer, "set-status:idea:any")
        ? allowed
        : refused("Only staff change an idea's status or merge ideas.", 403);
    case "proxy-vote":
      if (!can(viewer, "record-proxy-vote:idea:any"))
        return refused("Only staff record a vote for a customer.", 403);
      return idea.votable ? allowed : refused("This idea is no longer open for voting.", 409);
  }
}

export function ideaPermissions(viewer: Viewer, idea: { votable: boolean }) {
  return permissionsFrom(ideaActions, decideIdeaAction, viewer, idea);
}

export const learningActions = ["publish", "respond", "accept-correction"] as const;
export type LearningAction = (typeof learningActions)[number];

/**
 * Staff publish learnings and accept corrections to them; members answer them (confirm, or
 * correct), since a learning asks whether the company heard its customers right.
 */
export function decideLearningAction(
  viewer: Viewer,
  learning: { locked: boolean },
  action: LearningAction,
): Decision {
  const staff = can(viewer, "publish:learning:any");
  switch (action) {
    case "publish":
    case "accept-correction":
      return staff ? allowed : refused("Only staff publish learnings and accept corrections.", 403);
    case "respond":
      if (staff) return refused("Members confirm or correct learnings; staff revise them.", 403);
      return learning.locked ? refused(LOCKED_THREAD, 409) : allowed;
  }
}

export function learningPermissions(viewer: Viewer, learning: { locked: boolean }) {
  return permissionsFrom(learningActions, decideLearningAction, viewer, learning);
}

export const proposalActions = [
  "edit",
  "invite",
  "respond-invite",
  "open",
  "set-stage",
  "endorse",
  "comment",
  "resolve-comment",
] as const;
export type ProposalAction = (typeof proposalActions)[number];

/** What the proposal rules need: its stage, its thread's lock, and the viewer's part in it. */
export type ProposalState = {
  stage: "draft" | "open" | "under_review" | "accepted" | "declined";
  locked: boolean;
  /** The viewer's part: the author who started it, an accepted co-author, or invited. */
  part: "author" | "coauthor" | "invited" | null;
};

const isActiveStage = (stage: ProposalState["stage"]) =>
  stage === "draft" || stage === "open" || stage === "under_review";

/**
 * Co-authors write a proposal while it is active (a removed one is no longer a co-author, so
 * their next save is refused); its author invites them. Co-authors open their draft for
 * feedback; every later move is staff's, with a rationale. Customers' people endorse what others
 * wrote. Whoever can see a proposal comments on its sections; co-authors and staff resolve.
 */
export function decideProposalAction(
  viewer: Viewer,
  proposal: ProposalState,
  action: ProposalAction,
): Decision {
  const writes = proposal.part === "author" || proposal.part === "coauthor";
  const staff = can(viewer, "set-stage:proposal:any");
  if (proposal.locked && action !== "set-stage") return refused(LOCKED_THREAD, 409);
  switch (action) {
    case "edit":
      if (!writes) return refused("Only the proposal's co-authors edit it.", 403);
      return isActiveStage(proposal.stage)
        ? allowed
        : refused("This proposal has been decided; its text is final.", 409);
    case "invite":
      if (proposal.part !== "author")
        return refused("Only the proposal's author invites co-authors.", 403);
      return isActiveStage(proposal.stage)
        ? allowed
        : refused("This proposal has been decided; it takes no new co-authors.", 409);
    case "respond-invite":
      return proposal.part === "invited"
        ? allowed
        : refused("There is no invitation to answer.", 409);
    case "open":
      if (!writes) return refused("Only co-authors open their draft for feedback.", 403);
      return proposal.stage === "draft" ? allowed : refused("This proposal is already open.", 409);
    case "set-stage":
      return staff ? allowed : refused("Only staff move a proposal beyond feedback.", 403);
    case "endorse":
      if (!can(viewer, "endorse:proposal:own"))
        return refused("Customers endorse proposals; staff weigh them.", 403);
      if (writes) return refused("Co-authors already stand behind their proposal.", 409);
      return proposal.stage === "open" || proposal.stage === "under_review"
        ? allowed
        : refused("Proposals take endorsements while open for feedback or under review.", 409);
    case "comment":
      return allowed;
    case "resolve-comment":
      return writes || staff ? allowed : refused("Co-authors and staff resolve comments.", 403);
  }
}

export function proposalPermissions(viewer: Viewer, proposal: ProposalState) {
  return permissionsFrom(proposalActions, decideProposalAction, viewer, proposal);
}

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

const authorOf = (content: { authorId: string | null; authorRole: UserRole | null }) => ({
  id: content.authorId,
  role: content.authorRole,
});

const RANK_REFUSALS = {
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

/** Members post ideas where the space allows it; staff may post one anywhere they can see. */
export function canPostIdea(viewer: Viewer, space: { ideasEnabled: boolean }): boolean {
  return space.ideasEnabled || can(viewer, "post-idea:space:any");
}

/** The roles holding a permission, for rules that run inside SQL (who sees a space). */
export function rolesWith(permission: Permission): UserRole[] {
  return (Object.keys(rolePermissions) as UserRole[]).filter((role) =>
    rolePermissions[role].has(permission),
  );
}

/** Which areas of the navigation a role sees; derived from permissions so the two never disagree. */
export function navigationFor(user: SessionUser) {
  return {
    staff: can(user, "manage:backlog:any"),
    moderation: can(user, "moderate:content:any"),
    admin: can(user, "read:member:any"),
  };
}

/** The viewer as every content query needs it: who, which role, which account. */
export type Viewer = Pick<SessionUser, "id" | "role" | "accountId">;

// Root and route loaders of one request share a single session lookup.
const lookups = new WeakMap<Request, ReturnType<typeof getCurrentSession>>();

export async function getSession(request: Request) {
  let lookup = lookups.get(request);
  if (!lookup) {
    lookup = getCurrentSession(request);
    lookups.set(request, lookup);
  }
  try {
    return await lookup;
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw serviceUnavailable();
    throw error;
  }
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request)).user;
}

/** The signed-in user, or a redirect to sign in that brings them back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = safeRedirectPath(url.pathname + url.search, "/");
    const search = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
    throw redirect(`/login${search}`);
  }
  return user;
}

export async function requireUserWithPermission(
  request: Request,
  permission: Permission,
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) throw forbidden();
  return user;
}

export function forbidden(
  message = "Your role doesn't include this page or action. If you think it should, ask an admin.",
) {
  return expectedFailure(message, { status: 403 });
}

export function serviceUnavailable() {
  return expectedFailure("We can't reach the database right now. Please try again in a minute.", {
    status: 503,
    headers: { "Retry-After": "30" },
  });
}
