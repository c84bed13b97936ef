import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useActionAnswer } from "~/utils/action-answer";
import type { SpacePeopleIntent } from "~/validation/space-people";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Field } from "./ui/field";

type Person = { id: string; displayName: string; handle: string };

/**
 * Member list (private spaces) and observers of a space, with add and remove forms. The page's
 * action answers them with `spacePeopleAction`; each section reads the answer to its own intents.
 */
export function SpacePeople({
  visibility,
  members,
  observers,
}: {
  visibility: string;
  members: Person[];
  observers: Person[];
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
      />
    </div>
  );
}

function PeopleSection(props: {
  title: string;
  description: string;
  people: Person[];
  addIntent: SpacePeopleIntent;
  removeIntent: SpacePeopleIntent;
  addLabel: string;
  personLabel: string;
  empty: string;
}) {
  const added = useActionAnswer(props.addIntent);
  const removed = useActionAnswer(props.removeIntent);
  const done = (added ?? removed)?.done;
  const [form, fields] = useForm({ id: props.addIntent, lastResult: added?.result });
  return (
    <section className="card" aria-labelledby={`${props.addIntent}-heading`}>
      <h2 id={`${props.addIntent}-heading`}>{props.title}</h2>
      <p className="muted small">{props.description}</p>
      {done ? <Alert tone="success">{done}</Alert> : null}
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
                <Button size="small" aria-label={`Remove ${person.displayName}`}>
                  Remove
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" className="form section-gap" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={props.addIntent} />
        <Field id={fields.person.id} label={props.personLabel} errors={fields.person.errors}>
          {(aria) => <input {...getInputProps(fields.person, { type: "text" })} {...aria} />}
        </Field>
        <div>
          <Button>{props.addLabel}</Button>
        </div>
      </Form>
    </section>
  );
}
