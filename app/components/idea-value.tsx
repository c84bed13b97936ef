import { INFLUENCE_DEMAND_RULE, VALUE_WEIGHTED_RULE } from "~/utils/demand-rule";
import { formatCount, formatMoneyCompact, formatPercent } from "~/utils/format";
import { formatInfluence } from "~/utils/influence-labels";
import { Badge } from "./ui/badge";

/** The value and demand behind an idea, as staff see it (getIdeaValueForViewer). */
export type IdeaValueData = {
  accounts: number;
  revenueCents: number;
  lifetimeValueCents: number;
  top1Share: number;
  top10Share: number;
  members: number;
  valueWeighted: number;
  /** Null for those who may not read influence. */
  influenceWeighted: number | null;
};

/** Staff only: what the accounts behind the votes are worth, with the rule beside the figures. */
export function IdeaValue({ value, votes }: { value: IdeaValueData; votes: number }) {
  return (
    <section className="idea-value" aria-labelledby="idea-value-heading">
      <h3 id="idea-value-heading">
        Value behind this idea <Badge>Staff only</Badge>
      </h3>
      <dl className="idea-value-figures">
        <div>
          <dt>Votes</dt>
          <dd>{formatCount(votes)}</dd>
        </div>
        <div>
          <dt>Accounts</dt>
          <dd>{formatCount(value.accounts)}</dd>
        </div>
        <div>
          <dt>Revenue represented</dt>
          <dd>{formatMoneyCompact(value.revenueCents)}</dd>
        </div>
        <div>
          <dt>Lifetime value represented</dt>
          <dd>{formatMoneyCompact(value.lifetimeValueCents)}</dd>
        </div>
        <div>
          <dt>From top-1% accounts</dt>
          <dd>{formatPercent(value.top1Share)}</dd>
        </div>
        <div>
          <dt>From top-10% accounts</dt>
          <dd>{formatPercent(value.top10Share)}</dd>
        </div>
      </dl>
      <p className="muted small">
        Each account counts once, however many of its people voted. Revenue and lifetime value are
        the figures on file for those accounts; the shares are of that revenue, and the top 10%
        includes the top 1%.
      </p>
      <h4 id="idea-demand-heading">Demand, three ways</h4>
      <dl className="idea-value-figures" aria-labelledby="idea-demand-heading">
        <div>
          <dt>Raw count</dt>
          <dd>{formatCount(value.members)}</dd>
        </div>
        <div>
          <dt>Value-weighted</dt>
          <dd>{formatCount(value.valueWeighted)}</dd>
        </div>
        {value.influenceWeighted === null ? null : (
          <div>
            <dt>Influence-weighted</dt>
            <dd>{formatInfluence(value.influenceWeighted)}</dd>
          </div>
        )}
      </dl>
      <ul className="muted small rule-list">
        <li>Raw count: the members who voted.</li>
        <li>{VALUE_WEIGHTED_RULE}</li>
        {value.influenceWeighted === null ? null : <li>{INFLUENCE_DEMAND_RULE}</li>}
      </ul>
    </section>
  );
}
