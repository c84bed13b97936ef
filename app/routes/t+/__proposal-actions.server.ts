import { redirect } from "@remix-run/node";
import type { Viewer } from "~/auth/policy.server";
import { notifyAboutNewPost, notifyPeople } from "~/models/notification.server";
import { getOpeningPostId } from "~/models/post.server";
import { listProposalAudience, setProposalStage } from "~/models/proposal-stage.server";
import {
  answerInvitation,
  inviteCoauthor,
  removeCoauthor,
} from "~/models/proposal-coauthor.server";
import {
  addSectionComment,
  listCommentAudience,
  setCommentResolved,
} from "~/models/proposal-comment.server";
import { endorseProposal, withdrawEndorsement } from "~/models/proposal-endorsement.server";
import { answerWork, refused } from "~/utils/action-answer.server";
import type { ThreadActionInput, ThreadActionSubmission } from "./__thread-actions.server";

type ProposalIntent =
  | "invite-coauthor"
  | "answer-invitation"
  | "remove-coauthor"
  | "set-stage"
  | "endorse"
  | "withdraw-endorsement"
  | "comment"
  | "resolve-comment";
type ProposalInput = Extract<ThreadActionInput, { intent: ProposalIntent }>;
type Thread = { id: string; kind: string; title: string };

/**
 * The proposal forms on a thread page. Each intent asks the proposal rules inside its model
 * call (with the proposal's state read fresh), and a refusal comes back as the form's error.
 */
export async function proposalAction(
  user: Viewer,
  thread: Thread,
  submission: ThreadActionSubmission,
  input: ProposalInput,
) {
  if (thread.kind !== "proposal") {
    return refused(submission, { message: "This thread is not a proposal.", status: 400 });
  }
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "invite-coauthor": {
        const person = await inviteCoauthor(user, thread.id, input.handle);
        await notifyPeople({
          actor: user,
          threadId: thread.id,
          postId: await getOpeningPostId(thread.id),
          kind: "proposal_invite",
          userIds: [person.id],
        });
        break;
      }
      case "answer-invitation":
        await answerInvitation(user, thread.id, input.accept === "yes");
        break;
      case "remove-coauthor":
        await removeCoauthor(user, thread.id, input.userId);
        break;
      case "set-stage":
        await changeStage(user, thread, input);
        break;
      case "endorse":
        await endorseProposal(user, thread.id, input.reason);
        break;
      case "withdraw-endorsement":
        await withdrawEndorsement(user, thread.id);
        break;
      case "comment": {
        const comment = await addSectionComment(user, thread.id, {
          section: input.section,
          body: input.comment,
          quote: input.quote,
          parentId: input.parentId ?? null,
        });
        await notifyPeople({
          actor: user,
          threadId: thread.id,
          postId: await getOpeningPostId(thread.id),
          kind: "proposal_comment",
          userIds: await listCommentAudience(thread.id, input.parentId ?? null),
        });
        // To the new comment, leaving any `?reply=` behind.
        throw redirect(`/t/${thread.id}#comment-${comment.id}`);
      }
      case "resolve-comment":
        await setCommentResolved(user, thread.id, input.commentId, input.resolved === "on");
        break;
    }
    return null;
  });
}

/**
 * A stage change. Staff's rationale is posted as their reply with it (by the model, after the
 * posting check), so watchers hear of it as of any reply and co-authors and endorsers by name;
 * a draft opened for feedback is announced like a new thread.
 */
async function changeStage(
  user: Viewer,
  thread: Thread,
  input: Extract<ProposalInput, { intent: "set-stage" }>,
) {
  const moved = await setProposalStage(user, thread.id, {
    to: input.stage,
    rationale: input.rationale,
  });
  if (moved.announcement) {
    await notifyAboutNewPost({
      actor: user,
      threadId: thread.id,
      postId: moved.announcement.postId,
      mentionIds: moved.announcement.mentionIds,
      direct: { kind: "proposal_stage", ids: await listProposalAudience(thread.id) },
      isNewThread: false,
    });
  }
  if (moved.opened) {
    await notifyAboutNewPost({
      actor: user,
      threadId: thread.id,
      postId: await getOpeningPostId(thread.id),
      mentionIds: moved.mentionIds,
      isNewThread: true,
    });
  }
}
