import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { useIsPending } from "~/utils/use-is-pending";
import { AccountSchema } from "~/validation/admin";

export type AccountFormValues = {
  name: string;
  externalId: string;
  segment: string;
  revenue: string;
  grossProfit: string;
  lifetimeValue: string;
  customerSince: string;
};

/** The add/edit account form: same fields, validation and messages in both places. */
export function AccountForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: AccountFormValues;
  submitLabel: string;
}) {
  const isPending = useIsPending();
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AccountSchema }),
  });
  const money = "US dollars.";
  return (
    <Form method="post" className="form card" {...getFormProps(form)}>
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <Field id={fields.name.id} label="Name" errors={fields.name.errors}>
        {(aria) => <input {...getInputProps(fields.name, { type: "text" })} {...aria} />}
      </Field>
      <div className="grid-2">
        <Field
          id={fields.externalId.id}
          label="External id"
          hint="The account's id in your CRM, for syncing."
          errors={fields.externalId.errors}
        >
          {(aria) => <input {...getInputProps(fields.externalId, { type: "text" })} {...aria} />}
        </Field>
        <Field
          id={fields.segment.id}
          label="Segment"
          hint="For example Enterprise, Mid-market."
          errors={fields.segment.errors}
        >
          {(aria) => <input {...getInputProps(fields.segment, { type: "text" })} {...aria} />}
        </Field>
      </div>
      <div className="grid-2">
        <Field
          id={fields.revenue.id}
          label="Revenue, last 12 months"
          hint={money}
          errors={fields.revenue.errors}
        >
          {(aria) => (
            <input
              {...getInputProps(fields.revenue, { type: "text" })}
              {...aria}
              inputMode="decimal"
            />
          )}
        </Field>
        <Field
          id={fields.grossProfit.id}
          label="Gross profit, last 12 months"
          hint={money}
          errors={fields.grossProfit.errors}
        >
          {(aria) => (
            <input
              {...getInputProps(fields.grossProfit, { type: "text" })}
              {...aria}
              inputMode="decimal"
            />
          )}
        </Field>
        <Field
          id={fields.lifetimeValue.id}
          label="Lifetime value"
          hint={money}
          errors={fields.lifetimeValue.errors}
        >
          {(aria) => (
            <input
              {...getInputProps(fields.lifetimeValue, { type: "text" })}
              {...aria}
              inputMode="decimal"
            />
          )}
        </Field>
        <Field
          id={fields.customerSince.id}
          label="Customer since"
          hint="Optional."
          errors={fields.customerSince.errors}
        >
          {(aria) => <input {...getInputProps(fields.customerSince, { type: "date" })} {...aria} />}
        </Field>
      </div>
      <div className="row">
        <Button variant="primary" pending={isPending} pendingLabel="Saving…">
          {submitLabel}
        </Button>
        <Link to="/admin/accounts">Cancel</Link>
      </div>
    </Form>
  );
}
