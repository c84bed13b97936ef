import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser, sessionMethodOf } from "~/auth/current-user.server";
import { clientInfoOf } from "~/auth/session.server";
import { NewPasswordFields } from "~/components/new-password-fields";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { problemsOf, useActionAnswer } from "~/utils/action-answer";
import { readFormData } from "~/utils/form.server";
import { notificationKindLabels } from "~/utils/labels";
import { getEmailPreferences } from "~/models/notification-preferences.server";
import { notificationKindsFor } from "~/models/notification-kinds.server";
import { getProfile } from "~/models/profile.server";
import { listMyProfileFields } from "~/models/profile-field.server";
import { invariantResponse } from "~/utils/responses.server";
import { useIsPending } from "~/utils/use-is-pending";
import {
  saveEmailPreferences,
  savePassword,
  saveProfile,
  saveProfileFields,
} from "./__settings-actions.server";
import { changePasswordSchema, ProfileSchema } from "~/validation/settings";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [profile, preferences, profileFields] = await Promise.all([
    getProfile(user, user.handle),
    getEmailPreferences(user.id),
    listMyProfileFields(user),
  ]);
  return {
    displayName: user.displayName,
    bio: profile?.person.bio ?? "",
    showVotes: profile?.person.showVotes ?? false,
    email: user.email,
    preferences,
    profileFields,
    kinds: notificationKindsFor(user),
    passwordChanged: new URL(request.url).searchParams.get("password") === "changed",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const section = formData.get("intent");
  switch (section) {
    case "profile":
      return saveProfile(user, formData);
    case "fields":
      return saveProfileFields(user, formData);
    case "notifications":
      return saveEmailPreferences(user, formData);
    case "password":
      return savePassword(
        user,
        formData,
        clientInfoOf(request, context.clientIp),
        await sessionMethodOf(request),
      );
    default:
      invariantResponse(false, "That form isn't on this page any more. Reload it.", {
        status: 400,
      });
  }
}

export default function SettingsPage() {
  const { passwordChanged } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Settings</h1>
      <ProfileForm />
      <ProfileFieldsForm />
      <EmailPreferencesForm />
      <MyDataPointer />
      {/* A fresh form once the password changed: nothing typed stays in the boxes. */}
      <PasswordForm key={passwordChanged ? "changed" : "form"} />
    </div>
  );
}

