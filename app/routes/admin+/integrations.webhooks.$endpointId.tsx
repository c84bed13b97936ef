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
import { WebhookEventChoices } from "~/components/webhook-event-choices";
import {
  getWebhookEndpoint,
  listWebhookDeliveries,
  pingWebhookEndpoint,
  redeliverWebhook,
  removeWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  WEBHOOK_DELIVERIES_PAGE_SIZE,
} from "~/models/webhook-endpoint.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";
import { WebhookEndpointActionSchema } from "~/validation/webhooks";

const PageSchema = z.object({ page: z.coerce.number().int().min(1).max(1_000).catch(1) });

async function findEndpoint(admin: Parameters<typeof getWebhookEndpoint>[0], id?: string) {
  const parsed = z.uuid().safeParse(id);
  const endpoint = parsed.success ? await getWebhookEndpoint(admin, parsed.data) : null;
  invariantResponse(endpoint, "No such webhook endpoint: it may have been removed.", {
    status: 404,
  });
  return endpoint;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:webhook:any");
  const endpoint = await findEndpoint(admin, params.endpointId);
  const { page } = PageSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const deliveries = await listWebhookDeliveries(admin, endpoint.id, page);
  return {
    endpoint,
    deliveries,
    page,
    total: deliveries[0]?.total ?? 0,
    pageSize: WEBHOOK_DELIVERIES_PAGE_SIZE,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:webhook:any");
  const endpoint = await findEndpoint(admin, params.endpointId);
  const submission = await parseSubmission(request, WebhookEndpointActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork<{ secret: string }>(submission, async () => {
    switch (input.intent) {
      case "update":
        await updateWebhookEndpoint(admin, endpoint.id, input);
        return { done: "Endpoint saved.", resetForm: false };
      case "rotate": {
        const { secret, previousValidHours } = await rotateWebhookSecret(admin, endpoint.id);
        return {
          done: `New signing secret made. Copy it now: it is shown only this once. The old one keeps signing too for ${previousValidHours} hours, while you change your receiver.`,
          details: { secret },
          headers: { "Cache-Control": "no-store" },
        };
      }
      case "ping":
        await pingWebhookEndpoint(admin, endpoint.id);
        return "Test event queued: it appears below within a few seconds.";
      case "redeliver":
        await redeliverWebhook(admin, endpoint.id, input.deliveryId);
        return "Queued to be sent again: it appears at the top of the list.";
      case "remove":
        await removeWebhookEndpoint(admin, endpoint.id);
        throw redirect("/admin/integrations");
    }
  });
}

const stateLabels = {
  pending: { label: "Waiting", tone: "neutral" },
  delivered: { label: "Delivered", tone: "success" },
  failed: { label: "Given up", tone: "danger" },
  cancelled: { label: "Not sent", tone: "warning" },
} as const;

export default function WebhookEndpointPage() {
  const { endpoint } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer<{ secret: string }>();
  const rotated = outcome?.intent === "rotate" ? outcome : undefined;
  const otherDone = outcome && outcome.intent !== "update" && !rotated ? outcome : undefined;
  const rotating = useIsPending({ intent: "rotate" });
  const removing = useIsPending({ intent: "remove" });
  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/integrations">← Integrations</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="wrap-anywhere">{endpoint.url}</h1>
          <p>
            {endpoint.enabled ? (
              <Badge tone="success">On</Badge>
            ) : (
              <Badge tone="warning">Off</Badge>
            )}{" "}
            {endpoint.ownerName
              ? `Events are read as ${endpoint.ownerName}, who saved it last: they carry only what ${endpoint.ownerName} may see.`
              : "Whoever saved it last is no longer here."}
          </p>
        </div>
      </div>
      {endpoint.ownerManages ? null : (
        <Alert tone="error">
          {endpoint.ownerName ?? "Its owner"} no longer manages webhooks, so nothing is sent. Save
          the endpoint to send its events as you.
        </Alert>
      )}
      {rotated?.details ? (
        <SecretShownOnce
          secret={rotated.details.secret}
          done={rotated.done ?? ""}
          label="New signing secret"
          copyLabel="Copy secret"
        />
      ) : null}
      {otherDone?.done ? <Alert tone="success">{otherDone.done}</Alert> : null}
      {problemsOf(otherDone ?? rotated) ? (
        <Alert tone="error">{problemsOf(otherDone ?? rotated)}</Alert>
      ) : null}
      <div className="grid-2">
        <EndpointForm />
        <section className="card stack stack-top" aria-labelledby="signing-heading">
          <h2 id="signing-heading">Signing</h2>
          <p className="small">
            Each delivery carries a <code>Vanguard-Signature</code> header:{" "}
            <code>t=&lt;seconds&gt;,v1=&lt;HMAC-SHA256&gt;</code>, the HMAC of{" "}
            <code>&lt;t&gt;.&lt;body&gt;</code> with the secret ending in{" "}
            <code>…{endpoint.secretHint}</code>. Check it, and refuse a timestamp more than five
            minutes old. The <Link to="/api/docs#webhooks">reference</Link> shows how.
          </p>
          {endpoint.rotating && endpoint.previousSecretUntil ? (
            <p className="small">
              The previous secret signs too until{" "}
              <RelativeTime date={endpoint.previousSecretUntil} />.
            </p>
          ) : null}
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="ping" />
            <Button>Send a test event</Button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="rotate" />
            <ConfirmButton
              label="Rotate secret"
              question="Make a new signing secret? The current one keeps signing for a day."
              pending={rotating}
            />
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            <ConfirmButton
              label="Remove endpoint"
              question="Remove this endpoint and its delivery log? Nothing more is sent to it."
              danger
              pending={removing}
            />
          </Form>
        </section>
      </div>
      <Deliveries />
    </div>
  );
}

function EndpointForm() {
  const { endpoint } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer("update");
  const pending = useIsPending({ intent: "update" });
  const [form, fields] = useForm({
    id: "endpoint",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    defaultValue: {
      url: endpoint.url,
      description: endpoint.description,
      events: endpoint.events,
      enabled: endpoint.enabled ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WebhookEndpointActionSchema }),
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
        <Field id={fields.url.id} label="Address" errors={fields.url.errors}>
          {(aria) => <input {...getInputProps(fields.url, { type: "url" })} {...aria} />}
        </Field>
        <Field
          id={fields.description.id}
          label="Description (optional)"
          errors={fields.description.errors}
        >
          {(aria) => <input {...getInputProps(fields.description, { type: "text" })} {...aria} />}
        </Field>
        <WebhookEventChoices
          name={fields.events.name}
          errorId={fields.events.errorId}
          errors={fields.events.errors}
          chosen={fields.events.initialValue}
        />
        <label className="choice">
          <input
            type="checkbox"
            name={fields.enabled.name}
            value="on"
            defaultChecked={fields.enabled.initialValue === "on"}
          />
          Send events to this endpoint (off drops what is waiting)
        </label>
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Saving…">
            Save endpoint
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
        The last 30 days. A delivery that gets no 2xx answer is tried again after 1, 4, 16 and 64
        minutes, then about 4 and 17 hours, and then given up.
      </p>
      {deliveries.length === 0 ? (
        <p className="muted">Nothing sent yet. Send a test event to try the endpoint.</p>
      ) : (
        <TableScroll label="Delivery log">
          <table className="data">
            <caption className="visually-hidden">Deliveries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">State</th>
                <th scope="col">Answer</th>
                <th scope="col">Tries</th>
                <th scope="col">Last try</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <code>{delivery.eventType}</code>
                    {delivery.redeliveryOf ? <div className="muted small">Sent again</div> : null}
                    {delivery.responseExcerpt ? (
                      <details className="small">
                        <summary>
                          The answer<span className="visually-hidden"> ({delivery.id})</span>
                        </summary>
                        <pre className="wrap-anywhere">{delivery.responseExcerpt}</pre>
                      </details>
                    ) : null}
                  </td>
                  <td>
                    <Badge tone={stateLabels[delivery.state].tone}>
                      {stateLabels[delivery.state].label}
                    </Badge>
                    {delivery.state === "pending" && delivery.attempts > 0 ? (
                      <div className="muted small">
                        Next try <RelativeTime date={delivery.nextAttemptAt} />
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {delivery.lastStatus ?? "—"}
                    {delivery.lastError ? (
                      <div className="muted small">{delivery.lastError}</div>
                    ) : null}
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>
                    {delivery.lastAttemptAt ? (
                      <RelativeTime date={delivery.lastAttemptAt} />
                    ) : (
                      "Not yet"
                    )}
                  </td>
                  <td>
                    {delivery.state === "pending" ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="redeliver" />
                        <input type="hidden" name="deliveryId" value={delivery.id} />
                        <Button size="small">
                          Send again
                          <span className="visually-hidden"> {delivery.eventType}</span>
                        </Button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} label="Delivery pages" />
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Webhook ${data?.endpoint.url ?? ""} · Admin · Vanguard` },
];
