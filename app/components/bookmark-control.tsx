import { Form, Link, useLocation } from "@remix-run/react";
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
  onDemand,
}: {
  target: { postId: string } | { threadId: string };
  bookmark: BookmarkState;
  /** "post 3", "thread": what the controls name for a screen reader. */
  what: string;
  /**
   * Where every post has one (a thread page), its panel is written only for the post whose
   * link opened it: `open` there, and a link to `openTo` on the others; `page` is the address
   * that closes it, which the forms also lead back to.
   */
  onDemand?: { open: boolean; openTo: string; page: string };
}) {
  const location = useLocation();
  const anchor = "postId" in target ? `#post-${target.postId}` : "";
  const back = onDemand ? onDemand.page : `${location.pathname}${location.search}`;
  const action = `/me/bookmarks?returnTo=${encodeURIComponent(`${back}${anchor}`)}`;
  const idPart = "postId" in target ? target.postId : target.threadId;
  const selectId = `bookmark-remind-${idPart}`;
  const remindAt = bookmark?.remindAt ? new Date(bookmark.remindAt) : null;
  // A post's is one of its small actions; a thread's sits beside the thread's own buttons.
  const buttonClass = `btn${"postId" in target ? " btn-small" : ""}${bookmark ? " is-on" : ""}`;
  const name = (
    <>
      {bookmark ? "Bookmarked" : "Bookmark…"}
      <span className="visually-hidden"> {what}</span>
    </>
  );
  if (onDemand && !onDemand.open) {
    return (
      <Link to={onDemand.openTo} className={buttonClass} preventScrollReset rel="nofollow">
        {name}
      </Link>
    );
  }
  return (
    // A new key when the bookmark changes closes the panel on what was just done.
    <details
      className="inline-action bookmark-control"
      key={bookmark ? `${bookmark.id}-${String(bookmark.remindAt)}` : "none"}
      id={`bookmark-${idPart}`}
      open={onDemand ? true : undefined}
    >
      <summary className={buttonClass}>{name}</summary>
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
        {onDemand ? (
          <Link to={`${onDemand.page}${anchor}`} className="btn btn-small" preventScrollReset>
            Cancel<span className="visually-hidden"> for {what}</span>
          </Link>
        ) : null}
      </div>
    </details>
  );
}
