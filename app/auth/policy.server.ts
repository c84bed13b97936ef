import { data, redirect } from "@remix-run/node";
import type { UserRole } from "#db/schema";
import { isDatabaseUnavailable } from "~/db.server";
import { safeRedirectPath } from "~/utils/redirect";
import { getCurrentSession, type SessionUser } from "./session.server";

/**
 * Every permission in the app, as `action:entity:scope`. Roles get sets of them below; routes ask
 * for one with `requireUserWithPermission` and the UI mirrors the same answers via `can`.
 */
export const permissions = [
  "read:community:own",
  "read:space:any",
  "create:space:any",
  "update:space:any",
  "manage:space-members:any",
  "update:post:any",
  "moderate:thread:any",
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

const memberPermissions: Permission[] = ["read:community:own"];
// Moderators see the spaces they belong to like any member (private spaces stay private), and may
// edit any post they can see. Staff see every space: observation is disclosed in each space.
const moderatorPermissions: Permission[] = [
  ...memberPermissions,
  "update:post:any",
  "moderate:thread:any",
];
const staffPermissions: Permission[] = [
  ...moderatorPermissions,
  "read:space:any",
  "manage:space-members:any",
  "read:tier:any",
  "read:account:any",
];

const rolePermissions: Record<UserRole, ReadonlySet<Permission>> = {
  member: new Set(memberPermissions),
  moderator: new Set(moderatorPermissions),
  staff: new Set(staffPermissions),
  admin: new Set(permissions),
};

export function can(user: Pick<SessionUser, "role"> | null, permission: Permission): boolean {
  return user ? rolePermissions[user.role].has(permission) : false;
}

/** What the post rules below need to know about a post and its thread. */
export type PostState = {
  authorId: string | null;
  position: number;
  deleted: boolean;
  threadLocked: boolean;
};

/**
 * A locked thread is frozen for everyone taking part: no replies, reactions, edits or deletions.
 * Moderators and staff can still edit a post in it, because moderating is why threads get locked.
 */
export function canEditPost(viewer: Viewer, post: PostState): boolean {
  if (post.deleted) return false;
  if (can(viewer, "update:post:any")) return true;
  return post.authorId === viewer.id && !post.threadLocked;
}

/** Authors delete their own replies; the opening post holds the thread and is edited instead. */
export function canDeletePost(viewer: Viewer, post: PostState): boolean {
  return !post.deleted && !post.threadLocked && post.position > 1 && post.authorId === viewer.id;
}

export function canReactToPost(post: PostState): boolean {
  return !post.deleted && !post.threadLocked;
}

export function canReplyToThread(thread: { locked: boolean }): boolean {
  return !thread.locked;
}

/** Which areas of the navigation a role sees; derived from permissions so the two never disagree. */
export function navigationFor(user: SessionUser) {
  return {
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
  return data({ message }, { status: 403 });
}

export function serviceUnavailable() {
  return data(
    { message: "We can't reach the database right now. Please try again in a minute." },
    { status: 503, headers: { "Retry-After": "30" } },
  );
}
