import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import { TableScroll } from "~/components/ui/table-scroll";
import { getLatestInfluenceRun, listInfluentialMembers } from "~/models/influence-read.server";
import {
  getPowerSplits,
  listInfluentialOutsideTopTiers,
  listRisingMembers,
  listTopTierRoleModels,
  RISING_AMONG_TOP,
  RISING_DAYS,
  TOP_MEMBER_SHARE,
} from "~/models/influence-people.server";
import { formatCount, formatDate, formatPercent } from "~/utils/format";
import { countOfKind, formatInfluence } from "~/utils/influence-labels";
import { AccountCell, InfluenceTabs, MemberCell } from "./__influence-parts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:influence:any");
  const run = await getLatestInfluenceRun(user);
  const rules = {
    risingDays: RISING_DAYS,
    risingAmong: RISING_AMONG_TOP,
    topShare: TOP_MEMBER_SHARE,
  };
  if (!run) return { run: null, rules, roleModels: [], rising: null, outside: null, powers: [] };
  const [roleModels, rising, outside, top] = await Promise.all([
    listTopTierRoleModels(user, run.id),
    listRisingMembers(user, run.id),
    listInfluentialOutsideTopTiers(user, run.id),
    listInfluentialMembers(user, run.id),
  ]);
  const splits = await getPowerSplits(
    user,
    run.id,
    top.map((member) => member.id),
  );
  const powers = top.map((member) => ({ member, split: splits.get(member.id) ?? null }));
  return { run, rules, roleModels, rising, outside, powers };
}

/**
 * The people behind influence: whom the top 1% learn from, who is rising, who is influential
 * outside the top tiers, and the kind of power the most influential hold.
 */
