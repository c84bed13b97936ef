import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { DiffText } from "~/components/diff-text";
import { RelativeTime } from "~/components/ui/relative-time";
import { diffRevisions, listRevisions } from "~/models/proposal-revision.server";
import { getThreadForViewer } from "~/models/thread.server";
import { proposalSectionLabels } from "~/utils/labels";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = uuidParam(params.threadId);
  const thread = id ? await getThreadForViewer(user, id) : null;
  invariantResponse(thread && thread.kind === "proposal", "No such proposal.", { status: 404 });
  const revisions = await listRevisions(thread.id);
  const latest = revisions[0]?.revision ?? 1;
  const search = new URL(request.url).searchParams;
  const pick = (name: string, fallback: number) => {
    const value = Number(search.get(name));
    return Number.isInteger(value) && value >= 1 && value <= latest ? value : fallback;
  };
  const to = pick("to", latest);
  const from = pick("from", Math.max(1, to - 1));
  const diff = from === to ? null : await diffRevisions(thread.id, from, to);
  return {
    thread: { id: thread.id, title: thread.title, space: thread.space },
    revisions,
    from,
    to,
    diff,
  };
}

export default function ProposalRevisionsPage() {
  const { thread, revisions, from, to, diff } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { to: "/proposals", label: "Proposals" },
          { to: `/t/${thread.id}`, label: thread.title },
          { label: "History" },
        ]}
      />
      <h1>History of the proposal</h1>
      <Form method="get" className="card row revision-picker" aria-label="Choose two revisions">
        <label htmlFor="from">Compare revision</label>
        <select id="from" name="from" defaultValue={from}>
          {revisions.map((revision) => (
            <option key={revision.revision} value={revision.revision}>
              {revision.revision}
            </option>
          ))}
        </select>
        <label htmlFor="to">with revision</label>
        <select id="to" name="to" defaultValue={to}>
          {revisions.map((revision) => (
            <option key={revision.revision} value={revision.revision}>
              {revision.revision}
            </option>
          ))}
        </select>
        <button type="submit" className="btn">
          Show changes
        </button>
      </Form>
      <section className="card" aria-labelledby="changes-heading">
        <h2 id="changes-heading">
          Changes from revision {from} to revision {to}
        </h2>
        <p className="muted small">
          <ins className="diff-added">Added text</ins> and{" "}
          <del className="diff-removed">removed text</del>, section by section.
        </p>
        {!diff ? (
          <p className="muted">Choose two different revisions to see what changed.</p>
        ) : (
          <>
            {diff.title ? (
              <div className="revision-section">
                <h3>Title</h3>
                <DiffText parts={diff.title} />
              </div>
            ) : null}
            {diff.sections.map((section) => (
              <div className="revision-section" key={section.section}>
                <h3>{proposalSectionLabels[section.section]}</h3>
                {section.changed ? (
                  <DiffText parts={section.parts} />
                ) : (
                  <p className="muted small">Unchanged.</p>
                )}
              </div>
            ))}
          </>
        )}
      </section>
      <section className="card" aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">
          {revisions.length === 1 ? "1 revision" : `${revisions.length} revisions`}
        </h2>
        <ol className="revision-list" reversed aria-label="Revisions, newest first">
          {revisions.map((revision) => (
            <li key={revision.revision}>
              <Link to={`?from=${Math.max(1, revision.revision - 1)}&to=${revision.revision}`}>
                Revision {revision.revision}
              </Link>{" "}
              by {revision.authorName ?? "a former member"},{" "}
              <RelativeTime date={revision.createdAt} />
              {revision.changed.length > 0 ? (
                <span className="muted small">
                  {" "}
                  · {revision.changed.map((key) => proposalSectionLabels[key]).join(", ")}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `History: ${loaderData?.thread.title ?? "Proposal"} · Vanguard` },
];
