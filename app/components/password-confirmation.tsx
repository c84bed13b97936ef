import type { InputHTMLAttributes } from "react";
import { Field } from "~/components/ui/field";

/**
 * The password asked again before something that acts as the person (a token, deleting the
 * account). A sign-in through the company's identity provider minutes ago stands in for it, since
 * such people may have no password here; the server decides which, this only mirrors it.
 */
export function PasswordConfirmation({
  confirmedBySso,
  id,
  label,
  hint,
  errors,
  input,
}: {
  confirmedBySso: boolean;
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  /** The input's name and constraints (conform's `getInputProps`, or plain attributes). */
  input: InputHTMLAttributes<HTMLInputElement>;
}) {
  if (confirmedBySso) {
    return (
      <p className="small">
        You signed in through your company&apos;s identity provider minutes ago: that confirms
        it&apos;s you, so no password is asked.
      </p>
    );
  }
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      {(aria) => <input {...input} type="password" autoComplete="current-password" {...aria} />}
    </Field>
  );
}
