import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import editorStyles from "~/editor/rich-text.css";
import { RichTextField } from "~/editor/rich-text-field";
import {
  confirmStatusChange,
  getPendingStatusChange,
  previewStatusChange,
} from "~/models/backlog-announcement.server";
import { readPostContent } from "~/models/post-content.server";
import { Refusal } from "~/models/refusal.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { backlogStatusLabels, backlogStatusTones } from "~/utils/labels";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";
import { StatusChangeQuerySchema, StatusChangeSchema } from "~/validation/backlog";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const itemId = uuidParam(params.itemId);
  invariantResponse(itemId, "No such backlog item.", { status: 404 });
  const query = StatusChangeQuerySchema.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  if (!query.success) throw redirect(`/staff/backlog/${itemId}`);
  const [preview, pending] = await Promise.all([
    previewStatusChange(user, itemId, query.data.to),
    getPendingStatusChange(user, itemId),
  ]);
  return { preview, pending };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const itemId = uuidParam(params.itemId);
  invariantResponse(itemId, "No such backlog item.", { status: 404 });
  const submission = await parseSubmission(request, StatusChangeSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    let notes = null;
    if (input.notes?.trim() || input.notesJson?.includes('"text"')) {
      const read = readPostContent(input.notesJson, input.notes);
      if (!read.ok) throw new Refusal(read.message, 400, "notes");
      notes = read.content;
    }
    await confirmStatusChange(user, itemId, { to: input.to, notes });
    throw redirect(`/staff/backlog/${itemId}`);
  });
}

/**
 * Before a status change announces anything: who will be told and how they contributed, the
 * message they read, the changelog entry it publishes, and the notes they carry. Confirming
 * starts a short window in which the change can still be undone.
 */
export default function StatusChangePage() {
  const { preview, pending } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer("confirm");
  const [form, fields] = useForm({ id: "confirm-status", lastResult: outcome?.result });
  const confirming = useIsPending({ intent: "confirm" });
  const { item, to } = preview;
  const itemPath = `/staff/backlog/${item.id}`;
  const unchanged = item.status === to;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/staff/backlog", label: "Backlog" },
          { to: itemPath, label: item.title },
          { label: "Change status" },
        ]}
      />
      <div className="page-header">
        <div>
          <h1>
            Move to {backlogStatusLabels[to]}: {item.title}
          </h1>
          <p className="meta">
            <Badge tone={backlogStatusTones[item.status]}>
              Now {backlogStatusLabels[item.status]}
            </Badge>
            <span aria-hidden="true">→</span>
            <Badge tone={backlogStatusTones[to]}>{backlogStatusLabels[to]}</Badge>
          </p>
        </div>
      </div>
      {pending ? (
        <Alert tone="error">
          A change to {backlogStatusLabels[pending.to]} is already waiting to go out.{" "}
          <Link to={itemPath}>Undo it on the item&apos;s page</Link> first.
        </Alert>
      ) : null}
      {unchanged ? (
        <Alert tone="info">
          The item is already {backlogStatusLabels[to].toLowerCase()}.{" "}
          <Link to={itemPath}>Back to the item</Link>
        </Alert>
      ) : null}
      <section className="card" aria-labelledby="told-heading">
        <h2 id="told-heading">Who will be told</h2>
        {!preview.announces ? (
          <p>
            Nobody: {backlogStatusLabels[to].toLowerCase()} is not announced. The status changes at
            once.
          </p>
        ) : preview.contributorCount === 0 ? (
          <p>
            Nobody yet: no member is behind this item&apos;s evidence. Its linked ideas still move
            to the new status.
          </p>
        ) : (
          <>
            <p>
              <strong>
                {preview.contributorCount} {preview.contributorCount === 1 ? "person" : "people"}
              </strong>{" "}
              behind this item will be told in the app, and by email as each has chosen
              {preview.capped ? " (the most any one change tells)" : ""}. Some contributed in more
              than one way:
            </p>
            <ul className="plain-list" aria-label="People told, by how they contributed">
              {preview.groups.map((group) => (
                <li key={group.via}>
                  <strong>{group.count}</strong> {group.label}
                </li>
              ))}
            </ul>
          </>
        )}
        {preview.publishes ? (
          <p>
            It is public, so it also appears on the changelog, and{" "}
            <strong>
              {preview.subscriberCount}{" "}
              {preview.subscriberCount === 1 ? "subscriber is" : "subscribers are"}
            </strong>{" "}
            told.
          </p>
        ) : null}
      </section>
      {preview.announces && preview.contributorCount > 0 ? (
        <section className="card" aria-labelledby="message-heading">
          <h2 id="message-heading">What they read</h2>
          <div className="message-preview">
            <p>
              <strong>{preview.headline}</strong>
            </p>
            {preview.groups[0]?.example ? (
              <p className="muted small">
                From {preview.groups[0].example}. (Each person sees their own contributions.)
              </p>
            ) : null}
            <p className="muted small">
              With your notes below, and a link to{" "}
              {preview.publishes
                ? "the changelog entry"
                : item.isPublic
                  ? "the item on the roadmap"
                  : "their own contribution (the item is not public, so its name is not shown)"}
              .
            </p>
          </div>
        </section>
      ) : null}
      {preview.publishes ? (
        <section className="card" aria-labelledby="changelog-heading">
          <h2 id="changelog-heading">The changelog entry</h2>
          <div className="message-preview">
            <h3>{item.title}</h3>
            {item.descriptionHtml ? (
              <div
                className="rich-text"
                // backlog_items.description_html: rendered from validated tiptap JSON and sanitized
                // with the allowlist when the item was saved (readBacklogFields → readPostContent).
                dangerouslySetInnerHTML={{ __html: item.descriptionHtml }}
              />
            ) : (
              <p className="muted">No description: members read only the title.</p>
            )}
            <p className="muted small">Followed by your release notes, and the credited members.</p>
          </div>
        </section>
      ) : null}
      <Form method="post" className="card form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="confirm" />
        <input type="hidden" name="to" value={to} />
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        {preview.announces ? (
          <RichTextField
            name="notes"
            id="notes"
            label={to === "shipped" ? "Release notes (optional)" : "A note for them (optional)"}
            hint={
              to === "shipped"
                ? "What shipped and how to use it. The changelog shows it, and every message carries it."
                : "What happens next. Every message carries it."
            }
            errors={fields.notes.errors}
            initialText={fields.notes.initialValue as string | undefined}
            rows={5}
          />
        ) : null}
        <p className="small">
          {preview.announces
            ? `After you confirm, you have ${preview.undoSeconds} seconds to undo before the status changes and anyone is told.`
            : "The status changes when you confirm."}
        </p>
        <div className="row">
          <Button
            variant="primary"
            pending={confirming}
            pendingLabel="Confirming…"
            disabled={unchanged || Boolean(pending)}
          >
            {preview.announces
              ? `Confirm and tell ${preview.contributorCount + preview.subscriberCount}`
              : "Change status"}
          </Button>
          <Link to={itemPath}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  {
    title: `Change status: ${loaderData?.preview.item.title ?? "Backlog item"} · Backlog · Vanguard`,
  },
];
