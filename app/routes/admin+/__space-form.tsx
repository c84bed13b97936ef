import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { useIsPending } from "~/utils/use-is-pending";
import { SpaceSchema } from "~/validation/forums";

export type SpaceFormValues = {
  name: string;
  slug: string;
  description: string;
  visibility: string;
  minTier: string;
  ideasEnabled: boolean;
};

export function SpaceForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: SpaceFormValues;
  submitLabel: string;
}) {
  const isPending = useIsPending();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: defaultValue ?? { visibility: "members", minTier: "top10" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpaceSchema }),
  });
  return (
    <Form method="post" className="form card" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <div className="grid-2">
        <Field id={fields.name.id} label="Name" errors={fields.name.errors}>
          {(aria) => <input {...getInputProps(fields.name, { type: "text" })} {...aria} />}
        </Field>
        <Field
          id={fields.slug.id}
          label="Address"
          hint="Used in links: /spaces/your-address"
          errors={fields.slug.errors}
        >
          {(aria) => <input {...getInputProps(fields.slug, { type: "text" })} {...aria} />}
        </Field>
      </div>
      <Field
        id={fields.description.id}
        label="What this space is for"
        errors={fields.description.errors}
      >
        {(aria) => <textarea {...getTextareaProps(fields.description)} {...aria} rows={3} />}
      </Field>
      <div className="grid-2">
        <Field
          id={fields.visibility.id}
          label="Who can see and post"
          errors={fields.visibility.errors}
        >
          {(aria) => (
            <select {...getSelectProps(fields.visibility)} {...aria}>
              <option value="members">All members</option>
              <option value="tier">Members of accounts in a value tier and above</option>
              <option value="private">Private: only people on its member list</option>
            </select>
          )}
        </Field>
        <Field
          id={fields.minTier.id}
          label="Lowest tier that may enter"
          hint="Only for tier-gated spaces."
          errors={fields.minTier.errors}
        >
          {(aria) => (
            <select {...getSelectProps(fields.minTier)} {...aria}>
              <option value="top1">Top 1% accounts</option>
              <option value="top10">Top 10% accounts</option>
            </select>
          )}
        </Field>
      </div>
      <div className="field checkbox-field">
        <label htmlFor={fields.ideasEnabled.id}>
          <input
            {...getInputProps(fields.ideasEnabled, { type: "checkbox" })}
            aria-describedby={`${fields.ideasEnabled.id}-hint`}
          />{" "}
          Members may post ideas here
        </label>
        <span id={`${fields.ideasEnabled.id}-hint`} className="field-hint">
          Ideas are voted on, with importance, and staff give them a status. Staff may post an idea
          in any space.
        </span>
      </div>
      <p className="muted small">
        Staff and admins see every space. Staff who observe a space are named in its header.
      </p>
      <div className="row">
        <Button variant="primary" pending={isPending} pendingLabel="Saving…">
          {submitLabel}
        </Button>
        <Link to="/admin/spaces">Cancel</Link>
      </div>
    </Form>
  );
}
