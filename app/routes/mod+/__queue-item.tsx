import { Form, Link, type useLoaderData } from "@remix-run/react";
import { TrustLevelBadge } from "~/components/trust-level-badge";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { flagReasonLabels, moderationStateLabels } from "~/utils/labels";
import type { TrustLevel } from "~/utils/trust-levels";
import { useIsPending } from "~/utils/use-is-pending";
import type { loader, Result } from "./queue";

// One item in the moderation queue: its flags, context, author and the decisions on offer.

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];
type Space = { id: string; name: string };

export function QueueItem({
  item,
  spaces,
  result,
}: {
  item: Item;
  spaces: Space[];
  result: Result | null;
}) {
  const headingId = `review-${item.id}`;
  const title =
    item.targetType === "user"
      ? `Profile of ${item.person?.displayName ?? "a former member"}`
      : item.targetType === "thread"
        ? `Thread “${item.thread?.title}”`
        : `Reply #${item.post?.position} in “${item.thread?.title}”`;
  return (
    <article className="card queue-item" aria-labelledby={headingId}>
      <header className="queue-item-header">
        <h2 id={headingId}>{title}</h2>
        <div className="meta">
          {item.post?.state ? (
            <Badge tone="warning">{moderationStateLabels[item.post.state]}</Badge>
          ) : null}
          {item.flagCount > 0 ? (
            <Badge>
              {item.flagCount} {item.flagCount === 1 ? "flag" : "flags"}
            </Badge>
          ) : null}
          {item.space ? <span>in {item.space.name}</span> : null}
          <RelativeTime date={item.lastActivityAt} />
        </div>
      </header>
      {/* A refused form shows its problem at the field instead. */}
      {result && !result.ok && !result.fieldErrors ? (
        <Alert tone="error">{result.message}</Alert>
      ) : null}
      {item.heldReason ? <p className="small">Held because: {item.heldReason}.</p> : null}
      {item.flags.length > 0 ? (
        <ul className="flag-list" aria-label="Flags">
          {item.flags.map((flag, index) => (
            <li key={index}>
              <strong>{flagReasonLabels[flag.reason as keyof typeof flagReasonLabels]}</strong> —
              from {flag.flaggerName} (trust level {flag.flaggerTrustLevel}),{" "}
              <RelativeTime date={flag.createdAt} />
              {flag.note ? <>: “{flag.note}”</> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {item.post && item.thread ? (
        <section aria-label="In context" className="queue-context">
          <p className="small muted">
            In <Link to={`/p/${item.post.id}`}>“{item.thread.title}”</Link>
            {item.thread.locked ? " · locked" : ""}
          </p>
          {item.before ? <Neighbour post={item.before} label="Before it" /> : null}
          <div className="queue-post">
            <p className="small muted">
              Post #{item.post.position} by {item.person?.displayName ?? "a former member"},{" "}
              <RelativeTime date={item.post.createdAt} />
            </p>
            {/* bodyHtml is posts.body_html: rendered from validated tiptap JSON and sanitized with
                an allowlist on the server when the post was written (renderRichTextHtml in
                app/editor/content.server.ts, via readPostContent). No other HTML goes here. */}
            <div className="prose" dangerouslySetInnerHTML={{ __html: item.post.bodyHtml }} />
          </div>
          {item.after ? <Neighbour post={item.after} label="After it" /> : null}
        </section>
      ) : null}
      {item.person ? <Author person={item.person} /> : null}
      <Actions item={item} spaces={spaces} result={result} />
    </article>
  );
}

function Neighbour({
  post,
  label,
}: {
  post: {
    id: string;
    position: number;
    excerpt: string;
    deleted: boolean;
    authorName: string | null;
  };
  label: string;
}) {
  return (
    <blockquote className="queue-neighbour small">
      <span className="muted">
        {label}: #{post.position} by {post.authorName ?? "a former member"} —{" "}
      </span>
      {post.deleted ? <em>deleted by its author</em> : post.excerpt}
    </blockquote>
  );
}

function Author({ person }: { person: NonNullable<Item["person"]> }) {
  return (
    <section aria-label="Author's history" className="queue-author small">
      <p>
        <Link to={`/mod/people/${person.handle}`}>{person.displayName}</Link>{" "}
        <TrustLevelBadge level={person.trustLevel as TrustLevel} /> · joined{" "}
        <RelativeTime date={person.createdAt} /> · {person.recentPosts} posts in the last 30 days ·{" "}
        {person.moderatedPosts} hidden or removed · {person.upheldFlags} upheld flag reviews ·{" "}
        {person.notices} notices
        {person.silenced ? (
          <>
            {" "}
            · <Badge tone="warning">Silenced</Badge>
          </>
        ) : null}
        {person.suspended ? (
          <>
            {" "}
            · <Badge tone="danger">Suspended</Badge>
          </>
        ) : null}
      </p>
      {person.lastNotice ? <p className="muted">Last action: {person.lastNotice}</p> : null}
    </section>
  );
}

function Actions({ item, spaces, result }: { item: Item; spaces: Space[]; result: Result | null }) {
  // Any decision on the page is in flight: one at a time keeps moderators from double-acting.
  const busy = useIsPending();
  const post = item.post;
  const hidden = post?.state === "hidden" || post?.state === "removed";
  const mergeError = result?.intent === "merge" ? result.fieldErrors?.target?.join(" ") : undefined;
  // The policy's answers for this item: only the buttons that will work are offered.
  const can = item.can;
  if (!Object.values(can).some(Boolean)) {
    return (
      <p className="small muted">
        Your role can&apos;t decide this one: it waits for someone whose role covers its author.
      </p>
    );
  }
  return (
    <div className="queue-actions">
      {post?.state === "held" ? (
        can.approve ? (
          <Form method="post" className="inline">
            <input type="hidden" name="reviewId" value={item.id} />
            <input type="hidden" name="postId" value={post.id} />
            <button type="submit" name="intent" value="approve" className="btn" disabled={busy}>
              Approve
            </button>
          </Form>
        ) : null
      ) : can.dismiss ? (
        <Form method="post" className="inline">
          <input type="hidden" name="reviewId" value={item.id} />
          <button type="submit" name="intent" value="dismiss" className="btn" disabled={busy}>
            {item.flagCount > 0 ? "Dismiss flags" : "Close"}
          </button>
        </Form>
      ) : null}
      {post && !hidden && can.hide ? (
        <ReasonForm
          item={item}
          intent="hide"
          label="Hide…"
          button="Hide with this reason"
          result={result}
        />
      ) : null}
      {post && post.state !== "removed" && can.remove ? (
        <ReasonForm
          item={item}
          intent="remove"
          label="Remove…"
          button="Remove with this reason"
          result={result}
        />
      ) : null}
      {post && can.edit ? (
        <Link to={`/p/${post.id}/edit`} className="btn">
          Edit with a reason
        </Link>
      ) : null}
      {item.thread && can.lock ? (
        <Form method="post" className="inline">
          <ThreadAction intent="lock" reviewId={item.id} threadId={item.thread!.id} />
          <input type="hidden" name="locked" value={item.thread.locked ? "off" : "on"} />
          <button type="submit" className="btn" disabled={busy}>
            {item.thread.locked ? "Unlock thread" : "Lock thread"}
          </button>
        </Form>
      ) : null}
      {item.thread && can.pin ? (
        <Form method="post" className="inline">
          <ThreadAction intent="pin" reviewId={item.id} threadId={item.thread!.id} />
          <input type="hidden" name="pinned" value={item.thread.pinned ? "off" : "on"} />
          <button type="submit" className="btn" disabled={busy}>
            {item.thread.pinned ? "Unpin thread" : "Pin thread"}
          </button>
        </Form>
      ) : null}
      {item.thread && can.move ? (
        <details className="inline-action">
          <summary className="btn">Move…</summary>
          <Form method="post" className="stack">
            <ThreadAction intent="move" reviewId={item.id} threadId={item.thread!.id} />
            <label htmlFor={`move-space-${item.id}`}>Move to</label>
            <select id={`move-space-${item.id}`} name="spaceId" required defaultValue="">
              <option value="" disabled>
                Choose a space
              </option>
              {spaces
                .filter((space) => space.id !== item.thread!.spaceId)
                .map((space) => (
                  <option key={space.id} value={space.id}>
                    {space.name}
                  </option>
                ))}
            </select>
            <AuthorReason id={`move-reason-${item.id}`} />
            <button type="submit" className="btn" disabled={busy}>
              Move thread
            </button>
          </Form>
        </details>
      ) : null}
      {item.thread && can.merge ? (
        <details className="inline-action" open={mergeError ? true : undefined}>
          <summary className="btn">Merge into…</summary>
          <Form method="post" className="stack">
            <ThreadAction intent="merge" reviewId={item.id} threadId={item.thread!.id} />
            <label htmlFor={`merge-target-${item.id}`}>Address of the thread to merge into</label>
            <input
              id={`merge-target-${item.id}`}
              name="target"
              required
              aria-invalid={mergeError ? true : undefined}
              aria-describedby={mergeError ? `merge-target-${item.id}-error` : undefined}
            />
            {mergeError ? (
              <p id={`merge-target-${item.id}-error`} className="field-error">
                {mergeError}
              </p>
            ) : null}
            <AuthorReason id={`merge-reason-${item.id}`} />
            <button type="submit" className="btn" disabled={busy}>
              Merge thread
            </button>
          </Form>
        </details>
      ) : null}
      {item.person && item.targetType === "user" ? (
        <Link to={`/mod/people/${item.person.handle}`} className="btn">
          Silence or suspend…
        </Link>
      ) : null}
    </div>
  );
}

/** Which thread, from which review: the fields every thread action in the queue sends. */
function ThreadAction({
  intent,
  reviewId,
  threadId,
}: {
  intent: "lock" | "pin" | "move" | "merge";
  reviewId: string;
  threadId: string;
}) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="reviewId" value={reviewId} />
      <input type="hidden" name="threadId" value={threadId} />
    </>
  );
}

/** The reason a thread action's author reads in their notice. */
function AuthorReason({ id }: { id: string }) {
  return (
    <>
      <label htmlFor={id}>Reason (shown to the author)</label>
      <textarea id={id} name="reason" rows={2} required maxLength={500} />
    </>
  );
}

function ReasonForm({
  item,
  intent,
  label,
  button,
  result,
}: {
  item: Item;
  intent: "hide" | "remove";
  label: string;
  button: string;
  result: Result | null;
}) {
  const id = `${intent}-reason-${item.id}`;
  const error = result?.intent === intent ? result.fieldErrors?.reason : undefined;
  return (
    <details className="inline-action" open={Boolean(error) || undefined}>
      <summary className={intent === "remove" ? "btn btn-danger" : "btn"}>{label}</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="reviewId" value={item.id} />
        <input type="hidden" name="postId" value={item.post!.id} />
        <label htmlFor={id}>Reason (shown to the author)</label>
        <textarea
          id={id}
          name="reason"
          rows={2}
          maxLength={500}
          defaultValue={error ? result?.typed : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error.join(" ")}
          </p>
        ) : null}
        <button type="submit" className={intent === "remove" ? "btn btn-danger" : "btn"}>
          {button}
        </button>
      </Form>
    </details>
  );
}
