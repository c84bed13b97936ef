import { allowed, type Decision, LOCKED_THREAD, permissionsFrom, refused } from "./decision.server";
import { can, type Viewer } from "./permissions.server";

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
