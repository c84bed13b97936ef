import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { RelativeTime } from "~/components/ui/relative-time";
import { discardDraftAt, listDrafts, parseDraftPlace } from "~/models/draft.server";
import { Refusal } from "~/models/refusal.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { threadKindLabels } from "~/utils/labels";
import { DraftSchema } from "~/validation/personal";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { drafts: await listDrafts(user) };
}

/** Discarding a draft from the list (the only way without JavaScript). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, DraftSchema);
  if (submission.status !== "success") return invalid(submission);
  return answerWork(submission, async () => {
    const place = parseDraftPlace(submission.value.place);
    if (!place || submission.value.intent !== "discard-draft") {
      throw new Refusal("Choose a draft to discard.", 400);
    }
    await discardDraftAt(user, place);
    return "Draft discarded.";
  });
}

export default function DraftsPage() {
  const { drafts } = useLoaderData<typeof loader>();
  const answer = useActionAnswer();
  const problem = problemsOf(answer);
  return (
    <div className="page reading-column">
      <h1>Drafts</h1>
      <p className="muted">
        Replies and threads you started and haven't posted, kept as you typed them, newest first.
        Only you see them; each goes when you post it or discard it. Your kept posts are under{" "}
        <Link to="/me/bookmarks">Bookmarks</Link>.
      </p>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {answer?.done ? <Alert tone="success">{answer.done}</Alert> : null}
      {drafts.length === 0 ? (
        <div className="card empty">
          <p>No drafts. What you type in a reply or a new thread is kept here until you post it.</p>
        </div>
      ) : (
        <ul className="stack-list" aria-label="Your drafts">
          {drafts.map((draft) => {
            const where = draft.thread
              ? `Reply in “${draft.thread.title}”`
              : `New ${draft.threadKind ? threadKindLabels[draft.threadKind].toLowerCase() : "thread"} in ${draft.space.name}`;
            const href = draft.thread
              ? `/t/${draft.thread.id}#reply`
              : `/spaces/${draft.space.slug}/new${draft.threadKind === "idea" ? "?kind=idea" : ""}`;
            return (
              <li key={draft.place} className="card">
                <p>
                  <Link to={href} className="thread-title">
                    {where}
                  </Link>
                  <span className="small muted">
                    {" "}
                    · saved <RelativeTime date={draft.updatedAt} />
                  </span>
                </p>
                {draft.title ? (
                  <p className="small">
                    <strong>{draft.title}</strong>
                  </p>
                ) : null}
                {draft.excerpt ? <p className="small">{draft.excerpt}</p> : null}
                <div className="row">
                  <Link to={href} className="btn btn-small">
                    Continue<span className="visually-hidden"> {where}</span>
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="intent" value="discard-draft" />
                    <input type="hidden" name="place" value={draft.place} />
                    <button type="submit" className="btn btn-small">
                      Discard<span className="visually-hidden"> {where}</span>
                    </button>
                  </Form>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Drafts · Vanguard" }];
