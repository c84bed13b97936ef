import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { SecretShownOnce } from "~/components/secret-shown-once";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { Field } from "~/components/ui/field";
import { Pagination } from "~/components/ui/pagination";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import {
  getTrackerIntegration,
  listTrackerDeliveries,
  pasteTrackerSecret,
  removeTrackerIntegration,
  rotateTrackerSecret,
  TRACKER_DELIVERIES_PAGE_SIZE,
  updateTrackerIntegration,
} from "~/models/tracker-integration.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { backlogStatusLabels } from "~/utils/labels";
import { publicOrigin } from "~/utils/request.server";
import { invariantResponse } from "~/utils/responses.server";
import { trackerHookUrl } from "~/utils/tracker-urls";
import { useIsPending } from "~/utils/use-is-pending";
import { BACKLOG_STATUSES } from "#db/schema/values";
import {
  statusMapAsFields,
  TrackerActionSchema,
  trackerKindLabels,
  trackerOutcomeLabels,
} from "~/validation/trackers";
import { TrackerState } from "./__tracker-sections";

const PageSchema = z.object({ page: z.coerce.number().int().min(1).max(1_000).catch(1) });

async function findIntegration(admin: Parameters<typeof getTrackerIntegration>[0], id?: string) {
  const parsed = z.uuid().safeParse(id);
  const integration = parsed.success ? await getTrackerIntegration(admin, parsed.data) : null;
  invariantResponse(integration, "No such tracker integration: it may have been removed.", {
    status: 404,
  });
  return integration;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:webhook:any");
  const integration = await findIntegration(admin, params.integrationId);
  const { page } = PageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const deliveries = await listTrackerDeliveries(admin, integration.id, page);
  return {
    integration,
    hookUrl: trackerHookUrl(publicOrigin(), integration.id),
    deliveries,
    page,
    total: deliveries[0]?.total ?? 0,
    pageSize: TRACKER_DELIVERIES_PAGE_SIZE,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:webhook:any");
  const integration = await findIntegration(admin, params.integrationId);
  const submission = await parseSubmission(request, TrackerActionSchema);
  if (submission.status !== "success") return invalid(submission, ["secret"]);
  const input = submission.value;
  return answerWork<{ secret: string }>(
    submission,
    async () => {
      switch (input.intent) {
        case "update":
          await updateTrackerIntegration(admin, integration.id, input);
          return { done: "Saved.", resetForm: false };
        case "rotate": {
          const secret = await rotateTrackerSecret(admin, integration.id);
          return {
            done: "New webhook secret made. Copy it now: it is shown only this once. Paste it into Jira's webhook: until then, Jira's deliveries are refused.",
            details: { secret },
            headers: { "Cache-Control": "no-store" },
          };
        }
        case "paste-secret":
          await pasteTrackerSecret(admin, integration.id, input.secret);
          return integration.awaitingSecret
            ? "Secret saved: Linear's deliveries are taken from now on."
            : "Secret replaced: deliveries signed with the old one are refused from now on.";
        case "remove":
          await removeTrackerIntegration(admin, integration.id);
          throw redirect("/admin/integrations");
      }
    },
    { hideFields: ["secret"] },
  );
}

export default function TrackerIntegrationPage() {
  const { integration } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer<{ secret: string }>();
  const rotated = outcome?.intent === "rotate" ? outcome : undefined;
  // The settings and the secret forms show their own answers.
  const ownAnswers = ["update", "paste-secret"];
  const otherDone =
    outcome && !ownAnswers.includes(outcome.intent ?? "") && !rotated ? outcome : undefined;
  const kind = trackerKindLabels[integration.kind];
  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/integrations">← Integrations</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="wrap-anywhere">{integration.name}</h1>
          <p>
            <TrackerState tracker={integration} /> {kind} at{" "}
            <span className="wrap-anywhere">{integration.siteUrl}</span>, followed by{" "}
            {integration.itemCount === 1 ? "1 backlog item" : `${integration.itemCount} items`}.{" "}
            {integration.ownerName
              ? `Statuses move as ${integration.ownerName}, who saved it last.`
              : "Whoever saved it last is no longer here."}
          </p>
        </div>
      </div>
      {integration.ownerMayAct || integration.awaitingSecret ? null : (
        <Alert tone="error">
          {integration.ownerName ?? "Its owner"} no longer manages integrations, so deliveries show
          each issue’s status but move no item. Save the settings to move items as you.
        </Alert>
      )}
      {rotated?.details ? (
        <SecretShownOnce
          secret={rotated.details.secret}
          done={rotated.done ?? ""}
          label="New webhook secret"
          copyLabel="Copy secret"
        />
      ) : null}
      {otherDone?.done ? <Alert tone="success">{otherDone.done}</Alert> : null}
      {problemsOf(otherDone ?? rotated) ? (
        <Alert tone="error">{problemsOf(otherDone ?? rotated)}</Alert>
      ) : null}
      <div className="grid-2">
        <Connection />
        <SettingsForm />
      </div>
      <Deliveries />
    </div>
  );
}

