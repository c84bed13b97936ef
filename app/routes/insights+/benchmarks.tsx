import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import {
  createMetric,
  importMetricValues,
  listMetricsForStaff,
  MIN_COHORT,
  setMetricRetired,
} from "~/models/benchmark.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { formatCount } from "~/utils/format";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";
import { BenchmarkActionSchema } from "~/validation/admin";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireUserWithPermission(request, "manage:benchmark:any");
  return { metrics: await listMetricsForStaff(staff), minCohort: MIN_COHORT };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireUserWithPermission(request, "manage:benchmark:any");
  const submission = await parseSubmission(request, BenchmarkActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "add": {
        const community = input.source === "imported" ? null : input.source;
        await createMetric(staff, {
          name: input.name,
          description: input.description,
          source: community ? "community" : "imported",
          community,
          unit: input.unit,
          higherIsBetter: input.lowerIsBetter !== "on",
        });
        return "Benchmark added: members see it on “How you compare”.";
      }
      case "retire":
        await setMetricRetired(staff, input.metricId, true);
        return "Retired: members no longer see it.";
      case "restore":
        await setMetricRetired(staff, input.metricId, false);
        return "Members see it again.";
      case "import": {
        const saved = await importMetricValues(staff, input.metricId, input.values);
        return `Saved values for ${formatCount(saved)} ${saved === 1 ? "account" : "accounts"}.`;
      }
    }
  });
}

const sourceLabels = {
  active_members_90d: "Counted here: members active in the last 90 days",
  posts_90d: "Counted here: posts in the last three months",
  ideas_shipped: "Counted here: their ideas that shipped",
} as const;

export default function BenchmarksPage() {
  const { metrics, minCohort } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const problem = problemsOf(outcome);
  const adding = useIsPending({ intent: "add" });
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Benchmarks</h1>
          <p>
            Figures members compare their account on, against the other accounts of their segment
            and every other account (“How you compare”). They see quartiles and the median only,
            each over at least {minCohort} other accounts, never one account's figure.
          </p>
        </div>
      </div>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {metrics.length === 0 ? (
        <p className="muted">No benchmarks yet: add the first one below.</p>
      ) : (
        metrics.map((metric) => (
          <section key={metric.id} className="card" aria-labelledby={`metric-${metric.id}`}>
            <h2 id={`metric-${metric.id}`} className="small-heading">
              {metric.name} {metric.retiredAt ? <Badge tone="warning">Retired</Badge> : null}
            </h2>
            <p className="muted small">
              {metric.community ? sourceLabels[metric.community] : "Imported"} ·{" "}
              {formatCount(metric.accounts)} {metric.accounts === 1 ? "account" : "accounts"} with a
              value · {metric.higherIsBetter ? "higher is better" : "lower is better"}
            </p>
            {metric.description ? <p className="small">{metric.description}</p> : null}
            {metric.source === "imported" && !metric.retiredAt ? (
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="import" />
                <input type="hidden" name="metricId" value={metric.id} />
                <div className="field">
                  <label htmlFor={`values-${metric.id}`}>Values, one account per line</label>
                  <span className="field-hint" id={`values-hint-${metric.id}`}>
                    The account's external id or exact name, a comma, and the value: “ACME-001, 42”.
                    A line for an account replaces its value.
                  </span>
                  <textarea
                    id={`values-${metric.id}`}
                    name="values"
                    rows={5}
                    required
                    aria-describedby={`values-hint-${metric.id}`}
                  />
                </div>
                <div>
                  <Button>Import values</Button>
                </div>
              </Form>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value={metric.retiredAt ? "restore" : "retire"} />
              <input type="hidden" name="metricId" value={metric.id} />
              <Button size="small">
                {metric.retiredAt ? "Show it again" : "Retire"}
                <span className="visually-hidden"> “{metric.name}”</span>
              </Button>
            </Form>
          </section>
        ))
      )}
      <section className="card" aria-labelledby="add-benchmark">
        <h2 id="add-benchmark">Add a benchmark</h2>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="add" />
          <div className="field">
            <label htmlFor="benchmark-name">Name</label>
            <input id="benchmark-name" name="name" type="text" required maxLength={80} />
          </div>
          <div className="field">
            <label htmlFor="benchmark-description">What it measures, for members</label>
            <textarea id="benchmark-description" name="description" rows={2} maxLength={300} />
          </div>
          <div className="field">
            <label htmlFor="benchmark-source">Where its figures come from</label>
            <select id="benchmark-source" name="source" defaultValue="imported">
              <option value="imported">Imported: you paste each account's value</option>
              <option value="active_members_90d">{sourceLabels.active_members_90d}</option>
              <option value="posts_90d">{sourceLabels.posts_90d}</option>
              <option value="ideas_shipped">{sourceLabels.ideas_shipped}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="benchmark-unit">Unit</label>
            <select id="benchmark-unit" name="unit" defaultValue="number">
              <option value="number">A number</option>
              <option value="percent">A percentage</option>
              <option value="currency">An amount in dollars</option>
            </select>
          </div>
          <label className="choice">
            <input type="checkbox" name="lowerIsBetter" /> Lower is better
          </label>
          <div>
            <Button variant="primary" pending={adding} pendingLabel="Adding…">
              Add benchmark
            </Button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Benchmarks · Insights · Vanguard" }];
