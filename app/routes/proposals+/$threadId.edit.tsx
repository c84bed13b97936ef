import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { ProposalSection, ProposalSections } from "#db/schema";
import { PROPOSAL_SECTIONS } from "#db/schema/values";
import { requireUser } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import editorStyles from "~/editor/rich-text.css";
import type { RichTextDoc } from "~/editor/types";
import { notifyPeople } from "~/models/notification.server";
import { renderSectionsHtml } from "~/models/proposal-document.server";
import { getProposalForEditing, saveProposal } from "~/models/proposal.server";
import { listPresentEditors, touchPresence } from "~/models/proposal-presence.server";
import { getThreadForViewer } from "~/models/thread.server";
import { useViewer } from "~/root";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { proposalSectionLabels } from "~/utils/labels";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";
import { useLiveEditing } from "./__live-editing";
import { ProposalSectionFields, sectionFieldState } from "./__proposal-fields";
import { SaveProposalForm } from "./__proposal-form.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

async function requireEditableProposal(request: Request, threadId: string | undefined) {
  const user = await requireUser(request);
  const id = uuidParam(threadId);
  const thread = id ? await getThreadForViewer(user, id) : null;
  invariantResponse(thread && thread.kind === "proposal", "No such proposal.", { status: 404 });
  // Someone who may not edit it is refused by the model: an error page with its words and status.
  const proposal = await getProposalForEditing(user, thread.id);
  return { user, thread, proposal };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { thread, proposal } = await requireEditableProposal(request, params.threadId);
  return {
    thread: { id: thread.id, space: thread.space },
    title: proposal.title,
    revision: proposal.revision,
    sections: proposal.sections,
    editors: await listPresentEditors(thread.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, thread } = await requireEditableProposal(request, params.threadId);
  // The document is read with the form: a section's problem comes back on that section.
  const submission = await parseSubmission(request, SaveProposalForm);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork<{ conflict: Conflict }>(submission, async () => {
    const saved = await saveProposal(user, thread.id, {
      baseRevision: input.baseRevision,
      title: input.title,
      sections: input.sections,
    });
    // Nothing saved: both versions go back to the editor, to be settled and saved again.
    if (saved.status === "conflict")
      return { details: { conflict: conflictOf(saved) }, status: 409 };
    if (saved.status === "saved") {
      await notifyPeople({
        actor: user,
        threadId: thread.id,
        postId: saved.postId,
        kind: "mention",
        userIds: saved.newMentionIds,
      });
    }
    await touchPresence(user, thread.id, false);
    throw redirect(`/t/${thread.id}`);
  });
}

type SaveConflict = Extract<Awaited<ReturnType<typeof saveProposal>>, { status: "conflict" }>;

/** What the editor shows of a conflict: both versions of each part changed on both sides. */
function conflictOf(saved: SaveConflict) {
  const conflicting = saved.conflicts.filter((part) => part !== "title") as ProposalSection[];
  const mineHtml = renderSectionsHtml(
    Object.fromEntries(conflicting.map((key) => [key, saved.merged.sections[key]])),
  );
  return {
    revision: saved.revision,
    savedBy: saved.savedBy,
    parts: saved.conflicts,
    merged: saved.merged,
    theirsTitle: saved.theirs.title,
    theirs: Object.fromEntries(
      conflicting.map((key) => [
        key,
        {
          body: saved.theirs.sections[key]?.body ?? null,
          html: saved.theirs.html[key] ?? "",
        },
      ]),
    ) as Partial<Record<ProposalSection, { body: Record<string, unknown> | null; html: string }>>,
    mineHtml,
  };
}

type Conflict = ReturnType<typeof conflictOf>;

export default function EditProposalPage() {
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionAnswer<{ conflict: Conflict }>();
  const conflict = answer?.details?.conflict ?? null;
  // A conflict restarts the editors from the merge, not from what was sent.
  const lastResult = conflict ? undefined : answer?.result;
  const viewer = useViewer();
  const [form, fields] = useForm<{ title: string } & Record<ProposalSection, string>>({
    id: "edit-proposal",
    lastResult,
    defaultValue: { title: loaded.title },
  });
  // The document the editors start from: the loaded one, or after a conflict the merged one,
  // with each section's editor remounted when its starting text changes.
  // Computed at once as well as on change, so the page rendered without JavaScript starts from
  // the merge too.
  const startFrom = (merge: Conflict | null) =>
    merge
      ? {
          revision: merge.revision,
          title: merge.merged.title,
          sections: merge.merged.sections as ProposalSections,
          keys: Object.fromEntries(
            PROPOSAL_SECTIONS.map((key) => [key, `${key}-${merge.revision}`]),
          ) as Partial<Record<ProposalSection, string>>,
        }
      : {
          revision: loaded.revision,
          title: loaded.title,
          sections: loaded.sections as ProposalSections,
          keys: {} as Partial<Record<ProposalSection, string>>,
        };
  const [start, setStart] = useState(() => startFrom(conflict));
  useEffect(() => {
    if (conflict) setStart(startFrom(conflict));
    // Only a new conflict restarts the editors.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conflict]);
  const resolve = (section: ProposalSection, doc: RichTextDoc | null) =>
    setStart((current) => {
      const sections = { ...current.sections };
      if (doc) sections[section] = { body: doc, text: "" };
      else delete sections[section];
      return {
        ...current,
        sections,
        keys: { ...current.keys, [section]: `${section}-${Date.now()}` },
      };
    });
  const saving = useIsPending({ intent: "save" });
  const { editors, newer } = useLiveEditing(loaded.thread.id, viewer?.id ?? "", start.revision);

  return (
    <div className="page narrow">
      <Breadcrumbs
        items={[
          { to: "/proposals", label: "Proposals" },
          { to: `/t/${loaded.thread.id}`, label: start.title },
          { label: "Edit" },
        ]}
      />
      <div className="page-header">
        <div>
          <h1>Edit the proposal</h1>
          <p className="muted">
            Editing revision {start.revision}. If a co-author saves meanwhile, what you changed in
            other sections merges by itself; where you both changed a section, you choose.
          </p>
        </div>
      </div>
      <Presence editors={editors} />
      {newer && !conflict ? (
        <Alert>
          {newer.authorName} saved revision {newer.revision} while you were editing. Save when
          you're ready: sections only one of you changed merge by themselves.
        </Alert>
      ) : null}
      {conflict ? <ConflictSummary conflict={conflict} /> : null}
      {form.errors ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <Form method="post" className="form card" {...getFormProps(form)}>
        <input type="hidden" name="baseRevision" value={start.revision} />
        <Field
          id={fields.title.id}
          label="Title"
          errors={fields.title.errors}
          hint={
            conflict?.parts.includes("title")
              ? `Also changed by ${conflict.savedBy.join(", ")} to “${conflict.theirsTitle}”. Choose the title to keep.`
              : undefined
          }
        >
          {(aria) => (
            <input
              {...getInputProps(fields.title, { type: "text" })}
              key={`title-${start.revision}`}
              defaultValue={start.title}
              {...aria}
            />
          )}
        </Field>
        <ProposalSectionFields
          initialDocs={Object.fromEntries(
            PROPOSAL_SECTIONS.map((key) => [key, start.sections[key]?.body]),
          )}
          keys={start.keys}
          {...sectionFieldState(fields, lastResult)}
          mentionsUrl={`/resources/mentions?space=${loaded.thread.space.id}`}
          before={(section) =>
            conflict?.theirs[section] ? (
              <SectionConflict
                section={section}
                conflict={conflict}
                onResolve={(doc) => resolve(section, doc)}
              />
            ) : null
          }
        />
        <div className="row">
          <Button
            variant="primary"
            name="intent"
            value="save"
            pending={saving}
            pendingLabel="Saving…"
          >
            Save revision
          </Button>
          <Link to={`/t/${loaded.thread.id}`}>Cancel</Link>
        </div>
      </Form>
    </div>
  );
}

function ConflictSummary({ conflict }: { conflict: Conflict }) {
  const names = conflict.savedBy.join(", ") || "A co-author";
  const parts = conflict.parts.map((part) =>
    part === "title" ? "the title" : proposalSectionLabels[part],
  );
  return (
    <Alert tone="error">
      <strong>
        Not saved yet: {names} saved revision {conflict.revision} while you were editing.
      </strong>{" "}
      Everything else merged. You both changed {parts.join(", ")}: compare the two versions below,
      choose or combine, then save again.
    </Alert>
  );
}

/** Both versions of a section side by side, with the ways to settle it. */
function SectionConflict({
  section,
  conflict,
  onResolve,
}: {
  section: ProposalSection;
  conflict: Conflict;
  onResolve: (doc: RichTextDoc | null) => void;
}) {
  const theirs = conflict.theirs[section];
  const mine = conflict.merged.sections[section as keyof typeof conflict.merged.sections] as
    { body: RichTextDoc } | undefined;
  if (!theirs) return null;
  const theirsDoc = theirs.body as RichTextDoc | null;
  const label = proposalSectionLabels[section];
  const both: RichTextDoc = {
    type: "doc",
    content: [...(theirsDoc?.content ?? []), ...(mine?.body.content ?? [])],
  };
  return (
    <section className="section-conflict" aria-label={`Conflict in ${label}`}>
      <h2>{label}: you both changed this section</h2>
      <div className="conflict-sides">
        {/* "Theirs" is proposals.sections_html as saved; "yours" was rendered by this route's
            action from the submitted JSON. Both went through renderSectionsHtml →
            renderRichTextHtml (app/editor/content.server.ts): validated, then sanitized with the
            allowlist. No other HTML goes here. */}
        <div>
          <h3>Saved by {conflict.savedBy.join(", ") || "a co-author"}</h3>
          <div className="rich-text" dangerouslySetInnerHTML={{ __html: theirs.html }} />
        </div>
        <div>
          <h3>Yours</h3>
          <div
            className="rich-text"
            dangerouslySetInnerHTML={{ __html: conflict.mineHtml[section] ?? "" }}
          />
        </div>
      </div>
      <div className="row">
        <button type="button" className="btn" onClick={() => onResolve(both)}>
          Keep both
        </button>
        <button type="button" className="btn" onClick={() => onResolve(theirsDoc)}>
          Keep theirs
        </button>
        <button type="button" className="btn" onClick={() => onResolve(mine?.body ?? null)}>
          Keep mine
        </button>
      </div>
      <p className="muted small">
        The field below starts with yours; edit it freely before saving.
      </p>
    </section>
  );
}

function Presence({ editors }: { editors: { id: string; name: string }[] }) {
  return (
    <p className="presence" role="status" aria-live="polite">
      {editors.length > 0
        ? `Also editing now: ${editors.map((editor) => editor.name).join(", ")}.`
        : "Nobody else is editing right now."}
    </p>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `Edit: ${loaderData?.title ?? "Proposal"} · Vanguard` },
];