/** Where the tracker sends its webhooks, with what: the address, the secret, the steps. */
function Connection() {
  const { integration, hookUrl } = useLoaderData<typeof loader>();
  const rotating = useIsPending({ intent: "rotate" });
  const removing = useIsPending({ intent: "remove" });
  const jira = integration.kind === "jira";
  return (
    <section className="card stack stack-top" aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect {trackerKindLabels[integration.kind]}</h2>
      <div className="field">
        <label htmlFor="hook-url">Webhook address</label>
        <input
          id="hook-url"
          type="text"
          readOnly
          value={hookUrl}
          className="token-secret"
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <div>
        <Button
          size="small"
          type="button"
          onClick={() => void navigator.clipboard?.writeText(hookUrl)}
        >
          Copy address
        </Button>
      </div>
      {jira ? (
        <ol className="small">
          <li>In Jira, open Settings → System → WebHooks, and create a webhook.</li>
          <li>
            Paste the address above as its URL, and the secret shown when this was added (it ends in{" "}
            <code>…{integration.secretHint}</code>) as its secret.
          </li>
          <li>Choose the events “Issue created” and “Issue updated”.</li>
        </ol>
      ) : (
        <ol className="small">
          <li>In Linear, open Settings → API → Webhooks, and create a webhook.</li>
          <li>Paste the address above as its URL, and choose the data change events “Issues”.</li>
          <li>Linear shows the webhook’s signing secret: paste it here.</li>
        </ol>
      )}
      {jira ? (
        <Form method="post">
          <input type="hidden" name="intent" value="rotate" />
          <ConfirmButton
            label="Make a new secret"
            question="Make a new secret? Jira's deliveries are refused until you paste it into Jira's webhook."
            pending={rotating}
          />
        </Form>
      ) : (
        <PasteSecretForm />
      )}
      <Form method="post">
        <input type="hidden" name="intent" value="remove" />
        <ConfirmButton
          label="Remove integration"
          question="Remove this integration and its delivery log? Backlog items stop following its issues."
          danger
          pending={removing}
        />
      </Form>
    </section>
  );
}

function PasteSecretForm() {
  const { integration } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer("paste-secret");
  const pending = useIsPending({ intent: "paste-secret" });
  const [form, fields] = useForm({
    id: "paste-secret",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrackerActionSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="paste-secret" />
      {outcome?.done ? (
        <p role="status" className="small">
          {outcome.done}
        </p>
      ) : null}
      <Field
        id={fields.secret.id}
        label={
          integration.awaitingSecret ? "Linear's signing secret" : "Linear's new signing secret"
        }
        hint={
          integration.awaitingSecret
            ? "Saving it turns the integration on."
            : `The one saved ends in …${integration.secretHint}. After rolling it in Linear, paste the new one.`
        }
        errors={fields.secret.errors}
      >
        {(aria) => (
          <input
            {...getInputProps(fields.secret, { type: "text" })}
            {...aria}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <div>
        <Button variant={integration.awaitingSecret ? "primary" : "default"} pending={pending}>
          Save secret
        </Button>
      </div>
    </Form>
  );
}

function SettingsForm() {
  const { integration } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer("update");
  const pending = useIsPending({ intent: "update" });
  const [form, fields] = useForm({
    id: "tracker-settings",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    defaultValue: {
      name: integration.name,
      enabled: integration.enabled ? "on" : undefined,
      ...statusMapAsFields(integration.statusMap),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrackerActionSchema }),
  });
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      {outcome?.done ? (
        <p role="status" className="small">
          {outcome.done}
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="update" />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <Field id={fields.name.id} label="Name" errors={fields.name.errors}>
          {(aria) => <input {...getInputProps(fields.name, { type: "text" })} {...aria} />}
        </Field>
        <fieldset className="field" aria-describedby="status-map-hint">
          <legend className="label">Status mapping</legend>
          <span className="field-hint" id="status-map-hint">
            For each backlog status, the {trackerKindLabels[integration.kind]} statuses that move an
            item there, separated by commas. Any other status is shown on the item and moves
            nothing.
          </span>
          {BACKLOG_STATUSES.map((status) => (
            <Field
              key={status}
              id={fields[status].id}
              label={backlogStatusLabels[status]}
              errors={fields[status].errors}
            >
              {(aria) => <input {...getInputProps(fields[status], { type: "text" })} {...aria} />}
            </Field>
          ))}
        </fieldset>
        <label className="choice">
          <input
            type="checkbox"
            name={fields.enabled.name}
            value="on"
            defaultChecked={fields.enabled.initialValue === "on"}
          />
          Take deliveries from {trackerKindLabels[integration.kind]} (off refuses them)
        </label>
        {fields.enabled.errors ? (
          <p className="field-error">{fields.enabled.errors.join(" ")}</p>
        ) : null}
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Saving…">
            Save settings
          </Button>
        </div>
      </Form>
    </section>
  );
}

function Deliveries() {
  const { deliveries, page, total, pageSize } = useLoaderData<typeof loader>();
  return (
    <section className="card" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Deliveries</h2>
      <p className="muted small">
        The last 30 days: what each webhook did. Deliveries refused as unsigned, wrongly signed, too
        old or seen before are not listed.
      </p>
      {deliveries.length === 0 ? (
        <p className="muted">Nothing received yet. Change an issue’s status to try the webhook.</p>
      ) : (
        <TableScroll label="Delivery log">
          <table className="data">
            <caption className="visually-hidden">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Issue</th>
                <th scope="col">Status</th>
                <th scope="col">Outcome</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => {
                const outcome = trackerOutcomeLabels[delivery.outcome] ?? {
                  label: delivery.outcome,
                  tone: "neutral" as const,
                };
                return (
                  <tr key={delivery.id}>
                    <td>
                      <RelativeTime date={delivery.receivedAt} />
                    </td>
                    <td className="issue-key">{delivery.issueKey ?? "—"}</td>
                    <td>{delivery.issueStatus ?? "—"}</td>
                    <td>
                      <Badge tone={outcome.tone}>{outcome.label}</Badge>
                    </td>
                    <td className="small">{delivery.detail}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} label="Delivery pages" />
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.integration.name ?? "Tracker"} · Integrations · Admin · Vanguard` },
];
