import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { SecretShownOnce } from "~/components/secret-shown-once";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { TableScroll } from "~/components/ui/table-scroll";
import { WebhookEventChoices } from "~/components/webhook-event-choices";
import {
  createTrackerIntegration,
  listTrackerIntegrations,
} from "~/models/tracker-integration.server";
import {
  createWebhookEndpoint,
  getWebhookAllowedHosts,
  listWebhookEndpoints,
  setWebhookAllowedHosts,
} from "~/models/webhook-endpoint.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { publicOrigin } from "~/utils/request.server";
import { trackerHookUrl } from "~/utils/tracker-urls";
import { useIsPending } from "~/utils/use-is-pending";
import { TrackerListActionSchema } from "~/validation/trackers";
import { WebhookListActionSchema } from "~/validation/webhooks";
import { NewTrackerForm, TrackerList, trackerPath, type AddedTracker } from "./__tracker-sections";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:webhook:any");
  const [endpoints, allowedHosts, trackers] = await Promise.all([
    listWebhookEndpoints(admin),
    getWebhookAllowedHosts(),
    listTrackerIntegrations(admin),
  ]);
  return { endpoints, allowedHosts, trackers };
}

/** The page's forms: the webhooks' (add an endpoint, the allowed hosts) and the trackers'. */
const IntegrationsActionSchema = z.discriminatedUnion("intent", [
  ...WebhookListActionSchema.options,
  ...TrackerListActionSchema.options,
]);

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:webhook:any");
  const submission = await parseSubmission(request, IntegrationsActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork<{ secret: string; id: string } | AddedTracker>(submission, async () => {
    switch (input.intent) {
      case "add": {
        const endpoint = await createWebhookEndpoint(admin, input);
        return {
          done: "Endpoint added. Copy its signing secret now: it is shown only this once.",
          details: endpoint,
          headers: { "Cache-Control": "no-store" },
        };
      }
      case "hosts":
        await setWebhookAllowedHosts(admin, input.hosts);
        return {
          done:
            input.hosts.length === 0
              ? "Webhooks reach only public addresses again."
              : `Webhooks may now reach ${input.hosts.join(", ")}.`,
          resetForm: false,
        };
      case "add-tracker": {
        const added = await createTrackerIntegration(admin, input);
        // Linear's secret comes once its webhook exists: its page shows the next steps.
        if (!added.secret) throw redirect(trackerPath(added.id));
        return {
          done: `${input.name} added. Copy its webhook secret now: it is shown only this once.`,
          details: {
            id: added.id,
            name: input.name,
            secret: added.secret,
            hookUrl: trackerHookUrl(publicOrigin(), added.id),
          },
          headers: { "Cache-Control": "no-store" },
        };
      }
    }
  });
}

export default function IntegrationsPage() {
  const { endpoints, trackers } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Integrations</h1>
          <p>
            Webhooks tell your other tools what happens here, as it happens; issue trackers tell the
            backlog how the work behind each item is going. Scripts read and write through the{" "}
            <Link to="/api/docs">JSON API</Link> with a personal{" "}
            <Link to="/settings/tokens">API token</Link>.
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">Webhook endpoints</h2>
        {endpoints.length === 0 ? (
          <p className="muted">
            No endpoints yet. Add one below to send events (a new idea, a status change, a vote…) to
            Jira automation, Zapier, your CRM or your own service.
          </p>
        ) : (
          <TableScroll label="All webhook endpoints">
            <table className="data">
              <caption className="visually-hidden">Webhook endpoints, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Events</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">Given up</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <td className="wrap-anywhere">
                      <Link to={`/admin/integrations/webhooks/${endpoint.id}`}>{endpoint.url}</Link>{" "}
                      {endpoint.enabled ? null : <Badge tone="warning">Off</Badge>}
                      {endpoint.description ? (
                        <div className="muted small">{endpoint.description}</div>
                      ) : null}
                    </td>
                    <td>{endpoint.events.length}</td>
                    <td>{endpoint.pending}</td>
                    <td>
                      {endpoint.failed > 0 ? (
                        <Badge tone="danger">{endpoint.failed}</Badge>
                      ) : (
                        endpoint.failed
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <NewEndpointForm />
      <AllowedHostsForm />
      <TrackerList trackers={trackers} />
      <NewTrackerForm />
    </div>
  );
}

function NewEndpointForm() {
  const outcome = useActionAnswer<{ secret: string; id: string }>("add");
  const pending = useIsPending({ intent: "add" });
  const [form, fields] = useForm({
    id: "new-endpoint",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WebhookListActionSchema }),
  });
  const made = outcome?.details;
  return (
    <section className="card" aria-labelledby="new-endpoint-heading">
      <h2 id="new-endpoint-heading">Add an endpoint</h2>
      {made ? (
        <>
          <SecretShownOnce
            secret={made.secret}
            done={outcome?.done ?? ""}
            label="Signing secret"
            copyLabel="Copy secret"
          />
          <p>
            <Link to={`/admin/integrations/webhooks/${made.id}`}>
              See the endpoint and send it a test event
            </Link>
          </p>
        </>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <Field
          id={fields.url.id}
          label="Address"
          hint="Where events are POSTed, e.g. https://hooks.example.com/vanguard."
          errors={fields.url.errors}
        >
          {(aria) => <input {...getInputProps(fields.url, { type: "url" })} {...aria} />}
        </Field>
        <Field
          id={fields.description.id}
          label="Description (optional)"
          hint="What receives them, for the next admin."
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
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Adding…">
            Add endpoint
          </Button>
        </div>
      </Form>
    </section>
  );
}

function AllowedHostsForm() {
  const { allowedHosts } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer("hosts");
  const pending = useIsPending({ intent: "hosts" });
  const [form, fields] = useForm({
    id: "allowed-hosts",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    defaultValue: { hosts: allowedHosts.join("\n") },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WebhookListActionSchema }),
  });
  return (
    <section className="card" aria-labelledby="hosts-heading">
      <h2 id="hosts-heading">Hosts inside your network</h2>
      <p className="muted small">
        Webhooks never reach private, loopback or link-local addresses, so a crafted address can't
        reach services behind your firewall. Name a host here to allow it anyway: a receiver on your
        own network, or a test server.
      </p>
      {outcome?.done ? (
        <p role="status" className="small">
          {outcome.done}
        </p>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="hosts" />
        <Field
          id={fields.hosts.id}
          label="Allowed hosts"
          hint="One per line, as in the address: hooks.internal, 10.0.0.5. Leave empty to allow none."
          errors={fields.hosts.errors}
        >
          {(aria) => <textarea rows={3} {...getTextareaProps(fields.hosts)} {...aria} />}
        </Field>
        <div>
          <Button pending={pending} pendingLabel="Saving…">
            Save hosts
          </Button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Integrations · Admin · Vanguard" }];
