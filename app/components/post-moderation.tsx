import { Form, Link } from "@remix-run/react";
import type { ThreadPost } from "./post-view";

/** A post's moderation in place: the banner its readers see, and the hide and flag forms. */

/** A sentence ends once: a reason typed with its own full stop gets no second one. */
function asSentence(text: string): string {
  const last = text.trimEnd().at(-1);
  return last && ".!?…".includes(last) ? text.trimEnd() : `${text.trimEnd()}.`;
}

/** What a moderator did, told to the author and to moderators above the words they still read. */
export function ModerationBanner({ post }: { post: ThreadPost }) {
  const text = {
    held: "Waiting for review: only its author and the moderators see this post until a moderator approves it.",
    hidden: "Hidden by a moderator: others see only that it was hidden.",
    removed: "Removed by a moderator: others see only that it was removed; admins can restore it.",
  }[post.moderation!];
  const acts = post.permissions.moderate || post.permissions.release;
  return (
    <div className="alert alert-info small moderation-banner">
      <p>
        {text}
        {post.moderationReason ? ` Reason: ${asSentence(post.moderationReason)}` : null}
      </p>
      {acts ? (
        <div className="moderation-banner-actions">
          {post.permissions.moderate ? (
            <Link to="/mod/queue">Open the moderation queue</Link>
          ) : null}
          {post.permissions.release ? (
            <Form method="post">
              <input type="hidden" name="intent" value="moderate" />
              <input type="hidden" name="postId" value={post.id} />
              <input
                type="hidden"
                name="decision"
                value={
                  post.moderation === "held"
                    ? "approve"
                    : post.moderation === "removed"
                      ? "restore-removed"
                      : "restore"
                }
              />
              <button type="submit" className="btn btn-small">
                {post.moderation === "held" ? "Approve" : "Restore"}
                <span className="visually-hidden"> post {post.position}</span>
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/**
 * A post's rarely used tools (flag, hide) are not written into every post: each post carries a
 * link that opens its form in place (`?flag=<post id>`, `?hide=<post id>`), a page load without
 * JavaScript and a client navigation with it. The link's name says which post it acts on.
 */
export function PostToolLink({
  post,
  tool,
  page,
  children,
}: {
  post: ThreadPost;
  tool: "flag" | "hide";
  page: number;
  children: string;
}) {
  return (
    <Link
      to={`?page=${page}&${tool}=${post.id}#${tool}-${post.id}`}
      className="btn btn-small"
      preventScrollReset
      rel="nofollow"
    >
      {children}
      <span className="visually-hidden"> post {post.position}</span>
    </Link>
  );
}

/** Closes an opened tool: back to the page as it was, at the post. */
function CloseTool({ post, page }: { post: ThreadPost; page: number }) {
  return (
    <Link to={`?page=${page}#post-${post.id}`} className="btn btn-small" preventScrollReset>
      Cancel<span className="visually-hidden"> for post {post.position}</span>
    </Link>
  );
}

/** A moderator hides or removes the post where they read it, with the reason its author gets. */
export function HideForm({ post, page }: { post: ThreadPost; page: number }) {
  const id = `hide-reason-${post.id}`;
  return (
    <div className="inline-action" id={`hide-${post.id}`}>
      <Form method="post" className="alert alert-info flag-form">
        <input type="hidden" name="intent" value="moderate" />
        <input type="hidden" name="postId" value={post.id} />
        <label htmlFor={id}>Reason (shown to the author)</label>
        {/* Opened on purpose: typing starts here, not on the page's first control. */}
        <textarea id={id} name="reason" rows={2} required minLength={3} maxLength={500} autoFocus />
        <div className="row">
          <button type="submit" name="decision" value="hide" className="btn btn-small">
            Hide {post.position === 1 ? "thread" : "post"}
          </button>
          <button type="submit" name="decision" value="remove" className="btn btn-small btn-danger">
            Remove {post.position === 1 ? "thread" : "post"}
          </button>
          <CloseTool post={post} page={page} />
        </div>
      </Form>
    </div>
  );
}

const flagReasons = [
  ["spam", "Spam", "It advertises something or is junk."],
  ["abusive", "Abusive", "It attacks, threatens or harasses someone."],
  ["off_topic", "Off-topic", "It doesn't belong in this conversation."],
  ["confidential", "Confidential information", "It shares something that should stay private."],
  ["other", "Something else", "Tell the moderators below."],
] as const;

/** Flags the post for the moderators, with a reason; works without JavaScript. */
export function FlagForm({ post, page }: { post: ThreadPost; page: number }) {
  const what = post.position === 1 ? "thread" : "post";
  return (
    <div className="inline-action" id={`flag-${post.id}`}>
      <Form method="post" className="alert alert-info flag-form">
        <input type="hidden" name="intent" value="flag" />
        <input type="hidden" name="postId" value={post.id} />
        <fieldset>
          <legend>Why should the moderators look at this {what}?</legend>
          {flagReasons.map(([value, label, hint], index) => (
            <label key={value} className="radio">
              {/* Opened on purpose: the first reason takes the focus the link had. */}
              <input
                type="radio"
                name="reason"
                value={value}
                required
                autoFocus={index === 0}
              />{" "}
              <strong>{label}</strong> <span className="small muted">{hint}</span>
            </label>
          ))}
        </fieldset>
        <label htmlFor={`flag-note-${post.id}`}>
          Anything the moderators should know (optional)
        </label>
        <textarea id={`flag-note-${post.id}`} name="note" rows={2} maxLength={500} />
        <p className="small muted">Only the moderators see who flagged it.</p>
        <div className="row">
          <button type="submit" className="btn btn-small">
            Flag {what}
          </button>
          <CloseTool post={post} page={page} />
        </div>
      </Form>
    </div>
  );
}
