import type { UserRole } from "#db/schema";
import { allowed, type Decision, LOCKED_THREAD, permissionsFrom, refused } from "./decision.server";
import { authorOf, matrixAllows, RANK_REFUSALS } from "./moderation.server";
import { can, type Viewer } from "./permissions.server";

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

export function postPermissions(viewer: Viewer, post: PostState) {
  return permissionsFrom(postActions, decidePostAction, viewer, post);
}

/** A moderator editing someone else's post says why; the reason is kept with the revision. */
export function editNeedsReason(viewer: Viewer, post: PostState): boolean {
  // Staff revising the company's learning speak for the company; the history names them.
  if (isLearningText(post) && can(viewer, "publish:learning:any")) return false;
  return post.authorId !== viewer.id;
}
