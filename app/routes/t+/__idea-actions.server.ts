import type { Viewer } from "~/auth/policy.server";
import { castVote, getIdea, setIdeaStatus, withdrawVote } from "~/models/idea.server";
import { recordProxyVote } from "~/models/idea-proxy-vote.server";
import { mergeIdea, undoMerge } from "~/models/idea-merge.server";
import { notifyAboutNewPost } from "~/models/notification.server";
import { readPostContent } from "~/models/post-content.server";
import { createReply, postMergeNote } from "~/models/post.server";
import { Refusal } from "~/models/refusal.server";
import { getThreadForViewer } from "~/models/thread.server";
import { answerWork } from "~/utils/action-answer.server";
import { invariantResponse } from "~/utils/responses.server";
import type { ThreadForPage } from "./__thread-page.server";
import type { IntentInput, ThreadActionSubmission } from "./__thread-actions.server";

export type IdeaIntent =
  "vote" | "withdraw-vote" | "set-status" | "proxy-vote" | "merge" | "undo-merge";
export type IdeaForAction = Awaited<ReturnType<typeof requireIdea>>;

/** The idea a thread is, or a 400 when it is another kind of thread. */
export async function requireIdea(user: Viewer, thread: ThreadForPage) {
  const idea = thread.kind === "idea" ? await getIdea(user, thread.id) : null;
  invariantResponse(idea, "This thread is not an idea.", { status: 400 });
  return idea;
}

/**
 * Customers vote on an idea; staff set its status, record a customer's vote heard elsewhere,
 * and merge duplicates. The idea rules were asked before (`threadAction`), and the models ask
 * their own with the idea read fresh.
 */
export function ideaAction(
  user: Viewer,
  thread: ThreadForPage,
  idea: IdeaForAction,
  submission: ThreadActionSubmission,
  input: IntentInput<IdeaIntent>,
) {
  switch (input.intent) {
    case "vote":
      return answerWork(submission, async () => {
        await castVote(user, thread.id, input.importance);
        return null;
      });
    case "withdraw-vote":
      return answerWork(submission, async () => {
        await withdrawVote(user, thread.id);
        return null;
      });
    case "proxy-vote":
      return answerWork(
        submission,
        async () => {
          await recordProxyVote(user, thread.id, input);
          return null;
        },
        { field: "person" },
      );
    case "undo-merge":
      return answerWork(submission, async () => {
        await undoMerge(user, thread.id);
        return null;
      });
    case "merge":
      return answerWork(submission, () => merge(user, thread, input), { field: "target" });
    case "set-status":
      return answerWork(submission, () => changeStatus(user, thread, idea, input));
  }
}

/** Merges this idea into the one pasted; said on the target, whose watchers now include ours. */
async function merge(user: Viewer, thread: ThreadForPage, input: IntentInput<"merge">) {
  const target = await getThreadForViewer(user, input.target);
  if (!target || target.kind !== "idea") {
    throw new Refusal("That address isn't an idea.", 400, "target");
  }
  const { votesMoved } = await mergeIdea(user, thread.id, target.id);
  const posted = await postMergeNote(user, {
    fromTitle: thread.title,
    intoThreadId: target.id,
    votesMoved,
  });
  if (posted) {
    await notifyAboutNewPost({
      actor: user,
      threadId: target.id,
      postId: posted.postId,
      mentionIds: [],
      isNewThread: false,
    });
  }
  return null;
}

/**
 * A staff member moves the idea on. Their message, if any, is posted first as their reply, so
 * voters (who watch what they vote for) and watchers hear of it as of any reply.
 */
async function changeStatus(
  user: Viewer,
  thread: ThreadForPage,
  idea: IdeaForAction,
  input: IntentInput<"set-status">,
) {
  if (idea.status === input.status) throw new Refusal("The idea already has that status.", 409);
  let postId: string | null = null;
  if (input.message) {
    const body = readPostContent(undefined, input.message);
    if (!body.ok) throw new Refusal(body.message, 400, "message");
    const created = await createReply(user, thread.id, {
      content: body.content,
      replyToPostId: null,
    });
    postId = created.postId;
    await notifyAboutNewPost({
      actor: user,
      threadId: thread.id,
      postId,
      mentionIds: body.content.mentionIds,
      isNewThread: false,
    });
  }
  await setIdeaStatus(user, thread.id, input.status, postId);
  return null;
}
