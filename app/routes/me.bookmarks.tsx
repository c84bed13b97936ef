import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Pagination } from "~/components/ui/pagination";
import { exactTime, RelativeTime } from "~/components/ui/relative-time";
import {
  BOOKMARKS_PAGE_SIZE,
  listBookmarks,
  removeBookmark,
  saveBookmark,
  setBookmarkReminder,
} from "~/models/bookmark.server";
import { Refusal } from "~/models/refusal.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { BOOKMARK_REMINDER_CHOICES, BOOKMARK_REMINDERS } from "~/utils/bookmark-reminders";
import { parseSubmission } from "~/utils/form.server";
import { pageParam } from "~/utils/query.server";
import { BookmarkSchema } from "~/validation/personal";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = pageParam(request);
  return { ...(await listBookmarks(user, page)), page, pageSize: BOOKMARKS_PAGE_SIZE };
}

/**
 * Bookmarking from a thread (its posts' and its own "Bookmark…" forms post here and are led back
 * by `returnTo`), and this page's own changes of reminder and removals.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = await parseSubmission(request, BookmarkSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  const returnTo = localPath(new URL(request.url).searchParams.get("returnTo"));
  return answerWork(submission, async () => {
    const target = input.intent === "set-reminder" ? null : targetOf(input);
    switch (input.intent) {
      case "bookmark":
        if (!target || "id" in target) throw new Refusal("Choose a post or a thread.", 400);
        await saveBookmark(user, target, { remind: input.remind, note: input.note });
        break;
      case "set-reminder":
        await setBookmarkReminder(user, input.bookmarkId, input.remind);
        break;
      case "remove-bookmark":
        if (!target) throw new Refusal("Choose a bookmark to remove.", 400);
        await removeBookmark(user, target);
        break;
    }
    if (returnTo) throw redirect(returnTo);
    return input.intent === "remove-bookmark" ? "Bookmark removed." : "Reminder saved.";
  });
}

function targetOf(input: { bookmarkId?: string; postId?: string; threadId?: string }) {
  if (input.bookmarkId) return { id: input.bookmarkId };
  if (input.postId) return { postId: input.postId };
  if (input.threadId) return { threadId: input.threadId };
  return null;
}

/** Only an address on this site: a path, never "//elsewhere". */
function localPath(value: string | null): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return null;
  }
  return value.slice(0, 500);
}

export default function BookmarksPage() {
  const { bookmarks, total, page, pageSize } = useLoaderData<typeof loader>();
  const answer = useActionAnswer();
  const problem = problemsOf(answer);
  return (
    <div className="page reading-column">
      <h1>Bookmarks</h1>
      <p className="muted">
        Posts and threads you kept to come back to, newest first, with the reminders you set. Only
        you see them. Unposted replies and threads are under <Link to="/me/drafts">Drafts</Link>.
      </p>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {answer?.done ? <Alert tone="success">{answer.done}</Alert> : null}
      {bookmarks.length === 0 ? (
        <div className="card empty">
          <p>
            No bookmarks yet. Under any post, or at the top of a thread, choose “Bookmark…” to keep
            it here, with a reminder if you like.
          </p>
        </div>
      ) : (
        <ul className="stack-list" aria-label="Your bookmarks">
          {bookmarks.map((bookmark) => {
            const what = bookmark.postId ? `post ${bookmark.position}` : "the thread";
            const remindAt = bookmark.remindAt ? new Date(bookmark.remindAt) : null;
            return (
              <li key={bookmark.id} className="card bookmark-item">
                <p>
                  <Link
                    to={bookmark.postId ? `/p/${bookmark.postId}` : `/t/${bookmark.thread.id}`}
                    className="thread-title"
                  >
                    {bookmark.thread.title}
                  </Link>
                  <span className="small muted">
                    {" "}
                    · {bookmark.postId ? `Post ${bookmark.position}` : "Thread"} in{" "}
                    {bookmark.space.name} · kept <RelativeTime date={bookmark.createdAt} />
                  </span>
                </p>
                {bookmark.excerpt ? <p className="small">{bookmark.excerpt}</p> : null}
                {bookmark.note ? <p className="small muted">Your note: {bookmark.note}</p> : null}
                <p className="small">
                  {remindAt
                    ? bookmark.remindedAt
                      ? `Reminded you ${exactTime(new Date(bookmark.remindedAt))}.`
                      : `Reminder: ${exactTime(remindAt)}.`
                    : "No reminder."}
                </p>
                <div className="row bookmark-actions">
                  <Form method="post" className="row">
                    <input type="hidden" name="intent" value="set-reminder" />
                    <input type="hidden" name="bookmarkId" value={bookmark.id} />
                    <label htmlFor={`remind-${bookmark.id}`} className="small">
                      Change the reminder<span className="visually-hidden"> about {what}</span> to
                    </label>
                    <select id={`remind-${bookmark.id}`} name="remind" defaultValue="none">
                      {BOOKMARK_REMINDER_CHOICES.map((choice) => (
                        <option key={choice} value={choice}>
                          {BOOKMARK_REMINDERS[choice].label}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="btn btn-small">
                      Change reminder<span className="visually-hidden"> for {what}</span>
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-bookmark" />
                    <input type="hidden" name="bookmarkId" value={bookmark.id} />
                    <button type="submit" className="btn btn-small">
                      Remove<span className="visually-hidden"> bookmark of {what}</span>
                    </button>
                  </Form>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} label="Pages of bookmarks" />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Bookmarks · Vanguard" }];
