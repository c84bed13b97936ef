import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { SecretShownOnce } from "~/components/secret-shown-once";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import { useActionAnswer } from "~/utils/action-answer";
import { useIsPending } from "~/utils/use-is-pending";
import { TRACKER_KINDS, type TrackerKind } from "#db/schema/values";
import { TrackerListActionSchema, trackerKindLabels } from "~/validation/trackers";

/** The integrations page's issue trackers: the list, and the form that adds one. */

export type TrackerRow = {
  id: string;
  kind: TrackerKind;
  name: string;
  siteUrl: string;
  enabled: boolean;
  awaitingSecret: boolean;
  itemCount: number;
  lastDeliveryAt: string | Date | null;
};

export type AddedTracker = { id: string; name: string; secret: string; hookUrl: string };

export const trackerPath = (id: string) => `/admin/integrations/trackers/${id}`;

export function TrackerState({
  tracker,
}: {
  tracker: Omit<TrackerRow, "itemCount" | "lastDeliveryAt">;
}) {
  if (tracker.awaitingSecret) return <Badge tone="warning">Waiting for its secret</Badge>;
  return tracker.enabled ? <Badge tone="success">On</Badge> : <Badge tone="warning">Off</Badge>;
}

export function TrackerList({ trackers }: { trackers: TrackerRow[] }) {
  return (
    <section className="card" aria-labelledby="trackers-heading">
      <h2 id="trackers-heading">Issue trackers</h2>
      <p className="muted small">
        A backlog item whose “tracked at” address is an issue of one of these follows it: the
        tracker’s signed webhooks show the issue’s status on the item and move the item when that
        status is mapped.
      </p>
      {trackers.length === 0 ? (
        <p className="muted">
          No trackers yet. Add your Jira site or Linear workspace below, so backlog items follow the
          issues your team works in.
        </p>
      ) : (
        <TableScroll label="All issue trackers">
          <table className="data">
            <caption className="visually-hidden">Issue trackers, by name</caption>
            <thead>
              <tr>
                <th scope="col">Tracker</th>
                <th scope="col">Items following</th>
                <th scope="col">Last delivery</th>
              </tr>
            </thead>
            <tbody>
              {trackers.map((tracker) => (
                <tr key={tracker.id}>
                  <td className="wrap-anywhere">
                    <Link to={trackerPath(tracker.id)}>{tracker.name}</Link>{" "}
                    <TrackerState tracker={tracker} />
                    <div className="muted small">
                      {trackerKindLabels[tracker.kind]} · {tracker.siteUrl}
                    </div>
                  </td>
                  <td>{tracker.itemCount}</td>
                  <td>
                    {tracker.lastDeliveryAt ? (
                      <RelativeTime date={tracker.lastDeliveryAt} />
                    ) : (
                      <span className="muted">None yet</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

const kindHints: Record<TrackerKind, string> = {
  jira: "We make the webhook’s secret and show it once, to paste into Jira with the address.",
  linear: "Linear makes the secret: you paste it on the next page, once its webhook exists.",
};

export function NewTrackerForm() {
  const outcome = useActionAnswer<AddedTracker>("add-tracker");
  const pending = useIsPending({ intent: "add-tracker" });
  const [form, fields] = useForm({
    id: "new-tracker",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    defaultValue: { kind: "jira" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrackerListActionSchema }),
  });
  const added = outcome?.details;
  return (
    <section className="card" aria-labelledby="new-tracker-heading">
      <h2 id="new-tracker-heading">Add an issue tracker</h2>
      {added ? (
        <>
          <SecretShownOnce
            secret={added.secret}
            done={outcome?.done ?? ""}
            label="Webhook secret"
            copyLabel="Copy secret"
          />
          <p>
            In Jira, create a webhook (Settings → System → WebHooks) sending “Issue created” and
            “Issue updated” to <code className="wrap-anywhere">{added.hookUrl}</code>, with this
            secret. <Link to={trackerPath(added.id)}>Map {added.name}’s statuses</Link>
          </p>
        </>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add-tracker" />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <fieldset className="field">
          <legend className="label">Tracker</legend>
          {TRACKER_KINDS.map((kind) => (
            <div key={kind} className="choice-with-hint">
              <label className="choice">
                <input
                  type="radio"
                  name={fields.kind.name}
                  value={kind}
                  defaultChecked={fields.kind.initialValue === kind}
                  aria-describedby={`tracker-${kind}-hint`}
                />
                <strong>{trackerKindLabels[kind]}</strong>
              </label>
              <span className="field-hint" id={`tracker-${kind}-hint`}>
                {kindHints[kind]}
              </span>
            </div>
          ))}
        </fieldset>
        <Field
          id={fields.name.id}
          label="Name"
          hint="As your team calls it, like “Product Jira”."
          errors={fields.name.errors}
        >
          {(aria) => <input {...getInputProps(fields.name, { type: "text" })} {...aria} />}
        </Field>
        <Field
          id={fields.siteUrl.id}
          label="Jira site or Linear workspace"
          hint="Jira: https://acme.atlassian.net. Linear: https://linear.app/acme."
          errors={fields.siteUrl.errors}
        >
          {(aria) => <input {...getInputProps(fields.siteUrl, { type: "url" })} {...aria} />}
        </Field>
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Adding…">
            Add tracker
          </Button>
        </div>
      </Form>
    </section>
  );
}
