import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { Refusal, type RefusalStatus } from "~/models/refusal.server";
import type { ActionAnswer } from "./action-answer";

/** What `answer` needs of a form submission (conform's, whatever its schema). */
type Replying = {
  payload: Record<string, unknown>;
  reply(options?: {
    resetForm?: boolean;
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
    hideFields?: string[];
  }): SubmissionResult<string[]>;
};

type Outcome<Details> = {
  /** What was done, in words for the person; null when nothing needs saying. */
  done?: string | null;
  details?: Details;
  status?: number;
  headers?: HeadersInit;
  /** Empty the form after success (the default when something was done). */
  resetForm?: boolean;
  /** Fields never echoed back (passwords). */
  hideFields?: string[];
};

function intentOf(submission: Replying): string | null {
  const intent = submission.payload.intent;
  return typeof intent === "string" ? intent : null;
}

/**
 * The one shape every action answers with (read by `useActionAnswer`): which form it is about,
 * conform's result (the input kept, errors by field), and what was done.
 */
export function answer<Details = never>(submission: Replying, outcome: Outcome<Details> = {}) {
  const { done = null, details, status = 200, headers, hideFields } = outcome;
  const resetForm = outcome.resetForm ?? (status < 400 && done !== null);
  const result = resetForm ? submission.reply({ resetForm }) : submission.reply({ hideFields });
  const body: ActionAnswer<Details> = { intent: intentOf(submission), result, done, details };
  return data(body, { status, headers });
}

/** A form that failed its schema: every field's problem, the input kept. */
export function invalid(submission: Replying, hideFields?: string[]) {
  return answer(submission, { status: 400, hideFields });
}

/** A refusal shown on the form: on its field when it names one, otherwise above the form. */
export function refused(
  submission: Replying,
  problem: { message: string; status: RefusalStatus | number; field?: string },
  hideFields?: string[],
) {
  const { message, status, field } = problem;
  const result = submission.reply(
    field
      ? { fieldErrors: { [field]: [message] }, hideFields }
      : { formErrors: [message], hideFields },
  );
  const body: ActionAnswer<never> = { intent: intentOf(submission), result, done: null };
  return data(body, { status });
}

/**
 * Runs an action's domain work and answers for it: what it did, or the refusal it met (a
 * `Refusal` from any model) on the form, with what was typed kept. Anything else is a bug and
 * goes on to the error page.
 */
export async function answerWork<Details = never>(
  submission: Replying,
  work: () => Promise<string | null | Outcome<Details>>,
  options: {
    hideFields?: string[];
    /** The field a refusal that names none is shown on (a reply's body), else above the form. */
    field?: string;
  } = {},
) {
  const { hideFields, field } = options;
  try {
    const outcome = await work();
    return answer<Details>(
      submission,
      typeof outcome === "string" || outcome === null
        ? { done: outcome, hideFields, resetForm: true }
        : { hideFields, ...outcome },
    );
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const { message, status } = error;
    return refused(submission, { message, status, field: error.field ?? field }, hideFields);
  }
}
