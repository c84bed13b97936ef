import type { Viewer } from "~/auth/policy.server";
import { addEvidence } from "~/models/backlog.server";
import { setWelcomeThread } from "~/models/first-run.server";
import { addInternalNote, deleteInternalNote } from "~/models/internal-note.server";
import { notifyPeople } from "~/models/notification.server";
import { readPostContent } from "~/models/post-content.server";
import { getOpeningPostId } from "~/models/post.server";
import { Refusal } from "~/models/refusal.server";
import { tagThread, untagThread } from "~/models/tag.server";
import { flagWorthALook } from "~/models/triage.server";
import { answerWork } from "~/utils/action-answer.server";
import type { ThreadForPage } from "./__thread-page.server";
import type { IntentInput, ThreadActionSubmission } from "./__thread-actions.server";

type StaffIntent =
  "tag" | "untag" | "add-note" | "delete-note" | "add-to-backlog" | "worth-a-look" | "welcome";

/**
 * The company's work on a thread: tags, internal notes, backlog evidence, "worth a look" for
 * the triage inbox, and (admins) the welcome thread. Each model asks the policy itself; members
 * and moderators are refused there, whatever a form claims.
 */
export function staffAction(
  user: Viewer,
  thread: ThreadForPage,
  submission: ThreadActionSubmission,
  input: IntentInput<StaffIntent>,
) {
  switch (input.intent) {
    case "tag":
    case "untag":
      return answerWork(submission, async () => {
        if (input.intent === "tag") await tagThread(user, thread.id, input.tag);
        else await untagThread(user, thread.id, input.tagId);
        return null;
      });
    case "delete-note":
      return answerWork(submission, async () => {
        await deleteInternalNote(user, { threadId: thread.id }, input.noteId);
        return null;
      });
    case "add-note":
      return answerWork(submission, () => addNote(user, thread, input));
    case "add-to-backlog":
      return answerWork(submission, async () => {
        const evidence = input.postId
          ? { postId: input.postId, quote: input.quote?.trim() || null }
          : { threadId: thread.id };
        const added = await addEvidence(user, input.itemId, evidence);
        const what = added.postPosition
          ? `${input.quote?.trim() ? "A passage of post" : "Post"} #${added.postPosition}`
          : "The thread";
        return { done: `${what} is now evidence for “${added.itemTitle}”.`, resetForm: true };
      });
    case "worth-a-look":
      return answerWork(submission, async () => {
        await flagWorthALook(user, input.postId, input.flagNote);
        return null;
      });
    case "welcome":
      return answerWork(submission, async () => {
        await setWelcomeThread(user, input.welcome === "on" ? thread.id : null);
        return null;
      });
  }
}

/** A staff note, its mentioned colleagues told. */
async function addNote(user: Viewer, thread: ThreadForPage, input: IntentInput<"add-note">) {
  const body = readPostContent(input.noteJson, input.note);
  if (!body.ok) throw new Refusal(body.message, 400, "note");
  const note = await addInternalNote(
    user,
    { threadId: thread.id },
    { postId: input.postId ?? null, content: body.content },
  );
  await notifyPeople({
    actor: user,
    threadId: thread.id,
    postId: input.postId ?? (await getOpeningPostId(thread.id)),
    kind: "internal_note",
    userIds: note.mentionedStaffIds,
  });
  return null;
}
