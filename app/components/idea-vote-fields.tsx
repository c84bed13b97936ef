import type { IdeaImportance } from "#db/schema";
import { IDEA_IMPORTANCES } from "#db/schema/values";
import { importanceLabels } from "~/utils/labels";
import { Button } from "./ui/button";

/**
 * A vote with importance, inside a form that posts `intent` "vote" (with `importance`) or
 * "withdraw-vote": the idea page's form and each open idea's on the board. Whichever action it
 * posts to, the rules are the model's (`castVote`, `withdrawVote`).
 */
export function IdeaVoteFields({
  myImportance,
  myVoteAddedBy = null,
  pending = null,
  subject,
}: {
  myImportance: IdeaImportance | null;
  myVoteAddedBy?: string | null;
  /** The button whose submission is on its way. */
  pending?: "vote" | "withdraw-vote" | null;
  /** The idea's title, where a page lists many: the names then say which idea. */
  subject?: string;
}) {
  const which = subject ? <span className="visually-hidden"> for “{subject}”</span> : null;
  return (
    <>
      <fieldset>
        <legend className={subject ? "visually-hidden" : undefined}>
          {myImportance ? "Your vote" : "How important is this to you?"}
          {subject ? ` (“${subject}”)` : null}
        </legend>
        {myVoteAddedBy ? <p className="small muted">Recorded for you by {myVoteAddedBy}.</p> : null}
        <div className="choice-row">
          {IDEA_IMPORTANCES.map((importance) => (
            <label key={importance} className="choice-pill">
              <input
                type="radio"
                name="importance"
                value={importance}
                defaultChecked={(myImportance ?? "important") === importance}
                // A new vote resets the choice to what was saved.
                key={`${importance}-${myImportance}`}
              />
              <span>{importanceLabels[importance]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Button
        variant="primary"
        name="intent"
        value="vote"
        pending={pending === "vote"}
        pendingLabel="Saving…"
      >
        {myImportance ? "Change vote" : "Vote"}
        {which}
      </Button>
      {myImportance ? (
        <Button name="intent" value="withdraw-vote" pending={pending === "withdraw-vote"}>
          Withdraw vote{which}
        </Button>
      ) : null}
    </>
  );
}
