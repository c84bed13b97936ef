import { z } from "zod";
import { USER_ROLES, UUID_PATTERN } from "#db/schema/values";
import { HANDLE_CHARACTERS, HANDLE_MAX, HANDLE_MIN } from "~/editor/policy";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "~/utils/storable-text";

/**
 * The start of every free-text field: a NUL byte or half an emoji gets a message next to the
 * field instead of a database error.
 */
export const storableString = (params?: { error: string }) =>
  z.string(params).refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE, abort: true });

export const EmailSchema = storableString({ error: "Enter an email address." })
  .trim()
  .max(254, "Email addresses are at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((email) => email.toLowerCase());

export const DisplayNameSchema = storableString({
  error: "Enter your name as others should see it.",
})
  .trim()
  .min(1, "Enter your name as others should see it.")
  .max(80, "Use at most 80 characters.");

export const HandleSchema = storableString({ error: "Choose a handle." })
  .trim()
  .min(HANDLE_MIN, `Use at least ${HANDLE_MIN} characters.`)
  .max(HANDLE_MAX, `Use at most ${HANDLE_MAX} characters.`)
  .regex(
    new RegExp(`^${HANDLE_CHARACTERS}+$`),
    "Use only letters, digits, dashes and underscores.",
  );

/** A checkbox: present ("on") when ticked, absent otherwise. */
export const CheckboxSchema = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");

export const RoleSchema = z.enum(USER_ROLES, {
  error: "Choose a role.",
});

export const PageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

/**
 * Options for a rule across fields (`.refine` on an object). Zod skips such rules while any
 * field has an error; this one runs as soon as the fields it reads are valid, so a form reports
 * every problem in one round instead of revealing them one submission at a time.
 */
export function crossFieldRule(options: { path: string; reads: string[]; message: string }) {
  return {
    message: options.message,
    path: [options.path],
    when: (payload: { issues: ReadonlyArray<{ path?: ReadonlyArray<PropertyKey> }> }) =>
      !payload.issues.some((issue) => options.reads.includes(String(issue.path?.[0]))),
  };
}

const UUID_IN_TEXT = new RegExp(UUID_PATTERN, "i");

/** A thread named by its pasted address (…/t/<id>) or its bare id; `what` names it in messages. */
export function ThreadAddressSchema(what: string) {
  return z
    .string({ error: `Paste the address of the ${what} to merge into.` })
    .trim()
    .max(500, `Paste just the ${what}'s address.`)
    .transform((text) => UUID_IN_TEXT.exec(text)?.[0] ?? "")
    .pipe(z.uuid(`Paste the address of the ${what} to merge into, like …/t/1234…`));
}
