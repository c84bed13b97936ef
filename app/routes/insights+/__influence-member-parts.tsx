import { Link } from "@remix-run/react";
import { TableScroll } from "~/components/ui/table-scroll";
import type { EngagementEdge } from "~/models/influence-read.server";
import type { PowerSplit } from "~/models/influence-people.server";
import type { InfluencedRevenue } from "~/models/influenced-revenue.server";
import { formatCount, formatDate, formatMoneyCompact } from "~/utils/format";
import { countOfKind, formatChange, growth } from "~/utils/influence-labels";

// The sections of one member's influence page below their standing.

/** Referent, informational and expert power, each with what it counts. */
export function PowerSplitCard({ name, split }: { name: string; split: PowerSplit }) {
  const total = split.referent + split.informational + split.expert;
  const share = (part: number) => (total > 0 ? ` (${Math.round((part / total) * 100)}%)` : "");
  return (
    <section className="card stack" aria-labelledby="power-heading">
      <h2 id="power-heading">Three kinds of power</h2>
      <dl className="fact-grid">
        <div>
          <dt>Referent</dt>
          <dd>
            {formatCount(split.referent)}
            {share(split.referent)}
          </dd>
        </div>
        <div>
          <dt>Informational</dt>
          <dd>
            {formatCount(split.informational)}
            {share(split.informational)}
          </dd>
        </div>
        <div>
          <dt>Expert</dt>
          <dd>
            {formatCount(split.expert)}
            {share(split.expert)}
          </dd>
        </div>
      </dl>
      <ul className="muted small rule-list">
        <li>
          Referent: every interaction other members had with {name} (the graph influence is computed
          on).
        </li>
        <li>
          Informational: confirmations of learnings that cite them, and other members’ reactions and
          answers to their insights and to their corrections of learnings.
        </li>
        <li>
          Expert: other members marking their replies helpful, or answering or quoting their
          replies.
        </li>
      </ul>
    </section>
  );
}

/** The revenue their content reaches, and how it moved: an association, said so. */
export function InfluencedRevenueCard({ revenue }: { revenue: InfluencedRevenue }) {
  const engaged = growth(revenue.engagedBeforeCents, revenue.engagedNowCents);
  const others = growth(revenue.othersBeforeCents, revenue.othersNowCents);
  return (
    <section className="card stack" aria-labelledby="revenue-heading">
      <h2 id="revenue-heading">Influenced revenue</h2>
      {revenue.accounts === 0 ? (
        <p className="muted">No one from another account has engaged with their content yet.</p>
      ) : (
        <>
          <dl className="fact-grid">
            <div>
              <dt>Accounts reached</dt>
              <dd>{formatCount(revenue.accounts)}</dd>
            </div>
            <div>
              <dt>Their revenue</dt>
              <dd>{formatMoneyCompact(revenue.revenueCents)}</dd>
            </div>
            <div>
              <dt>Change since first engaging</dt>
              <dd>
                {formatChange(engaged)} ({formatCount(revenue.compared)}{" "}
                {revenue.compared === 1 ? "account" : "accounts"})
              </dd>
            </div>
            <div>
              <dt>Accounts that did not engage</dt>
              <dd>
                {formatChange(others)} ({formatCount(revenue.others)}{" "}
                {revenue.others === 1 ? "account" : "accounts"})
              </dd>
            </div>
          </dl>
          <p className="muted small">
            Each other account whose people engaged with their content counts once, at its revenue
            on file. The change runs from each account’s last value snapshot on or before its first
            engagement to the latest snapshot
            {revenue.latestSnapshot ? ` (${formatDate(revenue.latestSnapshot)})` : ""}; accounts
            that did not engage are measured from the last snapshot on or before the median first
            engagement{revenue.baselineDate ? ` (${formatDate(revenue.baselineDate)})` : ""}.
            Accounts with no snapshot that early, or that first engaged after the latest snapshot,
            are left out of the change. This is an association, not a cause: accounts that engage
            may differ in other ways.
          </p>
        </>
      )}
    </section>
  );
}

export function EdgeTable({
  id,
  title,
  caption,
  empty,
  edges,
}: {
  id: string;
  title: string;
  caption: string;
  empty: string;
  edges: EngagementEdge[];
}) {
  return (
    <section className="card stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {edges.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <TableScroll label={caption}>
          <table className="data">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Account</th>
                <th scope="col">Interactions</th>
                <th scope="col" className="num">
                  Weight
                </th>
              </tr>
            </thead>
            <tbody>
              {edges.map((edge) => (
                <tr key={edge.userId}>
                  <th scope="row">
                    <Link to={`/insights/influence/members/${edge.userId}`}>
                      {edge.displayName}
                    </Link>
                  </th>
                  <td>{edge.accountName ?? <span className="muted">none</span>}</td>
                  <td>
                    {edge.kinds.map((kind) => countOfKind(kind.kind, kind.interactions)).join(", ")}
                  </td>
                  <td className="num">{edge.weight.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
