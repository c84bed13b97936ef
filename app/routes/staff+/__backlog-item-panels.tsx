import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form, Link, type useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { BACKLOG_STATUSES } from "#db/schema/values";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import type { RichTextDoc } from "~/editor/types";
import { backlogStatusLabels, evidenceKindLabels, threadKindLabels } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { BacklogItemFields } from "./__backlog-item-fields";
import type { loader } from "./backlog.$itemId";

// The item page's panels: status form, evidence, edit form (demand: __backlog-demand-panels.tsx).

type Item = ReturnType<typeof useLoaderData<typeof loader>>["item"];

/**
 * Choosing a status leads to its preview (who will be told, what they read, the changelog entry),
 * where staff write notes and confirm: nothing is announced from this menu alone.
 */
export function StatusForm({ item }: { item: Item }) {
  return (
    <Form
      method="get"
      action={`/staff/backlog/${item.id}/status`}
      className="card status-form"
      aria-labelledby="status-heading"
    >
      <h2 id="status-heading" className="small-heading">
        Status
      </h2>
      <div className="field">
        <label htmlFor="status">Move to</label>
        <span className="field-hint" id="status-hint">
          Planned, in progress and shipped tell everyone behind the item. You see who and what they
          will read before anything is sent.
        </span>
        <select id="status" name="to" defaultValue={item.status} aria-describedby="status-hint">
          {BACKLOG_STATUSES.map((option) => (
            <option key={option} value={option}>
              {backlogStatusLabels[option]}
            </option>
          ))}
        </select>
      </div>
      <Button>Review the change</Button>
    </Form>
  );
}

/** One step away: a section folded under its heading, with how much it holds. */
export function Fold({
  id,
  title,
  count,
  open,
  children,
}: {
  id: string;
  title: string;
  count: string;
  open?: boolean;
  children: React.ReactNode;
}) {
  return (
    <details className="card fold" open={open}>
      <summary>
        <h2 id={id} className="inline-heading">
          {title}
        </h2>{" "}
        <span className="muted">{count}</span>
      </summary>
      {children}
    </details>
  );
}

