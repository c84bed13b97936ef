import { Form } from "@remix-run/react";
import { Alert } from "./ui/alert";

type Person = { id: string; displayName: string; handle: string };
type Result = { intent: string; error: string | null; done: string | null } | undefined;

/** Member list (private spaces) and observers of a space, with add and remove forms. */
export function SpacePeople({
  visibility,
  members,
  observers,
  result,
}: {
  visibility: string;
  members: Person[];
  observers: Person[];
  result: Result;
}) {
  return (
    <div className="grid-2 section-gap">
      <PeopleSection
        title="Member list"
        description={
          visibility === "private"
            ? "Only these people (and staff) can see this private space."
            : "This space is not private, so the list has no effect until it is."
        }
        people={members}
        addIntent="add-member"
        removeIntent="remove-member"
        addLabel="Add member"
        personLabel="Member's handle or email"
        empty="Nobody is on the list yet."
        result={result}
      />
      <PeopleSection
        title="Staff observers"
        description="Named in the space's header, so members know who reads along."
        people={observers}
        addIntent="add-observer"
        removeIntent="remove-observer"
        addLabel="Add observer"
        personLabel="Staff member's handle or email"
        empty="Nobody is named as an observer yet."
        result={result}
      />
    </div>
  );
}

function PeopleSection(props: {
  title: string;
  description: string;
  people: Person[];
  addIntent: string;
  removeIntent: string;
  addLabel: string;
  personLabel: string;
  empty: string;
  result: Result;
}) {
  const id = props.addIntent;
  const mine =
    props.result &&
    (props.result.intent === props.addIntent || props.result.intent === props.removeIntent)
      ? props.result
      : null;
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{props.title}</h2>
      <p className="muted small">{props.description}</p>
      {mine?.done ? <Alert tone="success">{mine.done}</Alert> : null}
      {props.people.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="stack" aria-label={props.title}>
          {props.people.map((person) => (
            <li key={person.id} className="row" style={{ justifyContent: "space-between" }}>
              <span>
                {person.displayName} <span className="muted small">@{person.handle}</span>
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value={props.removeIntent} />
                <input type="hidden" name="userId" value={person.id} />
                <button
                  type="submit"
                  className="btn btn-small"
                  aria-label={`Remove ${person.displayName}`}
                >
                  Remove
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {/* A new key after each success empties the field for the next person. */}
      <Form method="post" className="form section-gap" key={mine?.done ?? "add"}>
        <input type="hidden" name="intent" value={props.addIntent} />
        <div className="field">
          <label htmlFor={`${id}-person`}>{props.personLabel}</label>
          <input
            id={`${id}-person`}
            name="person"
            type="text"
            aria-invalid={mine?.error ? true : undefined}
            aria-describedby={mine?.error ? `${id}-error` : undefined}
          />
          {mine?.error ? (
            <span id={`${id}-error`} className="field-error">
              {mine.error}
            </span>
          ) : null}
        </div>
        <div>
          <button type="submit" className="btn">
            {props.addLabel}
          </button>
        </div>
      </Form>
    </section>
  );
}
