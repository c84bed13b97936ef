import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { TableScroll } from "~/components/ui/table-scroll";
import { useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { BarChart } from "~/components/charts/bar-chart";
import { LineChart } from "~/components/charts/line-chart";
import { RelativeTime } from "~/components/ui/relative-time";
import { ACTIVITY_KINDS, compareValueGroups, RATE_MONTHS } from "~/models/value-groups.server";
import { formatPercent } from "~/utils/format";
import { tierLabels } from "~/utils/labels";
import { CsvLink } from "./__csv-link";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  return {
    ...(await compareValueGroups(user)),
    rateMonths: RATE_MONTHS,
    activityKinds: ACTIVITY_KINDS,
  };
}

const kindLabels = { posts: "Posts", ideas: "Ideas", replies: "Replies", votes: "Votes" } as const;
const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
const rate = (value: number) => value.toFixed(2);

/**
 * How the people of the top 1%, the top 10% and the rest of accounts take part, side by side:
 * each comparison a chart with its numbers in a table beside it and a CSV download.
 */
export default function ValueGroupsPage() {
  const { summaries, retention, seasonality, computedAt, rateMonths, activityKinds } =
    useLoaderData<typeof loader>();
  const groupNames = summaries.map((s) => tierLabels[s.tier]);
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Top groups against the rest</h1>
          <p>
            How the people of your top 1%, top 10% and other accounts take part. Activity figures
            are refreshed every hour
            {computedAt ? (
              <>
                {" "}
                (last <RelativeTime date={computedAt} />)
              </>
            ) : null}
            ; members never see them.
          </p>
        </div>
      </div>

      <section className="card stack" aria-labelledby="summary-heading">
        <div className="section-header">
          <h2 id="summary-heading">Members and activity</h2>
          <CsvLink path="/insights/groups" table="summary" label="members and activity" />
        </div>
        <div className="concentration-body">
          <BarChart
            labels={activityKinds.map((kind) => kindLabels[kind])}
            series={summaries.map((s) => ({
              name: tierLabels[s.tier],
              values: activityKinds.map((kind) => s.rates[kind]),
            }))}
            formatValue={rate}
            label={`Posts, ideas, replies and votes per member per month over the last ${rateMonths} months, for the top 1%, the top 10% and the rest; the table lists them.`}
          />
          <TableScroll label="Figures by group">
            <table className="data">
              <caption className="visually-hidden">Each group's members and activity</caption>
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  {groupNames.map((name) => (
                    <th key={name} scope="col" className="num">
                      {name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Accounts</th>
                  {summaries.map((s) => (
                    <td key={s.tier} className="num">
                      {s.accounts}
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">Members per account</th>
                  {summaries.map((s) => (
                    <td key={s.tier} className="num">
                      {s.membersPerAccount.toFixed(1)}
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">Active in 30 days</th>
                  {summaries.map((s) => (
                    <td key={s.tier} className="num">
                      {formatPercent(s.active30Share)}
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">Active in 90 days</th>
                  {summaries.map((s) => (
                    <td key={s.tier} className="num">
                      {formatPercent(s.active90Share)}
                    </td>
                  ))}
                </tr>
                {activityKinds.map((kind) => (
                  <tr key={kind}>
                    <th scope="row">{kindLabels[kind]} per member per month</th>
                    {summaries.map((s) => (
                      <td key={s.tier} className="num">
                        {rate(s.rates[kind])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      </section>

      <section className="card stack" aria-labelledby="retention-heading">
        <div className="section-header">
          <h2 id="retention-heading">Retention</h2>
          <CsvLink path="/insights/groups" table="retention" label="retention" />
        </div>
        <p className="small muted">The share of each group's members active in each month.</p>
        <div className="concentration-body">
          <LineChart
            labels={retention.months}
            series={summaries.map((s) => ({
              name: tierLabels[s.tier],
              values: retention.shares[s.tier],
            }))}
            formatValue={formatPercent}
            label="Share of members active in each of the last six months, for each group; the table lists them."
          />
          <GroupTable
            caption="Share of members active each month"
            rows={retention.months}
            groups={summaries.map((s) => ({
              name: tierLabels[s.tier],
              values: retention.shares[s.tier].map(formatPercent),
            }))}
          />
        </div>
      </section>

      <section className="card stack" aria-labelledby="season-heading">
        <div className="section-header">
          <h2 id="season-heading">Seasonality</h2>
          <CsvLink path="/insights/groups" table="seasonality" label="seasonality" />
        </div>
        <p className="small muted">
          Actions (posts, ideas, replies, votes and reactions) per member in each month of the year,
          all years together.
        </p>
        <div className="concentration-body">
          <LineChart
            labels={MONTH_NAMES}
            series={summaries.map((s) => ({
              name: tierLabels[s.tier],
              values: seasonality[s.tier],
            }))}
            formatValue={(value) => value.toFixed(1)}
            label="Actions per member in each month of the year, for each group; the table lists them."
          />
          <GroupTable
            caption="Actions per member by month of the year"
            rows={MONTH_NAMES}
            groups={summaries.map((s) => ({
              name: tierLabels[s.tier],
              values: seasonality[s.tier].map((value) => value.toFixed(1)),
            }))}
          />
        </div>
      </section>
    </div>
  );
}

/** A chart's numbers: one row per label, one column per group. */
function GroupTable({
  caption,
  rows,
  groups,
}: {
  caption: string;
  rows: string[];
  groups: { name: string; values: string[] }[];
}) {
  return (
    <TableScroll label={caption}>
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            {groups.map((group) => (
              <th key={group.name} scope="col" className="num">
                {group.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row}>
              <th scope="row">{row}</th>
              {groups.map((group) => (
                <td key={group.name} className="num">
                  {group.values[index]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export const meta: MetaFunction = () => [{ title: "Top groups · Insights · Vanguard" }];
