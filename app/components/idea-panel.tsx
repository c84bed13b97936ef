import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import type { IdeaImportance, IdeaStatus } from "#db/schema";
import { IDEA_IMPORTANCES, IDEA_STATUSES } from "#db/schema/values";
import { formatCount } from "~/utils/format";
import { ideaStatusLabels, ideaStatusTones, importanceLabels, tierLabels } from "~/utils/labels";
import { useIsPending } from "~/utils/use-is-pending";
import { RelativeTime } from "./ui/relative-time";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";
import { Field } from "./ui/field";
import { IdeaValue, type IdeaValueData } from "./idea-value";
import { IdeaVoteFields } from "./idea-vote-fields";

type IdeaPanelData = {
  status: IdeaStatus;
  voteCount: number;
  votable: boolean;
  mergedInto: { id: string; title: string } | null;
  myImportance: IdeaImportance | null;
  myVoteAddedBy: string | null;
  breakdown: Record<IdeaImportance, number>;
  history: Array<{
    id: string;
    fromStatus: IdeaStatus;
    toStatus: IdeaStatus;
    postId: string | null;
    createdAt: string | Date;
    changedByName: string | null;
  }>;
  can: { vote: boolean; "set-status": boolean; "proxy-vote": boolean; merge: boolean };
  voters: {
    staffView: boolean;
    shownTotal: number;
    voters: Array<{
      userId: string;
      displayName: string;
      handle: string;
      importance: IdeaImportance;
      createdAt: string | Date;
      addedByName: string | null;
      proxyNote: string | null;
      accountName: string | null;
      tier: string | null;
    }>;
  };
  value: IdeaValueData | null;
};

/**
 * Staff's tools for an idea — its status, merging, votes recorded for customers, the value behind
 * it — kept beside the conversation rather than above it. Null for anyone with none of them.
 */
export function IdeaStaffTools({
  idea,
  lastResult,
}: {
  idea: IdeaPanelData;
  /** The action's answer, for the forms here to show their field errors. */
  lastResult?: SubmissionResult<string[]>;
}) {
  const merge = idea.can.merge && !idea.mergedInto;
  if (!idea.can["set-status"] && !merge && !idea.can["proxy-vote"] && !idea.value) return null;
  return (
    <section className="card idea-tools" aria-labelledby="idea-tools-heading">
      <h2 id="idea-tools-heading" className="small-heading">
        Idea tools
      </h2>
      {idea.can["set-status"] ? <StatusForm status={idea.status} /> : null}
      {merge ? (
        <MergeForm
          lastResult={lastResult?.initialValue?.intent === "merge" ? lastResult : undefined}
        />
      ) : null}
      {idea.can["proxy-vote"] ? (
        <ProxyVoteForm
          lastResult={lastResult?.initialValue?.intent === "proxy-vote" ? lastResult : undefined}
        />
      ) : null}
      {idea.value ? <IdeaValue value={idea.value} votes={idea.voteCount} /> : null}
    </section>
  );
}

