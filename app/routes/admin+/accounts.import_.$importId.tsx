import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import {
  applyAccountImport,
  discardAccountImport,
  getAccountImport,
} from "~/models/account-import.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { formatCount, formatMoney } from "~/utils/format";
import { importStateLabels, importStateTones } from "~/utils/labels";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";
import { AccountImportDecisionSchema } from "~/validation/admin";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:account:any");
  const id = uuidParam(params.importId);
  const found = id ? await getAccountImport(user, id) : null;
  invariantResponse(found, "No such import.", { status: 404 });
  return { accountImport: found };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "manage:account:any");
  const id = uuidParam(params.importId);
  invariantResponse(id, "No such import.", { status: 404 });
  const submission = await parseSubmission(request, AccountImportDecisionSchema);
  if (submission.status !== "success") return invalid(submission);
  return answerWork(submission, async () => {
    if (submission.value.intent === "apply") await applyAccountImport(actor, id);
    else await discardAccountImport(actor, id);
    throw redirect(`/admin/accounts/import/${id}`);
  });
}

export default function AccountImportPreviewPage() {
  const { accountImport: found } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const problem = problemsOf(outcome);
  const isPending = useIsPending();
  const waiting = found.state === "previewed" && found.errorCount === 0;
  const shownProblems = found.errors.length;
  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/accounts/import">← Import accounts</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{found.fileName}</h1>
          <p>
            <Badge tone={found.errorCount > 0 ? "danger" : importStateTones[found.state]}>
              {found.errorCount > 0 ? "Has problems" : importStateLabels[found.state]}
            </Badge>{" "}
            Uploaded by {found.importedBy ?? "a former admin"}{" "}
            <RelativeTime date={found.createdAt} />
            {found.asOf ? <> · values as of {found.asOf}</> : null}
            {found.appliedAt ? (
              <>
                {" "}
                · applied <RelativeTime date={found.appliedAt} />
              </>
            ) : null}
          </p>
        </div>
      </div>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <ul className="demand-figures" aria-label="What this import does">
        <li>
          <span className="figure">{formatCount(found.rowCount)}</span>
          <span className="figure-label">Rows</span>
        </li>
        {found.errorCount === 0 ? (
          <>
            <li>
              <span className="figure">{formatCount(found.created)}</span>
              <span className="figure-label">
                {found.state === "applied" ? "Created" : "Would create"}
              </span>
            </li>
            <li>
              <span className="figure">{formatCount(found.updated)}</span>
              <span className="figure-label">
                {found.state === "applied" ? "Updated" : "Would update"}
              </span>
            </li>
            <li>
              <span className="figure">{formatCount(found.unchanged)}</span>
              <span className="figure-label">Unchanged</span>
            </li>
          </>
        ) : null}
        <li>
          <span className="figure">{formatCount(found.errorCount)}</span>
          <span className="figure-label">Problems</span>
        </li>
      </ul>
      {found.errorCount > 0 ? (
        <section aria-labelledby="problems-heading" className="stack">
          <h2 id="problems-heading">Problems to fix</h2>
          <p>
            Nothing from this file was applied. Fix these lines in the file and upload it again.
            {found.errorCount > shownProblems
              ? ` The first ${formatCount(shownProblems)} of ${formatCount(found.errorCount)} are shown.`
              : null}
          </p>
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Problems by line</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">What is wrong</th>
                </tr>
              </thead>
              <tbody>
                {found.errors.map((error, index) => (
                  <tr key={`${error.line}-${index}`}>
                    <td className="num">{error.line}</td>
                    <td>{error.column ? <code>{error.column}</code> : "(the whole line)"}</td>
                    <td>{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <Link className="btn" to="/admin/accounts/import">
              Upload a corrected file
            </Link>
          </p>
        </section>
      ) : null}
      {waiting ? (
        <section aria-labelledby="changes-heading" className="stack">
          <h2 id="changes-heading">What would change</h2>
          {found.changes.length === 0 ? (
            <p>Every account in this file already has these values: applying it changes nothing.</p>
          ) : (
            <div className="table-wrap">
              <table className="data">
                <caption className="visually-hidden">
                  The first accounts this import creates or updates
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Line
                    </th>
                    <th scope="col">Account</th>
                    <th scope="col">Change</th>
                    <th scope="col" className="num">
                      Revenue
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {found.changes.map((change) => (
                    <tr key={change.line}>
                      <td className="num">{change.line}</td>
                      <td>{change.name}</td>
                      <td>
                        {change.kind === "created"
                          ? "New account"
                          : `Updates ${change.changed.join(", ")}`}
                      </td>
                      <td className="num">
                        {change.previousRevenueCents !== null &&
                        change.previousRevenueCents !== change.revenueCents ? (
                          <>
                            {formatMoney(change.previousRevenueCents)} →{" "}
                            {formatMoney(change.revenueCents)}
                          </>
                        ) : (
                          formatMoney(change.revenueCents)
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {found.created + found.updated > found.changes.length ? (
            <p className="small muted">
              The first {formatCount(found.changes.length)} of{" "}
              {formatCount(found.created + found.updated)} changes are shown.
            </p>
          ) : null}
          <Form method="post" className="row">
            <Button type="submit" name="intent" value="apply" variant="primary" pending={isPending}>
              Apply the import
            </Button>
            <Button type="submit" name="intent" value="discard" pending={isPending}>
              Discard
            </Button>
          </Form>
        </section>
      ) : null}
      {found.state === "applied" ? (
        <Alert tone="success">
          Applied: {formatCount(found.created)} created, {formatCount(found.updated)} updated,{" "}
          {formatCount(found.unchanged)} unchanged.{" "}
          <Link to="/admin/accounts">See the accounts</Link>.
        </Alert>
      ) : null}
      {found.state === "discarded" ? (
        <Alert tone="info">Discarded: nothing from this file was applied.</Alert>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData?.accountImport.fileName ?? "Import"} · Import accounts · Vanguard` },
];
