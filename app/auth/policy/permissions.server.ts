import type { UserRole } from "#db/schema";
import type { SessionUser } from "../session.server";

/**
 * Every permission in the app, as `action:entity:scope`. Roles get sets of them below; routes ask
 * for one with `requireUserWithPermission` and the UI mirrors the same answers via `can`.
 */
export const permissions = [
  "read:community:own",
  "flag:content:own",
  "write:draft:own",
  "bookmark:content:own",
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
  "read:influence:any",
  "read:consent:any",
  "read:volunteered-field:any",
  "manage:benchmark:any",
  "manage:account:any",
  "read:member:any",
  "invite:member:any",
  "update:member:any",
  "read:outbox:any",
  "manage:settings:any",
  "manage:webhook:any",
] as const;
export type Permission = (typeof permissions)[number];

// Drafts and bookmarks are a person's own notes, never shown to anyone else: everyone signed in
// keeps them. A suspended person can't sign in, so reads none until the suspension ends; theirs
// are kept meanwhile (docs/decisions/0013).
const memberPermissions: Permission[] = [
  "read:community:own",
  "flag:content:own",
  "write:draft:own",
  "bookmark:content:own",
];
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
  // Members' influence, rank and reach: about customers, so staff's, never members'.
  "read:influence:any",
  // Where each member stands on the uses of their words: staff must know what they may use.
  "read:consent:any",
  // Answers members share with staff only (volunteered profile fields).
  "read:volunteered-field:any",
  // Which figures customers compare themselves on (peer benchmarks) is staff's to define.
  "manage:benchmark:any",
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

/** Members post ideas where the space allows it; staff may post one anywhere they can see. */
export function canPostIdea(viewer: Viewer, space: { ideasEnabled: boolean }): boolean {
  return space.ideasEnabled || can(viewer, "post-idea:space:any");
}

/**
 * Consents are a customer's person's answers about their own words and name: anyone who belongs
 * to an account answers them (a member, or one made moderator); the company's own people have
 * nothing to consent to here.
 */
export function answersConsents(viewer: Pick<SessionUser, "accountId">): boolean {
  return viewer.accountId !== null;
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
    // Peer benchmarks compare customers' accounts.
    benchmarks: user.accountId !== null,
  };
}

/** The viewer as every content query needs it: who, which role, which account. */
export type Viewer = Pick<SessionUser, "id" | "role" | "accountId">;
