import { Link, type useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/ui/badge";
import type { DemandAccount } from "~/models/backlog-demand.server";
import { INFLUENCE_DEMAND_RULE, RAW_COUNT_RULE, VALUE_WEIGHTED_RULE } from "~/utils/demand-rule";
import { formatInfluence } from "~/utils/influence-labels";
import { formatCount, formatMoney, formatMoneyCompact, formatPercent } from "~/utils/format";
import { creditChoiceLabels, importanceLabels, tierLabels } from "~/utils/labels";
import type { loader } from "./backlog.$itemId";
import { Fold } from "./__backlog-item-panels";

// The item page's demand: its figures three ways with their rules, and who is behind them.

type Item = ReturnType<typeof useLoaderData<typeof loader>>["item"];

export function DemandSummary({ item }: { item: Item }) {
  const share = (cents: number) =>
    item.revenueCents > 0 ? formatPercent(cents / item.revenueCents) : "—";
  return (
    <section className="card" aria-labelledby="demand-heading">
      <h2 id="demand-heading">Demand</h2>
      <ul className="demand-figures" aria-label="Demand figures">
        <li>
          <span className="figure">{formatCount(item.memberCount)}</span>
          <span className="figure-label">Members (raw count)</span>
        </li>
        <li>
          <span className="figure">{formatCount(item.weightedScore)}</span>
          <span className="figure-label">Value-weighted</span>
        </li>
        {item.influenceWeighted === null ? null : (
          <li>
            <span className="figure">{formatInfluence(item.influenceWeighted)}</span>
            <span className="figure-label">Influence-weighted</span>
          </li>
        )}
        <li>
          <span className="figure">{formatCount(item.accountCount)}</span>
          <span className="figure-label">Accounts</span>
        </li>
        <li>
          <span className="figure" title={formatMoney(item.revenueCents)}>
            {formatMoneyCompact(item.revenueCents)}
          </span>
          <span className="figure-label">Revenue represented</span>
        </li>
        <li>
          <span className="figure" title={formatMoney(item.lifetimeValueCents)}>
            {formatMoneyCompact(item.lifetimeValueCents)}
          </span>
          <span className="figure-label">Lifetime value</span>
        </li>
        <li>
          <span className="figure">{share(item.top1RevenueCents)}</span>
          <span className="figure-label">
            From top 1% ({item.top1AccountCount}{" "}
            {item.top1AccountCount === 1 ? "account" : "accounts"})
          </span>
        </li>
        <li>
          <span className="figure">{share(item.top10RevenueCents)}</span>
          <span className="figure-label">
            From top 10% ({item.top10AccountCount}{" "}
            {item.top10AccountCount === 1 ? "account" : "accounts"})
          </span>
        </li>
        <li>
          <span className="figure">
            {item.criticalCount} / {item.importantCount} / {item.niceToHaveCount}
          </span>
          <span className="figure-label">Votes: critical / important / nice to have</span>
        </li>
      </ul>
      <ul className="muted small rule-list">
        <li>{RAW_COUNT_RULE}</li>
        <li>{VALUE_WEIGHTED_RULE}</li>
        {item.influenceWeighted === null ? null : <li>{INFLUENCE_DEMAND_RULE}</li>}
        <li>Each account counts once in revenue and value.</li>
      </ul>
    </section>
  );
}

const viaLabels = {
  vote: "voted for",
  author: "wrote",
  post: "posted in",
  excerpt: "quoted from",
  coauthor: "co-authored",
  endorsement: "endorsed",
} as const;

export function DemandBreakdown({ accounts }: { accounts: DemandAccount[] }) {
  const count = `${accounts.length} ${accounts.length === 1 ? "account" : "accounts"}`;
  if (accounts.length === 0) {
    return (
      <Fold id="breakdown-heading" title="Who is behind it" count={count}>
        <p className="muted">
          Nobody yet: link an idea, a proposal, a post or a quoted passage as evidence, and the
          members and accounts behind it show here.
        </p>
      </Fold>
    );
  }
  return (
    <Fold id="breakdown-heading" title="Who is behind it" count={count}>
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">
            Accounts behind this item, highest weight first, with their people and how each
            contributed
          </caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">
                Revenue
              </th>
              <th scope="col" className="num">
                Lifetime value
              </th>
              <th scope="col" className="num">
                Weight
              </th>
              <th scope="col">People, how they contributed, and credit</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.accountId}>
                <th scope="row">
                  {account.name}
                  <div className="meta">
                    <Badge>{tierLabels[account.tier]}</Badge>
                    {account.segment ? <span>{account.segment}</span> : null}
                  </div>
                </th>
                <td className="num">{formatMoneyCompact(account.revenueCents)}</td>
                <td className="num">{formatMoneyCompact(account.lifetimeValueCents)}</td>
                <td className="num">
                  {account.signal} × {account.multiplier} = {account.signal * account.multiplier}
                </td>
                <td>
                  <ul className="breakdown-people">
                    {account.people.map((person) => (
                      <li key={person.userId}>
                        <Link to={`/u/${person.handle}`}>{person.name}</Link>{" "}
                        <span className="muted small">
                          (
                          {person.credit
                            ? `credit: ${creditChoiceLabels[person.credit].toLowerCase()}`
                            : "credit: not answered"}
                          )
                        </span>
                        <ul className="small">
                          {person.via.map((way, index) => (
                            <li key={index}>
                              {viaLabels[way.via]}{" "}
                              <Link to={`/p/${way.postId}`}>“{way.threadTitle}”</Link>
                              {way.importance
                                ? ` (${importanceLabels[way.importance].toLowerCase()})`
                                : null}
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Fold>
  );
}
