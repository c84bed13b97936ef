import { allowed, type Decision, permissionsFrom, refused } from "./decision.server";
import { can, type Viewer } from "./permissions.server";

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
