import { Form, Link } from "@remix-run/react";
import type { RoleLabel } from "~/utils/labels";
import { reactionLabels, staffBadge, tierLabels } from "~/utils/labels";
import { BookmarkControl, type BookmarkState } from "./bookmark-control";
import { FlagForm, HideForm, ModerationBanner, PostToolLink } from "./post-moderation";
import { Badge } from "./ui/badge";
import { exactTime, RelativeTime } from "./ui/relative-time";

type PostReaction = {
  kind: keyof typeof reactionLabels;
  count: number;
  mine: boolean;
  names: string[];
};
export type ThreadPost = {
  id: string;
  position: number;
  bodyHtml: string;
  createdAt: string | Date;
  editedAt: string | Date | null;
  deleted: boolean;
  /** A moderator's state for it (null: ordinary), and whether this viewer reads its words. */
  moderation: "held" | "hidden" | "removed" | null;
  moderationReason: string | null;
  shown: boolean;
  flaggedByMe: boolean;
  author: { id: string; displayName: string; handle: string; role: RoleLabel } | null;
  replyTo: { id: string; position: number; authorName: string | null } | null;
  reactions: PostReaction[];
  authorAccount: { name: string | null; tier: "top1" | "top10" | "rest" | null } | null;
  /** The reader's bookmark of it, where the page offers bookmarks (undefined: it doesn't). */
  bookmark?: BookmarkState;
  /** What the viewer may do to this post, decided by the policy (never by this component). */
  permissions: {
    reply: boolean;
    quote: boolean;
    react: boolean;
    edit: boolean;
    delete: boolean;
    flag: boolean;
    moderate: boolean;
    /** Approve it (held) or restore it (hidden, removed), here. */
    release: boolean;
    hide: boolean;
  };
};

const moderationMarkers = {
  held: "This post is waiting for a moderator's review.",
  hidden: "This post was hidden by a moderator.",
  removed: "This post was removed by a moderator.",
} as const;

/** One post in a thread: who wrote it, when, what it answers, its text, reactions and actions. */
export function PostView({
  post,
  threadId,
  page,
  highlighted = false,
  openTool = null,
}: {
  post: ThreadPost;
  threadId: string;
  page: number;
  /** The post a link (a notification, a permalink) pointed at. */
  highlighted?: boolean;
  /** The rarely used tool the reader opened on this post (`?flag=`, `?hide=`, `?bookmark=` its id). */
  openTool?: "flag" | "hide" | "bookmark" | null;
}) {
  const headingId = `post-${post.id}-by`;
  const badge = post.author ? staffBadge(post.author.role) : null;
  if (post.deleted) {
    return (
      <article
        id={`post-${post.id}`}
        className="post post-deleted"
        aria-label={`Post ${post.position}, deleted`}
      >
        <p className="muted">This post was deleted by its author.</p>
      </article>
    );
  }
  if (!post.shown && post.moderation) {
    return (
      <article
        id={`post-${post.id}`}
        className="post post-deleted"
        aria-label={`Post ${post.position}, ${post.moderation} by a moderator`}
      >
        <p className="muted">{moderationMarkers[post.moderation]}</p>
      </article>
    );
  }
  return (
    <article
      id={`post-${post.id}`}
      className={highlighted ? "post is-highlighted" : "post"}
      aria-labelledby={headingId}
    >
      <header className="post-header">
        <h2 id={headingId} className="post-author">
          {post.author ? (
            <Link to={`/u/${post.author.handle}`}>{post.author.displayName}</Link>
          ) : (
            "A former member"
          )}
        </h2>
        {badge ? <Badge tone="accent">{badge}</Badge> : null}
        {post.authorAccount ? (
          <span className="small muted">
            {post.authorAccount.name}
            {post.authorAccount.tier && post.authorAccount.tier !== "rest" ? (
              <>
                {" "}
                <Badge tone="warning">{tierLabels[post.authorAccount.tier]}</Badge>
              </>
            ) : null}
          </span>
        ) : null}
        {/* Named by what it shows ("5 days ago"), as voice control users say it; the exact time
            is on hover, and the rest of the name says where the link goes. */}
        <Link
          to={`/p/${post.id}`}
          className="post-time"
          title={exactTime(new Date(post.createdAt))}
        >
          <RelativeTime date={post.createdAt} focusable={false} />
          <span className="visually-hidden">, link to post {post.position}</span>
        </Link>
        {post.editedAt ? (
          <Link to={`/p/${post.id}/history`} className="small">
            edited
          </Link>
        ) : null}
      </header>
      {post.replyTo ? (
        <p className="reply-to small">
          ↩ In reply to{" "}
          <Link to={`/p/${post.replyTo.id}`}>
            {post.replyTo.authorName ?? "a former member"}'s post
          </Link>
        </p>
      ) : null}
      {post.moderation ? <ModerationBanner post={post} /> : null}
      {/* bodyHtml is posts.body_html: rendered from validated tiptap JSON and sanitized with an
          allowlist on the server when the post was written (renderRichTextHtml in
          app/editor/content.server.ts, called by readPostContent). No other HTML goes here. */}
      <div className="prose post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      <footer className="post-footer">
        <Reactions post={post} />
        <div className="post-actions">
          {post.permissions.reply ? (
            <Link
              to={`/t/${threadId}?page=${page}&replyTo=${post.id}#reply`}
              className="btn btn-small"
              preventScrollReset
            >
              Reply
            </Link>
          ) : null}
          {post.permissions.quote ? (
            <QuoteButton postId={post.id} author={post.author?.displayName ?? "A former member"} />
          ) : null}
          {post.permissions.edit ? (
            <Link to={`/p/${post.id}/edit`} className="btn btn-small">
              Edit
            </Link>
          ) : null}
          {post.bookmark !== undefined ? (
            <BookmarkControl
              target={{ postId: post.id }}
              bookmark={post.bookmark}
              what={`post ${post.position}`}
              onDemand={{
                open: openTool === "bookmark",
                openTo: `/t/${threadId}?page=${page}&bookmark=${post.id}#bookmark-${post.id}`,
                page: `/t/${threadId}?page=${page}`,
              }}
            />
          ) : null}
          {post.permissions.flag && !post.flaggedByMe ? (
            openTool === "flag" ? (
              <FlagForm post={post} page={page} />
            ) : (
              <PostToolLink post={post} tool="flag" page={page}>
                Flag…
              </PostToolLink>
            )
          ) : null}
          {post.permissions.hide ? (
            openTool === "hide" ? (
              <HideForm post={post} page={page} />
            ) : (
              <PostToolLink post={post} tool="hide" page={page}>
                Hide…
              </PostToolLink>
            )
          ) : null}
          {post.flaggedByMe ? (
            <Link to="/flags" className="small">
              You flagged this; see what became of it
            </Link>
          ) : null}
          {post.permissions.delete ? (
            <details className="inline-action">
              <summary className="btn btn-small btn-danger">Delete…</summary>
              <Form method="post" className="alert alert-info">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="postId" value={post.id} />
                <p>Delete this post? Its text and history go; a note that you deleted it stays.</p>
                <button type="submit" className="btn btn-danger btn-small">
                  Yes, delete my post
                </button>
              </Form>
            </details>
          ) : null}
        </div>
      </footer>
    </article>
  );
}

