import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getPendingStatusChange, undoStatusChange } from "~/models/backlog-announcement.server";
import { can, type Viewer } from "~/auth/policy.server";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { InternalNotes } from "~/components/internal-notes";
import { TagChip } from "~/components/tag-chip";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import editorStyles from "~/editor/rich-text.css";
import { getDemandBreakdown } from "~/models/backlog-demand.server";
import {
  addEvidence,
  getBacklogItem,
  removeEvidence,
  updateBacklogItem,
} from "~/models/backlog.server";
import { listBacklogOwners } from "~/models/backlog-list.server";
import {
  addInternalNote,
  deleteInternalNote,
  listInternalNotes,
} from "~/models/internal-note.server";
import { parseSourceReferences } from "~/models/learning.server";
import { notifyAboutBacklogItem } from "~/models/notification.server";
import { readPostContent } from "~/models/post-content.server";
import { Refusal } from "~/models/refusal.server";
import { listTagsForViewer } from "~/models/tag.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { backlogStatusLabels, backlogStatusTones } from "~/utils/labels";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { BacklogItemActionSchema } from "~/validation/backlog";
import { readBacklogFields } from "./__backlog-fields.server";
import { DemandBreakdown, DemandSummary } from "./__backlog-demand-panels";
import { EditItemForm, EvidenceSection, PendingChange, StatusForm } from "./__backlog-item-panels";
import { TrackerIssueLine, UnmappedTrackerStatus } from "./__tracker-issue";
import { publicPlaceLabel, publicPlaceOf } from "~/utils/public-place";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const itemId = uuidParam(params.itemId);
  invariantResponse(itemId, "No such backlog item.", { status: 404 });
  const [item, breakdown, notes, owners, tags, pending] = await Promise.all([
    getBacklogItem(user, itemId),
    getDemandBreakdown(itemId),
    listInternalNotes(user, { backlogItemId: itemId }),
    listBacklogOwners(),
    listTagsForViewer(user),
    getPendingStatusChange(user, itemId),
  ]);
  invariantResponse(item, "No such backlog item.", { status: 404 });
  return {
    item,
    breakdown,
    notes,
    owners,
    tags,
    pending,
    viewerId: user.id,
    // Trackers are set up with the webhooks, by whoever manages those.
    mayManageTrackers: can(user, "manage:webhook:any"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const itemId = uuidParam(params.itemId);
  invariantResponse(itemId, "No such backlog item.", { status: 404 });
  const submission = await parseSubmission(request, BacklogItemActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "update": {
        const read = readBacklogFields(input);
        if (!read.ok) throw new Refusal(read.message, 400, "description");
        await updateBacklogItem(user, itemId, read.fields);
        return { done: "Saved.", resetForm: false };
      }
      case "undo-status":
        await undoStatusChange(user, itemId);
        return {
          done: "Undone: the status stays as it was, and nobody was told.",
          resetForm: false,
        };
      case "link-evidence":
        await linkEvidence(user, itemId, input.address);
        return "Evidence linked; demand recomputed.";
      case "remove-evidence":
        await removeEvidence(user, itemId, input.evidenceId);
        return { done: "Evidence removed; demand recomputed.", resetForm: false };
      case "add-note":
        await addNote(user, itemId, input);
        return "Note added.";
      case "delete-note":
        await deleteInternalNote(user, { backlogItemId: itemId }, input.noteId);
        return "Note deleted.";
    }
  });
}

async function linkEvidence(user: Viewer, itemId: string, address: string) {
  const { references } = parseSourceReferences(address);
  if (references.length !== 1) {
    throw new Refusal("Paste the address of one thread (…/t/…) or post (…/p/…).", 400, "address");
  }
  const [reference] = references;
  await addEvidence(
    user,
    itemId,
    reference.kind === "post" ? { postId: reference.id } : { threadId: reference.id },
  );
}

/** A staff note on the item, its mentioned colleagues told. */
async function addNote(user: Viewer, itemId: string, input: { note?: string; noteJson?: string }) {
  const body = readPostContent(input.noteJson, input.note);
  if (!body.ok) throw new Refusal(body.message, 400, "note");
  const note = await addInternalNote(
    user,
    { backlogItemId: itemId },
    { postId: null, content: body.content },
  );
  await notifyAboutBacklogItem({
    actor: user,
    itemId,
    kind: "internal_note",
    recipients: note.mentionedStaffIds.map((userId) => ({ userId, details: {} })),
  });
}

