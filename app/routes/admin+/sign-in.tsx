import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission, sessionMethodOf } from "~/auth/current-user.server";
import { ssoCallbackUrl, ssoSetup } from "~/auth/sso-provider.server";
import {
  getSsoSettings,
  listCompanySignIns,
  updateSsoSettings,
  type SsoSettings,
} from "~/auth/sso-settings.server";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";
import { SsoSettingsSchema } from "~/validation/sso";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:settings:any");
  const [settings, people, method] = await Promise.all([
    getSsoSettings(),
    listCompanySignIns(admin),
    sessionMethodOf(request),
  ]);
  const setup = ssoSetup();
  return {
    provider: setup ? { name: setup.name, issuer: setup.issuer.href } : null,
    callbackUrl: ssoCallbackUrl(),
    settings,
    people,
    signedInWithSso: method === "sso",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUserWithPermission(request, "manage:settings:any");
  const submission = await parseSubmission(request, SsoSettingsSchema);
  if (submission.status !== "success") return invalid(submission);
  return answerWork(submission, async () => {
    await updateSsoSettings(admin, await sessionMethodOf(request), submission.value);
    return { done: "Sign-in settings saved.", resetForm: false };
  });
}

export default function SignInSettingsPage() {
  const { provider, callbackUrl } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Sign-in</h1>
          <p>
            How people sign in: with their email and password, or through your company&apos;s
            identity provider (single sign-on with OpenID Connect).
          </p>
        </div>
      </div>
      <section className="card stack" aria-labelledby="provider-heading">
        <h2 id="provider-heading">Identity provider</h2>
        {provider ? (
          <p>
            Single sign-on is set up with <strong>{provider.name}</strong> (issuer{" "}
            <code>{provider.issuer}</code>).
          </p>
        ) : (
          <p>
            Single sign-on is not set up. The server&apos;s operator sets <code>OIDC_ISSUER</code>,{" "}
            <code>OIDC_CLIENT_ID</code>, <code>OIDC_CLIENT_SECRET</code> and <code>OIDC_NAME</code>{" "}
            (what the sign-in button calls it), then restarts the app.
          </p>
        )}
        <p className="small">
          Register this redirect URI with the provider: <code>{callbackUrl}</code>
        </p>
      </section>
      {provider ? <SsoSettingsForm providerName={provider.name} /> : null}
      {provider ? <CompanyPeople providerName={provider.name} /> : null}
    </div>
  );
}

function SsoSettingsForm({ providerName }: { providerName: string }) {
  const { settings, signedInWithSso } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer();
  const [form, fields] = useForm({
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    defaultValue: checkboxValues(settings),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SsoSettingsSchema }),
  });
  return (
    <section className="card stack" aria-labelledby="who-heading">
      <h2 id="who-heading">Who signs in with {providerName}</h2>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <div className="field">
          <label htmlFor={fields.staffSsoRequired.id} className="checkbox">
            <input
              {...getInputProps(fields.staffSsoRequired, { type: "checkbox" })}
              aria-describedby={`${fields.staffSsoRequired.id}-hint ${fields.staffSsoRequired.errorId}`}
            />
            Staff and admins must sign in with {providerName}
          </label>
          <span id={`${fields.staffSsoRequired.id}-hint`} className="field-hint">
            Their passwords stop working and their password sessions end. To turn this on, sign in
            with {providerName} yourself first
            {signedInWithSso ? " (you did)" : " (you signed in with a password)"}. If the provider
            breaks, the operator removes <code>OIDC_ISSUER</code> and passwords work again.
          </span>
          {fields.staffSsoRequired.errors ? (
            <span id={fields.staffSsoRequired.errorId} className="field-error">
              {fields.staffSsoRequired.errors.join(" ")}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={fields.memberSsoAllowed.id} className="checkbox">
            <input
              {...getInputProps(fields.memberSsoAllowed, { type: "checkbox" })}
              aria-describedby={`${fields.memberSsoAllowed.id}-hint`}
            />
            Members may sign in with {providerName} too
          </label>
          <span id={`${fields.memberSsoAllowed.id}-hint`} className="field-hint">
            For members who use your product&apos;s sign-in. They are matched to a member or an open
            invitation by their verified email; nobody without one gets in. Their passwords keep
            working.
          </span>
        </div>
        <div>
          <Button variant="primary" pending={useIsPending()} pendingLabel="Saving…">
            Save sign-in settings
          </Button>
        </div>
      </Form>
    </section>
  );
}

const checkboxValues = (settings: SsoSettings) => ({
  staffSsoRequired: settings.staffSsoRequired ? "on" : undefined,
  memberSsoAllowed: settings.memberSsoAllowed ? "on" : undefined,
});

function CompanyPeople({ providerName }: { providerName: string }) {
  const { people } = useLoaderData<typeof loader>();
  return (
    <section className="card stack" aria-labelledby="people-heading">
      <h2 id="people-heading">Staff and admins</h2>
      <p className="muted small">
        Who has signed in with {providerName} already: those who haven&apos;t will need to before
        you require it.
      </p>
      <TableScroll label="Staff and admins and their sign-in">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Last signed in with {providerName}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <td>{person.displayName}</td>
                <td>{person.role === "admin" ? "Admin" : "Staff"}</td>
                <td>{person.lastSsoAt ? <RelativeTime date={person.lastSsoAt} /> : "Never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Sign-in · Admin · Vanguard" }];
