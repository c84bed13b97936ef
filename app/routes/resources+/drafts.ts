import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { discardDraftAt, parseDraftPlace, saveDraft } from "~/models/draft.server";
import { Refusal } from "~/models/refusal.server";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { DraftSchema } from "~/validation/personal";

/**
 * Drafts saved as they are typed (the posting forms call this with `fetch`, so saving never
 * reloads the page's data under the writer) and discarded; /me/drafts discards them too.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, DraftSchema);
  if (submission.status !== "success") return asJson(invalid(submission));
  const input = submission.value;
  const answered = await answerWork(submission, async () => {
    const place = parseDraftPlace(input.place);
    if (!place) throw new Refusal("That isn't a place a draft can belong to.", 400);
    if (input.intent === "discard-draft") {
      await discardDraftAt(user, place);
      return { done: "Draft discarded." };
    }
    const saved = await saveDraft(user, {
      place,
      title: input.title,
      threadKind: input.kind,
      body: input.body,
      bodyJson: input.bodyJson,
    });
    return {
      done: saved.saved ? "Draft saved." : "Draft discarded.",
      details: { savedAt: saved.updatedAt?.toISOString() ?? null },
    };
  });
  return asJson(answered);
}

/** Called with `fetch`, not by a page: the answer goes out as a JSON response of its own. */
function asJson(answered: { data: unknown; init: ResponseInit | null }) {
  return Response.json(answered.data, answered.init ?? undefined);
}
