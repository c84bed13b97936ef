/** The statuses a refusal may carry: what the person asked can't be done, and why. */
export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 422 | 429;

/**
 * The one way a domain function says no: the words the person reads, the status the answer
 * carries and, when the problem is one field of a form, that field. Routes never build their own
 * refusals from it: `answerWork` (app/utils/action-answer.server.ts) turns it into the form's
 * answer, keeping what was typed, and a loader's is shown by the error page.
 */
export class Refusal extends Error {
  override readonly name = "Refusal";
  // Shaped as Remix's `data(…, init)`, so a refusal no action caught (one from a loader) becomes
  // an error page with its words and status, exactly as `invariantResponse` does, never a 500.
  readonly type = "DataWithResponseInit";
  readonly data: { message: string };
  readonly init: { status: RefusalStatus };
  constructor(
    message: string,
    readonly status: RefusalStatus = 409,
    readonly field?: string,
  ) {
    super(message);
    this.data = { message };
    this.init = { status };
  }
}

/** The words for a role without the permission a model asks, as the routes' 403 page says them. */
export const NOT_YOUR_ROLE =
  "Your role doesn't include this page or action. If you think it should, ask an admin.";

/** A policy decision made binding: refused decisions throw their own words and status. */
export function requireAllowed(
  decision: { ok: true } | { ok: false; message: string; status: RefusalStatus },
): void {
  if (!decision.ok) throw new Refusal(decision.message, decision.status);
}
