import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { type Viewer } from "~/auth/policy.server";
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
  listBacklogOwners,
  removeEvidence,
  setBacklogStatus,
  updateBacklogItem,
} from "~/models/backlog.server";
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
import {
  DemandBreakdown,
  DemandSummary,
  EditItemForm,
  EvidenceSection,
  StatusForm,
} from "./__backlog-item-panels";
import { publicPlaceLabel, publicPlaceOf } from "~/utils/public-place";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const itemId = uuidParam(params.itemId);
  invariantResponse(itemId, "No such backlog item.", { status: 404 });
  const [item, breakdown, notes, owners, tags] = await Promise.all([
    getBacklogItem(user, itemId),
    getDemandBreakdown(itemId),
    listInternalNotes(user, { backlogItemId: itemId }),
    listBacklogOwners(),
    listTagsForViewer(user),
  ]);
  invariantResponse(item, "No such backlog item.", { status: 404 });
  return { item, breakdown, notes, owners, tags, viewerId: user.id };
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
      case "set-status": {
        const moved = await setBacklogStatus(user, itemId, input.status);
        return {
          done: statusMessage(input.status, moved.told, moved.ideasMoved),
          resetForm: false,
        };
      }
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

function statusMessage(status: keyof typeof backlogStatusLabels, told: number, ideas: number) {
  const parts = [`Moved to ${backlogStatusLabels[status]}.`];
  if (ideas > 0) parts.push(`${ideas} linked ${ideas === 1 ? "idea takes" : "ideas take"} it too.`);
  if (told > 0) parts.push(`${told} ${told === 1 ? "person was" : "people were"} told.`);
  return parts.join(" ");
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

export default function BacklogItemPage() {
  const { item, breakdown, notes, owners, tags, viewerId } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const resultFor = (intent: string) => (outcome?.intent === intent ? outcome.result : undefined);
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
            {item.target ? <span>Target: {item.target}</span> : null}
            {item.externalUrl ? (
              <a href={item.externalUrl} rel="noreferrer noopener" target="_blank">
                Tracked at {new URL(item.externalUrl).host}
              </a>
            ) : null}
            {item.tags.map((tag) => (
              <TagChip key={tag.id} tag={tag} />
            ))}
          </div>
        </div>
        <a className="btn" href={`/staff/backlog/${item.id}/evidence.csv`} download>
          Export evidence CSV
        </a>
      </div>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      <StatusForm status={item.status} lastResult={resultFor("set-status")} />
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
      <DemandBreakdown accounts={breakdown} />
      <EvidenceSection
        item={item}
        lastResult={resultFor("link-evidence") ?? resultFor("remove-evidence")}
      />
      <details className="card">
        <summary>
          <h2 className="inline-heading">Edit details</h2>
        </summary>
        <EditItemForm item={item} owners={owners} tags={tags} lastResult={resultFor("update")} />
      </details>
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
          <h2 id="history-heading">Status history</h2>
          <ol className="plain-list">
            {item.history.map((change) => (
              <li key={change.id}>
                {backlogStatusLabels[change.fromStatus]} → {backlogStatusLabels[change.toStatus]},{" "}
                by {change.changedByName ?? "a former colleague"}{" "}
                <RelativeTime date={change.createdAt} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.item.title ?? "Backlog item"} · Backlog · Vanguard` },
];
