import { Button } from "./button";

/**
 * A two-step submit: the first press asks the question, the second does it. Works without
 * JavaScript too: the question is a <details> disclosure holding the real submit button.
 */
export function ConfirmButton({
  label,
  question,
  danger,
  pending,
}: {
  label: string;
  question: string;
  danger?: boolean;
  pending: boolean;
}) {
  return (
    <details className="inline-action">
      <summary className={danger ? "btn btn-danger" : "btn"}>{label}…</summary>
      <div className="alert alert-info" role="group" aria-label="Confirm">
        <p>{question}</p>
        <Button variant={danger ? "danger" : "primary"} pending={pending} pendingLabel="Saving…">
          Yes, {label.charAt(0).toLowerCase() + label.slice(1)}
        </Button>
      </div>
    </details>
  );
}
