import { z } from "zod";
import { DisplayNameSchema, EmailSchema, HandleSchema } from "./common";

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "Enter your password." }).max(256, "That password is too long."),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

/**
 * The profile part of accepting an invitation. The password part (NewPasswordWithConfirmationSchema)
 * is checked on the server only: its list of common passwords is 500 KB.
 */
export const AcceptInvitationSchema = z.object({
  displayName: DisplayNameSchema,
  handle: HandleSchema,
  password: z.string().optional(),
  confirmPassword: z.string().optional(),
});
