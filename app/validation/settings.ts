import { z } from "zod";
import { EMAIL_MODES, NOTIFICATION_KINDS } from "#db/schema/values";
import { PasswordLengthSchema, passwordPairSchema } from "./auth";
import { DisplayNameSchema, storableString } from "./common";

export const BIO_MAX = 1000;

export const ProfileSchema = z.object({
  displayName: DisplayNameSchema,
  bio: storableString()
    .trim()
    .max(BIO_MAX, `Use at most ${BIO_MAX.toLocaleString("en-US")} characters.`)
    .default(""),
  // A checkbox: present ("on") when ticked.
  showVotes: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
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
