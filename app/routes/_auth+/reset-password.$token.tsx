import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { NewPasswordWithConfirmationSchema } from "~/auth/password.server";
import { getResetTokenStatus, resetPassword } from "~/auth/password-reset.server";
import { LinkProblem } from "~/components/link-problem";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { NewPasswordFields } from "~/components/new-password-fields";
import { useActionAnswer } from "~/utils/action-answer";
import { invalid, refused } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";

export async function loader({ params }: LoaderFunctionArgs) {
  return { status: await getResetTokenStatus(params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = await parseSubmission(request, NewPasswordWithConfirmationSchema);
  if (submission.status !== "success") {
    return invalid(submission, ["password", "confirmPassword"]);
  }
  const userId = await resetPassword(params.token ?? "", submission.value.password);
  if (!userId) {
    return refused(
      submission,
      { message: "This link can no longer be used. Ask for a new one.", status: 400 },
      ["password", "confirmPassword"],
    );
  }
  throw redirect("/login?notice=password-reset");
}

export default function ResetPasswordPage() {
  const { status } = useLoaderData<typeof loader>();
  const lastResult = useActionAnswer()?.result;
  const isPending = useIsPending();
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit" });
  if (status !== "valid") {
    return (
      <LinkProblem
        title="This reset link can't be used"
        status={status}
        next={{
          to: "/forgot-password",
          label: "Send a new link",
          hint: "Reset links work once, for one hour.",
        }}
      />
    );
  }
  return (
    <div className="page-narrow">
      <div className="auth-card">
        <h1>Choose a new password</h1>
        <p className="muted">Signing in with the new password ends all your other sessions.</p>
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <Form method="post" className="form" {...getFormProps(form)}>
          <NewPasswordFields
            password={fields.password}
            confirmPassword={fields.confirmPassword}
            label="New password"
          />
          <Button variant="primary" pending={isPending} pendingLabel="Saving…">
            Save new password
          </Button>
        </Form>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Choose a new password · Vanguard" }];
