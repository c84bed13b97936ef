import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { TagChip } from "~/components/tag-chip";
import { Alert } from "~/components/ui/alert";
import { createTag, deleteTag, listTagsWithUses, mergeTags, updateTag } from "~/models/tag.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { TagActionSchema } from "~/validation/tags";
import { DeleteTagForm, MergeTagForm, TagForm, type TagRow } from "./__tag-forms";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "manage:tag:any");
  return { tags: await listTagsWithUses() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "manage:tag:any");
  const submission = await parseSubmission(request, TagActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "create": {
        const { intent: _intent, ...fields } = input;
        await createTag(actor, fields);
        return `Created “${input.name}”.`;
      }
      case "update": {
        const { intent: _intent, tagId, ...fields } = input;
        await updateTag(actor, tagId, fields);
        return { done: `Saved “${input.name}”.`, resetForm: false };
      }
      case "merge": {
        const merged = await mergeTags(actor, input.tagId, input.intoId);
        return `Merged “${merged.from.name}” into “${merged.into.name}”: ${merged.threadsGained} ${merged.threadsGained === 1 ? "thread" : "threads"} gained “${merged.into.name}”.`;
      }
      case "delete":
        await deleteTag(actor, input.tagId);
        return "Tag deleted.";
    }
  });
}

export default function TagsPage() {
  const { tags } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  // One form per tag and intent: a row's forms take the answer about that row's tag.
  const resultFor = (intent: string, tagId?: string) =>
    outcome?.intent === intent &&
    (tagId === undefined || outcome.result.initialValue?.tagId === tagId)
      ? outcome.result
      : undefined;
  const groups = [...new Set(tags.flatMap((tag) => (tag.groupName ? [tag.groupName] : [])))];
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Tags</h1>
          <p>
            The vocabulary staff use to sort ideas, insights, discussions and learnings. Public tags
            show on threads and filter the ideas board for everyone; internal tags are seen by staff
            only, on every page. Tag a thread from its page: press <kbd>t</kbd> there.
          </p>
        </div>
      </div>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      <section className="card" aria-labelledby="new-tag-heading">
        <h2 id="new-tag-heading">New tag</h2>
        <TagForm groups={groups} lastResult={resultFor("create")} />
      </section>
      <section className="section-gap" aria-labelledby="all-tags-heading">
        <h2 id="all-tags-heading">All tags ({tags.length})</h2>
        {tags.length === 0 ? (
          <div className="card empty">
            <p>No tags yet. Create the first above, such as a product area or a theme.</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Tags, their groups and uses</caption>
              <thead>
                <tr>
                  <th scope="col">Tag</th>
                  <th scope="col">Group</th>
                  <th scope="col">Who sees it</th>
                  <th scope="col" className="num">
                    Threads
                  </th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {tags.map((tag) => (
                  <TagTableRow
                    key={tag.id}
                    tag={tag}
                    others={tags.filter((other) => other.id !== tag.id)}
                    groups={groups}
                    resultFor={resultFor}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function TagTableRow({
  tag,
  others,
  groups,
  resultFor,
}: {
  tag: TagRow;
  others: TagRow[];
  groups: string[];
  resultFor: (intent: string, tagId?: string) => SubmissionResult<string[]> | undefined;
}) {
  const editResult = resultFor("update", tag.id);
  const mergeResult = resultFor("merge", tag.id);
  const deleteResult = resultFor("delete", tag.id);
  return (
    <tr>
      <th scope="row">
        <TagChip tag={tag} />
      </th>
      <td>{tag.groupName ?? <span className="muted">—</span>}</td>
      <td>{tag.visibility === "internal" ? "Staff only" : "Everyone"}</td>
      <td className="num">
        {tag.uses > 0 ? (
          <Link
            to={`/ideas?tag=${tag.id}`}
            aria-label={`${tag.uses} threads tagged ${tag.name}; ideas with it`}
          >
            {tag.uses}
          </Link>
        ) : (
          0
        )}
      </td>
      <td>
        <details className="row-action" open={Boolean(editResult?.error)}>
          <summary>Edit</summary>
          <TagForm tag={tag} groups={groups} lastResult={editResult} />
        </details>
        {others.length > 0 ? (
          <details className="row-action" open={Boolean(mergeResult?.error)}>
            <summary>Merge…</summary>
            <MergeTagForm tag={tag} others={others} lastResult={mergeResult} />
          </details>
        ) : null}
        <details className="row-action" open={Boolean(deleteResult?.error)}>
          <summary>Delete…</summary>
          <DeleteTagForm tag={tag} lastResult={deleteResult} />
        </details>
      </td>
    </tr>
  );
}

export const meta: MetaFunction = () => [{ title: "Tags · Staff · Vanguard" }];
