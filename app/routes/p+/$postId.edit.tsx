import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import {
  decideLearningAction,
  decidePostAction,
  editNeedsReason,
  type Viewer,
} from "~/auth/policy.server";
import { requireUser } from "~/auth/current-user.server";
import { getOpenCorrection } from "~/models/learning.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import type { RichTextDoc } from "~/editor/content.server";
import { RichTextField } from "~/editor/rich-text-field";
import editorStyles from "~/editor/rich-text.css";
import { readPostContent } from "~/models/post-content.server";
import { getPostForViewer, pageOfPosition, postState } from "~/models/post.server";
import { editPost } from "~/models/post-edit.server";
import { Refusal } from "~/models/refusal.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";
import { editPostSchema } from "~/validation/forums";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

type EditablePost = Awaited<ReturnType<typeof requireEditablePost>>["post"];

async function requireEditablePost(request: Request, postId: string | undefined) {
  const user = await requireUser(request);
  const id = uuidParam(postId);
  const post = id ? await getPostForViewer(user, id) : null;
  invariantResponse(
    post,
    "No such post. It may have been deleted, or be somewhere you can't see.",
    {
      status: 404,
    },
  );
  const decision = decidePostAction(user, postState(post), "edit");
  // A locked thread is a conflict (409), someone else's post a refusal (403): as the policy says.
  invariantResponse(decision.ok, decision.ok ? "" : decision.message, {
    status: decision.ok ? 403 : decision.status,
  });
  return { user, post, needsReason: editNeedsReason(user, postState(post)) };
}

/**
 * The correction a revision of a learning takes in (`?correction=<post id>`), if the editor may
 * accept it and it is still open.
 */
async function correctionToAccept(user: Viewer, post: EditablePost, correctionId: string | null) {
  const id = uuidParam(correctionId ?? undefined);
  if (!id || post.position !== 1 || post.thread.kind !== "learning") return null;
  const decision = decideLearningAction(user, post.thread, "accept-correction");
  invariantResponse(decision.ok, decision.ok ? "" : decision.message, { status: 403 });
  const correction = await getOpenCorrection(post.thread.id, id);
  invariantResponse(correction, "No such correction of this learning.", { status: 404 });
  invariantResponse(
    !correction.acceptedAt,
    "That correction was already accepted: see the learning's history.",
    { status: 409 },
  );
  return correction;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, post, needsReason } = await requireEditablePost(request, params.postId);
  const correction = await correctionToAccept(
    user,
    post,
    new URL(request.url).searchParams.get("correction"),
  );
  return {
    correction,
    post: {
      id: post.id,
      position: post.position,
      body: post.body as RichTextDoc,
      bodyText: post.bodyText,
      thread: post.thread,
      space: post.space,
    },
    needsReason,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, post, needsReason } = await requireEditablePost(request, params.postId);
  const schema = editPostSchema({ opening: post.position === 1, needsReason });
  const submission = await parseSubmission(request, schema);
  if (submission.status !== "success") return invalid(submission);
  const { title, reason, redact, body: text, bodyJson, acceptsCorrection } = submission.value;
  const correction = await correctionToAccept(user, post, acceptsCorrection ?? null);
  return answerWork(submission, async () => {
    const body = readPostContent(bodyJson, text);
    if (!body.ok) throw new Refusal(body.message, 400, "body");
    await editPost(user, post, {
      title,
      reason,
      redact,
      content: body.content,
      acceptsCorrection: correction?.postId,
    });
    throw redirect(`/t/${post.thread.id}?page=${pageOfPosition(post.position)}#post-${post.id}`);
  });
}

export default function EditPostPage() {
  const { post, needsReason, correction } = useLoaderData<typeof loader>();
  const lastResult = useActionAnswer()?.result;
  const saving = useIsPending();
  const [form, fields] = useForm<{ title: string; body: string; reason: string; redact: string }>({
    lastResult,
    defaultValue: { title: post.thread.title },
  });
  // Without JavaScript the page reloads: what was typed comes back with the message.
  const typedText =
    typeof fields.body.initialValue === "string" && lastResult
      ? fields.body.initialValue
      : undefined;
  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { to: "/spaces", label: "Spaces" },
          { to: `/spaces/${post.space.slug}`, label: post.space.name },
          { to: `/p/${post.id}`, label: post.thread.title },
          { label: "Edit" },
        ]}
      />
      <h1>{needsReason ? "Edit someone else's post" : "Edit post"}</h1>
      <p className="muted">
        {needsReason
          ? "You are editing as a moderator. Your name and your reason are shown in the post's history, and the edit is recorded in the audit log."
          : "Every version is kept: readers can open the history and see what changed."}
      </p>
      <noscript>
        <p className="alert alert-info">
          Without JavaScript you edit the plain text: headings, lists, links and mentions in this
          post become plain paragraphs when you save. The earlier version stays in the history.
        </p>
      </noscript>
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      {correction ? (
        <aside className="card correction-aside" aria-labelledby="correction-heading">
          <h2 id="correction-heading">
            The correction you are accepting, from {correction.authorName ?? "a former member"}
          </h2>
          <p className="learning-correction-text">{correction.excerpt}</p>
          <p className="muted small">
            Saving marks it accepted, and the learning's history shows it beside this version.
          </p>
        </aside>
      ) : null}
      <Form method="post" className="form card" {...getFormProps(form)}>
        {correction ? (
          <input type="hidden" name="acceptsCorrection" value={correction.postId} />
        ) : null}
        {post.position === 1 ? (
          <Field id={fields.title.id} label="Title" errors={fields.title.errors}>
            {(aria) => <input {...getInputProps(fields.title, { type: "text" })} {...aria} />}
          </Field>
        ) : null}
        <RichTextField
          name={fields.body.name}
          id="body"
          label="Post"
          errors={fields.body.errors}
          initialDoc={typedText === undefined ? post.body : null}
          initialText={typedText ?? post.bodyText}
          mentionsUrl={`/resources/mentions?space=${post.space.id}`}
        />
        {needsReason ? (
          <Field
            id={fields.reason.id}
            label="Reason for editing"
            hint="Shown with this version in the post's history, e.g. “Removed a customer's contract value”."
            errors={fields.reason.errors}
          >
            {(aria) => <input {...getInputProps(fields.reason, { type: "text" })} {...aria} />}
          </Field>
        ) : null}
        {needsReason ? (
          <div className="field">
            <label htmlFor={fields.redact.id} className="checkbox">
              <input
                {...getInputProps(fields.redact, { type: "checkbox" })}
                aria-describedby={`${fields.redact.id}-hint`}
              />
              Redact the earlier versions
            </label>
            <span id={`${fields.redact.id}-hint`} className="field-hint">
              For personal data such as a phone number: members, the author included, then read “An
              earlier version was redacted by a moderator” in the history instead of the text.
            </span>
          </div>
        ) : null}
        <div className="row">
          <Button variant="primary" pending={saving} pendingLabel="Saving…">
            Save changes
          </Button>
          <Link to={`/p/${post.id}`}>Cancel</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit post · Vanguard" }];
