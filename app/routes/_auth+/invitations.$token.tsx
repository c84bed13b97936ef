import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { acceptInvitation, getInvitationByToken } from "~/auth/invitation.server";
import { NewPasswordWithConfirmationSchema } from "~/auth/password.server";
import { clientInfoOf, endSession, startSession } from "~/auth/session.server";
import { LinkProblem } from "~/components/link-problem";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { NewPasswordFields } from "~/components/new-password-fields";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";
import { AcceptInvitationSchema } from "~/validation/auth";

export async function loader({ params }: LoaderFunctionArgs) {
  const lookup = await getInvitationByToken(params.token ?? "");
  return lookup.status === "valid"
    ? { status: lookup.status, invitation: lookup.invitation }
    : { status: lookup.status, invitation: null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const schema = AcceptInvitationSchema.and(NewPasswordWithConfirmationSchema);
  // Every field's problem at once: the browser's check (AcceptInvitationSchema) is repeated
  // here with the full password rules.
  const submission = await parseSubmission(request, schema);
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") return invalid(submission, hideFields);
  const { value } = submission;
  return answerWork(
    submission,
    async () => {
      const userId = await acceptInvitation(params.token ?? "", value);
      // Whoever was signed in on this browser before is signed out: the new member takes over.
      const cleared = await endSession(request);
      const headers = new Headers([
        ["Set-Cookie", cleared],
        ["Set-Cookie", await startSession(userId, clientInfoOf(request, context.clientIp))],
      ]);
      throw redirect("/?welcome=1", { headers });
    },
    { hideFields },
  );
}

const roleNames = {
  member: "member",
  moderator: "moderator",
  staff: "staff member",
  admin: "admin",
} as const;

export default function AcceptInvitationPage() {
  const { status, invitation } = useLoaderData<typeof loader>();
  const lastResult = useActionAnswer()?.result;
  const isPending = useIsPending();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
  });
  if (!invitation) {
    return (
      <LinkProblem
        title="This invitation can't be used"
        status={status}
        next={{
          to: "/login",
          label: "Go to sign in",
          hint: "If you already joined, sign in. Otherwise ask the person who invited you for a new invitation.",
        }}
      />
    );
  }
  return (
    <div className="page-narrow">
      <div className="auth-card">
        <h1>Join the Vanguard community</h1>
        <p className="muted">
          You're invited as a {roleNames[invitation.role]}
          {invitation.accountName ? (
            <>
              {" "}
              of <strong>{invitation.accountName}</strong>
            </>
          ) : null}
          , with the email <strong>{invitation.email}</strong>. Choose how others will see you.
        </p>
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <Form method="post" className="form" {...getFormProps(form)}>
          <Field
            id={fields.displayName.id}
            label="Your name"
            hint="Shown next to everything you post."
            errors={fields.displayName.errors}
          >
            {(aria) => (
              <input
                {...getInputProps(fields.displayName, { type: "text" })}
                {...aria}
                autoComplete="name"
              />
            )}
          </Field>
          <Field
            id={fields.handle.id}
            label="Handle"
            hint="For @mentions and your profile address: letters, digits, - and _."
            errors={fields.handle.errors}
          >
            {(aria) => (
              <input
                {...getInputProps(fields.handle, { type: "text" })}
                {...aria}
                autoComplete="username"
              />
            )}
          </Field>
          <NewPasswordFields
            password={fields.password}
            confirmPassword={fields.confirmPassword}
            label="Password"
          />
          <Button variant="primary" pending={isPending} pendingLabel="Joining…">
            Join the community
          </Button>
        </Form>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Join the community · Vanguard" }];
