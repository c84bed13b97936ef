import { getInputProps } from "@conform-to/react";
import { Field } from "./ui/field";

type ConformField = Parameters<typeof getInputProps>[0];

/** A new password typed twice, as on the invitation and reset forms. */
export function NewPasswordFields({
  password,
  confirmPassword,
  label,
}: {
  password: ConformField;
  confirmPassword: ConformField;
  /** "Password" or "New password"; the second field is labelled "Confirm <label, lower-cased>". */
  label: string;
}) {
  return (
    <>
      <Field
        id={password.id}
        label={label}
        hint="At least 10 characters; avoid common passwords."
        errors={password.errors}
      >
        {(aria) => (
          <input
            {...getInputProps(password, { type: "password" })}
            {...aria}
            autoComplete="new-password"
          />
        )}
      </Field>
      <Field
        id={confirmPassword.id}
        label={`Confirm ${label.toLowerCase()}`}
        errors={confirmPassword.errors}
      >
        {(aria) => (
          <input
            {...getInputProps(confirmPassword, { type: "password" })}
            {...aria}
            autoComplete="new-password"
          />
        )}
      </Field>
    </>
  );
}