/** An idea's status, its votes by importance, the viewer's vote, who voted and its history. */
export function IdeaPanel({ idea }: { idea: IdeaPanelData }) {
  return (
    <section className="card idea-panel" aria-labelledby="idea-heading">
      <div className="idea-summary">
        <h2 id="idea-heading" className="visually-hidden">
          Votes and status
        </h2>
        <p className="idea-votes">
          <strong className="idea-vote-count">{idea.voteCount}</strong>{" "}
          {idea.voteCount === 1 ? "vote" : "votes"}
        </p>
        <p>
          Status: <Badge tone={ideaStatusTones[idea.status]}>{ideaStatusLabels[idea.status]}</Badge>
        </p>
        <ul className="idea-breakdown" aria-label="Votes by importance">
          {IDEA_IMPORTANCES.map((importance) => (
            <li key={importance}>
              {importanceLabels[importance]}: <strong>{idea.breakdown[importance]}</strong>
            </li>
          ))}
        </ul>
      </div>
      {idea.mergedInto ? (
        <div className="idea-merged">
          <p>
            Merged into <Link to={`/t/${idea.mergedInto.id}`}>{idea.mergedInto.title}</Link>: its
            votes count there.
          </p>
          {idea.can.merge ? (
            <Form method="post">
              <Button name="intent" value="undo-merge">
                Undo the merge
              </Button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {idea.can.vote ? <VoteForm idea={idea} /> : null}
      {!idea.votable && !idea.mergedInto ? (
        <p className="muted small">
          This idea is {ideaStatusLabels[idea.status].toLowerCase()}: voting is closed.
        </p>
      ) : null}
      <Voters idea={idea} />
      {idea.history.length > 0 ? (
        <details className="idea-history">
          <summary>Status history</summary>
          <ol>
            {idea.history.map((change) => (
              <li key={change.id}>
                {ideaStatusLabels[change.fromStatus]} →{" "}
                <strong>{ideaStatusLabels[change.toStatus]}</strong>, by{" "}
                {change.changedByName ?? "a former staff member"},{" "}
                <RelativeTime date={change.createdAt} />
                {change.postId ? (
                  <>
                    {" "}
                    (<a href={`/p/${change.postId}`}>their message</a>)
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function VoteForm({ idea }: { idea: IdeaPanelData }) {
  const voting = useIsPending({ intent: "vote" });
  const withdrawing = useIsPending({ intent: "withdraw-vote" });
  return (
    <div className="idea-vote">
      <Form method="post" className="idea-vote-form">
        <IdeaVoteFields
          myImportance={idea.myImportance}
          myVoteAddedBy={idea.myVoteAddedBy}
          pending={voting ? "vote" : withdrawing ? "withdraw-vote" : null}
        />
      </Form>
    </div>
  );
}

function StatusForm({ status }: { status: IdeaStatus }) {
  const saving = useIsPending({ intent: "set-status" });
  return (
    <details className="idea-status">
      <summary>Change the status</summary>
      <Form method="post" className="form idea-status-form" key={status}>
        <Field id="idea-status" label="New status">
          {(aria) => (
            <select name="status" defaultValue={status} {...aria}>
              {IDEA_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {ideaStatusLabels[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="idea-status-message"
          label="Message to voters and watchers (optional)"
          hint="Posted as your reply, so everyone who voted or watches hears of it."
        >
          {(aria) => <textarea name="message" rows={3} {...aria} />}
        </Field>
        <div>
          <Button name="intent" value="set-status" pending={saving} pendingLabel="Saving…">
            Save status
          </Button>
        </div>
      </Form>
    </details>
  );
}

/** Staff see every voter with account and tier; members see those who chose to be shown. */
function Voters({ idea }: { idea: IdeaPanelData }) {
  const { voters, shownTotal, staffView } = idea.voters;
  if (idea.voteCount === 0) return null;
  const others = idea.voteCount - shownTotal;
  return (
    <details className="idea-voters">
      <summary>Who voted</summary>
      {voters.length > 0 ? (
        <ul className="idea-voter-list">
          {voters.map((voter) => (
            <li key={voter.userId}>
              <Link to={`/u/${voter.handle}`}>{voter.displayName}</Link>
              {staffView && voter.accountName ? (
                <span className="muted">
                  {" "}
                  · {voter.accountName}
                  {voter.tier && voter.tier !== "rest"
                    ? ` · ${tierLabels[voter.tier as keyof typeof tierLabels]}`
                    : ""}
                </span>
              ) : null}{" "}
              · {importanceLabels[voter.importance].toLowerCase()}
              {voter.addedByName ? (
                <span className="muted">
                  {" "}
                  · added by {voter.addedByName}
                  {voter.proxyNote ? `: “${voter.proxyNote}”` : ""}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!staffView && others > 0 ? (
        <p className="muted small">
          {voters.length > 0 ? "And " : ""}
          {formatCount(others)} {others === 1 ? "member" : "members"} who keep their votes private.
        </p>
      ) : null}
      {shownTotal > voters.length ? (
        <p className="muted small">The {voters.length} most recent are listed.</p>
      ) : null}
    </details>
  );
}

/** Staff record a customer's vote heard in a call or a meeting, with where they heard it. */
function ProxyVoteForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const saving = useIsPending({ intent: "proxy-vote" });
  const [form, fields] = useForm({ id: "proxy-vote", lastResult });
  const problems = Boolean(fields.person.errors || fields.note.errors || fields.importance.errors);
  return (
    <details className="idea-status" open={problems || undefined}>
      <summary>Record a customer&apos;s vote</summary>
      <Form method="post" className="form idea-status-form" {...getFormProps(form)}>
        <Field
          id={fields.person.id}
          label="Customer's handle or email"
          errors={fields.person.errors}
        >
          {(aria) => <input {...getInputProps(fields.person, { type: "text" })} {...aria} />}
        </Field>
        <fieldset className="field">
          <legend className="label">How important is it to them?</legend>
          <div className="choice-row">
            {IDEA_IMPORTANCES.map((importance) => (
              <label key={importance} className="choice-pill">
                <input
                  type="radio"
                  name={fields.importance.name}
                  value={importance}
                  defaultChecked={(fields.importance.initialValue ?? "important") === importance}
                />
                <span>{importanceLabels[importance]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field
          id={fields.note.id}
          label="Where you heard it"
          hint="Shown with the vote to staff, and to the customer on their profile."
          errors={fields.note.errors}
        >
          {(aria) => <input {...getInputProps(fields.note, { type: "text" })} {...aria} />}
        </Field>
        <div>
          <Button name="intent" value="proxy-vote" pending={saving} pendingLabel="Saving…">
            Record vote
          </Button>
        </div>
      </Form>
    </details>
  );
}

/** Staff merge a duplicate into the idea it repeats; the votes move, and it can be undone. */
function MergeForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const merging = useIsPending({ intent: "merge" });
  const [form, fields] = useForm({ id: "merge", lastResult });
  return (
    <details className="idea-status" open={fields.target.errors ? true : undefined}>
      <summary>Merge into another idea</summary>
      <Form method="post" className="form idea-status-form" {...getFormProps(form)}>
        <Field
          id={fields.target.id}
          label="Address of the idea this one repeats"
          hint="Its voters, their importance and its watchers move there; a member who voted for both keeps one vote, the more important."
          errors={fields.target.errors}
        >
          {(aria) => <input {...getInputProps(fields.target, { type: "text" })} {...aria} />}
        </Field>
        <div>
          <Button name="intent" value="merge" pending={merging} pendingLabel="Merging…">
            Merge
          </Button>
        </div>
      </Form>
    </details>
  );
}
