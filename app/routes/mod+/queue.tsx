import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";

import {
  actOnReview,
  listModerationQueue,
  QUEUE_PAGE_SIZE,
} from "~/models/moderation-queue.server";
import { listSpaceChoices } from "~/models/space.server";
import { problemsOf, useActionAnswer, type ActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { readFormData } from "~/utils/form.server";
import { noticeHeadline } from "~/utils/notice-text";
import { pageParam } from "~/utils/query.server";
import { parseQueueAction } from "./__queue-actions.server";
import { QueueItem } from "./__queue-item";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "moderate:content:any");
  const page = pageParam(request);
  const [queue, spaces] = await Promise.all([
    listModerationQueue(user, page),
    listSpaceChoices(user),
  ]);
  return {
    ...queue,
    spaces,
    page,
    pageSize: QUEUE_PAGE_SIZE,
  };
}

/** Which queue item an answer is about, so its words appear beside it. */
type AboutReview = { reviewId: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "moderate:content:any");
  const submission = parseQueueAction(await readFormData(request));
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  // A second moderator arriving after the first decided is told so, as news, not refused.
  return answerWork<AboutReview>(submission, async () => ({
    done: await actOnReview(user, input),
    details: { reviewId: input.reviewId },
  }));
}

/** What the page says about an answer: done, refused, or a form to check, and about which item. */
export type Result = {
  ok: boolean;
  message: string;
  reviewId?: string;
  /** The form's problems by field, when it failed its schema (the reason or address to fix). */
  fieldErrors?: Record<string, string[]>;
  /** The reason as typed, and the form it came from, given back when the form is refused. */
  typed?: string;
  intent?: string;
};

function resultOf(answer: ActionAnswer<AboutReview> | undefined): Result | null {
  if (!answer) return null;
  const { error, initialValue } = answer.result;
  const typedField = (name: string) => {
    const value = initialValue?.[name];
    return typeof value === "string" ? value : undefined;
  };
  const reviewId = answer.details?.reviewId ?? typedField("reviewId");
  if (answer.done !== null) return { ok: true, message: answer.done, reviewId };
  const refusal = error?.[""];
  if (refusal?.length) return { ok: false, message: refusal.join(" "), reviewId };
  return {
    ok: false,
    message: "Check the form: " + (problemsOf(answer) ?? ""),
    reviewId,
    fieldErrors: Object.fromEntries(
      Object.entries(error ?? {}).map(([name, messages]) => [name, messages ?? []]),
    ),
    typed: typedField("reason") ?? "",
    intent: answer.intent ?? "",
  };
}

export default function ModerationQueuePage() {
  const { items, total, appeals, page, pageSize, spaces } = useLoaderData<typeof loader>();
  const result = resultOf(useActionAnswer<AboutReview>());
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Moderation queue</h1>
          <p className="muted">
            {total === 0
              ? "Nothing waits for a decision."
              : `${total} ${total === 1 ? "item waits" : "items wait"} for a decision, freshest first.`}
          </p>
        </div>
      </div>
      {/* What was done: the item itself usually leaves the queue with the decision. */}
      {result && (result.ok || !items.some((item) => item.id === result.reviewId)) ? (
        <Alert tone={result.ok ? "success" : "error"}>{result.message}</Alert>
      ) : null}
      {appeals.length > 0 ? (
        <section aria-labelledby="appeals-heading" className="card">
          <h2 id="appeals-heading">Appeals waiting for an answer</h2>
          <ul className="stack-list">
            {appeals.map((appeal) => (
              <li key={appeal.id}>
                <Link to={`/notices/${appeal.id}`}>
                  {appeal.personName} appeals: “
                  {noticeHeadline("moderation_notice", appeal.action, appeal.subject)}”
                </Link>
                <p className="small muted">
                  “{appeal.lastMessage}” ·{" "}
                  {appeal.appealUpdatedAt ? <RelativeTime date={appeal.appealUpdatedAt} /> : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {items.length === 0 ? (
        <div className="card empty">
          <p>
            The queue is empty. Posts that members flag, and posts held by a watched word or by
            enough flags, appear here with their context.
          </p>
          <p className="small muted">
            <Link to="/mod/watched-words">Watched words</Link> decide what is held;{" "}
            <Link to="/mod/log">the log</Link> shows every decision.
          </p>
        </div>
      ) : (
        <ol className="queue" aria-label="Items to review">
          {items.map((item) => (
            <li key={item.id}>
              <QueueItem
                item={item}
                spaces={spaces}
                result={result?.reviewId === item.id ? result : null}
              />
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Moderation queue · Vanguard" }];