function ProfileForm() {
  const { displayName, bio, email, showVotes } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer("profile");
  const [form, fields] = useForm({
    id: "profile",
    lastResult: outcome?.result,
    defaultValue: { displayName, bio, showVotes: showVotes ? "on" : undefined },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  return (
    <section className="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="profile" />
        <Field id={fields.displayName.id} label="Your name" errors={fields.displayName.errors}>
          {(aria) => <input {...getInputProps(fields.displayName, { type: "text" })} {...aria} />}
        </Field>
        <Field
          id={fields.bio.id}
          label="About you"
          hint="Your role and what you work on, shown on your profile to members who can see you."
          errors={fields.bio.errors}
        >
          {(aria) => <textarea {...getTextareaProps(fields.bio)} rows={4} {...aria} />}
        </Field>
        <div className="field">
          <label htmlFor={fields.showVotes.id} className="checkbox">
            <input
              {...getInputProps(fields.showVotes, { type: "checkbox" })}
              aria-describedby={`${fields.showVotes.id}-hint`}
            />
            Show my name on ideas I vote for
          </label>
          <span id={`${fields.showVotes.id}-hint`} className="field-hint">
            Off: members see your vote only in the count. Staff always see who voted.
          </span>
        </div>
        <p className="muted small">Your email, {email}, is never shown to other members.</p>
        <div>
          <Button
            variant="primary"
            pending={useIsPending({ intent: "profile" })}
            pendingLabel="Saving…"
          >
            Save profile
          </Button>
        </div>
      </Form>
    </section>
  );
}

function EmailPreferencesForm() {
  const { preferences, kinds } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer("notifications");
  const [form, fields] = useForm({
    id: "notifications",
    lastResult: outcome?.result,
    defaultValue: preferences,
  });
  return (
    <section className="card" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Email notifications</h2>
      <p className="muted small">
        Everything also appears under the bell. Digests arrive once a day, grouped by space.
      </p>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="notifications" />
        {kinds.map((kind) => (
          <Field
            key={kind}
            id={fields[kind].id}
            label={notificationKindLabels[kind]}
            errors={fields[kind].errors}
          >
            {(aria) => (
              <select name={fields[kind].name} defaultValue={fields[kind].initialValue} {...aria}>
                <option value="immediate">Email me right away</option>
                <option value="digest">Include in the daily digest</option>
                <option value="off">No email</option>
              </select>
            )}
          </Field>
        ))}
        <div>
          <Button
            variant="primary"
            pending={useIsPending({ intent: "notifications" })}
            pendingLabel="Saving…"
          >
            Save email preferences
          </Button>
        </div>
      </Form>
    </section>
  );
}

const visibilityChoices = [
  ["self", "Only me"],
  ["staff", "Me and the company's staff"],
  ["members", "Every member who can see my profile"],
] as const;

/** The community's extra questions: each answered or not, each with its own audience. */
function ProfileFieldsForm() {
  const { profileFields } = useLoaderData<typeof loader>();
  const outcome = useActionAnswer("fields");
  const pending = useIsPending({ intent: "fields" });
  if (profileFields.length === 0) return null;
  const problem = problemsOf(outcome);
  return (
    <section className="card" aria-labelledby="fields-heading" id="fields">
      <h2 id="fields-heading">Questions from the community</h2>
      <p className="muted small">
        Optional questions from the community. Answer the ones you like and choose who sees each of
        your answers; leave one blank to remove it.
      </p>
      {outcome?.done ? <Alert tone="success">{outcome.done}</Alert> : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="fields" />
        {profileFields.map((field) => (
          <fieldset key={field.id} className="field profile-field">
            <legend className="label">
              {field.label}
              {field.retired ? " (no longer asked)" : ""}
            </legend>
            <input type="hidden" name="fieldId" value={field.id} />
            <p className="field-hint" id={`field-${field.id}-purpose`}>
              Why we ask: {field.purpose}
            </p>
            <label className="visually-hidden" htmlFor={`field-${field.id}-value`}>
              Your answer to “{field.label}”
            </label>
            <input
              id={`field-${field.id}-value`}
              name="value"
              type="text"
              maxLength={500}
              defaultValue={field.value ?? ""}
              aria-describedby={`field-${field.id}-purpose`}
            />
            <label htmlFor={`field-${field.id}-visibility`} className="small">
              Who sees your answer to “{field.label}”
            </label>
            <select
              id={`field-${field.id}-visibility`}
              name="visibility"
              defaultValue={field.visibility ?? "self"}
            >
              {visibilityChoices.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </fieldset>
        ))}
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Saving…">
            Save answers
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** Consents (credit on the roadmap among them) live with the rest of the member's data. */
function MyDataPointer() {
  return (
    <section className="card" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">Your data, consents and connections</h2>
      <p>
        See everything held about you, your sessions, and how your words and name may be used
        (quotes, evidence, credit on the roadmap) on <Link to="/me/data">My data</Link>. Tools that
        use the API as you need an <Link to="/settings/tokens">API token</Link>; feed readers need
        your private <Link to="/settings/feeds">feed addresses</Link>.
      </p>
    </section>
  );
}

function PasswordForm() {
  const outcome = useActionAnswer("password");
  const { passwordChanged } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: "password",
    lastResult: outcome?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema() }),
  });
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      {passwordChanged && !outcome ? (
        <Alert tone="success">Password changed. You were signed out everywhere else.</Alert>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="password" />
        <Field
          id={fields.currentPassword.id}
          label="Current password"
          errors={fields.currentPassword.errors}
        >
          {(aria) => (
            <input
              {...getInputProps(fields.currentPassword, { type: "password" })}
              autoComplete="current-password"
              {...aria}
            />
          )}
        </Field>
        <NewPasswordFields
          password={fields.password}
          confirmPassword={fields.confirmPassword}
          label="New password"
        />
        <div>
          <Button
            variant="primary"
            pending={useIsPending({ intent: "password" })}
            pendingLabel="Changing…"
          >
            Change password
          </Button>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Settings · Vanguard" }];
