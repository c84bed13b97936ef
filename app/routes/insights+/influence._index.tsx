import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { ScatterChart, type ScatterPoint } from "~/components/charts/scatter-chart";
import { Alert } from "~/components/ui/alert";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import {
  CONNECTED_SHARE,
  getInfluenceOverview,
  getLatestInfluenceRun,
  listInfluentialMembers,
  type InfluenceOverview,
  type RankedAccount,
} from "~/models/influence-read.server";
import { formatCount, formatMoneyCompact, formatPercent } from "~/utils/format";
import { formatInfluence } from "~/utils/influence-labels";
import { tierLabels } from "~/utils/labels";
import { AccountRanking, HowItIsComputed, InfluenceTabs, QuadrantList } from "./__influence-parts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:influence:any");
  const run = await getLatestInfluenceRun(user);
  const connectedShare = CONNECTED_SHARE;
  if (!run) return { run: null, overview: null, members: [], connectedShare };
  const [overview, members] = await Promise.all([
    getInfluenceOverview(user, run.id),
    listInfluentialMembers(user, run.id),
  ]);
  return { run, overview, members, connectedShare };
}

const QUADRANTS = {
  smallInfluential: "Small and influential",
  bigConnected: "Big and connected",
  bigQuiet: "Big and quiet",
  smallQuiet: "Small and quiet",
} as const;

function groupOf(account: RankedAccount): ScatterPoint["group"] {
  if (account.connected) return account.big ? "strong" : "highlight";
  return account.big ? "muted" : "faint";
}

/**
 * Most valuable against most connected: accounts ranked by revenue and by the influence of their
 * people, the quadrants the two make, and the members who carry the most influence.
 */
