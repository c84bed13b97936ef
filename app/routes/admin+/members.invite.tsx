import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { inviteMember } from "~/auth/invitation.server";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { listAccountOptions } from "~/models/account.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { roleLabels } from "~/utils/labels";
import { publicOrigin } from "~/utils/request.server";
import { useIsPending } from "~/utils/use-is-pending";
import { InviteSchema } from "~/validation/admin";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "invite:member:any");
  const accounts = await listAccountOptions();
  // Opened from an account's page, the form starts with that account chosen.
  const wanted = new URL(request.url).searchParams.get("accountId");
  const preselected = accounts.some((account) => account.id === wanted) ? wanted : null;
  return { accounts, preselected };
}

export async function action({ request }: ActionFunctionArgs) {
  const inviter = await requireUserWithPermission(request, "invite:member:any");
  const submission = await parseSubmission(request, InviteSchema);
  if (submission.status !== "success") return invalid(submission);
  const { value } = submission;
  return answerWork<{ invited: string }>(submission, async () => {
    await inviteMember({ ...value, inviter, origin: publicOrigin() });
    return { done: `Invitation sent to ${value.email}.`, details: { invited: value.email } };
  });
}

export default function InvitePage() {
  const { accounts, preselected } = useLoaderData<typeof loader>();
  const actionData = useActionAnswer<{ invited: string }>();
  const isPending = useIsPending();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
    defaultValue: { role: "member", accountId: preselected ?? "" },
  });
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Invite someone</h1>
          <p>The community is invitation-only. We email a link that works once, for 14 days.</p>
        </div>
      </div>
      {actionData?.details?.invited ? (
        <Alert tone="success">
          Invitation sent to <strong>{actionData.details.invited}</strong>. You can invite someone
          else below, or <Link to="/admin/members">go back to members</Link>.
        </Alert>
      ) : null}
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <Form method="post" className="form card" {...getFormProps(form)}>
        <Field id={fields.email.id} label="Email" errors={fields.email.errors}>
          {(aria) => <input {...getInputProps(fields.email, { type: "email" })} {...aria} />}
        </Field>
        <Field
          id={fields.role.id}
          label="Role"
          errors={fields.role.errors}
          hint="Members are customers' people; staff are your product team."
        >
          {(aria) => (
            <select {...getSelectProps(fields.role)} {...aria}>
              {Object.entries(roleLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={fields.accountId.id}
          label="Account"
          errors={fields.accountId.errors}
          hint="The customer organization a member belongs to. Staff, moderators and admins have none."
        >
          {(aria) => (
            <select {...getSelectProps(fields.accountId)} {...aria}>
              <option value="">Choose an account (members only)</option>
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="row">
          <Button variant="primary" pending={isPending} pendingLabel="Sending…">
            Send invitation
          </Button>
          <Link to="/admin/members">Cancel</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Invite someone · Admin · Vanguard" }];
