import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { WATCHED_WORD_ACTIONS } from "#db/schema/values";
import { can } from "~/auth/policy.server";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { getFlagsToHide, setFlagsToHide } from "~/models/flag.server";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { RelativeTime } from "~/components/ui/relative-time";
import { addWatchedWord, listWatchedWords, removeWatchedWord } from "~/models/watched-word.server";
import { useActionAnswer } from "~/utils/action-answer";
import { answerWork, invalid } from "~/utils/action-answer.server";
import { parseSubmission } from "~/utils/form.server";
import { useIsPending } from "~/utils/use-is-pending";
import {
  MAX_WATCHED_WORDS,
  WATCHED_PHRASE_MAX_CHARACTERS,
  WATCHED_PHRASE_MAX_WORDS,
  type WatchedWordAction,
} from "~/utils/watched-words";
import { WatchedWordsFormSchema } from "~/validation/watched-words";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "moderate:content:any");
  const [words, flagsToHide] = await Promise.all([listWatchedWords(), getFlagsToHide()]);
  return { words, flagsToHide, canChangeSettings: can(user, "manage:settings:any") };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "moderate:content:any");
  const submission = await parseSubmission(request, WatchedWordsFormSchema);
  if (submission.status !== "success") return invalid(submission);
  const input = submission.value;
  return answerWork(submission, async () => {
    switch (input.intent) {
      case "add":
        await addWatchedWord(actor, { phrase: input.phrase, action: input.action });
        return `Added “${input.phrase}”: posts containing it are ${input.action === "block" ? "refused" : "held for review"}.`;
      case "remove": {
        const removed = await removeWatchedWord(actor, input.id);
        return `Removed “${removed.phrase}”.`;
      }
      case "flags-to-hide":
        await setFlagsToHide(actor, input.flagsToHide);
        return {
          done: `Content is now held for review after ${input.flagsToHide} ${input.flagsToHide === 1 ? "flag" : "flags"} from members of trust level 1 or more.`,
          resetForm: false,
        };
    }
  });
}

const actionLabels: Record<WatchedWordAction, string> = {
  block: "Block",
  hold: "Hold for review",
};

export default function WatchedWordsPage() {
  const { words, flagsToHide, canChangeSettings } = useLoaderData<typeof loader>();
  const actionData = useActionAnswer();
  const result = actionData?.result;
  const addResult = result?.initialValue?.intent === "add" ? result : undefined;
  const removeErrors =
    result?.initialValue?.intent === "remove"
      ? Object.values(result.error ?? {}).flatMap((errors) => errors ?? [])
      : [];
  const full = words.length >= MAX_WATCHED_WORDS;
  const flagsError =
    result?.initialValue?.intent === "flags-to-hide"
      ? Object.values(result.error ?? {})
          .flatMap((errors) => errors ?? [])
          .join(" ")
      : "";
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Watched words</h1>
          <p>
            Words and phrases checked in every new post and edit, as whole words and regardless of
            case. Block refuses the post with a message; Hold publishes it only after a moderator
            approves it in the queue.
          </p>
        </div>
      </div>
      {actionData?.done ? <Alert tone="success">{actionData.done}</Alert> : null}
      {removeErrors.length ? <Alert tone="error">{removeErrors.join(" ")}</Alert> : null}
      <section className="card" aria-labelledby="add-word-heading">
        <h2 id="add-word-heading">Add a word</h2>
        {full ? (
          <p>
            The list is full ({MAX_WATCHED_WORDS} words). Remove one below before adding another.
          </p>
        ) : null}
        <AddWatchedWordForm lastResult={addResult} />
      </section>
      <section className="section-gap" aria-labelledby="all-words-heading">
        <h2 id="all-words-heading">On the list ({words.length})</h2>
        {words.length === 0 ? (
          <div className="card empty">
            <p>No watched words yet. Posts are published as written until you add one above.</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">
                Watched words, what happens to a post containing each, and who added it
              </caption>
              <thead>
                <tr>
                  <th scope="col">Word or phrase</th>
                  <th scope="col">When a post contains it</th>
                  <th scope="col">Added by</th>
                  <th scope="col">Added</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {words.map((word) => (
                  <tr key={word.id}>
                    <th scope="row">{word.phrase}</th>
                    <td>{actionLabels[word.action]}</td>
                    <td>{word.createdByName ?? <span className="muted">—</span>}</td>
                    <td>
                      <RelativeTime date={word.createdAt} />
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="id" value={word.id} />
                        <Button
                          variant="danger"
                          size="small"
                          aria-label={`Remove “${word.phrase}”`}
                        >
                          Remove
                        </Button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card section-gap" aria-labelledby="flags-rule-heading">
        <h2 id="flags-rule-heading">Hiding by flags</h2>
        <p>
          When {flagsToHide} different members of trust level 1 or more flag the same post, it is
          held for review until a moderator decides. A trusted member's (level 3) spam flag holds it
          at once.
        </p>
        {canChangeSettings ? (
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="flags-to-hide" />
            <label htmlFor="flags-to-hide">Flags that hold a post</label>
            <input
              id="flags-to-hide"
              name="flagsToHide"
              type="number"
              min={1}
              max={50}
              required
              defaultValue={flagsToHide}
              aria-invalid={flagsError ? true : undefined}
              aria-describedby={flagsError ? "flags-to-hide-error" : undefined}
            />
            <Button>Save</Button>
            {flagsError ? (
              <p id="flags-to-hide-error" className="field-error">
                {flagsError}
              </p>
            ) : null}
          </Form>
        ) : (
          <p className="small muted">Admins change this number.</p>
        )}
      </section>
    </>
  );
}

function AddWatchedWordForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const pending = useIsPending({ intent: "add" });
  const [form, fields] = useForm({
    id: "add-watched-word",
    lastResult,
    defaultValue: { action: "hold" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WatchedWordsFormSchema }),
  });
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="add" />
      {form.errors?.length ? <Alert tone="error">{form.errors.join(" ")}</Alert> : null}
      <div className="grid-2">
        <Field
          id={fields.phrase.id}
          label="Word or phrase"
          hint={`Up to ${WATCHED_PHRASE_MAX_WORDS} words. Matches whole words only: “ass” doesn't match “class”.`}
          errors={fields.phrase.errors}
        >
          {(aria) => (
            <input
              {...getInputProps(fields.phrase, { type: "text" })}
              {...aria}
              maxLength={WATCHED_PHRASE_MAX_CHARACTERS}
              autoComplete="off"
            />
          )}
        </Field>
        <Field id={fields.action.id} label="When a post contains it" errors={fields.action.errors}>
          {(aria) => (
            <select {...getSelectProps(fields.action)} {...aria}>
              {WATCHED_WORD_ACTIONS.map((value) => (
                <option key={value} value={value}>
                  {actionLabels[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div>
        <Button variant="primary" pending={pending} pendingLabel="Adding…">
          Add word
        </Button>
      </div>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "Watched words · Moderation · Vanguard" }];
