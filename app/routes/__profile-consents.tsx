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
