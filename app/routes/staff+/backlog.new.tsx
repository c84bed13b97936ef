import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { type Viewer } from "~/auth/policy.server";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import editorStyles from "~/editor/rich-text.css";
import { createBacklogItem, type EvidenceInput } from "~/models/backlog.server";
import { listBacklogOwners } from "~/models/backlog-list.server";
import { getPostForViewer } from "~/models/post.server";
import { listTagsForViewer } from "~/models/tag.server";
import { Refusal } from "~/models/refusal.server";
import { getThreadForViewer } from "~/models/thread.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { threadKindLabels } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { invariantResponse } from "~/utils/responses.server";
import { NewBacklogItemSchema } from "~/validation/backlog";
import { readBacklogFields } from "./__backlog-fields.server";
import { BacklogItemFields } from "./__backlog-item-fields";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

/** What the new item stands on, from `?thread=` or `?post=` (with an optional `quote`). */
async function readSource(user: Viewer, params: URLSearchParams) {
  const postId = params.get("post");
  const threadId = params.get("thread");
  const uuid = /^[0-9a-f-]{36}$/i;
  if (postId && uuid.test(postId)) {
    const post = await getPostForViewer(user, postId);
    invariantResponse(post && !post.deleted, "That post isn't there, or you can't see it.", {
      status: 404,
    });
    return {
      kind: "post" as const,
      threadId: post.thread.id,
      postId: post.id,
      title: post.thread.title,
      label: `Post #${post.position} in “${post.thread.title}”`,
    };
  }
  if (threadId && uuid.test(threadId)) {
    const thread = await getThreadForViewer(user, threadId);
    invariantResponse(thread, "That thread isn't there, or you can't see it.", { status: 404 });
    return {
      kind: "thread" as const,
      threadId: thread.id,
      postId: null,
      title: thread.title,
      label: `${threadKindLabels[thread.kind]} “${thread.title}”`,
    };
  }
  return null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const params = new URL(request.url).searchParams;
  const [source, owners, tags] = await Promise.all([
    readSource(user, params),
    listBacklogOwners(),
    listTagsForViewer(user),
  ]);
  return {
    source,
    quote: source?.kind === "post" ? (params.get("quote") ?? "").slice(0, 2_000) : "",
    owners,
    tags,
    viewerId: user.id,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const submission = await parseSubmission(request, NewBacklogItemSchema);
  if (submission.status !== "success") return invalid(submission);
  const { value } = submission;
  return answerWork(submission, async () => {
    const read = readBacklogFields(value);
    if (!read.ok) throw new Refusal(read.message, 400, "description");
    const { fromPost, fromThread, quote } = value;
    const from: EvidenceInput | null = fromPost
      ? { postId: fromPost, quote: quote?.trim() || null }
      : fromThread
        ? { threadId: fromThread }
        : null;
    const itemId = await createBacklogItem(user, read.fields, from);
    throw redirect(`/staff/backlog/${itemId}`);
  });
}

export default function NewBacklogItemPage() {
  const { source, quote, owners, tags, viewerId } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const [form, fields] = useForm({
    lastResult: outcome?.result,
    defaultValue: { title: source?.title ?? "", ownerId: viewerId, quote },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewBacklogItemSchema }),
  });
  const pending = useIsPending();
  return (
    <>
      <Breadcrumbs items={[{ to: "/staff/backlog", label: "Backlog" }, { label: "New item" }]} />
      <h1>New backlog item</h1>
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <Form method="post" className="form card" {...getFormProps(form)}>
        {source ? (
          <div className="field">
            <p className="label">First evidence</p>
            <p>
              {source.label}
              {source.kind === "thread" ? " — the whole thread, with its supporters" : null}
            </p>
            {source.postId ? (
              <>
                <input type="hidden" name="fromPost" value={source.postId} />
                <label htmlFor={fields.quote.id}>Quoted passage (optional)</label>
                <span className="field-hint" id={`${fields.quote.id}-hint`}>
                  Leave empty to link the whole post.
                </span>
                <textarea
                  id={fields.quote.id}
                  name={fields.quote.name}
                  defaultValue={(fields.quote.initialValue as string | undefined) ?? ""}
                  aria-describedby={
                    fields.quote.errors
                      ? `${fields.quote.id}-hint ${fields.quote.id}-error`
                      : `${fields.quote.id}-hint`
                  }
                  aria-invalid={fields.quote.errors ? true : undefined}
                  rows={3}
                />
                {fields.quote.errors ? (
                  <span className="field-error" id={`${fields.quote.id}-error`}>
                    {fields.quote.errors.join(" ")}
                  </span>
                ) : null}
              </>
            ) : (
              <input type="hidden" name="fromThread" value={source.threadId} />
            )}
          </div>
        ) : null}
        <BacklogItemFields fields={fields} owners={owners} tags={tags} />
        <div className="row">
          <Button variant="primary" pending={pending} pendingLabel="Creating…">
            Create item
          </Button>
          <Link to={source ? `/t/${source.threadId}` : "/staff/backlog"}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "New backlog item · Staff · Vanguard" }];
