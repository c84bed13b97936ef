import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { TRIAGE_KINDS } from "#db/schema/values";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { TagChip } from "~/components/tag-chip";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { getBacklogChoices, listBacklogOwners } from "~/models/backlog.server";
import { listTagsForViewer, listThreadTags } from "~/models/tag.server";
import {
  INBOX_PAGE_SIZE,
  INBOX_WINDOW_DAYS,
  linkEntries,
  listInbox,
  tagEntries,
  updateTriage,
} from "~/models/triage.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseKnownFields, readFormData } from "~/utils/form.server";
import { tierLabels, triageKindLabels } from "~/utils/labels";
import { useHrefWith } from "~/utils/use-href-with";
import { useIsPending } from "~/utils/use-is-pending";
import { TriageActionSchema } from "~/validation/triage";
import { InboxQuerySchema } from "./__inbox-query.server";
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
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "review": {
        const n = await updateTriage(user, input.entries, { reviewed: true });
        return `Marked ${count(n)} reviewed.`;
      }
      case "reopen": {
        const n = await updateTriage(user, input.entries, { reviewed: false });
        return `Moved ${count(n)} back to the inbox.`;
      }
      case "assign": {
        const n = await updateTriage(user, input.entries, { ownerId: input.ownerId });
        return input.ownerId ? `Assigned ${count(n)}.` : `Took the owner off ${count(n)}.`;
      }
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
  const outcome = useActionAnswer();
  const hrefWith = useHrefWith();
  const list = useRef<HTMLOListElement>(null);
  const pending = useIsPending();
  const openTotal = Object.values(byKind).reduce((sum, n) => sum + (n ?? 0), 0);
  // The bulk bar is one form: every problem with it, whichever field it names, shows in one alert.
  const problems = problemsOf(outcome);

  useInboxShortcuts(list);

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
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {problems ? <Alert tone="error">{problems}</Alert> : null}
      {entries.length === 0 ? (
        <div className="card empty">
          <p>
            {query.show === "reviewed"
              ? "Nothing reviewed here yet."
              : "Inbox zero: nothing new to review here. New ideas, insights and flagged posts land here as they arrive."}
          </p>
        </div>
      ) : (
        <Form method="post" className="inbox">
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
              <button type="submit" name="intent" value="tag" className="btn btn-small">
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
              <button type="submit" name="intent" value="assign" className="btn btn-small">
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
              <button type="submit" name="intent" value="link" className="btn btn-small">
                Link
              </button>
            </div>
            <div className="bulk-group">
              {query.show === "reviewed" ? (
                <button type="submit" name="intent" value="reopen" className="btn btn-small">
                  Back to the inbox
                </button>
              ) : (
                <button
                  type="submit"
                  name="intent"
                  value="review"
                  id="bulk-review"
                  className="btn btn-small btn-primary"
                  disabled={pending}
                >
                  Mark reviewed
                </button>
              )}
            </div>
          </fieldset>
          <ol className="inbox-list" ref={list} aria-label="Inbox entries, newest first">
            {entries.map((entry) => (
              <li key={entry.key} data-entry tabIndex={-1} className="inbox-entry">
                <input
                  type="checkbox"
                  name="entries"
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
                {entry.reviewedAt ? null : (
                  <button
                    type="submit"
                    name="only"
                    value={entry.key}
                    className="btn btn-small"
                    aria-label={`Mark reviewed: “${entry.threadTitle}”`}
                  >
                    Mark reviewed
                  </button>
                )}
              </li>
            ))}
          </ol>
        </Form>
      )}
      <Pagination page={query.page} pageSize={pageSize} total={total} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Triage inbox · Staff · Vanguard" }];
