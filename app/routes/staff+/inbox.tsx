import type {
  ActionFunctionArgs,
  LoaderFunctionArgs,
  MetaFunction,
  SerializeFrom,
} from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, type FormEvent } from "react";
import { TRIAGE_KINDS } from "#db/schema/values";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { TagChip } from "~/components/tag-chip";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { getBacklogChoices, listBacklogOwners } from "~/models/backlog-list.server";
import { listTagsForViewer, listThreadTags } from "~/models/tag.server";
import {
  INBOX_PAGE_SIZE,
  INBOX_WINDOW_DAYS,
  linkEntries,
  listInbox,
  tagEntries,
  takeTriage,
  updateTriage,
  type TriageChange,
} from "~/models/triage.server";
import { problemsOf, useActionAnswer, type ActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseKnownFields, readFormData } from "~/utils/form.server";
import { tierLabels, triageKindLabels } from "~/utils/labels";
import { useHrefWith } from "~/utils/use-href-with";
import { TriageActionSchema } from "~/validation/triage";
import { InboxQuerySchema } from "./__inbox-query.server";
import { useEntryActions, type EntryActions, type Ticket } from "./__inbox-acting";
import { KeyboardShortcuts, useInboxShortcuts } from "./__inbox-shortcuts";
import { ModerationBadge } from "~/components/moderation-badge";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "triage:inbox:any");
  const query = InboxQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const inbox = await listInbox(user, {
    show: query.show,
    kind: query.kind,
    spaceId: query.space,
    page: query.page,
  });
  const [tags, owners, items, tagOptions] = await Promise.all([
    listThreadTags(
      user,
      inbox.entries.map((entry) => entry.threadId),
    ),
    listBacklogOwners(),
    getBacklogChoices(user),
    listTagsForViewer(user),
  ]);
  return {
    ...inbox,
    tags,
    owners,
    items,
    tagOptions,
    query,
    windowDays: INBOX_WINDOW_DAYS,
    pageSize: INBOX_PAGE_SIZE,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "triage:inbox:any");
  const formData = await readFormData(request);
  // A row's own "Mark reviewed" button names that row alone, whatever else is selected.
  const only = formData.get("only");
  if (typeof only === "string") {
    formData.set("intent", "review");
    formData.delete("entries");
    formData.append("entries", only);
  }
  const submission = parseKnownFields(formData, TriageActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  const count = (n: number, one = "entry", many = "entries") => `${n} ${n === 1 ? one : many}`;
  // One entry is named by its title, so a person working down the list hears which one it was.
  const named = (change: TriageChange) =>
    change.title ? `“${change.title}”` : count(change.count);
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "review":
        return `Marked reviewed: ${named(await updateTriage(user, input.entries, { reviewed: true }))}`;
      case "reopen":
        return `Back in the inbox: ${named(await updateTriage(user, input.entries, { reviewed: false }))}`;
      case "assign": {
        const change = await updateTriage(user, input.entries, { ownerId: input.ownerId });
        return input.ownerId ? `Assigned: ${named(change)}` : `No owner now: ${named(change)}`;
      }
      case "assign-to-me":
        return `Assigned to you: ${named(await takeTriage(user, input.entries))}`;
      case "tag": {
        const tagged = await tagEntries(user, input.entries, input.tag);
        return `Tagged ${count(tagged.threads, "thread", "threads")} “${tagged.tagName}”.`;
      }
      case "link": {
        const n = await linkEntries(user, input.entries, input.itemId);
        return `Linked ${count(n)} to the backlog item.`;
      }
    }
  });
}

const showLabels = { open: "To review", mine: "Assigned to me", reviewed: "Reviewed" } as const;

type InboxData = SerializeFrom<typeof loader>;

