import { z } from "zod";
import { EMAIL_MODES, FIELD_VISIBILITIES, NOTIFICATION_KINDS } from "#db/schema/values";
import { PasswordLengthSchema, passwordPairSchema } from "./auth";
import { CheckboxSchema, DisplayNameSchema, storableString } from "./common";

export const BIO_MAX = 1000;

export const ProfileSchema = z.object({
  displayName: DisplayNameSchema,
  bio: storableString()
    .trim()
    .max(BIO_MAX, `Use at most ${BIO_MAX.toLocaleString("en-US")} characters.`)
    .default(""),
  showVotes: CheckboxSchema,
});

const EmailModeSchema = z.enum(EMAIL_MODES, {
  error: "Choose how this kind of notification reaches you.",
});
/** A choice for each kind that can reach the person; a kind they are not offered is left alone. */
export const EmailPreferencesSchema = z.object(
  Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, EmailModeSchema.optional()]),
  ) as Record<(typeof NOTIFICATION_KINDS)[number], z.ZodOptional<typeof EmailModeSchema>>,
);

/** Changing the password, as the browser checks it; the server adds the common-password check. */
export function changePasswordSchema(newPassword: z.ZodType<string> = PasswordLengthSchema) {
  return z
    .object({ currentPassword: z.string({ error: "Enter your current password." }) })
    .and(passwordPairSchema(newPassword));
}

/**
 * A member's answers to the profile questions, as parallel lists (one entry per question on the
 * form): a blank answer removes theirs. Field names stay fixed, whatever questions exist.
 */
export const ProfileFieldsSchema = z
  .object({
    intent: z.literal("fields"),
    fieldId: z.array(z.uuid({ error: "Reload the page: a question changed." })).max(100),
    value: z
      .array(
        storableString()
          .max(500, "Use at most 500 characters.")
          .optional()
          .transform((value) => value ?? ""),
      )
      .max(100),
    visibility: z.array(z.enum(FIELD_VISIBILITIES, { error: "Choose who sees it." })).max(100),
  })
  .refine(
    (form) =>
      form.fieldId.length === form.value.length && form.value.length === form.visibility.length,
    {
      message: "Reload the page: the form was incomplete.",
      path: ["fieldId"],
    },
  );