/**
 * A backlog item reads as a summary first — status, owner, target, demand — with editing at the
 * top, staff's tools (status, notes, history) in a side column, and the evidence and the accounts
 * behind it one step away.
 */
export default function BacklogItemPage() {
  const { item, breakdown, notes, owners, tags, pending, viewerId, mayManageTrackers } =
    useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const resultFor = (intent: string) => (outcome?.intent === intent ? outcome.result : undefined);
  const editResult = resultFor("update");
  return (
    <>
      <Breadcrumbs items={[{ to: "/staff/backlog", label: "Backlog" }, { label: item.title }]} />
      <div className="page-header">
        <div>
          <h1>{item.title}</h1>
          <div className="meta">
            <Badge tone={backlogStatusTones[item.status]}>{backlogStatusLabels[item.status]}</Badge>
            <Badge tone={publicPlaceOf(item) ? "accent" : undefined}>
              {publicPlaceLabel(item)}
            </Badge>
            <span>{item.ownerName ? `Owner: ${item.ownerName}` : "No owner"}</span>
            {item.status === "shipped" && item.shippedAt ? (
              <span>
                Shipped <RelativeTime date={item.shippedAt} />
              </span>
            ) : item.target ? (
              <span>Target: {item.target}</span>
            ) : null}
            {item.externalUrl && item.tracker ? (
              <TrackerIssueLine tracker={item.tracker} url={item.externalUrl} />
            ) : item.externalUrl ? (
              <a href={item.externalUrl} rel="noreferrer noopener" target="_blank">
                Tracked at {new URL(item.externalUrl).host}
              </a>
            ) : null}
            {item.tags.map((tag) => (
              <TagChip key={tag.id} tag={tag} />
            ))}
          </div>
        </div>
      </div>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {item.tracker ? (
        <UnmappedTrackerStatus tracker={item.tracker} mayManage={mayManageTrackers} />
      ) : null}
      {pending ? <PendingChange pending={pending} /> : null}
      <details className="card fold edit-panel" open={Boolean(editResult)}>
        <summary>
          <h2 className="inline-heading">Edit details</h2>{" "}
          <span className="muted">title, description, owner, target, tags, visibility</span>
        </summary>
        <EditItemForm item={item} owners={owners} tags={tags} lastResult={editResult} />
      </details>
      <div className="with-aside">
        <div className="with-aside-main">
          {item.descriptionHtml ? (
            <div
              className="card rich-text"
              // backlog_items.description_html: rendered from validated tiptap JSON and sanitized with
              // the allowlist when the item was saved: readBacklogFields calls readPostContent, which uses
              // renderRichTextHtml in app/editor/content.server.ts. No other HTML goes here.
              dangerouslySetInnerHTML={{ __html: item.descriptionHtml }}
            />
          ) : null}
          <DemandSummary item={item} />
          <EvidenceSection
            item={item}
            lastResult={resultFor("link-evidence") ?? resultFor("remove-evidence")}
          />
          <DemandBreakdown accounts={breakdown} />
        </div>
        <aside className="with-aside-side" aria-label="Staff tools">
          <StatusForm item={item} />
          <InternalNotes
            key={notes.length}
            notes={notes}
            viewerId={viewerId}
            posts={[]}
            mentionsUrl="/resources/mentions?scope=staff"
            lastResult={resultFor("add-note")}
          />
          {item.history.length > 0 ? (
            <section className="card" aria-labelledby="history-heading">
              <h2 id="history-heading" className="small-heading">
                Status history
              </h2>
              <ol className="plain-list small">
                {item.history.map((change) => (
                  <li key={change.id}>
                    {backlogStatusLabels[change.fromStatus]} →{" "}
                    {backlogStatusLabels[change.toStatus]}, by{" "}
                    {change.changedByName ?? "a former colleague"}{" "}
                    <RelativeTime date={change.createdAt} />
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </aside>
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.item.title ?? "Backlog item"} · Backlog · Vanguard` },
];
