import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import {
  createProfileField,
  listProfileFieldsForAdmin,
  MAX_PROFILE_FIELDS,
  setProfileFieldRetired,
  updateProfileField,
} from "~/models/profile-field.server";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { formatCount } from "~/utils/format";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";
import { ProfileFieldActionSchema } from "~/validation/admin";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:settings:any");
  return { fields: await listProfileFieldsForAdmin(admin), max: MAX_PROFILE_FIELDS };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:settings:any");
  const submission = await parseSubmission(request, ProfileFieldActionSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "add":
        await createProfileField(admin, { label: input.label, purpose: input.purpose });
        return "Question added: members see it in their Settings.";
      case "change":
        await updateProfileField(admin, input.fieldId, {
          label: input.label,
          purpose: input.purpose,
        });
        return { done: "Question saved.", resetForm: false };
      case "retire":
        await setProfileFieldRetired(admin, input.fieldId, true);
        return "Question retired: it is asked no more; answers given stay with their members.";
      case "restore":
        await setProfileFieldRetired(admin, input.fieldId, false);
        return "Question asked again.";
    }
  });
}

export default function ProfileFieldsPage() {
  const { fields, max } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const done = outcome && outcome.intent !== "add" ? outcome.done : null;
  const problem = outcome && outcome.intent !== "add" ? problemsOf(outcome) : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Profile questions</h1>
          <p>
            Extra questions members may answer on their profile, like their role or team size. Each
            member chooses whether to answer and who sees each answer: only them, staff, or every
            member. Say why you ask; they read it before answering. At most {max} at a time.
          </p>
        </div>
      </div>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <div className="stack">
        {fields.length === 0 ? (
          <p className="muted">No questions yet: add the first one below.</p>
        ) : (
          fields.map((field) => <FieldCard key={field.id} field={field} />)
        )}
        <AddFieldForm />
      </div>
    </>
  );
}

type FieldRow = ReturnType<typeof useLoaderData<typeof loader>>["fields"][number];

function FieldCard({ field }: { field: FieldRow }) {
  const headingId = `field-${field.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="small-heading">
        {field.label} {field.retiredAt ? <Badge tone="warning">Retired</Badge> : null}
      </h2>
      <p className="muted small">
        {formatCount(field.answers)} {field.answers === 1 ? "member answered" : "members answered"}.
      </p>
      <details>
        <summary>Change the question</summary>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="change" />
          <input type="hidden" name="fieldId" value={field.id} />
          <div className="field">
            <label htmlFor={`${headingId}-label`}>Question</label>
            <input
              id={`${headingId}-label`}
              name="label"
              type="text"
              defaultValue={field.label}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`${headingId}-purpose`}>Why you ask</label>
            <textarea
              id={`${headingId}-purpose`}
              name="purpose"
              rows={2}
              defaultValue={field.purpose}
              required
            />
          </div>
          <div>
            <Button>Save question</Button>
          </div>
        </Form>
      </details>
      <Form method="post">
        <input type="hidden" name="intent" value={field.retiredAt ? "restore" : "retire"} />
        <input type="hidden" name="fieldId" value={field.id} />
        <Button size="small">
          {field.retiredAt ? "Ask it again" : "Retire"}
          <span className="visually-hidden"> “{field.label}”</span>
        </Button>
      </Form>
    </section>
  );
}

function AddFieldForm() {
  const outcome = useActionAnswer("add");
  const pending = useIsPending({ intent: "add" });
  const [form, fields] = useForm({
    id: "add-field",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileFieldActionSchema }),
  });
  return (
    <section className="card" aria-labelledby="add-field-heading">
      <h2 id="add-field-heading">Add a question</h2>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <Field id={fields.label.id} label="Question" errors={fields.label.errors}>
          {(aria) => <input {...getInputProps(fields.label, { type: "text" })} {...aria} />}
        </Field>
        <Field
          id={fields.purpose.id}
          label="Why you ask"
          hint="Members read this before they answer, e.g. “So staff invite you to the right research sessions.”"
          errors={fields.purpose.errors}
        >
          {(aria) => <textarea {...getTextareaProps(fields.purpose)} rows={2} {...aria} />}
        </Field>
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Adding…">
            Add question
          </Button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Profile questions · Admin · Vanguard" }];