/**
 * Reaction buttons where reacting is allowed; where it isn't (a locked thread), the same counts
 * as plain text, so nothing looks pressable that isn't.
 */
function Reactions({ post }: { post: ThreadPost }) {
  if (!post.permissions.react) {
    const given = post.reactions.filter((reaction) => reaction.count > 0);
    if (given.length === 0) return <span />;
    return (
      <ul className="reactions" aria-label="Reactions">
        {given.map((reaction) => (
          <li key={reaction.kind} className="reaction reaction-static">
            {reactionLabels[reaction.kind].label}{" "}
            <span className="reaction-count">{reaction.count}</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    // Unnamed, so not a form landmark: every post has one, and landmarks must be told apart.
    <Form method="post">
      <input type="hidden" name="intent" value="react" />
      <input type="hidden" name="postId" value={post.id} />
      <div className="reactions" role="group" aria-label="Reactions">
        {post.reactions.map((reaction) => {
          const { label } = reactionLabels[reaction.kind];
          const who = reaction.names.length
            ? `${reaction.names.join(", ")}${reaction.count > reaction.names.length ? ` and ${reaction.count - reaction.names.length} more` : ""}`
            : null;
          const whoId = `who-${post.id}-${reaction.kind}`;
          return (
            <span key={reaction.kind} className="reaction-wrap">
              <button
                type="submit"
                name="kind"
                value={reaction.kind}
                className="reaction"
                aria-pressed={reaction.mine}
                aria-label={`${label}, ${reaction.count}${reaction.mine ? ", including you" : ""}`}
                aria-describedby={who ? whoId : undefined}
              >
                <span aria-hidden="true">{label}</span>
                {reaction.count > 0 ? (
                  <span aria-hidden="true" className="reaction-count">
                    {reaction.count}
                  </span>
                ) : null}
              </button>
              {/* Who reacted, shown on hover and keyboard focus, read out with the button. */}
              {who ? (
                <span id={whoId} role="tooltip" className="reaction-who">
                  {who}
                </span>
              ) : null}
            </span>
          );
        })}
      </div>
    </Form>
  );
}

/** Quotes the text selected inside this post into the reply editor (needs JavaScript). */
function QuoteButton({ postId, author }: { postId: string; author: string }) {
  return (
    <button
      type="button"
      className="btn btn-small js-only"
      onClick={() => {
        const selection = window.getSelection();
        const body = document.querySelector(`#post-${postId} .post-body`);
        let text =
          selection && body && selection.rangeCount > 0 && body.contains(selection.anchorNode)
            ? selection.toString().trim()
            : "";
        if (!text) text = (body?.textContent ?? "").trim().slice(0, 500);
        window.dispatchEvent(new CustomEvent("vanguard:quote", { detail: { text, author } }));
        document.getElementById("reply")?.scrollIntoView({ behavior: "smooth" });
      }}
    >
      Quote
    </button>
  );
}
