import type { UserRole } from "#db/schema";
import { allowed, type Decision, LOCKED_THREAD, permissionsFrom, refused } from "./decision.server";
import { decideThreadModeration } from "./moderation.server";
import { can, type Viewer } from "./permissions.server";

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