export default function InfluencePage() {
  const { run, overview, members, connectedShare } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Influence</h1>
          <p>
            Who moves the community, next to who spends the most. A member's influence is a PageRank
            over who engages with whose content; an account's is the sum of its people's. Revenue
            rankings miss the small accounts whose people others follow: they come first.
          </p>
        </div>
      </div>
      <InfluenceTabs />
      {!run || !overview ? (
        <Alert tone="info">
          Influence has not been computed yet. It is computed every day at 04:11 UTC from the
          replies, reactions, votes, endorsements, comments and mentions members exchange.
        </Alert>
      ) : (
        <>
          <p className="muted">
            Computed <RelativeTime date={run.completedAt} /> from {formatCount(run.interactions)}{" "}
            interactions between {formatCount(run.members)} members ({formatCount(run.edges)}{" "}
            edges), in {(run.durationMs / 1000).toFixed(1)} s. Scores: 1 is the average member who
            takes part.
          </p>
          <Quadrants overview={overview} connectedShare={connectedShare} />
          <div className="grid-2">
            <AccountRanking
              id="by-revenue"
              title="Most valuable"
              caption="Accounts by revenue over 12 months, with their influence rank"
              accounts={overview.byRevenue}
              show="influence"
            />
            <AccountRanking
              id="by-influence"
              title="Most connected"
              caption="Accounts by the influence of their people, with their revenue rank"
              accounts={overview.byInfluence}
              show="revenue"
            />
          </div>
          <section className="card stack" aria-labelledby="members-heading">
            <h2 id="members-heading">The most influential members</h2>
            <TableScroll label="Members by influence, with their account and their reach in 90 days">
              <table className="data">
                <caption className="visually-hidden">
                  Members by influence, with their account and their reach in 90 days
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Rank
                    </th>
                    <th scope="col">Member</th>
                    <th scope="col">Account</th>
                    <th scope="col" className="num">
                      Influence
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
                  {members.map((member) => (
                    <tr key={member.id}>
                      <td className="num">{member.rank}</td>
                      <th scope="row">
                        <Link to={`/insights/influence/members/${member.id}`}>
                          {member.displayName}
                        </Link>
                      </th>
                      <td>
                        {member.accountId ? (
                          <>
                            <Link to={`/insights/accounts/${member.accountId}`}>
                              {member.accountName}
                            </Link>
                            {member.tier && member.tier !== "rest" ? (
                              <> ({tierLabels[member.tier]})</>
                            ) : null}
                          </>
                        ) : (
                          <span className="muted">none</span>
                        )}
                      </td>
                      <td className="num">{formatInfluence(member.score)}</td>
                      <td className="num">{formatCount(member.reachMembers)}</td>
                      <td className="num">{formatCount(member.reachAccounts)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
          <HowItIsComputed parameters={run.parameters} />
        </>
      )}
    </div>
  );
}

function Quadrants({
  overview,
  connectedShare,
}: {
  overview: InfluenceOverview;
  connectedShare: number;
}) {
  const count = (big: boolean, connected: boolean) =>
    overview.counts.find((c) => c.big === big && c.connected === connected)?.accounts ?? 0;
  const points: ScatterPoint[] = overview.points.map((account) => ({
    id: account.id,
    name: `${account.name}: ${formatMoneyCompact(account.revenueCents)}, influence ${formatInfluence(account.score ?? 0)}`,
    x: account.revenueCents / 100,
    y: account.score ?? 0,
    group: groupOf(account),
  }));
  return (
    <section className="card stack" aria-labelledby="quadrants-heading">
      <h2 id="quadrants-heading">Most valuable against most connected</h2>
      <p className="small muted">
        <strong>Big</strong>: in the top tiers by revenue (top 1% and top 10%, set on the tiers
        page). <strong>Connected</strong>: the influence of its people is in the top{" "}
        {formatPercent(connectedShare)} of accounts whose people take part. The plot shows the{" "}
        {formatCount(points.length)} accounts that lead either ranking.
      </p>
      <div className="concentration-body">
        <figure className="chart-figure">
          <ScatterChart
            points={points}
            xSplit={overview.bigFrom !== null ? overview.bigFrom / 100 : null}
            ySplit={overview.connectedFrom}
            xLabel="Revenue, 12 months (log scale)"
            yLabel="Influence (log scale)"
            quadrantLabels={[
              QUADRANTS.smallInfluential,
              QUADRANTS.bigConnected,
              QUADRANTS.smallQuiet,
              QUADRANTS.bigQuiet,
            ]}
            formatX={(value) => formatMoneyCompact(value * 100)}
            formatY={formatInfluence}
            label="Accounts by revenue (across) and influence (up), in four quadrants"
          />
        </figure>
        <TableScroll label="Accounts in each quadrant">
          <table className="data">
            <caption>Accounts in each quadrant</caption>
            <tbody>
              <tr>
                <th scope="row">{QUADRANTS.smallInfluential}</th>
                <td className="num">{formatCount(count(false, true))}</td>
              </tr>
              <tr>
                <th scope="row">{QUADRANTS.bigConnected}</th>
                <td className="num">{formatCount(count(true, true))}</td>
              </tr>
              <tr>
                <th scope="row">{QUADRANTS.bigQuiet}</th>
                <td className="num">{formatCount(count(true, false))}</td>
              </tr>
              <tr>
                <th scope="row">{QUADRANTS.smallQuiet}</th>
                <td className="num">{formatCount(count(false, false))}</td>
              </tr>
            </tbody>
          </table>
        </TableScroll>
      </div>
      <QuadrantList
        id="small-influential"
        title={QUADRANTS.smallInfluential}
        hint="What revenue rankings miss: accounts outside the top tiers whose people others engage with most."
        accounts={overview.smallInfluential}
      />
      <QuadrantList
        id="big-connected"
        title={QUADRANTS.bigConnected}
        hint="Top-tier accounts whose people are also among the most engaged with."
        accounts={overview.bigConnected}
      />
      <QuadrantList
        id="big-quiet"
        title={QUADRANTS.bigQuiet}
        hint="Top-tier accounts whose people few engage with: value that the community does not carry yet."
        accounts={overview.bigQuiet}
      />
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Influence · Insights · Vanguard" }];
