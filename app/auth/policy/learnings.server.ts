import { allowed, type Decision, LOCKED_THREAD, permissionsFrom, refused } from "./decision.server";
import { can, type Viewer } from "./permissions.server";

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
