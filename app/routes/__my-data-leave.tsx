import { Form } from "@remix-run/react";
import { DeleteAccountFields } from "~/components/delete-account-fields";
import { PasswordConfirmation } from "~/components/password-confirmation";
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
        <PasswordConfirmation
          confirmedBySso={confirmedBySso}
          id="leave-password"
          label="Your password, to confirm"
          errors={passwordError ? [passwordError] : undefined}
          input={{ name: "password", required: true }}
        />
        <div>
          <Button variant="danger" pending={pending} pendingLabel="Deleting…">
            Delete my account
          </Button>
        </div>
      </Form>
    </section>
  );
}
