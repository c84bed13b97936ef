import { getFormProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import { useActionAnswer } from "~/utils/action-answer";
import { CONSENT_TERMS, consentTermsFor } from "~/utils/consent-terms";
import { useIsPending } from "~/utils/use-is-pending";

type Purpose = (typeof CONSENT_TERMS)[number]["purpose"];

export type ConsentStateView = {
  purpose: Purpose;
  answer: string | null;
  version: number | null;
  askedAt: Date | null;
  answeredAt: Date | null;
  needsAnswer: boolean;
};

export type ConsentEventView = {
  purpose: Purpose;
  answer: string | null;
  version: number;
  source: "asked" | "settings" | "my_data" | "migrated";
  recordedAt: Date;
};

const sourceLabels = {
  asked: "Asked",
  settings: "Answered in Settings",
  my_data: "Answered on My data",
  migrated: "Answered before the ledger",
} as const;

function answerLabel(purpose: Purpose, answer: string | null): string {
  if (answer === null) return "Not answered";
  return consentTermsFor(purpose).choices.find((c) => c.value === answer)?.label ?? answer;
}

/** One use of the member's words or name: its terms, where they stand, and the form to change it. */
export function ConsentCard({ state, segment }: { state: ConsentStateView; segment: string }) {
  const terms = consentTermsFor(state.purpose);
  const current = terms.versions.at(-1)!;
  const intentKey = `consent-${state.purpose}`;
  const outcome = useActionAnswer("consent");
  const mine = outcome?.result.initialValue?.purpose === state.purpose ? outcome : undefined;
  const [form, fields] = useForm({
    id: intentKey,
    lastResult: mine?.result,
    defaultValue: { answer: state.needsAnswer ? undefined : (state.answer ?? undefined) },
  });
  const pending = useIsPending({ intent: "consent", field: ["purpose", state.purpose] });
  const headingId = `${intentKey}-heading`;
  return (
    <section className="card" aria-labelledby={headingId} id={state.purpose}>
      <h3 id={headingId}>{terms.title}</h3>
      <p className="small">{current.text}</p>
      <p className="muted small">
        {state.answer === null ? (
          state.askedAt ? (
            <>
              Asked <RelativeTime date={state.askedAt} />; not answered yet.
            </>
          ) : (
            "Not answered yet."
          )
        ) : (
          <>
            Your answer: <strong>{answerLabel(state.purpose, state.answer)}</strong>, given{" "}
            <RelativeTime date={state.answeredAt!} /> on version {state.version} of these terms.
          </>
        )}{" "}
        {state.needsAnswer && state.answer !== null ? (
          <Badge tone="warning">The terms changed since: please answer again</Badge>
        ) : null}
        {state.answer === null && terms.unanswered === "refused"
          ? " Until you answer, this isn't done."
          : null}
        {state.answer === null && terms.unanswered === "allowed"
          ? " Until you say no, this happens as every space discloses."
          : null}
      </p>
      {mine?.done ? <Alert tone="success">{mine.done}</Alert> : null}
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="consent" />
        <input type="hidden" name="purpose" value={state.purpose} />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <fieldset className="field">
          <legend className="label">Your answer (version {current.version})</legend>
          {terms.choices.map((choice) => (
            <div key={choice.value} className="choice-with-hint">
              <label className="choice">
                <input
                  type="radio"
                  name={fields.answer.name}
                  value={choice.value}
                  required
                  defaultChecked={fields.answer.initialValue === choice.value}
                  aria-describedby={`${intentKey}-${choice.value}-hint`}
                />
                <strong>{choice.label}</strong>
              </label>
              <span className="field-hint" id={`${intentKey}-${choice.value}-hint`}>
                {choice.value === "anonymous" && segment
                  ? `As “a customer in ${segment}”, never by name.`
                  : choice.hint}
              </span>
            </div>
          ))}
          {fields.answer.errors ? (
            <span className="field-error">{fields.answer.errors.join(" ")}</span>
          ) : null}
        </fieldset>
        <div>
          <Button variant="primary" pending={pending} pendingLabel="Saving…">
            Save answer
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** Every question and answer of the member's ledger, newest first. */
export function ConsentLedger({ events }: { events: ConsentEventView[] }) {
  if (events.length === 0) {
    return <p className="muted">Nothing recorded yet: your answers will be listed here.</p>;
  }
  return (
    <TableScroll label="Every question and answer">
      <table className="data">
        <caption className="visually-hidden">Every question and answer, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">About</th>
            <th scope="col">What happened</th>
            <th scope="col">Answer</th>
            <th scope="col">Terms version</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event, index) => (
            <tr key={`${event.recordedAt.toISOString()}-${index}`}>
              <td>
                <RelativeTime date={event.recordedAt} />
              </td>
              <td>{consentTermsFor(event.purpose).title}</td>
              <td>{sourceLabels[event.source]}</td>
              <td>{event.answer === null ? "—" : answerLabel(event.purpose, event.answer)}</td>
              <td>{event.version}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
