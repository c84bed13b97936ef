import { Link, NavLink } from "@remix-run/react";
import type { InteractionKind, ValueTier } from "#db/schema";
import { TableScroll } from "~/components/ui/table-scroll";
import type { RankedAccount } from "~/models/influence-read.server";
import { formatCount, formatMoney, formatMoneyCompact, formatPercent } from "~/utils/format";
import { formatInfluence, interactionKindLabels } from "~/utils/influence-labels";
import { tierLabels } from "~/utils/labels";

// The influence page's tables: accounts in a quadrant, the two rankings, and the method.

/** The two influence pages: accounts and people. */
export function InfluenceTabs() {
  return (
    <nav className="tabs" aria-label="Influence">
      <NavLink to="/insights/influence" end>
        Accounts
      </NavLink>
      <NavLink to="/insights/influence/people">People</NavLink>
    </nav>
  );
}

/** A member's account and its tier, or "none", in a table cell. */
export function AccountCell({ name, tier }: { name: string | null; tier: ValueTier | null }) {
  return (
    <td>
      {name ?? <span className="muted">none</span>}
      {tier ? ` (${tierLabels[tier]})` : null}
    </td>
  );
}

/** A member's name in a table's row header, leading to their influence page. */
export function MemberCell({ id, name }: { id: string; name: string }) {
  return (
    <th scope="row">
      <Link to={`/insights/influence/members/${id}`}>{name}</Link>
    </th>
  );
}

export function QuadrantList({
  id,
  title,
  hint,
  accounts,
}: {
  id: string;
  title: string;
  hint: string;
  accounts: RankedAccount[];
}) {
  return (
    <div className="stack">
      <h3 id={`${id}-heading`}>{title}</h3>
      <p className="small muted">{hint}</p>
      {accounts.length === 0 ? (
        <p className="muted">No account is here.</p>
      ) : (
        <TableScroll label={title}>
          <table className="data">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col" className="num">
                  Revenue (12 mo)
                </th>
                <th scope="col" className="num">
                  Influence (rank)
                </th>
                <th scope="col" className="num">
                  Reach: members
                </th>
                <th scope="col" className="num">
                  Reach: accounts
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.id}>
                  <th scope="row">
                    <Link to={`/insights/accounts/${account.id}`}>{account.name}</Link>
                  </th>
                  <td className="num" title={formatMoney(account.revenueCents)}>
                    {formatMoneyCompact(account.revenueCents)}
                  </td>
                  <td className="num">
                    {account.score !== null
                      ? `${formatInfluence(account.score)} (#${account.influenceRank})`
                      : "none"}
                  </td>
                  <td className="num">{formatCount(account.reachMembers ?? 0)}</td>
                  <td className="num">{formatCount(account.reachAccounts ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}

export function AccountRanking({
  id,
  title,
  caption,
  accounts,
  show,
}: {
  id: string;
  title: string;
  caption: string;
  accounts: RankedAccount[];
  show: "influence" | "revenue";
}) {
  return (
    <section className="card stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <TableScroll label={caption}>
        <table className="data">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col" className="num">
                {show === "influence" ? "Revenue" : "Influence"}
              </th>
              <th scope="col" className="num">
                {show === "influence" ? "Influence rank" : "Revenue rank"}
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id}>
                <th scope="row">
                  <Link to={`/insights/accounts/${account.id}`}>{account.name}</Link>
                </th>
                <td className="num">
                  {show === "influence"
                    ? formatMoneyCompact(account.revenueCents)
                    : formatInfluence(account.score ?? 0)}
                </td>
                <td className="num">
                  {show === "influence"
                    ? account.influenceRank !== null
                      ? `#${account.influenceRank}`
                      : "none"
                    : `#${account.revenueRank}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

export function HowItIsComputed({
  parameters,
}: {
  parameters: {
    damping: number;
    halfLifeDays: number;
    reachDays: number;
    weights: Record<InteractionKind, number>;
  };
}) {
  const weights = (Object.entries(parameters.weights) as [InteractionKind, number][]).sort(
    (a, b) => b[1] - a[1],
  );
  return (
    <section className="card stack" aria-labelledby="method-heading">
      <h2 id="method-heading">How it is computed</h2>
      <p>
        Each time a member engages with another member's content, the graph gains an edge from the
        one who engages to the one engaged with. Staff, moderators and admins are not in it, and
        held, hidden, removed or deleted posts count for nothing. An interaction weighs its kind's
        weight below, halved every {parameters.halfLifeDays} days of age. Influence is a weighted
        PageRank with damping {parameters.damping}: each round, every member keeps{" "}
        {formatPercent(1 - parameters.damping)} of an equal share and passes the rest to those they
        engage with, in proportion to the weights. Reach counts the distinct members, and accounts
        other than their own, who engaged with them in the last {parameters.reachDays} days.
      </p>
      <TableScroll label="Weight of each interaction (A … B)">
        <table className="data">
          <caption>Weight of each interaction (A … B)</caption>
          <thead>
            <tr>
              <th scope="col">Interaction</th>
              <th scope="col" className="num">
                Weight
              </th>
            </tr>
          </thead>
          <tbody>
            {weights.map(([kind, weight]) => (
              <tr key={kind}>
                <th scope="row">A {interactionKindLabels[kind]}</th>
                <td className="num">{weight}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
