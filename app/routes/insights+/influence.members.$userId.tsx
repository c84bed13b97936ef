import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { RelativeTime } from "~/components/ui/relative-time";
import { TableScroll } from "~/components/ui/table-scroll";
import {
  getInfluenceSubject,
  getLatestInfluenceRun,
  getMemberInfluence,
  getMemberInfluenceHistory,
  listStrongestEdges,
} from "~/models/influence-read.server";
import { getPowerSplits } from "~/models/influence-people.server";
import { getInfluencedRevenue } from "~/models/influenced-revenue.server";
import { formatCount, formatDate } from "~/utils/format";
import { formatInfluence } from "~/utils/influence-labels";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";
import { EdgeTable, InfluencedRevenueCard, PowerSplitCard } from "./__influence-member-parts";

const NO_MEMBER = "There is no such member.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:influence:any");
  const userId = uuidParam(params.userId);
  invariantResponse(userId, NO_MEMBER, { status: 404 });
  const [member, run] = await Promise.all([
    getInfluenceSubject(user, userId),
    getLatestInfluenceRun(user),
  ]);
  invariantResponse(member, NO_MEMBER, { status: 404 });
  if (!run) {
    return { member, run, influence: null, history: [], engagedBy: [], engagesWith: [] };
  }
  const [influence, history, engagedBy, engagesWith, powers, revenue] = await Promise.all([
    getMemberInfluence(user, run.id, userId),
    getMemberInfluenceHistory(user, userId),
    listStrongestEdges(user, run.id, userId, "engagedBy"),
    listStrongestEdges(user, run.id, userId, "engagesWith"),
    getPowerSplits(user, run.id, [userId]),
    getInfluencedRevenue(user, run.id, userId),
  ]);
  const power = powers.get(userId) ?? null;
  return { member, run, influence, history, engagedBy, engagesWith, power, revenue };
}

/** One member's influence: rank, score and reach, how they changed, and the edges behind them. */
export default function MemberInfluencePage() {
  const data = useLoaderData<typeof loader>();
  const { member, run, influence, history, engagedBy, engagesWith } = data;
  const power = "power" in data ? data.power : null;
  const revenue = "revenue" in data ? data.revenue : null;
  return (
    <div className="stack">
      <p className="small">
        <Link to="/insights/influence">← Influence</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{member.displayName}’s influence</h1>
          <p className="muted">
            <Link to={`/u/${member.handle}`}>@{member.handle}</Link>
            {member.accountId ? (
              <>
                {" "}
                of <Link to={`/insights/accounts/${member.accountId}`}>{member.accountName}</Link>
              </>
            ) : null}
          </p>
        </div>
      </div>
      {!run ? (
        <Alert tone="info">Influence has not been computed yet.</Alert>
      ) : !influence ? (
        <Alert tone="info">
          {member.displayName} has not engaged with anyone, nor anyone with them, in what the
          community records.
        </Alert>
      ) : (
        <>
          <section className="card" aria-labelledby="standing-heading">
            <h2 id="standing-heading">Standing</h2>
            <dl className="fact-grid">
              <div>
                <dt>Rank</dt>
                <dd>
                  #{influence.rank} of {formatCount(influence.ranked)}
                </dd>
              </div>
              <div>
                <dt>Influence</dt>
                <dd>{formatInfluence(influence.score)} (1 is the average member)</dd>
              </div>
              <div>
                <dt>Reach in 90 days</dt>
                <dd>
                  {formatCount(influence.reachMembers)} members from{" "}
                  {formatCount(influence.reachAccounts)} other accounts
                </dd>
              </div>
              <div>
                <dt>Computed</dt>
                <dd>
                  <RelativeTime date={run.completedAt} />
                </dd>
              </div>
            </dl>
          </section>
          <EdgeTable
            id="engaged-by"
            title="Most engaged with by"
            caption={`The members who engage most with ${member.displayName}'s content`}
            empty="Nobody has engaged with their content yet."
            edges={engagedBy}
          />
          <EdgeTable
            id="engages-with"
            title={
              influence.accountTier === "top1"
                ? "Role models: whom they engage with most"
                : "Engages most with"
            }
            caption={`The members whose content ${member.displayName} engages with most`}
            empty="They have not engaged with anyone's content yet."
            edges={engagesWith}
          />
          {power ? <PowerSplitCard name={member.displayName} split={power} /> : null}
          {revenue ? <InfluencedRevenueCard revenue={revenue} /> : null}
          <section className="card stack" aria-labelledby="history-heading">
            <h2 id="history-heading">Over time</h2>
            <TableScroll label="Rank and influence at each computation">
              <table className="data">
                <caption className="visually-hidden">
                  Rank and influence at each computation
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Computed</th>
                    <th scope="col" className="num">
                      Rank
                    </th>
                    <th scope="col" className="num">
                      Influence
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((point) => (
                    <tr key={point.completedAt}>
                      <th scope="row">{formatDate(point.completedAt)}</th>
                      <td className="num">#{point.rank}</td>
                      <td className="num">{formatInfluence(point.score)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.member.displayName ?? "Member"} · Influence · Vanguard` },
];