export default function InfluencePeoplePage() {
  const { run, rules, roleModels, rising, outside, powers } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>People of influence</h1>
          <p>
            Whom your best customers listen to, who is gaining sway, and what kind of sway it is.
          </p>
        </div>
      </div>
      <InfluenceTabs />
      {!run || !rising || !outside ? (
        <Alert tone="info">
          Influence has not been computed yet. It is computed every day at 04:11 UTC.
        </Alert>
      ) : (
        <>
          <section className="card stack" aria-labelledby="role-models-heading">
            <h2 id="role-models-heading">Role models of the top 1%</h2>
            <p className="small muted">
              Whom the people of top-1% accounts engage with and learn from most, outside their own
              account, by the weight of that engagement (recent counts more).
            </p>
            {roleModels.length === 0 ? (
              <p className="muted">
                The people of top-1% accounts have not engaged with anyone yet.
              </p>
            ) : (
              <TableScroll label="Role models of the top 1%, with the engagement behind them">
                <table className="data">
                  <caption className="visually-hidden">
                    Role models of the top 1%, with the engagement behind them
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Member</th>
                      <th scope="col">Account</th>
                      <th scope="col" className="num">
                        Top-1% people
                      </th>
                      <th scope="col">Engagement</th>
                      <th scope="col">Most from</th>
                    </tr>
                  </thead>
                  <tbody>
                    {roleModels.map((model) => (
                      <tr key={model.id}>
                        <MemberCell id={model.id} name={model.displayName} />
                        <AccountCell name={model.accountName} tier={model.tier} />
                        <td className="num">{formatCount(model.followers)}</td>
                        <td>
                          {model.kinds
                            .map((kind) => countOfKind(kind.kind, kind.interactions))
                            .join(", ")}
                        </td>
                        <td>{model.engagedBy.map((person) => person.displayName).join(", ")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
          <section className="card stack" aria-labelledby="rising-heading">
            <h2 id="rising-heading">Rising members</h2>
            {rising.since === null ? (
              <p className="muted">
                Rising needs two computations to compare; the next daily run makes the second.
              </p>
            ) : (
              <>
                <p className="small muted">
                  Ranks gained since the run of {formatDate(rising.since)} (the latest at least{" "}
                  {rules.risingDays} days before, or the oldest kept), among the{" "}
                  {formatCount(rules.risingAmong)} highest ranked now; with who started engaging
                  with them since, and how.
                </p>
                {rising.members.length === 0 ? (
                  <p className="muted">Nobody ranked that high has risen since then.</p>
                ) : (
                  <TableScroll label="Rising members, with what drove their rise">
                    <table className="data">
                      <caption className="visually-hidden">
                        Rising members, with what drove their rise
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">Member</th>
                          <th scope="col">Account</th>
                          <th scope="col" className="num">
                            Rank then → now
                          </th>
                          <th scope="col">What drove it</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rising.members.map((member) => (
                          <tr key={member.id}>
                            <MemberCell id={member.id} name={member.displayName} />
                            <AccountCell name={member.accountName} tier={member.tier} />
                            <td className="num">
                              {member.rankThen === null ? "new" : `#${member.rankThen}`} → #
                              {member.rankNow}
                            </td>
                            <td>
                              {formatCount(member.newEngagers)}{" "}
                              {member.newEngagers === 1 ? "member" : "members"} newly engaging
                              {member.newKinds.length > 0
                                ? `: ${member.newKinds
                                    .map((kind) => countOfKind(kind.kind, kind.interactions))
                                    .join(", ")}`
                                : ""}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </TableScroll>
                )}
              </>
            )}
          </section>
          <section className="card stack" aria-labelledby="outside-heading">
            <h2 id="outside-heading">Influential outside the top tiers</h2>
            <p className="small muted">
              Members of accounts outside the top 1% and top 10% whose influence is already in the
              top {formatPercent(rules.topShare)} of members
              {outside.cutoffRank ? ` (rank #${outside.cutoffRank} or better)` : ""}:{" "}
              {formatCount(outside.total)} in all.
            </p>
            {outside.members.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <TableScroll label="Influential members of accounts outside the top tiers">
                <table className="data">
                  <caption className="visually-hidden">
                    Influential members of accounts outside the top tiers
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Member</th>
                      <th scope="col">Account</th>
                      <th scope="col" className="num">
                        Rank
                      </th>
                      <th scope="col" className="num">
                        Influence
                      </th>
                      <th scope="col" className="num">
                        Reach: members / accounts
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {outside.members.map((member) => (
                      <tr key={member.id}>
                        <MemberCell id={member.id} name={member.displayName} />
                        <td>{member.accountName}</td>
                        <td className="num">#{member.rank}</td>
                        <td className="num">{formatInfluence(member.score)}</td>
                        <td className="num">
                          {formatCount(member.reachMembers)} / {formatCount(member.reachAccounts)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
          <section className="card stack" aria-labelledby="power-heading">
            <h2 id="power-heading">Three kinds of power</h2>
            <p className="small muted">
              The most influential members, their sway split three ways. Referent: every interaction
              others had with them. Informational: confirmations of learnings that cite them, and
              reactions and answers to their insights and corrections. Expert: their replies marked
              helpful, answered or quoted.
            </p>
            <TableScroll label="Referent, informational and expert power of the most influential members">
              <table className="data">
                <caption className="visually-hidden">
                  Referent, informational and expert power of the most influential members
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col" className="num">
                      Rank
                    </th>
                    <th scope="col" className="num">
                      Referent
                    </th>
                    <th scope="col" className="num">
                      Informational
                    </th>
                    <th scope="col" className="num">
                      Expert
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {powers.map(({ member, split }) => (
                    <tr key={member.id}>
                      <MemberCell id={member.id} name={member.displayName} />
                      <td className="num">#{member.rank}</td>
                      <td className="num">{formatCount(split?.referent ?? 0)}</td>
                      <td className="num">{formatCount(split?.informational ?? 0)}</td>
                      <td className="num">{formatCount(split?.expert ?? 0)}</td>
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

export const meta: MetaFunction = () => [{ title: "People of influence · Insights · Vanguard" }];
