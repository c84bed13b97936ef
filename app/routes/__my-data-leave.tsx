import { Form } from "@remix-run/react";
import { DeleteAccountFields } from "~/components/delete-account-fields";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { useActionAnswer } from "~/utils/action-answer";
import { useIsPending } from "~/utils/use-is-pending";

/**
 * Leaving: the person deletes their own account, confirming with their password, or with the
 * sign-in through their company's identity provider they made minutes ago.
 */
export function LeaveSection({ confirmedBySso }: { confirmedBySso: boolean }) {
  const outcome = useActionAnswer("delete-account");
  const pending = useIsPending({ intent: "delete-account" });
  const errors = outcome?.result.error ?? {};
  const passwordError = errors.password?.join(" ");
  const formError = errors[""]?.join(" ");
  return (
    <section className="card" aria-labelledby="leave">
      <h2 id="leave">Delete your account</h2>
      <p className="small">
        Your profile, email address, answers, consents, sessions, drafts, bookmarks and
        notifications are erased, and nobody can sign in as you again. Your votes and endorsements
        keep counting, without your name. This can't be undone: take a copy of your data first if
        you want one.
      </p>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="delete-account" />
        <DeleteAccountFields idPrefix="leave" whose="your" />
        {confirmedBySso ? (
          <p className="small">
            You signed in through your company&apos;s identity provider minutes ago: that confirms
            it&apos;s you.
          </p>
        ) : (
          <div className="field">
            <label htmlFor="leave-password">Your password, to confirm</label>
            <input
              id="leave-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={passwordError ? true : undefined}
              aria-describedby={passwordError ? "leave-password-error" : undefined}
            />
            {passwordError ? (
              <span className="field-error" id="leave-password-error">
                {passwordError}
              </span>
            ) : null}
          </div>
        )}
        <div>
          <Button variant="danger" pending={pending} pendingLabel="Deleting…">
            Delete my account
          </Button>
        </div>
      </Form>
    </section>
  );
}
