import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { consentTermsFor } from "~/utils/consent-terms";
import type { ConsentStateView } from "./__my-data-consents";

/**
 * Staff only: where a member stands on each use of their words and name, so nobody on the team
 * quotes, links or credits someone who said no.
 */
export function ConsentSummary({ consents }: { consents: ConsentStateView[] }) {
  return (
    <section aria-labelledby="consent-summary-heading" className="card section-gap">
      <h2 id="consent-summary-heading" className="small-heading">
        Their consents <Badge>Staff only</Badge>
      </h2>
      <dl className="fact-grid">
        {consents.map((state) => {
          const terms = consentTermsFor(state.purpose);
          const choice = terms.choices.find((c) => c.value === state.answer);
          return (
            <div key={state.purpose}>
              <dt>{terms.title}</dt>
              <dd>
                {choice ? (
                  <>
                    {choice.value === "no" || choice.value === "none" ? (
                      <Badge tone="warning">{choice.label}</Badge>
                    ) : (
                      <strong>{choice.label}</strong>
                    )}{" "}
                    <span className="muted small">
                      <RelativeTime date={state.answeredAt!} />
                    </span>
                  </>
                ) : terms.unanswered === "allowed" ? (
                  "Not answered: allowed until they say no"
                ) : (
                  "Not answered: not credited"
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

const audienceLabels = {
  self: "Only you see this",
  staff: "Staff only",
  members: "Members",
} as const;

/** A member's answers to the community's profile questions that this viewer may read. */
export function ProfileAnswers({
  answers,
  isSelf,
}: {
  answers: { label: string; value: string; visibility: "self" | "staff" | "members" }[];
  isSelf: boolean;
}) {
  return (
    <section aria-labelledby="answers-heading" className="card section-gap">
      <h2 id="answers-heading" className="small-heading">
        {isSelf ? "More about you" : "More about them"}
      </h2>
      <dl className="fact-grid">
        {answers.map((answer) => (
          <div key={answer.label}>
            <dt>
              {answer.label}{" "}
              {answer.visibility !== "members" || isSelf ? (
                <Badge>{audienceLabels[answer.visibility]}</Badge>
              ) : null}
            </dt>
            <dd>{answer.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
