import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { canPostIdea, decideLearningAction, type Viewer } from "~/auth/policy.server";
import { useState } from "react";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { ObserverNotice } from "~/components/observer-notice";
import { SimilarIdeas } from "~/components/similar-ideas";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { RichTextField } from "~/editor/rich-text-field";
import editorStyles from "~/editor/rich-text.css";
import { notifyAboutNewPost } from "~/models/notification.server";
import { readPostContent } from "~/models/post-content.server";
import { Refusal } from "~/models/refusal.server";
import { createThread } from "~/models/thread.server";
import { getDraft } from "~/models/draft.server";
import { DraftAutosave } from "~/components/draft-autosave";
import {
  listCitedAuthorIds,
  parseSourceReferences,
  resolveLearningSources,
} from "~/models/learning.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";
import { LEARNING_SOURCES_MAX, NewThreadSchema } from "~/validation/forums";
import { requireVisibleSpace } from "./__space-queries.server";
import { THREAD_KINDS } from "#db/schema/values";
import { threadKindLabels } from "~/utils/labels";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, space } = await requireVisibleSpace(request, params.slug);
  const kind = new URL(request.url).searchParams.get("kind");
  const draft = await getDraft(user, { kind: "thread", spaceId: space.id });
  return {
    space,
    // One per form shown: submitting it twice (a double click) makes one thread.
    creationKey: crypto.randomUUID(),
    ideasAllowed: canPostIdea(user, space),
    learningsAllowed: mayPublishLearning(user),
    startWith: kind === "idea" || kind === "learning" ? kind : null,
    // What the writer left unposted here, on this device or another.
    draft: draft
      ? {
          title: draft.title,
          kind: draft.threadKind,
          body: draft.body,
          updatedAt: draft.updatedAt.toISOString(),
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, space } = await requireVisibleSpace(request, params.slug);
  const submission = await parseSubmission(request, NewThreadSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  // A refusal shows on its field; the posting check's (silence, links, a double post, a watched
  // word, the rate) above the form.
  return answerWork(submission, async () => {
    if (input.kind === "idea" && !canPostIdea(user, space)) {
      throw new Refusal("This space doesn't take ideas.", 403, "kind");
    }
    if (input.kind === "learning" && !mayPublishLearning(user)) {
      throw new Refusal("Only staff publish learnings.", 403, "kind");
    }
    const sources = input.kind === "learning" ? await readSources(user, input.sources) : null;
    if (sources && !sources.ok) throw new Refusal(sources.message, 400, "sources");
    const body = readPostContent(input.bodyJson, input.body);
    if (!body.ok) throw new Refusal(body.message, 400, "body");
    const created = await createThread(user, space.id, {
      kind: input.kind,
      title: input.title,
      content: body.content,
      creationKey: input.creationKey,
      sources: sources?.sources,
    });
    if (created.repeated || created.held) throw redirect(`/t/${created.threadId}`);
    await notifyAboutNewPost({
      actor: user,
      threadId: created.threadId,
      postId: created.postId,
      mentionIds: body.content.mentionIds,
      direct: { kind: "cited", ids: sources ? await listCitedAuthorIds(created.threadId) : [] },
      isNewThread: true,
    });
    throw redirect(`/t/${created.threadId}`);
  });
}

function mayPublishLearning(user: Viewer) {
  return decideLearningAction(user, { locked: false }, "publish").ok;
}

/** A learning's pasted source addresses, checked: each must be a thread or post the author sees. */
async function readSources(user: Viewer, text: string | undefined) {
  const { references, invalid } = parseSourceReferences(text ?? "");
  if (invalid.length > 0) {
    return {
      ok: false as const,
      message: `Paste one thread or post address per line; this isn't one: “${invalid[0].slice(0, 80)}”.`,
    };
  }
  if (references.length > LEARNING_SOURCES_MAX) {
    return {
      ok: false as const,
      message: `Cite at most ${LEARNING_SOURCES_MAX} sources; this has ${references.length}.`,
    };
  }
  const { sources, unknown, notQuotable } = await resolveLearningSources(user, references);
  if (unknown.length > 0) {
    return {
      ok: false as const,
      message: `No thread or post you can see at “${unknown[0].slice(0, 80)}”.`,
    };
  }
  if (notQuotable.length > 0) {
    return {
      ok: false as const,
      message: `The author of “${notQuotable[0].slice(0, 80)}” asked not to be quoted in learnings: take it out of the sources.`,
    };
  }
  return { ok: true as const, sources };
}

const kindDescriptions = {
  discussion: "a question or a topic to talk through",
  insight: "how you work, a practice, a result others can learn from",
  idea: "something the product should do; others vote on it and staff answer",
  learning: "what the company heard and concluded; members confirm or correct it",
} as const;
const formKinds = THREAD_KINDS.filter((kind) => kind !== "proposal");

export default function NewThreadPage() {
  // Discarding the draft starts the form afresh: a new form, with nothing from the draft.
  const [discarded, setDiscarded] = useState(0);
  return (
    <NewThreadForm
      key={discarded}
      fresh={discarded > 0}
      onDiscarded={() => setDiscarded((count) => count + 1)}
    />
  );
}

function NewThreadForm({ fresh, onDiscarded }: { fresh: boolean; onDiscarded: () => void }) {
  const { space, ideasAllowed, learningsAllowed, startWith, creationKey, ...loaded } =
    useLoaderData<typeof loader>();
  const draft = fresh ? null : loaded.draft;
  const startKind = (draft?.kind !== "proposal" ? draft?.kind : null) ?? startWith ?? "discussion";
  // What the form holds, for the similar-idea suggestions (the inputs stay uncontrolled).
  const [typed, setTyped] = useState({ kind: startKind, title: draft?.title ?? "" });
  const lastResult = useActionAnswer()?.result;
  const isPending = useIsPending();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { kind: startKind, title: draft?.title ?? "" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewThreadSchema }),
  });
  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { to: "/spaces", label: "Spaces" },
          { to: `/spaces/${space.slug}`, label: space.name },
          { label: "New thread" },
        ]}
      />
      <h1>New thread in {space.name}</h1>
      <ObserverNotice observers={space.observers} />
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <Form
        method="post"
        className="form card"
        {...getFormProps(form)}
        onChange={(event) => {
          const data = new FormData(event.currentTarget);
          setTyped({
            kind: String(data.get("kind") ?? ""),
            title: String(data.get("title") ?? ""),
          });
        }}
      >
        <input type="hidden" name="creationKey" value={creationKey} />
        <fieldset className="field">
          <legend className="label">What are you sharing?</legend>
          {formKinds
            .filter(
              (kind) =>
                (kind !== "idea" || ideasAllowed) && (kind !== "learning" || learningsAllowed),
            )
            .map((kind) => (
              <label className="choice" key={kind}>
                <input
                  type="radio"
                  name={fields.kind.name}
                  value={kind}
                  defaultChecked={fields.kind.initialValue === kind}
                />
                <span>
                  <strong>{threadKindLabels[kind]}</strong>{" "}
                  <span className="muted">— {kindDescriptions[kind]}</span>
                </span>
              </label>
            ))}
          {fields.kind.errors ? (
            <span className="field-error" id={`${fields.kind.id}-error`}>
              {fields.kind.errors.join(" ")}
            </span>
          ) : null}
        </fieldset>
        <Field id={fields.title.id} label="Title" errors={fields.title.errors}>
          {(aria) => <input {...getInputProps(fields.title, { type: "text" })} {...aria} />}
        </Field>
        {typed.kind === "idea" ? <SimilarIdeas title={typed.title} /> : null}
        {learningsAllowed ? (
          <Field
            id={fields.sources.id}
            label="Sources (for a learning)"
            hint={`Addresses of the threads and posts this learning draws on, one per line (up to ${LEARNING_SOURCES_MAX}). Their authors are told they were cited.`}
            errors={fields.sources.errors}
          >
            {(aria) => (
              <textarea
                {...getTextareaProps(fields.sources)}
                {...aria}
                rows={4}
                placeholder={"https://…/t/…\nhttps://…/p/…"}
              />
            )}
          </Field>
        ) : null}
        <RichTextField
          name="body"
          id="body"
          label="Post"
          hint="Type @ to mention someone who can see this space."
          errors={fields.body.errors}
          initialText={fields.body.initialValue as string | undefined}
          initialDoc={fields.body.initialValue ? undefined : draft?.body}
          mentionsUrl={`/resources/mentions?space=${space.id}`}
        />
        <div className="row">
          <Button variant="primary" pending={isPending} pendingLabel="Posting…">
            Post thread
          </Button>
          <Link to={`/spaces/${space.slug}`}>Cancel</Link>
          <DraftAutosave
            place={`thread:${space.id}`}
            savedAt={draft?.updatedAt ?? null}
            onDiscarded={onDiscarded}
          />
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `New thread · ${loaderData?.space.name ?? "Space"} · Vanguard` },
];
