import { Form, useLocation } from "@remix-run/react";
import { BOOKMARK_REMINDER_CHOICES, BOOKMARK_REMINDERS } from "~/utils/bookmark-reminders";
import { exactTime } from "./ui/relative-time";

export type BookmarkState = { id: string; remindAt: string | Date | null } | null;

/**
 * Bookmark a post or a thread, with an optional reminder; once kept, says "Bookmarked" and offers
 * to change the reminder or remove it. Plain form posts to /me/bookmarks, which lead back here,
 * so it works without JavaScript.
 */
export function BookmarkControl({
  target,
  bookmark,
  what,
}: {
  target: { postId: string } | { threadId: string };
  bookmark: BookmarkState;
  /** "post 3", "thread": what the controls name for a screen reader. */
  what: string;
}) {
  const location = useLocation();
  const anchor = "postId" in target ? `#post-${target.postId}` : "";
  const action = `/me/bookmarks?returnTo=${encodeURIComponent(`${location.pathname}${location.search}${anchor}`)}`;
  const idPart = "postId" in target ? target.postId : target.threadId;
  const selectId = `bookmark-remind-${idPart}`;
  const remindAt = bookmark?.remindAt ? new Date(bookmark.remindAt) : null;
  return (
    // A new key when the bookmark changes closes the panel on what was just done.
    <details
      className="inline-action bookmark-control"
      key={bookmark ? `${bookmark.id}-${String(bookmark.remindAt)}` : "none"}
    >
      <summary className={bookmark ? "btn btn-small is-on" : "btn btn-small"}>
        {bookmark ? "Bookmarked" : "Bookmark…"}
        <span className="visually-hidden"> {what}</span>
      </summary>
      <div className="alert alert-info bookmark-panel">
        <Form method="post" action={action} preventScrollReset className="row">
          <input type="hidden" name="intent" value={bookmark ? "set-reminder" : "bookmark"} />
          {bookmark ? <input type="hidden" name="bookmarkId" value={bookmark.id} /> : null}
          {"postId" in target ? (
            <input type="hidden" name="postId" value={target.postId} />
          ) : (
            <input type="hidden" name="threadId" value={target.threadId} />
          )}
          <label htmlFor={selectId}>Remind me</label>
          <select id={selectId} name="remind" defaultValue="none">
            {BOOKMARK_REMINDER_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {BOOKMARK_REMINDERS[choice].label}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-small">
            {bookmark ? "Save reminder" : `Bookmark ${what}`}
          </button>
        </Form>
        {remindAt ? <p className="small">Reminder set for {exactTime(remindAt)}.</p> : null}
        {bookmark ? (
          <Form method="post" action={action} preventScrollReset>
            <input type="hidden" name="intent" value="remove-bookmark" />
            <input type="hidden" name="bookmarkId" value={bookmark.id} />
            <button type="submit" className="btn btn-small">
              Remove bookmark<span className="visually-hidden"> of {what}</span>
            </button>
          </Form>
        ) : null}
      </div>
    </details>
  );
}
