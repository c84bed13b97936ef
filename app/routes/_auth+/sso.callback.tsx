import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { clientInfoOf } from "~/auth/session.server";
import { finishSsoSignIn, type SsoFinish } from "~/auth/sso.server";
import { Alert } from "~/components/ui/alert";
import { formatDateTime } from "~/utils/format";
import { safeRedirectPath } from "~/utils/redirect";

// Where the company's identity provider sends people back after they sign in there.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const outcome = await finishSsoSignIn(request, clientInfoOf(request, context.clientIp));
  const headers = new Headers({ "Set-Cookie": outcome.setCookie });
  if (outcome.ok) {
    headers.append("Set-Cookie", outcome.sessionCookie);
    throw redirect(safeRedirectPath(outcome.redirectTo), { headers });
  }
  return data(
    { problem: problemOf(outcome) },
    { status: outcome.reason === "not-configured" ? 404 : 403, headers },
  );
}

function problemOf(outcome: Exclude<SsoFinish, { ok: true }>): string {
  switch (outcome.reason) {
    case "not-configured":
      return "Single sign-on isn't set up here. Sign in with your email and password.";
    case "expired":
      return "This sign-in has expired or was already used. Start again from the sign-in page.";
    case "provider-refused":
      return "Your company's sign-in service didn't confirm who you are. Start again, and if it keeps happening, ask an admin.";
    case "unverified-email":
      return "Your company's sign-in service hasn't verified your email address, so we can't tell which member you are. Ask your IT team to verify it, or sign in with your email and password.";
    case "no-invitation":
      return "There's no member or invitation here for your email. This community is by invitation: ask a member of staff to invite you.";
    case "members-not-allowed":
      return "Single sign-on is for staff here. Sign in with your email and password.";
    case "other-person":
      return "We can't sign you in with this identity. Ask an admin of this community.";
    case "suspended":
      return `Your membership is suspended ${outcome.suspendedUntil ? `until ${formatDateTime(outcome.suspendedUntil)}` : "until an admin or moderator lifts it"}.`;
  }
}

export default function SsoCallbackPage() {
  const { problem } = useLoaderData<typeof loader>();
  return (
    <div className="page-narrow">
      <div className="auth-card">
        <h1>We couldn't sign you in</h1>
        <Alert tone="error">{problem}</Alert>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign-in didn't work · Vanguard" }];
