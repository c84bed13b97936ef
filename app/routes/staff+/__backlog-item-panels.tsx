import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form, Link, type useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { BACKLOG_STATUSES } from "#db/schema/values";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import type { RichTextDoc } from "~/editor/types";
import type { DemandAccount } from "~/models/backlog-demand.server";
import { INFLUENCE_DEMAND_RULE, RAW_COUNT_RULE, VALUE_WEIGHTED_RULE } from "~/utils/demand-rule";
import { formatInfluence } from "~/utils/influence-labels";
import { formatCount, formatMoney, formatMoneyCompact, formatPercent } from "~/utils/format";
import {
  backlogStatusLabels,
  creditChoiceLabels,
  evidenceKindLabels,
  importanceLabels,
  threadKindLabels,
  tierLabels,
} from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { BacklogItemFields } from "./__backlog-item-fields";
import type { loader } from "./backlog.$itemId";

// The item page's panels: status form, demand figures and breakdown, evidence, edit form.

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

export function DemandSummary({ item }: { item: Item }) {
  const share = (cents: number) =>
    item.revenueCents > 0 ? formatPercent(cents / item.revenueCents) : "—";
  return (
    <section className="card" aria-labelledby="demand-heading">
      <h2 id="demand-heading">Demand</h2>
      <ul className="demand-figures" aria-label="Demand figures">
        <li>
          <span className="figure">{formatCount(item.memberCount)}</span>
          <span className="figure-label">Members (raw count)</span>
        </li>
        <li>
          <span className="figure">{formatCount(item.weightedScore)}</span>
          <span className="figure-label">Value-weighted</span>
        </li>
        {item.influenceWeighted === null ? null : (
          <li>
            <span className="figure">{formatInfluence(item.influenceWeighted)}</span>
            <span className="figure-label">Influence-weighted</span>
          </li>
        )}
        <li>
          <span className="figure">{formatCount(item.accountCount)}</span>
          <span className="figure-label">Accounts</span>
        </li>
        <li>
          <span className="figure" title={formatMoney(item.revenueCents)}>
            {formatMoneyCompact(item.revenueCents)}
          </span>
          <span className="figure-label">Revenue represented</span>
        </li>
        <li>
          <span className="figure" title={formatMoney(item.lifetimeValueCents)}>
            {formatMoneyCompact(item.lifetimeValueCents)}
          </span>
          <span className="figure-label">Lifetime value</span>
        </li>
        <li>
          <span className="figure">{share(item.top1RevenueCents)}</span>
          <span className="figure-label">
            From top 1% ({item.top1AccountCount}{" "}
            {item.top1AccountCount === 1 ? "account" : "accounts"})
          </span>
        </li>
        <li>
          <span className="figure">{share(item.top10RevenueCents)}</span>
          <span className="figure-label">
            From top 10% ({item.top10AccountCount}{" "}
            {item.top10AccountCount === 1 ? "account" : "accounts"})
          </span>
        </li>
        <li>
          <span className="figure">
            {item.criticalCount} / {item.importantCount} / {item.niceToHaveCount}
          </span>
          <span className="figure-label">Votes: critical / important / nice to have</span>
        </li>
      </ul>
      <ul className="muted small rule-list">
        <li>{RAW_COUNT_RULE}</li>
        <li>{VALUE_WEIGHTED_RULE}</li>
        {item.influenceWeighted === null ? null : <li>{INFLUENCE_DEMAND_RULE}</li>}
        <li>Each account counts once in revenue and value.</li>
      </ul>
    </section>
  );
}

const viaLabels = {
  vote: "voted for",
  author: "wrote",
  post: "posted in",
  excerpt: "quoted from",
  coauthor: "co-authored",
  endorsement: "endorsed",
} as const;

/** One step away: a section folded under its heading, with how much it holds. */
function Fold({
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

export function DemandBreakdown({ accounts }: { accounts: DemandAccount[] }) {
  const count = `${accounts.length} ${accounts.length === 1 ? "account" : "accounts"}`;
  if (accounts.length === 0) {
    return (
      <Fold id="breakdown-heading" title="Who is behind it" count={count}>
        <p className="muted">
          Nobody yet: link an idea, a proposal, a post or a quoted passage as evidence, and the
          members and accounts behind it show here.
        </p>
      </Fold>
    );
  }
  return (
    <Fold id="breakdown-heading" title="Who is behind it" count={count}>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">
            Accounts behind this item, highest weight first, with their people and how each
            contributed
          </caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">
                Revenue
              </th>
              <th scope="col" className="num">
                Lifetime value
              </th>
              <th scope="col" className="num">
                Weight
              </th>
              <th scope="col">People, how they contributed, and credit</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.accountId}>
                <th scope="row">
                  {account.name}
                  <div className="meta">
                    <Badge>{tierLabels[account.tier]}</Badge>
                    {account.segment ? <span>{account.segment}</span> : null}
                  </div>
                </th>
                <td className="num">{formatMoneyCompact(account.revenueCents)}</td>
                <td className="num">{formatMoneyCompact(account.lifetimeValueCents)}</td>
                <td className="num">
                  {account.signal} × {account.multiplier} = {account.signal * account.multiplier}
                </td>
                <td>
                  <ul className="breakdown-people">
                    {account.people.map((person) => (
                      <li key={person.userId}>
                        <Link to={`/u/${person.handle}`}>{person.name}</Link>{" "}
                        <span className="muted small">
                          (
                          {person.credit
                            ? `credit: ${creditChoiceLabels[person.credit].toLowerCase()}`
                            : "credit: not answered"}
                          )
                        </span>
                        <ul className="small">
                          {person.via.map((way, index) => (
                            <li key={index}>
                              {viaLabels[way.via]}{" "}
                              <Link to={`/p/${way.postId}`}>“{way.threadTitle}”</Link>
                              {way.importance
                                ? ` (${importanceLabels[way.importance].toLowerCase()})`
                                : null}
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Fold>
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
