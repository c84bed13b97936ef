import { TableScroll } from "~/components/ui/table-scroll";
import { Link } from "@remix-run/react";
import { LineChart } from "~/components/charts/line-chart";
import { Badge } from "~/components/ui/badge";
import { RelativeTime } from "~/components/ui/relative-time";
import { formatMoney, formatMoneyCompact } from "~/utils/format";
import {
  backlogStatusLabels,
  backlogStatusTones,
  ideaStatusLabels,
  importanceLabels,
  proposalStageLabels,
  tierLabels,
} from "~/utils/labels";
import type { ValueTier } from "#db/schema";
import { CsvLink } from "./__csv-link";

// The sections of an account's page (insights+/accounts.$accountId.tsx), each one card.

type Facts = {
  segment: string;
  region: string;
  revenueCents: number;
  grossProfitCents: number;
  lifetimeValueCents: number;
  customerSince: string | null;
  renewalDate: string | null;
  ownerName: string | null;
  acquisitionSource: string;
  firstProduct: string;
  products: string[];
  externalId: string | null;
};

const orDash = (value: string | null | undefined) => (value ? value : "—");

export function AccountFacts({ account }: { account: Facts }) {
  const facts: [string, string][] = [
    ["Revenue (12 months)", formatMoney(account.revenueCents)],
    ["Gross profit", formatMoney(account.grossProfitCents)],
    ["Lifetime value", formatMoney(account.lifetimeValueCents)],
    ["Renewal date", orDash(account.renewalDate)],
    ["Account owner", orDash(account.ownerName)],
    ["Customer since", orDash(account.customerSince)],
    ["Segment", orDash(account.segment)],
    ["Region", orDash(account.region)],
    ["Acquired through", orDash(account.acquisitionSource)],
    ["First product", orDash(account.firstProduct)],
    ["Products", account.products.length ? account.products.join(", ") : "—"],
    ["External id", orDash(account.externalId)],
  ];
  return (
    <section className="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">At a glance</h2>
      <dl className="fact-grid">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type Standing = {
  asOf: string;
  revenueCents: number;
  grossProfitCents: number;
  lifetimeValueCents: number;
  revenueRank: number;
  tier: ValueTier;
};

export function AccountValueHistory({
  accountId,
  name,
  history,
}: {
  accountId: string;
  name: string;
  history: {
    standings: Standing[];
    tierChanges: { fromTier: ValueTier; toTier: ValueTier; changedAt: string | Date }[];
  };
}) {
  const { standings, tierChanges } = history;
  return (
    <section className="card stack" aria-labelledby="history-heading">
      <div className="section-header">
        <h2 id="history-heading">Values and tier over time</h2>
        {standings.length > 0 ? (
          <CsvLink
            path={`/insights/accounts/${accountId}/values`}
            table="values"
            label={`${name}'s values over time`}
          />
        ) : null}
      </div>
      {standings.length === 0 ? (
        <p className="muted">No values recorded yet: an import or an admin's edit adds them.</p>
      ) : (
        <div className="concentration-body">
          <LineChart
            labels={standings.map((s) => s.asOf)}
            series={[
              { name: "Revenue (12 months)", values: standings.map((s) => s.revenueCents) },
              { name: "Gross profit", values: standings.map((s) => s.grossProfitCents) },
              { name: "Lifetime value", values: standings.map((s) => s.lifetimeValueCents) },
            ]}
            formatValue={formatMoneyCompact}
            label={`${name}'s revenue, gross profit and lifetime value at each of ${standings.length} snapshots; the table beside lists them.`}
          />
          <TableScroll label={`${name}'s values at each snapshot`}>
            <table className="data">
              <caption className="visually-hidden">
                {name}'s values, rank and tier at each snapshot, oldest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">As of</th>
                  <th scope="col" className="num">
                    Revenue
                  </th>
                  <th scope="col" className="num">
                    Rank
                  </th>
                  <th scope="col">Tier</th>
                </tr>
              </thead>
              <tbody>
                {standings.map((s) => (
                  <tr key={s.asOf}>
                    <th scope="row">{s.asOf}</th>
                    <td className="num" title={formatMoney(s.revenueCents)}>
                      {formatMoneyCompact(s.revenueCents)}
                    </td>
                    <td className="num">{s.revenueRank}</td>
                    <td>{tierLabels[s.tier]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      )}
      {tierChanges.length > 0 ? (
        <ul className="small">
          {tierChanges.map((change) => (
            <li key={String(change.changedAt)}>
              Moved from {tierLabels[change.fromTier]} to {tierLabels[change.toTier]}{" "}
              <RelativeTime date={change.changedAt} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

type Person = {
  id: string;
  displayName: string;
  handle: string;
  status: "active" | "suspended";
  alumniSince: string | null;
  lastActiveAt: string | null;
  posts90: number;
  votes90: number;
  reactions90: number;
};

export function AccountPeople({ people }: { people: { people: Person[]; total: number } }) {
  return (
    <section className="card stack" aria-labelledby="people-heading">
      <h2 id="people-heading">Its people ({people.total})</h2>
      {people.total === 0 ? (
        <p className="muted">Nobody from this account has joined yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">
              The account's members, most recently seen first, with the last 90 days' activity
            </caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Last active</th>
                <th scope="col" className="num">
                  Posts (90 days)
                </th>
                <th scope="col" className="num">
                  Votes (90 days)
                </th>
                <th scope="col" className="num">
                  Reactions (90 days)
                </th>
              </tr>
            </thead>
            <tbody>
              {people.people.map((person) => (
                <tr key={person.id}>
                  <th scope="row">
                    <Link to={`/u/${person.handle}`}>{person.displayName}</Link>
                    {person.status === "suspended" ? (
                      <>
                        {" "}
                        <Badge tone="danger">Suspended</Badge>
                      </>
                    ) : null}
                    {person.alumniSince ? (
                      <>
                        {" "}
                        <Badge tone="neutral">Alumni</Badge>
                      </>
                    ) : null}
                  </th>
                  <td>
                    <RelativeTime date={person.lastActiveAt} />
                  </td>
                  <td className="num">{person.posts90}</td>
                  <td className="num">{person.votes90}</td>
                  <td className="num">{person.reactions90}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {people.total > people.people.length ? (
        <p className="small muted">
          Showing the {people.people.length} most recently seen of {people.total}.
        </p>
      ) : null}
    </section>
  );
}

type Contributions = {
  ideas: {
    threadId: string;
    title: string;
    status: keyof typeof ideaStatusLabels;
    voteCount: number;
    people: number;
    posted: boolean;
    importance: keyof typeof importanceLabels | null;
  }[];
  proposals: {
    threadId: string;
    title: string;
    stage: keyof typeof proposalStageLabels;
    endorsementCount: number;
    coauthors: number;
    endorsers: number;
  }[];
  backlogItems: {
    itemId: string;
    title: string;
    status: keyof typeof backlogStatusLabels;
    people: number;
  }[];
};

export function AccountContributions({ contributions }: { contributions: Contributions }) {
  const { ideas, proposals, backlogItems } = contributions;
  return (
    <>
      <section className="card stack" aria-labelledby="backed-heading">
        <h2 id="backed-heading">Backlog items its people stand behind</h2>
        {backlogItems.length === 0 ? (
          <p className="muted">
            None yet: an item counts this account once its ideas, votes, proposals or posts are
            linked as evidence.
          </p>
        ) : (
          <ul className="plain-list">
            {backlogItems.map((item) => (
              <li key={item.itemId}>
                <Link to={`/staff/backlog/${item.itemId}`}>{item.title}</Link>{" "}
                <Badge tone={backlogStatusTones[item.status]}>
                  {backlogStatusLabels[item.status]}
                </Badge>{" "}
                <span className="small muted">
                  {item.people} {item.people === 1 ? "person" : "people"} from this account
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="ideas-heading">
        <h2 id="ideas-heading">Ideas they posted and voted for</h2>
        {ideas.length === 0 ? (
          <p className="muted">Nobody from this account has posted or voted for an idea yet.</p>
        ) : (
          <ul className="plain-list">
            {ideas.map((idea) => (
              <li key={idea.threadId}>
                <Link to={`/t/${idea.threadId}`}>{idea.title}</Link>{" "}
                <Badge tone="neutral">{ideaStatusLabels[idea.status]}</Badge>{" "}
                <span className="small muted">
                  {idea.posted ? "Posted by them · " : ""}
                  {idea.people} {idea.people === 1 ? "person" : "people"} from this account
                  {idea.importance ? ` · up to “${importanceLabels[idea.importance]}”` : ""} ·{" "}
                  {idea.voteCount} votes in all
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">Proposals they wrote or endorsed</h2>
        {proposals.length === 0 ? (
          <p className="muted">Nobody from this account has written or endorsed a proposal yet.</p>
        ) : (
          <ul className="plain-list">
            {proposals.map((proposal) => (
              <li key={proposal.threadId}>
                <Link to={`/t/${proposal.threadId}`}>{proposal.title}</Link>{" "}
                <Badge tone="neutral">{proposalStageLabels[proposal.stage]}</Badge>{" "}
                <span className="small muted">
                  {proposal.coauthors > 0 ? `${proposal.coauthors} co-author(s) · ` : ""}
                  {proposal.endorsers > 0 ? `${proposal.endorsers} endorser(s) · ` : ""}
                  {proposal.endorsementCount} endorsements in all
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
