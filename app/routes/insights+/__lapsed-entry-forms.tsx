import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import { RichTextField } from "~/editor/rich-text-field";
import { lapsedActionLabels, type LapsedAction } from "~/utils/lapsed-labels";
import { useIsPending } from "~/utils/use-is-pending";
import { LAPSED_BODY_MAX, LAPSED_SUBJECT_MAX } from "~/validation/lapsed";

type Result = SubmissionResult<string[]> | undefined;

function FormProblems({ errors }: { errors: string[] | undefined }) {
  return errors?.length ? <Alert tone="error">{errors.join(" ")}</Alert> : null;
}

/** Who owns the entry: anyone on staff, or yourself in one click. */
export function AssignForm({
  owners,
  ownerId,
  ownerName,
  viewerId,
  lastResult,
}: {
  owners: { id: string; displayName: string }[];
  ownerId: string | null;
  ownerName: string | null;
  viewerId: string;
  lastResult: Result;
}) {
  const [form, fields] = useForm({ id: "assign", lastResult });
  const pending = useIsPending({ intent: "assign" });
  // After a refusal the choice that was refused stays; otherwise the owner as it is now.
  const chosen =
    lastResult?.status === "error" && typeof fields.ownerId.initialValue === "string"
      ? fields.ownerId.initialValue
      : (ownerId ?? "");
  return (
    <section className="card stack" aria-labelledby="owner-heading">
      <h2 id="owner-heading" className="small-heading">
        Owner
      </h2>
      <p className="small">
        {ownerName ? `${ownerName} owns this entry.` : "Nobody owns this entry yet."}
      </p>
      <FormProblems errors={form.errors} />
      {ownerId !== viewerId ? (
        <Form method="post">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="ownerId" value={viewerId} />
          <Button variant="primary" pending={pending}>
            Assign to me
          </Button>
        </Form>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="assign" />
        <Field id="owner-id" label="Change the owner to" errors={fields.ownerId.errors}>
          {(aria) => (
            <select name="ownerId" key={chosen} defaultValue={chosen} {...aria}>
              <option value="">Nobody</option>
              {owners.map((owner) => (
                <option key={owner.id} value={owner.id}>
                  {owner.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <Button pending={pending}>Change owner</Button>
        </div>
      </Form>
    </section>
  );
}

/** Handled, or back on the open list. */
export function HandleForm({ handled, lastResult }: { handled: boolean; lastResult: Result }) {
  const [form] = useForm({ id: handled ? "reopen" : "handle", lastResult });
  const intent = handled ? "reopen" : "handle";
  const pending = useIsPending({ intent });
  return (
    <section className="card stack" aria-labelledby="state-heading">
      <h2 id="state-heading" className="small-heading">
        State
      </h2>
      <FormProblems errors={form.errors} />
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intent} />
        <Button variant={handled ? "default" : "primary"} pending={pending}>
          {handled ? "Reopen" : "Mark handled"}
        </Button>
      </Form>
    </section>
  );
}

/** A note on the account, for staff only, recorded in the entry's history. */
export function NoteForm({ lastResult }: { lastResult: Result }) {
  const [form, fields] = useForm({ id: "note", lastResult });
  const pending = useIsPending({ intent: "note" });
  return (
    <section className="card stack" aria-labelledby="note-heading">
      <h2 id="note-heading" className="small-heading">
        Internal note <Badge tone="warning">Staff only</Badge>
      </h2>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="note" />
        <RichTextField
          name="note"
          id="lapsed-note"
          label="Note on the account"
          hint="Kept with the account's notes; members never see it."
          errors={fields.note.errors ?? form.errors}
          initialText={
            lastResult?.status === "error" && typeof fields.note.initialValue === "string"
              ? fields.note.initialValue
              : undefined
          }
          load="when-idle"
          rows={3}
        />
        <div>
          <Button pending={pending} pendingLabel="Saving…">
            Add note
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** A personal email from a template, which you may change before it goes. */
export function EmailForm({
  recipients,
  template,
  forMember,
  lastResult,
}: {
  recipients: { id: string; displayName: string; email: string }[];
  template: { subject: string; body: string };
  forMember: boolean;
  lastResult: Result;
}) {
  const [form, fields] = useForm({
    id: "email",
    lastResult,
    defaultValue: {
      recipientId: recipients.length === 1 ? recipients[0].id : "",
      subject: template.subject,
      body: template.body,
    },
  });
  const pending = useIsPending({ intent: "email" });
  const initial = (value: unknown) => (typeof value === "string" ? value : "");
  return (
    <section className="card stack" aria-labelledby="email-heading">
      <h2 id="email-heading">Write to {forMember ? "them" : "the account's people"}</h2>
      {recipients.length === 0 ? (
        <p className="muted">
          Nobody at this account can receive an email here: it has no active members.
        </p>
      ) : (
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="email" />
          <FormProblems errors={form.errors} />
          <Field id="email-recipient" label="To" errors={fields.recipientId.errors}>
            {(aria) => (
              <select
                name="recipientId"
                defaultValue={initial(fields.recipientId.initialValue)}
                {...aria}
              >
                {recipients.length > 1 ? <option value="">Choose a member</option> : null}
                {recipients.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.displayName} ({person.email})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="email-subject" label="Subject" errors={fields.subject.errors}>
            {(aria) => (
              <input
                type="text"
                name="subject"
                maxLength={LAPSED_SUBJECT_MAX}
                defaultValue={initial(fields.subject.initialValue)}
                {...aria}
              />
            )}
          </Field>
          <Field
            id="email-body"
            label="Email"
            errors={fields.body.errors}
            hint="{{name}} becomes the recipient's name, {{account}} the account's, {{sender}} yours."
          >
            {(aria) => (
              <textarea
                name="body"
                rows={12}
                maxLength={LAPSED_BODY_MAX}
                defaultValue={initial(fields.body.initialValue)}
                {...aria}
              />
            )}
          </Field>
          <div>
            <Button variant="primary" pending={pending} pendingLabel="Sending…">
              Send email
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}

type EntryEvent = {
  id: string;
  action: LapsedAction;
  details: Record<string, unknown>;
  createdAt: string | Date;
  actorName: string | null;
};

const text = (value: unknown) => (typeof value === "string" ? value : "");

function eventDetail(event: EntryEvent): string | null {
  switch (event.action) {
    case "assigned":
      return event.details.ownerName ? `to ${text(event.details.ownerName)}` : "to nobody";
    case "emailed":
      return `to ${text(event.details.recipientName)}: “${text(event.details.subject)}”`;
    case "reopened":
      return event.details.by === "detection" ? "the signal began again" : null;
    default:
      return null;
  }
}

/** What was done about the entry, newest first. */
export function EntryHistory({ events }: { events: EntryEvent[] }) {
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading" className="small-heading">
        History
      </h2>
      {events.length === 0 ? (
        <p className="small muted">Nothing done yet.</p>
      ) : (
        <ol className="plain-list small" aria-label="What was done, newest first">
          {events.map((event) => {
            const detail = eventDetail(event);
            return (
              <li key={event.id}>
                <strong>{lapsedActionLabels[event.action]}</strong>
                {detail ? ` ${detail}` : null}
                <div className="muted">
                  {event.actorName ?? (event.action === "reopened" ? "Detection" : "Someone")},{" "}
                  <RelativeTime date={event.createdAt} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The account's staff notes, newest first. */
export function NotesList({
  notes,
  accountName,
}: {
  notes: { id: string; bodyHtml: string; createdAt: string | Date; authorName: string | null }[];
  accountName: string;
}) {
  return (
    <section className="card" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes on {accountName}</h2>
      {notes.length === 0 ? (
        <p className="small muted">No notes on this account yet.</p>
      ) : (
        <ol className="internal-note-list" aria-label="Notes, oldest first">
          {notes.map((note) => (
            <li key={note.id} className="internal-note">
              <p className="small">
                <strong>{note.authorName ?? "A former colleague"}</strong>{" "}
                <RelativeTime date={note.createdAt} />
              </p>
              <div
                className="rich-text"
                // internal_notes.body_html: rendered from validated tiptap JSON and sanitized with
                // the allowlist when the note was written (readPostContent → renderRichTextHtml in
                // app/editor/content.server.ts). No other HTML goes here.
                dangerouslySetInnerHTML={{ __html: note.bodyHtml }}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
