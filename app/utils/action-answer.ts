import type { SubmissionResult } from "@conform-to/react";
import { useActionData } from "@remix-run/react";

/** What every action answers (made by `answer` in action-answer.server.ts). */
export type ActionAnswer<Details = never> = {
  /** The form it is about (its `intent` field), when the page has several. */
  intent: string | null;
  /** conform's result: the input kept and the errors by field, for `useForm({ lastResult })`. */
  result: SubmissionResult<string[]>;
  /** What was done, in words, when it worked. */
  done: string | null;
  details?: Details;
};

/**
 * The action's answer, when it is about this form (`intent`) or the page has one form. The one way
 * a page reads what its action said.
 */
export function useActionAnswer<Details = never>(intent?: string) {
  const answer = useActionData() as ActionAnswer<Details> | undefined;
  if (!answer || typeof answer !== "object" || !("result" in answer)) return undefined;
  if (intent !== undefined && answer.intent !== intent) return undefined;
  return answer;
}

/** Every problem an answer reports, in words, for a page that shows them in one place. */
export function problemsOf(answer: ActionAnswer<unknown> | undefined): string | null {
  const errors = answer?.result.error;
  if (!errors) return null;
  const words = Object.values(errors).flatMap((messages) => messages ?? []);
  return words.length > 0 ? words.join(" ") : null;
}
