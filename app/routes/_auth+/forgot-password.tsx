import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/password-reset.server";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { useActionAnswer } from "~/utils/action-answer";
import { answer, invalid, refused } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";
import { ForgotPasswordSchema } from "~/validation/auth";

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseSubmission(request, ForgotPasswordSchema);
  if (submission.status !== "success") return invalid(submission);
  const requested = await requestPasswordReset(submission.value.email, context.clientIp);
  if (!requested.ok) {
    const wait = requested.retryInMinutes;
    const message = `Too many reset requests from your network. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`;
    return refused(submission, { message, status: 429 });
  }
  return answer(submission, {
    done: `If ${submission.value.email} belongs to a member, we've sent a link to reset the password.`,
    details: { sentTo: submission.value.email },
  });
}

export default function ForgotPasswordPage() {
  const actionData = useActionAnswer<{ sentTo: string }>();
  const isPending = useIsPending();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  return (
    <div className="page-narrow">
      <div className="auth-card">
        <h1>Reset your password</h1>
        {actionData?.details?.sentTo ? (
          <Alert tone="success">
            If <strong>{actionData.details.sentTo}</strong> belongs to a member, we've sent a link
            to reset the password. It works for one hour, once.
          </Alert>
        ) : (
          <p className="muted">
            Enter the email you sign in with and we'll send you a link to choose a new password.
          </p>
        )}
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <Form method="post" className="form" {...getFormProps(form)}>
          <Field id={fields.email.id} label="Email" errors={fields.email.errors}>
            {(aria) => (
              <input
                {...getInputProps(fields.email, { type: "email" })}
                {...aria}
                autoComplete="email"
              />
            )}
          </Field>
          <Button variant="primary" pending={isPending} pendingLabel="Sending…">
            Send reset link
          </Button>
        </Form>
        <p className="small auth-links">
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Reset your password · Vanguard" }];
