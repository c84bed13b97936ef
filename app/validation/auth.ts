import { z } from "zod";
import { crossFieldRule, DisplayNameSchema, EmailSchema, HandleSchema } from "./common";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/**
 * A new password's length. The server adds a check against the most common passwords
 * (password.server.ts), whose list is too large to send to browsers.
 */
export const PasswordLengthSchema = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

/** A new password typed twice, as on the reset, invitation and settings forms. */
export function passwordPairSchema(password: z.ZodType<string>) {
  return z
    .object({
      password,
      confirmPassword: z.string({ error: "Type the password again." }),
    })
    .refine(
      (value) => value.password === value.confirmPassword,
      crossFieldRule({
        path: "confirmPassword",
        reads: ["confirmPassword"],
        message: "The two passwords don't match.",
      }),
    );
}

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "Enter your password." }).max(256, "That password is too long."),
  redirectTo: z.string().optional(),
});

/** The sign-in page's other form: off to the company's identity provider. */
export const SSO_INTENT = "sso";
export const SsoStartSchema = z.object({
  intent: z.literal(SSO_INTENT),
  redirectTo: z.string().max(2000).optional(),
});

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

/** Accepting an invitation, as the browser checks it; the server checks the password further. */
export const AcceptInvitationSchema = z
  .object({ displayName: DisplayNameSchema, handle: HandleSchema })
  .and(passwordPairSchema(PasswordLengthSchema));
