import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { STAFF_EXPORT_KINDS } from "#db/schema/values";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import { mayExport } from "~/models/staff-export-sources.server";
import {
  listOwnStaffExports,
  requestStaffExport,
  STAFF_EXPORT_KEPT_DAYS,
} from "~/models/staff-export.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { formatCount } from "~/utils/format";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";
import { StaffExportRequestSchema } from "~/validation/exports";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  return {
    exports: await listOwnStaffExports(user),
    kinds: STAFF_EXPORT_KINDS.filter((kind) => mayExport(user, kind)),
    keptDays: STAFF_EXPORT_KEPT_DAYS,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const submission = await parseSubmission(request, StaffExportRequestSchema);
  if (submission.status !== "success") return invalid(submission);
  return answerWork(submission, async () => {
    await requestStaffExport(user, submission.value);
    return "Export asked for: it is being built below, and you can download it when it is ready.";
  });
}

const kindLabels = {
  ideas: {
    title: "Ideas with votes",
    hint: "Every idea you can see: status, votes by importance, the revenue behind them, tags.",
  },
  backlog: {
    title: "Backlog with demand",
    hint: "Every backlog item: status, owner, the members, accounts and value behind it.",
  },
  members: {
    title: "Members with activity",
    hint: "Everyone in the community: account, tier, trust level, posts, ideas and votes.",
  },
  accounts: {
    title: "Accounts with tiers and influence",
    hint: "Every account: value data, tier and rank, people, influence and its reach.",
  },
} as const;

const stateLabels = {
  queued: { label: "Waiting", tone: "neutral" },
  building: { label: "Building", tone: "accent" },
  ready: { label: "Ready", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
} as const;

export default function ExportsPage() {
  const { exports, keptDays } = useLoaderData<typeof loader>();
  const busy = exports.some((row) => row.state === "queued" || row.state === "building");
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!busy) return;
    // The progress moves on the server: read it again every two seconds until it is done.
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [busy, revalidator]);
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Exports</h1>
          <p>
            Take a list into a spreadsheet or another tool, as CSV or JSON. Each export holds what
            you may see, is built in the background (large lists show their progress), and can be
            downloaded by you alone for {keptDays} days. Cells that a spreadsheet would run as a
            formula are written as text.
          </p>
        </div>
      </div>
      <NewExportForm />
      <section className="card" aria-labelledby="exports-heading">
        <h2 id="exports-heading">Your exports</h2>
        {exports.length === 0 ? (
          <p className="muted">None yet: choose a list above.</p>
        ) : (
          <TableScroll label="Your exports list">
            <table className="data">
              <caption className="visually-hidden">Your exports, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">List</th>
                  <th scope="col">Asked for</th>
                  <th scope="col">Progress</th>
                  <th scope="col">
                    <span className="visually-hidden">Download</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {exports.map((row) => (
                  <tr key={row.id}>
                    <td>
                      {kindLabels[row.kind].title}{" "}
                      <span className="muted">({row.format.toUpperCase()})</span>
                    </td>
                    <td>
                      <RelativeTime date={row.requestedAt} />
                    </td>
                    <td>
                      <Badge tone={stateLabels[row.state].tone}>
                        {stateLabels[row.state].label}
                      </Badge>{" "}
                      {row.state === "building" && row.rowsTotal ? (
                        <progress
                          value={row.rowsDone}
                          max={row.rowsTotal}
                          aria-label={`${kindLabels[row.kind].title}: ${row.rowsDone} of ${row.rowsTotal} rows`}
                        />
                      ) : null}{" "}
                      <span className="muted small">
                        {row.state === "ready"
                          ? `${formatCount(row.rowsDone)} ${row.rowsDone === 1 ? "row" : "rows"}`
                          : row.rowsTotal
                            ? `${formatCount(row.rowsDone)} of ${formatCount(row.rowsTotal)} rows`
                            : ""}
                      </span>
                    </td>
                    <td>
                      {row.state === "ready" ? (
                        <a href={`/staff/exports/${row.id}/download`} download>
                          Download
                          <span className="visually-hidden">
                            {" "}
                            {kindLabels[row.kind].title} ({row.format.toUpperCase()})
                          </span>
                        </a>
                      ) : row.state === "failed" ? (
                        <span className="small">Ask for it again.</span>
                      ) : null}
                      {row.expiresAt ? (
                        <div className="muted small">
                          Deleted <RelativeTime date={row.expiresAt} />
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {busy ? (
          <p className="small">
            <Link to=".">Refresh</Link> to see the progress (it moves by itself with JavaScript).
          </p>
        ) : null}
      </section>
    </div>
  );
}

function NewExportForm() {
  const { kinds } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const pending = useIsPending();
  const [form, fields] = useForm({
    id: "new-export",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    defaultValue: { kind: kinds[0], format: "csv" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StaffExportRequestSchema }),
  });
  return (
    <section className="card" aria-labelledby="new-export-heading">
      <h2 id="new-export-heading">Export a list</h2>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {problemsOf(outcome) ? <Alert tone="error">{problemsOf(outcome)}</Alert> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <fieldset className="field">
          <legend className="label">List</legend>
          {kinds.map((kind) => (
            <div key={kind} className="choice-with-hint">
              <label className="choice">
                <input
                  type="radio"
                  name={fields.kind.name}
                  value={kind}
                  defaultChecked={fields.kind.initialValue === kind}
                  aria-describedby={`kind-${kind}-hint`}
                />
                <strong>{kindLabels[kind].title}</strong>
              </label>
              <span className="field-hint" id={`kind-${kind}-hint`}>
                {kindLabels[kind].hint}
              </span>
            </div>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend className="label">Format</legend>
          <div className="row">
            {(["csv", "json"] as const).map((format) => (
              <label key={format} className="choice">
                <input
                  type="radio"
                  name={fields.format.name}
                  value={format}
                  defaultChecked={fields.format.initialValue === format}
                />
                {format === "csv" ? "CSV (spreadsheets)" : "JSON (scripts)"}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Asking…">
            Export
          </Button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Exports · Staff · Vanguard" }];
