import { z } from "zod";

export const EmailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .max(254, "Email addresses are at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((email) => email.toLowerCase());

export const DisplayNameSchema = z
  .string({ error: "Enter your name as others should see it." })
  .trim()
  .min(1, "Enter your name as others should see it.")
  .max(80, "Use at most 80 characters.");

export const HandleSchema = z
  .string({ error: "Choose a handle." })
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(30, "Use at most 30 characters.")
  .regex(/^[a-zA-Z0-9_-]+$/, "Use only letters, digits, dashes and underscores.");

export const RoleSchema = z.enum(["member", "moderator", "staff", "admin"], {
  error: "Choose a role.",
});

export const PageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);
