import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { TableScroll } from "~/components/ui/table-scroll";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { LorenzChart } from "~/components/charts/lorenz-chart";
import { Alert } from "~/components/ui/alert";
import { FilterSelect } from "~/components/ui/filter-select";
import {
  getConcentration,
  listSnapshotDates,
  listTopTierAccounts,
  type MeasureConcentration,
} from "~/models/value-concentration.server";
import { formatMoney, formatPercent } from "~/utils/format";
import { CsvLink } from "./__csv-link";

const QuerySchema = z.object({
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const dates = await listSnapshotDates(user);
  const asOf = query.asOf && dates.includes(query.asOf) ? query.asOf : dates[0];
  if (!asOf) return { dates, asOf: null, previous: null, measures: [], before: [], top: [] };
  const previous = dates[dates.indexOf(asOf) + 1] ?? null;
  const [measures, before, top] = await Promise.all([
    getConcentration(user, asOf),
    previous ? getConcentration(user, previous) : Promise.resolve([]),
    listTopTierAccounts(user, asOf),
  ]);
  return { dates, asOf, previous, measures, before, top };
}

const shortLabels = {
  revenue: "revenue",
  grossProfit: "gross profit",
  lifetimeValue: "lifetime value",
} as const;

const measureLabels = {
  revenue: "Revenue (12 months)",
  grossProfit: "Gross profit",
  lifetimeValue: "Lifetime value",
} as const;

/** A change in share in percentage points, signed, for a person. */
function pointsMoved(now: number, then: number | undefined) {
  if (then === undefined) return null;
  const points = Math.round((now - then) * 1000) / 10;
  if (points === 0) return "no change";
  return `${points > 0 ? "+" : "−"}${Math.abs(points)} pts`;
}

export default function ValueConcentrationPage() {
  const { dates, asOf, previous, measures, before, top } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Value concentration</h1>
          <p>
            How much of your customers' value the largest accounts hold, as of a snapshot, and how
            it moved since the one before. Members never see these figures.
          </p>
        </div>
      </div>
      {!asOf ? (
        <Alert tone="info">
          No account values recorded yet. <Link to="/admin/accounts/import">Import accounts</Link>{" "}
          to see how value is spread across them.
        </Alert>
      ) : (
        <>
          <Form method="get" className="filters" aria-label="Choose a snapshot">
            <FilterSelect
              id="as-of"
              name="asOf"
              label="As of"
              value={asOf}
              options={dates.map((date) => ({ value: date, label: date }))}
            />
            <button type="submit" className="btn">
              Show
            </button>
          </Form>
          <p className="small muted">
            {previous ? `Changes are since ${previous}.` : "This is the first snapshot."}
          </p>
          {measures.map((measure) => (
            <MeasureCard
              asOf={asOf}
              key={measure.measure}
              measure={measure}
              before={before.find((entry) => entry.measure === measure.measure)}
            />
          ))}
          <section className="card stack" aria-labelledby="top-heading">
            <div className="section-header">
              <h2 id="top-heading">Accounts in the top tier</h2>
              <CsvLink
                path="/insights/value"
                table="top"
                query={{ asOf }}
                label="the top-tier accounts"
              />
            </div>
            <div className="table-wrap">
              <table className="data">
                <caption className="visually-hidden">Top-tier accounts by revenue</caption>
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Segment</th>
                    <th scope="col" className="num">
                      Revenue
                    </th>
                    <th scope="col" className="num">
                      Share of revenue
                    </th>
                    <th scope="col" className="num">
                      Lifetime value
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {top.map((account) => (
                    <tr key={account.id}>
                      <th scope="row">
                        <Link to={`/insights/accounts/${account.id}`}>{account.name}</Link>
                      </th>
                      <td>{account.segment || "—"}</td>
                      <td className="num">{formatMoney(account.revenueCents)}</td>
                      <td className="num">{formatPercent(account.share)}</td>
                      <td className="num">{formatMoney(account.lifetimeValueCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function MeasureCard({
  asOf,
  measure,
  before,
}: {
  asOf: string;
  measure: MeasureConcentration;
  before: MeasureConcentration | undefined;
}) {
  const label = measureLabels[measure.measure];
  const headingId = `${measure.measure}-heading`;
  const top1 = formatPercent(measure.topShares[1]);
  return (
    <section className="card concentration" aria-labelledby={headingId}>
      <div className="section-header">
        <h2 id={headingId}>{label}</h2>
        <CsvLink
          path="/insights/value"
          table={measure.measure}
          query={{ asOf }}
          label={`${label.toLowerCase()}: shares and Lorenz curve`}
        />
      </div>
      <div className="concentration-body">
        <TableScroll label={`Largest accounts' shares of ${shortLabels[measure.measure]}`}>
          <table className="data">
            <caption className="visually-hidden">
              {label}: share held by the largest accounts
            </caption>
            <thead>
              <tr>
                <th scope="col">Largest accounts</th>
                <th scope="col" className="num">
                  Share held
                </th>
                <th scope="col" className="num">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {([1, 2, 5, 10, 20] as const).map((percent) => (
                <tr key={percent}>
                  <th scope="row">Top {percent}%</th>
                  <td className="num">{formatPercent(measure.topShares[percent])}</td>
                  <td className="num">
                    {pointsMoved(measure.topShares[percent], before?.topShares[percent]) ?? "—"}
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">Gini coefficient</th>
                <td className="num">{measure.gini.toFixed(2)}</td>
                <td className="num">
                  {before ? (measure.gini - before.gini).toFixed(2).replace("-", "−") : "—"}
                </td>
              </tr>
              <tr>
                <th scope="row">Top-tier cut point</th>
                <td className="num">{formatMoney(measure.cutPoints.top)}</td>
                <td className="num">—</td>
              </tr>
              <tr>
                <th scope="row">High-tier cut point</th>
                <td className="num">{formatMoney(measure.cutPoints.high)}</td>
                <td className="num">—</td>
              </tr>
            </tbody>
          </table>
        </TableScroll>
        <figure className="chart-figure">
          <LorenzChart
            points={measure.lorenz}
            label={`Lorenz curve of ${label.toLowerCase()}: the top 1% of ${measure.accounts} accounts hold ${top1}.`}
          />
          <figcaption className="small muted">
            Lorenz curve: the further below the diagonal, the more concentrated. {measure.accounts}{" "}
            accounts.
          </figcaption>
        </figure>
      </div>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Value concentration · Insights · Vanguard" }];
