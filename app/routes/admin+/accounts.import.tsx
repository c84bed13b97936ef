import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import {
  IMPORT_HISTORY_PAGE_SIZE,
  listAccountImports,
  previewAccountImport,
} from "~/models/account-import.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { formatCount } from "~/utils/format";
import { importStateLabels, importStateTones } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { AccountImportUploadSchema } from "~/validation/admin";
import { PageSchema } from "~/validation/common";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:account:any");
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const history = await listAccountImports(user, page);
  return { ...history, page, pageSize: IMPORT_HISTORY_PAGE_SIZE };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "manage:account:any");
  const submission = await parseSubmission(request, AccountImportUploadSchema);
  if (submission.status !== "success") return invalid(submission, ["file"]);
  const { file } = submission.value;
  return answerWork(
    submission,
    async () => {
      const id = await previewAccountImport(actor, { name: file.name, content: await file.text() });
      throw redirect(`/admin/accounts/import/${id}`);
    },
    { field: "file", hideFields: ["file"] },
  );
}

const COLUMNS: [string, string][] = [
  ["external_id", "Required. The account's id in your CRM; rows are matched by it."],
  ["name", "Required."],
  ["revenue", "Required. Revenue over the last 12 months, in dollars (1250000 or $1,250,000)."],
  ["gross_profit", "Required. In dollars."],
  ["lifetime_value", "Required. In dollars."],
  ["as_of", "Required. The date the values are true of (YYYY-MM-DD): the snapshot they belong to."],
  ["segment, region", "Optional."],
  ["customer_since, renewal_date", "Optional. YYYY-MM-DD."],
  ["account_owner", "Optional. A staff member's email."],
  ["acquisition_source, first_product", "Optional."],
  ["products", "Optional. Separated by semicolons: Analytics;Forecasting."],
  ["contact_emails", "Optional. Separated by semicolons; invitations go to them."],
];

export default function AccountImportPage() {
  const { entries, total, page, pageSize } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const problem = problemsOf(outcome);
  const isPending = useIsPending();
  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/accounts">← All accounts</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Import accounts</h1>
          <p>
            Upload a CSV file of accounts and their values. You see what it would change before
            anything changes; each import keeps the values as of its date, so their history stays.
          </p>
        </div>
      </div>
      <Form
        method="post"
        encType="multipart/form-data"
        className="form card"
        aria-label="Upload a file of accounts"
      >
        <Field
          id="import-file"
          label="CSV file"
          hint="UTF-8, the first line naming the columns below; at most 32 MB and 200,000 accounts."
          errors={problem ? [problem] : undefined}
        >
          {(aria) => <input {...aria} type="file" name="file" accept=".csv" required />}
        </Field>
        <div>
          <Button type="submit" variant="primary" pending={isPending}>
            Preview the import
          </Button>
        </div>
      </Form>
      <details className="card fold">
        <summary>The columns a file may carry</summary>
        <dl className="import-columns">
          {COLUMNS.map(([name, meaning]) => (
            <div key={name}>
              <dt>
                <code>{name}</code>
              </dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
        <p className="small muted">
          Headers may use spaces or capitals (“Revenue (12 months)”). A column left out leaves that
          field of existing accounts as it is.
        </p>
      </details>
      <section aria-labelledby="history-heading" className="stack">
        <h2 id="history-heading">Import history</h2>
        {total === 0 ? (
          <Alert tone="info">No file has been imported yet.</Alert>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">Every import, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">State</th>
                  <th scope="col">By</th>
                  <th scope="col">When</th>
                  <th scope="col">As of</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col" className="num">
                    Created
                  </th>
                  <th scope="col" className="num">
                    Updated
                  </th>
                  <th scope="col" className="num">
                    Unchanged
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <Link to={`/admin/accounts/import/${entry.id}`}>{entry.fileName}</Link>
                    </td>
                    <td>
                      <Badge tone={importStateTones[entry.state]}>
                        {entry.errorCount > 0 ? "Has problems" : importStateLabels[entry.state]}
                      </Badge>
                    </td>
                    <td>{entry.importedBy ?? "A former admin"}</td>
                    <td>
                      <RelativeTime date={entry.appliedAt ?? entry.createdAt} />
                    </td>
                    <td>{entry.asOf ?? "—"}</td>
                    <td className="num">{formatCount(entry.rowCount)}</td>
                    <td className="num">{formatCount(entry.created)}</td>
                    <td className="num">{formatCount(entry.updated)}</td>
                    <td className="num">{formatCount(entry.unchanged)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pageSize={pageSize} total={total} label="Pages of imports" />
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Import accounts · Admin · Vanguard" }];
