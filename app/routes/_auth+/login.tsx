import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { getOptionalUser } from "~/auth/current-user.server";
import { clientInfoOf, startSession } from "~/auth/session.server";
import { signIn, type SignInResult } from "~/auth/sign-in.server";
import { startSsoSignIn, type SsoStart } from "~/auth/sso.server";
import { ssoSetup } from "~/auth/sso-provider.server";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { invalid, refused } from "~/utils/action-answer.server";
import { parseKnownFields, readFormData } from "~/utils/form.server";
import { formatDateTime } from "~/utils/format";
import { safeRedirectPath } from "~/utils/redirect";
import { useIsPending } from "~/utils/use-is-pending";
import { LoginSchema, SSO_INTENT, SsoStartSchema } from "~/validation/auth";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  }
  return { sso: ssoSetup()?.name ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const client = clientInfoOf(request, context.clientIp);
  if (formData.get("intent") === SSO_INTENT) {
    const submission = parseKnownFields(formData, SsoStartSchema);
    if (submission.status !== "success") return invalid(submission);
    const start = await startSsoSignIn({
      redirectTo: safeRedirectPath(submission.value.redirectTo),
      client,
    });
    if (!start.ok) return refused(submission, { message: ssoStartProblem(start), status: 503 });
    throw redirect(start.location, { headers: { "Set-Cookie": start.setCookie } });
  }
  const submission = parseKnownFields(formData, LoginSchema);
  if (submission.status !== "success") {
    return invalid(submission, ["password"]);
  }
  const { email, password, redirectTo } = submission.value;
  const result = await signIn(email, password, client);
  if (!result.ok) {
    return refused(submission, { message: signInProblem(result), status: statusOf(result) }, [
      "password",
    ]);
  }
  throw redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": await startSession(result.userId, client) },
  });
}

const statusOf = (result: Exclude<SignInResult, { ok: true }>) =>
  result.reason === "address-limited" || result.reason === "account-waiting" ? 429 : 400;

function ssoStartProblem(start: Exclude<SsoStart, { ok: true }>): string {
  switch (start.reason) {
    case "not-configured":
      return "Single sign-on isn't set up here. Sign in with your email and password.";
    case "provider-unreachable":
      return "We can't reach your company's sign-in service right now. Try again in a minute.";
    case "address-limited":
      return `Too many sign-ins were started from your network. Try again in ${minutes(start.retryInMinutes)}.`;
  }
}

function signInProblem(result: Exclude<SignInResult, { ok: true }>): string {
  switch (result.reason) {
    case "invalid":
      return "That email and password don't match. Check them and try again.";
    case "suspended":
      return suspensionMessage(result);
    case "account-waiting":
      return `Too many failed sign-in attempts for this account. Try again in ${minutes(result.retryInMinutes)}, or reset your password to sign in now.`;
    case "address-limited":
      return `Too many failed sign-in attempts from your network. Try again in ${minutes(result.retryInMinutes)}.`;
    case "sso-required":
      return `Staff sign in with ${result.providerName}. Use the button above.`;
  }
}

function suspensionMessage(result: Extract<SignInResult, { reason: "suspended" }>): string {
  const until = result.suspendedUntil
    ? `until ${formatDateTime(result.suspendedUntil)}`
    : "until an admin or moderator lifts it";
  const reason = result.suspensionReason?.trim();
  const because = reason ? ` Reason: ${reason}${/[.!?]$/.test(reason) ? "" : "."}` : "";
  return `Your membership is suspended ${until}.${because}`;
}

const minutes = (n: number) => `${n} minute${n === 1 ? "" : "s"}`;

export default function LoginPage() {
  const { sso } = useLoaderData<typeof loader>();
  const answer = useActionAnswer();
  const lastResult = answer?.intent === SSO_INTENT ? undefined : answer?.result;
  const ssoProblem = answer?.intent === SSO_INTENT ? problemsOf(answer) : null;
  const [searchParams] = useSearchParams();
  const isPending = useIsPending();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  const notice = searchParams.get("notice");
  const passwordRef = useRef<HTMLInputElement>(null);
  // A rejected password is cleared (as it would be without JavaScript, where the page reloads).
  useEffect(() => {
    if (lastResult && passwordRef.current) passwordRef.current.value = "";
  }, [lastResult]);

  return (
    <div className="page-narrow">
      <div className="auth-card">
        <h1>Sign in to Vanguard</h1>
        <p className="muted">
          This community is by invitation. Sign in with the email your invitation went to.
        </p>
        {notice === "account-deleted" ? (
          <Alert tone="success">
            Your account is deleted. Thank you for everything you shared here.
          </Alert>
        ) : null}
        {notice === "password-reset" ? (
          <Alert tone="success">Your password was changed. Sign in with your new password.</Alert>
        ) : null}
        {notice === "signed-out" ? <Alert>You are signed out.</Alert> : null}
        {sso ? (
          <>
            {ssoProblem ? <Alert tone="error">{ssoProblem}</Alert> : null}
            <Form method="post" className="form">
              <input type="hidden" name="intent" value={SSO_INTENT} />
              <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
              <Button className="btn-block" pending={isPending} pendingLabel="Opening…">
                Sign in with {sso}
              </Button>
            </Form>
            <p className="auth-divider small muted">or with your email and password</p>
          </>
        ) : null}
        {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <Field id={fields.email.id} label="Email" errors={fields.email.errors}>
            {(aria) => (
              <input
                {...getInputProps(fields.email, { type: "email" })}
                {...aria}
                autoComplete="email"
              />
            )}
          </Field>
          <Field id={fields.password.id} label="Password" errors={fields.password.errors}>
            {(aria) => (
              <input
                {...getInputProps(fields.password, { type: "password" })}
                {...aria}
                ref={passwordRef}
                autoComplete="current-password"
              />
            )}
          </Field>
          <Button
            variant="primary"
            className="btn-block"
            pending={isPending}
            pendingLabel="Signing in…"
          >
            Sign in
          </Button>
        </Form>
        <p className="small auth-links">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign in · Vanguard" }];
