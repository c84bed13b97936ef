import {
  decideIdeaAction,
  decideLearningAction,
  decideThreadAction,
  type IdeaAction,
  type LearningAction,
  type ThreadAction,
  type Viewer,
} from "~/auth/policy.server";
import { invalid, refused } from "~/utils/action-answer.server";
import { ideaAction, requireIdea } from "./__idea-actions.server";
import { postAction, threadSettingAction } from "./__post-actions.server";
import { proposalAction } from "./__proposal-actions.server";
import { staffAction } from "./__staff-actions.server";
import {
  parseThreadAction,
  type ThreadActionInput,
  type ThreadIntent,
} from "./__thread-actions.server";
import type { ThreadForPage } from "./__thread-page.server";

/**
 * Every form on a thread page. The thread rule, and for a learning or an idea its own rule, are
 * asked here once; each intent then goes to the module for its audience (any reader, ideas,
 * proposals, staff), whose models ask their own rules with the state read fresh. Every answer has
 * the one shape (`answer` in app/utils/action-answer.server.ts).
 */
export async function threadAction(user: Viewer, thread: ThreadForPage, formData: FormData) {
  const submission = parseThreadAction(formData);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  const decision = decideThreadAction(user, thread, threadActionOf(input.intent));
  if (!decision.ok) return refused(submission, decision);
  const learningAction = learningActionOf(input);
  if (learningAction) {
    if (thread.kind !== "learning") {
      return refused(submission, { message: "This thread is not a learning.", status: 400 });
    }
    const learningDecision = decideLearningAction(user, thread, learningAction);
    if (!learningDecision.ok) return refused(submission, learningDecision);
  }
  switch (input.intent) {
    case "reply":
    case "react":
    case "delete":
    case "flag":
    case "moderate":
    case "confirm":
      return postAction(user, thread, submission, input);
    case "watch":
    case "pin":
    case "lock":
      return threadSettingAction(user, thread, submission, input);
    case "vote":
    case "withdraw-vote":
    case "set-status":
    case "proxy-vote":
    case "merge":
    case "undo-merge": {
      const idea = await requireIdea(user, thread);
      const ideaDecision = decideIdeaAction(user, idea, ideaActionOf(input.intent));
      if (!ideaDecision.ok) return refused(submission, ideaDecision);
      return ideaAction(user, thread, idea, submission, input);
    }
    case "invite-coauthor":
    case "answer-invitation":
    case "remove-coauthor":
    case "set-stage":
    case "endorse":
    case "withdraw-endorsement":
    case "comment":
    case "resolve-comment":
      return proposalAction(user, thread, submission, input);
    case "tag":
    case "untag":
    case "add-note":
    case "delete-note":
    case "add-to-backlog":
    case "worth-a-look":
    case "welcome":
      return staffAction(user, thread, submission, input);
  }
}

/** Which learning permission a submission needs, if it answers a learning. */
function learningActionOf(input: ThreadActionInput): LearningAction | null {
  if (input.intent === "confirm") return "respond";
  if (input.intent === "reply" && input.correction) return "respond";
  return null;
}

/** Which idea permission an idea intent needs. */
function ideaActionOf(
  intent: "vote" | "withdraw-vote" | "set-status" | "proxy-vote" | "merge" | "undo-merge",
): IdeaAction {
  switch (intent) {
    case "vote":
    case "withdraw-vote":
      return "vote";
    case "set-status":
    case "proxy-vote":
    case "merge":
      return intent;
    case "undo-merge":
      return "merge";
  }
}

/** Which thread permission each intent needs; the rest of its rules are asked by its model. */
function threadActionOf(intent: ThreadIntent): ThreadAction {
  switch (intent) {
    case "reply":
    case "pin":
    case "lock":
    case "watch":
    case "welcome":
      return intent;
    case "tag":
    case "untag":
      return "tag";
    default:
      // Seeing the thread is the baseline; learnings, ideas, proposals, posts, flags,
      // moderation, notes, the backlog and triage each ask their own rule.
      return "watch";
  }
}
