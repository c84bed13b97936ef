import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { IdeaImportance, IdeaStatus } from "#db/schema";
import { VOTABLE_IDEA_STATUSES } from "#db/schema/values";
import { ideaStatusLabels, ideaStatusTones } from "~/utils/labels";
import { Badge } from "./ui/badge";
import type { ActionAnswer } from "~/utils/action-answer";

type Suggestion = {
  id: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
  spaceName: string;
  myImportance: IdeaImportance | null;
};

/** Waits for a pause in typing before asking, so each keystroke is not a query. */
const TYPING_PAUSE_MS = 300;

/**
 * Ideas like the title being typed, each with a way to vote for it instead of posting a
 * duplicate. Needs JavaScript; without it the form simply posts.
 */
export function SimilarIdeas({ title }: { title: string }) {
  const fetcher = useFetcher<{ ideas: Suggestion[] }>();
  const [asked, setAsked] = useState("");
  useEffect(() => {
    const query = title.trim();
    if (query.length < 5 || query === asked) return;
    const timer = window.setTimeout(() => {
      setAsked(query);
      fetcher.load(`/resources/similar-ideas?${new URLSearchParams({ q: query })}`);
    }, TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
    // fetcher is stable enough for this; listing it would re-run on every response.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [title, asked]);
  const ideas = title.trim().length >= 5 ? (fetcher.data?.ideas ?? []) : [];
  return (
    <div aria-live="polite">
      {ideas.length > 0 ? (
        <section className="similar-ideas" aria-labelledby="similar-heading">
          <h2 id="similar-heading">Similar ideas already here</h2>
          <p className="muted small">
            If one of these is yours, a vote counts for more than a copy.
          </p>
          <ul>
            {ideas.map((idea) => (
              <SimilarIdea key={idea.id} idea={idea} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function SimilarIdea({ idea }: { idea: Suggestion }) {
  const vote = useFetcher<ActionAnswer>();
  const voted = Boolean(idea.myImportance) || vote.data?.result.status === "success";
  const problem = vote.data?.result.error?.[""]?.join(" ");
  return (
    <li className="similar-idea">
      <span>
        <Link to={`/t/${idea.id}`}>{idea.title}</Link>{" "}
        <Badge tone={ideaStatusTones[idea.status]}>{ideaStatusLabels[idea.status]}</Badge>{" "}
        <span className="muted small">
          {idea.voteCount} {idea.voteCount === 1 ? "vote" : "votes"} · {idea.spaceName}
        </span>
      </span>
      {voted ? (
        <span className="small">You voted for this.</span>
      ) : (VOTABLE_IDEA_STATUSES as readonly IdeaStatus[]).includes(idea.status) ? (
        <button
          type="button"
          className="btn btn-small"
          aria-disabled={vote.state !== "idle" || undefined}
          onClick={() =>
            vote.submit(
              { intent: "vote", importance: "important" },
              { method: "post", action: `/t/${idea.id}` },
            )
          }
        >
          Vote for this instead<span className="visually-hidden">: {idea.title}</span>
        </button>
      ) : null}
      {problem ? <span className="field-error">{problem}</span> : null}
    </li>
  );
}
