import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { can } from "~/auth/policy.server";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import editorStyles from "~/editor/rich-text.css";
import { getLapsedEmailTemplate, sendLapsedEmail } from "~/models/lapsed-email.server";
import {
  getLapsedEntry,
  listLapsedEntryEvents,
  listLapsedOwners,
  listLapsedRecipients,
} from "~/models/lapsed-list.server";
import {
  assignLapsedEntry,
  markLapsedEntryHandled,
  noteLapsedEntry,
  reopenLapsedEntry,
} from "~/models/lapsed.server";
import { readPostContent } from "~/models/post-content.server";
import { listInternalNotes } from "~/models/internal-note.server";
import { Refusal } from "~/models/refusal.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import {
  describeLapsedDetails,
  lapsedSignalExplanations,
  lapsedSignalLabels,
} from "~/utils/lapsed-labels";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { LapsedEntryActionSchema } from "~/validation/lapsed";
import {
  AssignForm,
  EmailForm,
  EntryHistory,
  HandleForm,
  NoteForm,
  NotesList,
} from "./__lapsed-entry-forms";
import { LapsedStateBadge, LapsedSubject } from "./__lapsed-parts";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

const NO_ENTRY = "There is no such entry on the lapsed list.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const entryId = uuidParam(params.entryId);
  invariantResponse(entryId, NO_ENTRY, { status: 404 });
  const entry = await getLapsedEntry(user, entryId);
  invariantResponse(entry, NO_ENTRY, { status: 404 });
  const [events, owners, recipients, template, notes] = await Promise.all([
    listLapsedEntryEvents(user, entryId),
    listLapsedOwners(user),
    listLapsedRecipients(user, entry),
    getLapsedEmailTemplate(user),
    listInternalNotes(user, { accountId: entry.accountId }),
  ]);
  return {
    entry,
    events,
    owners,
    recipients,
    template,
    notes,
    viewerId: user.id,
    linkMembers: can(user, "read:member:any"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const entryId = uuidParam(params.entryId);
  invariantResponse(entryId, NO_ENTRY, { status: 404 });
  const submission = await parseSubmission(request, LapsedEntryActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "assign": {
        const { changed, ownerName } = await assignLapsedEntry(user, entryId, input.ownerId);
        if (!changed) return { done: "The owner stays as it was.", resetForm: false };
        return {
          done: ownerName ? `${ownerName} owns this entry now.` : "Nobody owns this entry now.",
          resetForm: false,
        };
      }
      case "note": {
        const content = readPostContent(input.noteJson, input.note);
        if (!content.ok) throw new Refusal(content.message, 400, "note");
        await noteLapsedEntry(user, entryId, content.content);
        return "Note added to the account.";
      }
      case "email": {
        const { delivered, recipientName } = await sendLapsedEmail(user, entryId, input);
        if (delivered === false) {
          return `The email to ${recipientName} is in the outbox, but the mail server refused it: an admin can see why in the outbox.`;
        }
        return delivered
          ? `Email sent to ${recipientName}.`
          : `Email to ${recipientName} is in the outbox.`;
      }
      case "handle":
        await markLapsedEntryHandled(user, entryId);
        return { done: "Marked handled. It comes back if the signal returns.", resetForm: false };
      case "reopen":
        await reopenLapsedEntry(user, entryId);
        return { done: "Reopened: the entry is on the open list again.", resetForm: false };
    }
  });
}

export default function LapsedEntryPage() {
  const { entry, events, owners, recipients, template, notes, viewerId, linkMembers } =
    useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const resultFor = (intent: string) => (outcome?.intent === intent ? outcome.result : undefined);
  const title = entry.memberName ?? entry.accountName;
  return (
    <div className="stack">
      <Breadcrumbs items={[{ to: "/insights/lapsed", label: "Lapsed" }, { label: title }]} />
      <div className="page-header">
        <div>
          <h1>
            {title}: {lapsedSignalLabels[entry.signal].toLowerCase()}
          </h1>
          <div className="meta">
            <LapsedStateBadge entry={entry} />
            <span>
              <LapsedSubject entry={entry} linkMembers={linkMembers} />
            </span>
            <span>
              Since <RelativeTime date={entry.signalSince} />
            </span>
            <span>{entry.ownerName ? `Owner: ${entry.ownerName}` : "No owner"}</span>
          </div>
        </div>
      </div>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      <div className="with-aside">
        <div className="with-aside-main stack">
          <section className="card" aria-labelledby="signal-heading">
            <h2 id="signal-heading">
              Why it is here <Badge>{lapsedSignalLabels[entry.signal]}</Badge>
            </h2>
            <p>{describeLapsedDetails(entry.signal, entry.details)}</p>
            <p className="small muted">{lapsedSignalExplanations[entry.signal]}</p>
            {!entry.active ? (
              <p className="small">
                The last check no longer saw this signal. The entry is kept with its history.
              </p>
            ) : null}
            {entry.handledAt ? (
              <p className="small">
                Handled by {entry.handledByName ?? "a former colleague"}{" "}
                <RelativeTime date={entry.handledAt} />. It reopens if the signal begins again.
              </p>
            ) : null}
          </section>
          <EmailForm
            recipients={recipients}
            template={template}
            forMember={Boolean(entry.memberId)}
            lastResult={resultFor("email")}
          />
          <NotesList notes={notes} accountName={entry.accountName} />
        </div>
        <aside className="with-aside-side stack" aria-label="Staff tools">
          <AssignForm
            owners={owners}
            ownerId={entry.ownerId}
            ownerName={entry.ownerName}
            viewerId={viewerId}
            lastResult={resultFor("assign")}
          />
          <HandleForm
            handled={Boolean(entry.handledAt)}
            lastResult={resultFor(entry.handledAt ? "reopen" : "handle")}
          />
          {/* A new note empties the box: the form starts over once the note is listed. */}
          <NoteForm key={notes.length} lastResult={resultFor("note")} />
          <EntryHistory events={events} />
        </aside>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.entry.memberName ?? data.entry.accountName} · Lapsed · Insights · Vanguard`
      : "Lapsed · Insights · Vanguard",
  },
];