export function EvidenceSection({
  item,
  lastResult,
}: {
  item: Item;
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm({ id: "link-evidence", lastResult });
  const linking = useIsPending({ intent: "link-evidence" });
  const count = `${item.evidence.length} ${item.evidence.length === 1 ? "piece" : "pieces"}`;
  return (
    <Fold id="evidence-heading" title="Evidence" count={count} open={Boolean(lastResult)}>
      <p>
        <a className="btn btn-small" href={`/staff/backlog/${item.id}/evidence.csv`} download>
          Export evidence CSV
        </a>
      </p>
      {item.evidence.length === 0 ? (
        <p className="muted">
          No evidence yet. Link a thread or a post by its address, or select words in any post and
          choose “Add to backlog”.
        </p>
      ) : (
        <ol className="evidence-list">
          {item.evidence.map((evidence) => (
            <li key={evidence.id}>
              <div className="meta">
                <Badge>{evidenceKindLabels[evidence.kind]}</Badge>
                <span>{threadKindLabels[evidence.threadKind]}</span>
                <span>{evidence.spaceName}</span>
                {evidence.authorName ? <span>by {evidence.authorName}</span> : null}
                <span>
                  linked <RelativeTime date={evidence.createdAt} />
                </span>
              </div>
              <Link
                className="thread-title"
                to={evidence.postId ? `/p/${evidence.postId}` : `/t/${evidence.threadId}`}
              >
                {evidence.threadTitle}
                {evidence.postPosition ? ` — post #${evidence.postPosition}` : null}
              </Link>
              {evidence.quote ? (
                <blockquote className="evidence-quote">
                  {evidence.quote}
                  {evidence.sinceEdited ? (
                    <p className="small muted">
                      <Badge tone="warning">Since edited</Badge> The post changed after this passage
                      was quoted; the quote is kept as it was.
                    </p>
                  ) : null}
                </blockquote>
              ) : null}
              {evidence.wordsWithdrawn && evidence.kind === "excerpt" ? (
                <p className="small muted">
                  The quoted passage is hidden: its author withdrew their consent to their words
                  being used as evidence.
                </p>
              ) : evidence.wordsWithdrawn ? (
                <p className="small muted">
                  Its author withdrew their consent to their words being used as evidence; the link
                  is kept, their words are not quoted here.
                </p>
              ) : null}
              {evidence.postDeleted ? (
                <p className="small muted">The post was deleted since it was linked.</p>
              ) : null}
              <Form method="post">
                <input type="hidden" name="intent" value="remove-evidence" />
                <input type="hidden" name="evidenceId" value={evidence.id} />
                <Button size="small">Remove evidence</Button>
              </Form>
            </li>
          ))}
        </ol>
      )}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="link-evidence" />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <div className="field">
          <label htmlFor="evidence-address">Link a thread or post</label>
          <span className="field-hint" id="evidence-address-hint">
            Paste its address (…/t/… for a whole thread with its voters, …/p/… for one post).
          </span>
          <input
            id="evidence-address"
            name={fields.address.name}
            type="text"
            defaultValue={(fields.address.initialValue as string | undefined) ?? ""}
            aria-describedby={
              fields.address.errors
                ? "evidence-address-hint evidence-address-error"
                : "evidence-address-hint"
            }
            aria-invalid={fields.address.errors ? true : undefined}
          />
          {fields.address.errors ? (
            <span className="field-error" id="evidence-address-error">
              {fields.address.errors.join(" ")}
            </span>
          ) : null}
        </div>
        <div>
          <Button pending={linking} pendingLabel="Linking…">
            Link evidence
          </Button>
        </div>
      </Form>
    </Fold>
  );
}

export function EditItemForm({
  item,
  owners,
  tags,
  lastResult,
}: {
  item: Item;
  owners: { id: string; displayName: string }[];
  tags: ReturnType<typeof useLoaderData<typeof loader>>["tags"];
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form, fields] = useForm({
    id: "update-item",
    lastResult,
    defaultValue: {
      title: item.title,
      ownerId: item.ownerId ?? "",
      target: item.target,
      externalUrl: item.externalUrl ?? "",
      isPublic: item.isPublic ? "on" : undefined,
      description: item.descriptionText,
      tagIds: item.tags.map((tag) => tag.id),
    },
  });
  const pending = useIsPending({ intent: "update" });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="update" />
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <BacklogItemFields
        fields={fields}
        owners={owners}
        tags={tags}
        initial={{
          description: item.description as RichTextDoc | null,
          tagIds: item.tags.map((tag) => tag.id),
        }}
      />
      <div>
        <Button variant="primary" pending={pending} pendingLabel="Saving…">
          Save details
        </Button>
      </div>
    </Form>
  );
}

/** Seconds until a moment, counted down once a second in the browser; null once it has passed. */
function useSecondsUntil(until: string | Date) {
  const target = new Date(until).getTime();
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [target]);
  if (now === null) return undefined;
  const left = Math.ceil((target - now) / 1000);
  return left > 0 ? left : null;
}

/**
 * A confirmed change in its undo window: what will happen, when, and the way to take it back.
 * When the window closes the page reads the item again, so it shows the change made.
 */
export function PendingChange({
  pending,
}: {
  pending: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["pending"]>;
}) {
  const left = useSecondsUntil(pending.sendAt);
  const revalidator = useRevalidator();
  const undoing = useIsPending({ intent: "undo-status" });
  const closed = left === null;
  useEffect(() => {
    if (!closed) return;
    // Once the window closes the job makes the change within moments: read the item again until
    // it shows (the banner goes when the change has been made).
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [closed, revalidator]);
  const when = new Date(pending.sendAt);
  return (
    <div className="alert alert-warning pending-change" role="status">
      <p>
        <strong>Moving to {backlogStatusLabels[pending.to]}</strong>
        {pending.byName ? `, confirmed by ${pending.byName}` : ""}. Nothing has changed or been sent
        yet:{" "}
        {left === null ? (
          "it is going out now."
        ) : (
          <>
            it goes out at{" "}
            <time dateTime={when.toISOString()}>
              {when.toLocaleTimeString("en-GB", { timeZone: "UTC" })} UTC
            </time>
            {left !== undefined ? ` (in ${left} s)` : ""}.
          </>
        )}
      </p>
      {left === null ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value="undo-status" />
          <Button pending={undoing} pendingLabel="Undoing…">
            Undo
          </Button>
        </Form>
      )}
    </div>
  );
}
