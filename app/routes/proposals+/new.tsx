import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { requireUser } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import editorStyles from "~/editor/rich-text.css";

import { documentAsPost } from "~/models/proposal-document.server";
import { getIdeaToPropose } from "~/models/proposal-list.server";
import { getSpaceByIdForViewer, listSpacesForViewer } from "~/models/space.server";
import { Refusal } from "~/models/refusal.server";
import { createThread } from "~/models/thread.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";
import type { NewProposalForm as NewProposalFields } from "~/validation/proposals";
import { ProposalSectionFields, sectionFieldState } from "./__proposal-fields";
import { NewProposalForm } from "./__proposal-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const search = new URL(request.url).searchParams;
  const ideaId = uuidParam(search.get("idea") ?? undefined);
  const idea = ideaId ? await getIdeaToPropose(user, ideaId) : null;
  invariantResponse(!ideaId || idea, "No such idea, or it's in a space you can't see.", {
    status: 404,
  });
  const spaces = await listSpacesForViewer(user);
  const spaceSlug = search.get("space");
  return {
    spaces: spaces.map((space) => ({ id: space.id, slug: space.slug, name: space.name })),
    spaceId: idea?.spaceId ?? spaces.find((space) => space.slug === spaceSlug)?.id ?? null,
    idea: idea ? { id: idea.id, title: idea.title, body: idea.body } : null,
    // One per form shown: submitting it twice (a double click) makes one proposal.
    creationKey: crypto.randomUUID(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The document is read with the form: a section's problem comes back on that section.
  const submission = await parseSubmission(request, NewProposalForm);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  // The posting check's refusal (silence, links, a watched word, the rate) shows above the form.
  return answerWork(submission, async () => {
    const space = await getSpaceByIdForViewer(user, input.spaceId);
    if (!space) throw new Refusal("Choose a space you can see.", 403, "spaceId");
    const idea = input.sourceIdeaId ? await getIdeaToPropose(user, input.sourceIdeaId) : null;
    // A draft: nobody is notified until its co-authors open it for feedback.
    const created = await createThread(user, space.id, {
      kind: "proposal",
      title: input.title,
      content: documentAsPost(input.sections),
      creationKey: input.creationKey,
      proposal: { sections: input.sections, sourceIdeaId: idea?.id ?? null },
    });
    throw redirect(`/t/${created.threadId}`);
  });
}

export default function NewProposalPage() {
  const { spaces, spaceId, idea, creationKey } = useLoaderData<typeof loader>();
  const lastResult = useActionAnswer()?.result;
  const [form, fields] = useForm<NewProposalFields>({
    id: "new-proposal",
    lastResult,
    defaultValue: { title: idea?.title ?? "", spaceId: spaceId ?? "" },
  });
  const [chosenSpace, setChosenSpace] = useState(spaceId ?? "");
  const saving = useIsPending();
  return (
    <div className="page narrow">
      <Breadcrumbs items={[{ to: "/proposals", label: "Proposals" }, { label: "New proposal" }]} />
      <div className="page-header">
        <div>
          <h1>Write a proposal</h1>
          <p className="muted">
            A proposal starts as a draft that only you, the co-authors you invite and staff can see.
            Open it for feedback when it's ready.
          </p>
        </div>
      </div>
      {idea ? (
        <Alert>
          Starting from the idea <Link to={`/t/${idea.id}`}>{idea.title}</Link>; the two will link
          to each other.
        </Alert>
      ) : null}
      {form.errors ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <Form method="post" className="form card" {...getFormProps(form)}>
        <input type="hidden" name="creationKey" value={creationKey} />
        {idea ? <input type="hidden" name="sourceIdeaId" value={idea.id} /> : null}
        <Field id={fields.spaceId.id} label="Space" errors={fields.spaceId.errors}>
          {(aria) => (
            <select
              name={fields.spaceId.name}
              defaultValue={(fields.spaceId.initialValue as string | undefined) ?? ""}
              onChange={(event) => setChosenSpace(event.currentTarget.value)}
              {...aria}
            >
              <option value="" disabled>
                Choose a space
              </option>
              {spaces.map((space) => (
                <option key={space.id} value={space.id}>
                  {space.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fields.title.id} label="Title" errors={fields.title.errors}>
          {(aria) => <input {...getInputProps(fields.title, { type: "text" })} {...aria} />}
        </Field>
        <ProposalSectionFields
          initialDocs={idea ? { problem: idea.body } : {}}
          {...sectionFieldState(fields, lastResult)}
          mentionsUrl={`/resources/mentions?space=${chosenSpace}`}
        />
        <div className="row">
          <Button variant="primary" pending={saving} pendingLabel="Saving…">
            Save draft
          </Button>
          <Link to="/proposals">Cancel</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New proposal · Vanguard" }];