export default function InboxPage() {
  const {
    entries,
    total,
    byKind,
    bySpace,
    tags,
    owners,
    items,
    tagOptions,
    query,
    windowDays,
    pageSize,
    lastReviewedAt,
  } = useLoaderData<typeof loader>();
  const isNewToMe = (at: string) =>
    lastReviewedAt !== null && new Date(at).getTime() > new Date(lastReviewedAt).getTime();
  const hrefWith = useHrefWith();
  const list = useRef<HTMLOListElement>(null);
  const acting = useEntryActions(list);
  // With JavaScript the forms answer through fetchers; without it, as a plain post.
  const pageAnswer = useActionAnswer();
  const outcome = acting.answer?.answer ?? pageAnswer;
  const openTotal = Object.values(byKind).reduce((sum, n) => sum + (n ?? 0), 0);
  // The bulk bar is one form: every problem with it, whichever field it names, shows in one alert.
  const problems = problemsOf(outcome);

  useInboxShortcuts(list, acting.jumpedFrom);
  // Once the list has revalidated after an action, focus is somewhere sensible.
  const { settle } = acting;
  useEffect(() => settle(), [entries, settle]);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Triage inbox</h1>
          <p>
            New ideas, insights, proposals opened for feedback, corrections to learnings and posts
            colleagues flagged, from the last {windowDays} days. Review each, give it an owner, tag
            it, or link it to the backlog.
          </p>
        </div>
      </div>
      <nav className="tabs" aria-label="Which entries">
        {(["open", "mine", "reviewed"] as const).map((show) => (
          <Link
            key={show}
            to={hrefWith({ show: show === "open" ? undefined : show })}
            aria-current={query.show === show ? "page" : undefined}
          >
            {showLabels[show]}
            {show === "open" ? ` (${openTotal})` : null}
          </Link>
        ))}
      </nav>
      <nav className="tabs" aria-label="Kinds">
        <Link to={hrefWith({ kind: undefined })} aria-current={query.kind ? undefined : "page"}>
          All kinds
        </Link>
        {TRIAGE_KINDS.map((kind) => (
          <Link
            key={kind}
            to={hrefWith({ kind })}
            aria-current={query.kind === kind ? "page" : undefined}
          >
            {triageKindLabels[kind]} ({byKind[kind] ?? 0})
          </Link>
        ))}
      </nav>
      <Form method="get" className="filters filters-compact" aria-label="Filter by space">
        <input type="hidden" name="show" value={query.show} />
        {query.kind ? <input type="hidden" name="kind" value={query.kind} /> : null}
        <div className="field">
          <label htmlFor="inbox-space">Space (entries to review)</label>
          <select id="inbox-space" name="space" defaultValue={query.space ?? ""}>
            <option value="">All spaces</option>
            {bySpace.map((space) => (
              <option key={space.id} value={space.id}>
                {space.name} ({space.open})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          Show
        </button>
      </Form>
      <KeyboardShortcuts />
      {/* Always in the page, so what each action did is announced as it changes. */}
      <div role="status" className="inbox-outcome">
        {outcome?.done ? (
          <p className="alert alert-success" key={acting.answer?.n ?? 0}>
            {outcome.done}
          </p>
        ) : null}
      </div>
      {problems ? <Alert tone="error">{problems}</Alert> : null}
      {entries.length === 0 ? (
        <div className="card empty" id="inbox-empty" tabIndex={-1}>
          <p>
            {query.show === "reviewed"
              ? "Nothing reviewed here yet."
              : "Inbox zero: nothing new to review here. New ideas, insights and flagged posts land here as they arrive."}
          </p>
        </div>
      ) : (
        <>
          <BulkBar
            acting={acting}
            reviewed={query.show === "reviewed"}
            owners={owners}
            items={items}
            tagOptions={tagOptions}
          />
          <ol className="inbox-list" ref={list} aria-label="Inbox entries, newest first">
            {entries.map((entry) => (
              <li key={entry.key} data-entry={entry.key} tabIndex={-1} className="inbox-entry">
                <input
                  type="checkbox"
                  name="entries"
                  form={BULK_FORM_ID}
                  value={entry.key}
                  id={`select-${entry.key}`}
                  aria-label={`Select “${entry.threadTitle}”`}
                />
                <div>
                  <div className="meta">
                    <Badge tone={entry.kind === "worth_a_look" ? "warning" : "neutral"}>
                      {triageKindLabels[entry.kind]}
                    </Badge>
                    <ModerationBadge state={entry.moderation} />
                    {!entry.reviewedAt && isNewToMe(entry.at) ? (
                      <Badge tone="accent">New since your last review</Badge>
                    ) : null}
                    <span>{entry.spaceName}</span>
                    <span>
                      {entry.authorName ?? "A former member"}
                      {entry.accountName ? `, ${entry.accountName}` : null}
                    </span>
                    {entry.tier ? <Badge>{tierLabels[entry.tier]}</Badge> : null}
                    <RelativeTime date={entry.at} />
                  </div>
                  <Link
                    className="thread-title"
                    to={
                      entry.postId && entry.postPosition > 1
                        ? `/p/${entry.postId}`
                        : `/t/${entry.threadId}`
                    }
                  >
                    {entry.threadTitle}
                    {entry.postPosition > 1 ? ` — post #${entry.postPosition}` : null}
                  </Link>
                  <p className="small muted inbox-preview">{entry.preview}</p>
                  {entry.note || entry.flaggedByName ? (
                    <p className="small">
                      Flagged by {entry.flaggedByName ?? "a colleague"}
                      {entry.note ? `: “${entry.note}”` : null}
                    </p>
                  ) : null}
                  <div className="meta">
                    {(tags[entry.threadId] ?? []).map((tag) => (
                      <TagChip key={tag.id} tag={tag} />
                    ))}
                    <span>{entry.ownerName ? `Owner: ${entry.ownerName}` : "No owner"}</span>
                    {entry.reviewedAt ? (
                      <span>
                        Reviewed by {entry.reviewedByName ?? "a colleague"}{" "}
                        <RelativeTime date={entry.reviewedAt} />
                      </span>
                    ) : null}
                  </div>
                </div>
                {entry.reviewedAt ? null : <ReviewEntryForm entry={entry} acting={acting} />}
              </li>
            ))}
          </ol>
        </>
      )}
      <Pagination page={query.page} pageSize={pageSize} total={total} />
    </>
  );
}

/** The bulk bar's form; the entries' checkboxes belong to it through their `form` attribute. */
const BULK_FORM_ID = "inbox-bulk";

/**
 * A fetcher's form that tells the page as it submits and when it is answered, so focus moves on
 * at once and the outcome is announced. Without JavaScript it is a plain form.
 */
function useActingForm(acting: EntryActions) {
  const fetcher = useFetcher<ActionAnswer>();
  const ticket = useRef<Ticket | null>(null);
  const { finish } = acting;
  useEffect(() => {
    if (!fetcher.data || !ticket.current) return;
    finish(ticket.current, fetcher.data);
    ticket.current = null;
  }, [fetcher.data, finish]);
  const pending = fetcher.state !== "idle";
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // One submission at a time per form: a second press while the first is on its way waits.
    if (pending) {
      event.preventDefault();
      return;
    }
    ticket.current = acting.begin(event);
  };
  return { Form: fetcher.Form, pending, onSubmit };
}

function ReviewEntryForm({
  entry,
  acting,
}: {
  entry: InboxData["entries"][number];
  acting: EntryActions;
}) {
  const { Form: ActingForm, pending, onSubmit } = useActingForm(acting);
  return (
    <ActingForm method="post" onSubmit={onSubmit}>
      <button
        type="submit"
        name="only"
        value={entry.key}
        className="btn btn-small"
        aria-label={`Mark reviewed: “${entry.threadTitle}”`}
        aria-keyshortcuts="r"
        aria-disabled={pending || undefined}
      >
        Mark reviewed
      </button>
    </ActingForm>
  );
}

function BulkBar({
  acting,
  reviewed,
  owners,
  items,
  tagOptions,
}: {
  acting: EntryActions;
  reviewed: boolean;
  owners: InboxData["owners"];
  items: InboxData["items"];
  tagOptions: InboxData["tagOptions"];
}) {
  const { Form: ActingForm, pending, onSubmit } = useActingForm(acting);
  const busy = pending || undefined;
  return (
    <ActingForm method="post" id={BULK_FORM_ID} onSubmit={onSubmit}>
      <fieldset className="card bulk-bar">
        <legend>With the selected entries</legend>
        <div className="bulk-group">
          <label htmlFor="bulk-tag">Tag</label>
          <input id="bulk-tag" name="tag" type="text" list="inbox-tags" autoComplete="off" />
          <datalist id="inbox-tags">
            {tagOptions.map((tag) => (
              <option key={tag.id} value={tag.name} />
            ))}
          </datalist>
          <button
            type="submit"
            name="intent"
            value="tag"
            className="btn btn-small"
            aria-disabled={busy}
          >
            Add tag
          </button>
        </div>
        <div className="bulk-group">
          <label htmlFor="bulk-owner">Owner</label>
          <select id="bulk-owner" name="ownerId" defaultValue="">
            <option value="">Nobody</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.displayName}
              </option>
            ))}
          </select>
          <button
            type="submit"
            name="intent"
            value="assign"
            className="btn btn-small"
            aria-disabled={busy}
          >
            Assign
          </button>
        </div>
        <div className="bulk-group">
          <label htmlFor="bulk-item">Backlog item</label>
          <select id="bulk-item" name="itemId" defaultValue="">
            <option value="" disabled>
              Choose an item…
            </option>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.title}
              </option>
            ))}
          </select>
          <button
            type="submit"
            name="intent"
            value="link"
            className="btn btn-small"
            aria-disabled={busy}
          >
            Link
          </button>
        </div>
        <div className="bulk-group">
          <button
            type="submit"
            name="intent"
            value="assign-to-me"
            id="bulk-assign-me"
            className="btn btn-small"
            aria-keyshortcuts="m"
            aria-disabled={busy}
          >
            Assign to me
          </button>
          {reviewed ? (
            <button
              type="submit"
              name="intent"
              value="reopen"
              className="btn btn-small"
              aria-disabled={busy}
            >
              Back to the inbox
            </button>
          ) : (
            <button
              type="submit"
              name="intent"
              value="review"
              id="bulk-review"
              className="btn btn-small btn-primary"
              aria-keyshortcuts="r"
              aria-disabled={busy}
            >
              Mark reviewed
            </button>
          )}
        </div>
      </fieldset>
    </ActingForm>
  );
}

export const meta: MetaFunction = () => [{ title: "Triage inbox · Staff · Vanguard" }];
