import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { NewPasswordWithConfirmationSchema } from "~/auth/password.server";
import { requireUser } from "~/auth/policy.server";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { getEmailPreferences, setEmailPreferences } from "~/models/notification.server";
import { changePassword, getProfile, updateProfile } from "~/models/profile.server";
import { notificationKinds } from "~/utils/notification-kinds";
import { DisplayNameSchema, storableString } from "~/validation/common";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [profile, preferences] = await Promise.all([
    getProfile(user, user.handle),
    getEmailPreferences(user.id),
  ]);
  return {
    displayName: user.displayName,
    bio: profile?.person.bio ?? "",
    email: user.email,
    preferences,
  };
}

const ProfileSchema = z.object({
  intent: z.literal("profile"),
  displayName: DisplayNameSchema,
  bio: storableString().trim().max(1000, "Use at most 1,000 characters.").default(""),
});
const EmailMode = z.enum(["immediate", "digest", "off"]);
const PreferencesSchema = z.object({
  intent: z.literal("notifications"),
  mention: EmailMode,
  reply: EmailMode,
  watched_thread: EmailMode,
  watched_space: EmailMode,
});

type Result = {
  section: string;
  errors: Record<string, string[] | null>;
  saved: string | null;
  values?: Record<string, unknown>;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "profile") {
    const submission = parseWithZod(formData, { schema: ProfileSchema });
    if (submission.status !== "success") {
      return data<Result>(
        {
          section: "profile",
          errors: submission.reply().error ?? {},
          saved: null,
          values: Object.fromEntries(formData),
        },
        { status: 400 },
      );
    }
    await updateProfile(user.id, {
      displayName: submission.value.displayName,
      bio: submission.value.bio,
    });
    return data<Result>({ section: "profile", errors: {}, saved: "Profile saved." });
  }
  if (intent === "notifications") {
    const parsed = PreferencesSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success)
      return data<Result>(
        {
          section: "notifications",
          errors: { "": ["Choose an option for each kind."] },
          saved: null,
        },
        { status: 400 },
      );
    const { intent: _intent, ...preferences } = parsed.data;
    await setEmailPreferences(user.id, preferences);
    return data<Result>({
      section: "notifications",
      errors: {},
      saved: "Email preferences saved.",
    });
  }
  if (intent === "password") {
    const submission = parseWithZod(formData, {
      schema: z
        .object({ currentPassword: z.string({ error: "Enter your current password." }) })
        .and(NewPasswordWithConfirmationSchema),
    });
    if (submission.status !== "success") {
      return data<Result>(
        { section: "password", errors: submission.reply().error ?? {}, saved: null },
        { status: 400 },
      );
    }
    const changed = await changePassword(
      user.id,
      submission.value.currentPassword,
      submission.value.password,
    );
    if (!changed.ok) {
      const wait = changed.reason === "waiting" ? changed.retryInMinutes : 0;
      return data<Result>(
        {
          section: "password",
          errors: {
            currentPassword: [
              changed.reason === "waiting"
                ? `Too many wrong passwords. Try again in ${wait} minute${wait === 1 ? "" : "s"}, or sign out and reset your password by email.`
                : "That isn't your current password.",
            ],
          },
          saved: null,
        },
        { status: changed.reason === "waiting" ? 429 : 400 },
      );
    }
    return data<Result>(
      {
        section: "password",
        errors: {},
        saved: "Password changed. You were signed out everywhere else.",
      },
      { headers: { "Set-Cookie": changed.cookie } },
    );
  }
  return data<Result>(
    { section: "", errors: { "": ["Unknown action."] }, saved: null },
    { status: 400 },
  );
}

const kindLabels = {
  mention: "Someone mentions you",
  reply: "Someone replies to your post",
  watched_thread: "New replies in threads you watch",
  watched_space: "New threads in spaces you watch",
} as const;

export default function SettingsPage() {
  const { displayName, bio, email, preferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const pending = (section: string) =>
    navigation.state === "submitting" && navigation.formData?.get("intent") === section;
  const errorsFor = (section: string, field: string) =>
    result?.section === section ? (result.errors[field] ?? undefined) : undefined;
  const savedIn = (section: string) => (result?.section === section ? result.saved : null);
  const typed = result?.section === "profile" ? result.values : undefined;
  return (
    <div className="page">
      <h1>Settings</h1>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        {savedIn("profile") ? <Alert tone="success">{savedIn("profile")}</Alert> : null}
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="profile" />
          <Field id="displayName" label="Your name" errors={errorsFor("profile", "displayName")}>
            {(aria) => (
              <input
                name="displayName"
                type="text"
                defaultValue={String(typed?.displayName ?? displayName)}
                {...aria}
              />
            )}
          </Field>
          <Field
            id="bio"
            label="About you"
            hint="Shown on your profile to members who can see you."
            errors={errorsFor("profile", "bio")}
          >
            {(aria) => (
              <textarea name="bio" rows={4} defaultValue={String(typed?.bio ?? bio)} {...aria} />
            )}
          </Field>
          <p className="muted small">Your email, {email}, is never shown to other members.</p>
          <div>
            <Button variant="primary" pending={pending("profile")} pendingLabel="Saving…">
              Save profile
            </Button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">Email notifications</h2>
        <p className="muted small">
          Everything also appears under the bell. Digests arrive once a day, grouped by space.
        </p>
        {savedIn("notifications") ? <Alert tone="success">{savedIn("notifications")}</Alert> : null}
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="notifications" />
          {notificationKinds.map((kind) => (
            <div className="field" key={kind}>
              <label htmlFor={`pref-${kind}`}>{kindLabels[kind]}</label>
              <select id={`pref-${kind}`} name={kind} defaultValue={preferences[kind]}>
                <option value="immediate">Email me right away</option>
                <option value="digest">Include in the daily digest</option>
                <option value="off">No email</option>
              </select>
            </div>
          ))}
          <div>
            <Button variant="primary" pending={pending("notifications")} pendingLabel="Saving…">
              Save email preferences
            </Button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        {savedIn("password") ? <Alert tone="success">{savedIn("password")}</Alert> : null}
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="password" />
          <Field
            id="currentPassword"
            label="Current password"
            errors={errorsFor("password", "currentPassword")}
          >
            {(aria) => (
              <input
                name="currentPassword"
                type="password"
                autoComplete="current-password"
                {...aria}
              />
            )}
          </Field>
          <Field
            id="password"
            label="New password"
            hint="At least 10 characters; avoid common passwords."
            errors={errorsFor("password", "password")}
          >
            {(aria) => (
              <input name="password" type="password" autoComplete="new-password" {...aria} />
            )}
          </Field>
          <Field
            id="confirmPassword"
            label="Confirm new password"
            errors={errorsFor("password", "confirmPassword")}
          >
            {(aria) => (
              <input name="confirmPassword" type="password" autoComplete="new-password" {...aria} />
            )}
          </Field>
          <div>
            <Button variant="primary" pending={pending("password")} pendingLabel="Changing…">
              Change password
            </Button>
          </div>
        </Form>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Settings · Vanguard" }];
