// The settings page's forms, one function each: parse, call the model, answer.
import type { SignInMethod } from "#db/schema";
import { redirect } from "@remix-run/node";
import { NewPasswordSchema } from "~/auth/password.server";
import { type Viewer } from "~/auth/policy.server";
import { type ClientInfo } from "~/auth/session.server";
import { answer, answerWork, invalid, refused } from "~/utils/action-answer.server";
import { parseKnownFields } from "~/utils/form.server";
import { setEmailPreferences } from "~/models/notification-preferences.server";
import { notificationKindsFor } from "~/models/notification-kinds.server";
import { changePassword, updateProfile } from "~/models/profile.server";
import { saveMyProfileFields } from "~/models/profile-field.server";
import {
  changePasswordSchema,
  EmailPreferencesSchema,
  ProfileFieldsSchema,
  ProfileSchema,
} from "~/validation/settings";

export async function saveProfileFields(user: Viewer, formData: FormData) {
  const submission = parseKnownFields(formData, ProfileFieldsSchema);
  if (submission.status !== "success") return invalid(submission);
  const { fieldId, value, visibility } = submission.value;
  return answerWork(submission, async () => {
    await saveMyProfileFields(
      user,
      fieldId.map((id, index) => ({
        fieldId: id,
        value: value[index],
        visibility: visibility[index],
      })),
    );
    return { done: "Saved. Each answer shows only to whom you chose.", resetForm: false };
  });
}

export async function saveProfile(user: Viewer, formData: FormData) {
  const submission = parseKnownFields(formData, ProfileSchema);
  if (submission.status !== "success") {
    return invalid(submission);
  }
  await updateProfile(user.id, submission.value);
  return answer(submission, { done: "Profile saved.", resetForm: false });
}

export async function saveEmailPreferences(user: Viewer, formData: FormData) {
  const submission = parseKnownFields(formData, EmailPreferencesSchema);
  if (submission.status !== "success") {
    return invalid(submission);
  }
  const offered = new Set(notificationKindsFor(user));
  await setEmailPreferences(
    user.id,
    Object.fromEntries(
      Object.entries(submission.value).filter(([kind]) => offered.has(kind as never)),
    ),
  );
  return answer(submission, { done: "Email preferences saved.", resetForm: false });
}

export async function savePassword(
  user: Viewer,
  formData: FormData,
  client: ClientInfo,
  method: SignInMethod,
) {
  const submission = parseKnownFields(formData, changePasswordSchema(NewPasswordSchema));
  const hideFields = ["currentPassword", "password", "confirmPassword"];
  if (submission.status !== "success") {
    return invalid(submission, hideFields);
  }
  const changed = await changePassword(
    user.id,
    submission.value.currentPassword,
    submission.value.password,
    client,
    method,
  );
  if (!changed.ok) {
    const wait = changed.reason === "waiting" ? changed.retryInMinutes : 0;
    const message =
      changed.reason === "waiting"
        ? `Too many wrong passwords. Try again in ${wait} minute${wait === 1 ? "" : "s"}, or sign out and reset your password by email.`
        : "That isn't your current password.";
    const status = changed.reason === "waiting" ? 429 : 400;
    return refused(submission, { message, status, field: "currentPassword" }, hideFields);
  }
  // Every session ended, this one included: the new cookie must reach the browser before any
  // page data is read again, so the answer is a redirect carrying it (without JavaScript the
  // page after a plain POST would otherwise be read with the old, ended session).
  throw redirect("/settings?password=changed#password", {
    headers: { "Set-Cookie": changed.cookie },
  });
}
