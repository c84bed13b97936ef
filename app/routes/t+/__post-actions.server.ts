import { redirect } from "@remix-run/node";
import type { Viewer } from "~/auth/policy.server";
import { moderateContent } from "~/models/content-moderation.server";
import { flagContent } from "~/models/flag.server";
import { recordCorrection, setConfirmation } from "~/models/learning.server";
import { notifyAboutNewPost } from "~/models/notification.server";
import { readPostContent } from "~/models/post-content.server";
import {
  createReply,
  deletePost,
  getPostForViewer,
  pageOfPosition,
  toggleReaction,
} from "~/models/post.server";
import { Refusal } from "~/models/refusal.server";
import { setThreadWatch } from "~/models/thread.server";
import { setThreadFlag } from "~/models/thread-moderation.server";
import { answerWork } from "~/utils/action-answer.server";
import type { ThreadForPage } from "./__thread-page.server";
import type { IntentInput, ThreadActionSubmission } from "./__thread-actions.server";

type PostIntent = "reply" | "react" | "delete" | "flag" | "moderate" | "confirm";
type ThreadSettingIntent = "watch" | "pin" | "lock";

/**
 * What any reader does on a thread page: reply (a correction, on a learning), react, delete
 * their own post, flag one, confirm a learning; and moderators' decisions on a post in place.
 * Every rule is asked by the model each calls; a refusal comes back on the form.
 */
export function postAction(
  user: Viewer,
  thread: ThreadForPage,
  submission: ThreadActionSubmission,
  input: IntentInput<PostIntent>,
) {
  switch (input.intent) {
    case "reply":
      return reply(user, thread, submission, input);
    case "react":
    case "delete":
      return answerWork(submission, async () => {
        const post = await getPostForViewer(user, input.postId);
        if (!post || post.thread.id !== thread.id) {
          throw new Refusal("No such post in this thread.", 404);
        }
        if (input.intent === "react") await toggleReaction(user, post, input.kind);
        else await deletePost(user, post);
        return null;
      });
    case "flag":
      return answerWork(submission, async () => {
        const flagged = await flagContent(user, {
          postId: input.postId,
          reason: input.reason,
          note: input.note,
        });
        if (flagged.status === "already-flagged") {
          throw new Refusal("You already flagged this; the moderators will review it.", 409);
        }
        // The post now says "You flagged this", linking to what becomes of it.
        return null;
      });
    case "moderate":
      return answerWork(submission, async () => {
        await moderateContent(user, input.postId, input.decision, input.reason ?? null);
        return null;
      });
    case "confirm":
      return answerWork(submission, async () => {
        await setConfirmation(user, thread.id, input.confirmed === "on");
        return null;
      });
  }
}

/** Watching, pinning and locking a thread: one switch each. */
export function threadSettingAction(
  user: Viewer,
  thread: ThreadForPage,
  submission: ThreadActionSubmission,
  input: IntentInput<ThreadSettingIntent>,
) {
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "watch":
        await setThreadWatch(user, thread.id, input.watch === "on");
        break;
      case "pin":
        await setThreadFlag(user, thread.id, "pinned", input.pinned === "on");
        break;
      case "lock":
        await setThreadFlag(user, thread.id, "locked", input.locked === "on");
        break;
    }
    return null;
  });
}

/** A reply: posted (or held for review) by the model, then announced, then shown where it is. */
async function reply(
  user: Viewer,
  thread: ThreadForPage,
  submission: ThreadActionSubmission,
  input: IntentInput<"reply">,
) {
  return answerWork(
    submission,
    async () => {
      const body = readPostContent(input.bodyJson, input.body);
      if (!body.ok) throw new Refusal(body.message, 400, "body");
      const created = await createReply(user, thread.id, {
        content: body.content,
        replyToPostId: input.replyToPostId ?? null,
      });
      if (input.correction) await recordCorrection(thread.id, created.postId);
      if (!created.held) {
        await notifyAboutNewPost({
          actor: user,
          threadId: thread.id,
          postId: created.postId,
          mentionIds: body.content.mentionIds,
          isNewThread: false,
        });
      }
      throw redirect(
        `/t/${thread.id}?page=${pageOfPosition(created.position)}#post-${created.postId}`,
      );
    },
    { field: "body" },
  );
}
