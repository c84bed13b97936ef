import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/current-user.server";
import { SpreadChart, type SpreadRow } from "~/components/charts/spread-chart";
import { TableScroll } from "~/components/ui/table-scroll";
import { getMyBenchmarks, type MemberBenchmark, type Spread } from "~/models/benchmark-read.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { ...(await getMyBenchmarks(user)), hasAccount: user.accountId !== null };
}

export default function MyBenchmarksPage() {
  const { metrics, segmentName, hasAccount } = useLoaderData<typeof loader>();
  return (
    <div className="page reading-column">
      <header className="page-header">
        <div>
          <h1>How you compare</h1>
          <p>
            Your account beside its peers: the customers in your segment
            {segmentName ? ` (${segmentName})` : ""}, and every customer. You see only the spread of
            their figures, never any one of them, and a figure shows only when at least five
            accounts besides yours stand behind it.
          </p>
        </div>
      </header>
      {!hasAccount ? (
        <p className="muted">Benchmarks compare customers' accounts: yours isn't one.</p>
      ) : metrics.length === 0 ? (
        <p className="muted">
          No benchmarks yet. When the product team adds some, you'll see here how your account
          compares.
        </p>
      ) : (
        <div className="stack">
          {!segmentName ? (
            <p className="muted">
              Your account has no segment yet, so you are compared with every other customer only.
            </p>
          ) : null}
          {metrics.map((metric) => (
            <BenchmarkCard key={metric.id} metric={metric} segmentName={segmentName} />
          ))}
        </div>
      )}
    </div>
  );
}

function formatterFor(unit: MemberBenchmark["unit"]) {
  const number = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });
  if (unit === "percent") return (value: number) => `${number.format(value)}%`;
  if (unit === "currency") {
    const money = new Intl.NumberFormat("en", {
      style: "currency",
      currency: "USD",
      notation: "compact",
      maximumFractionDigits: 1,
    });
    return (value: number) => money.format(value);
  }
  return (value: number) => number.format(value);
}

/** "Higher than 7 of your 12 peers", in the direction that is better for this figure. */
function standing(metric: MemberBenchmark, spread: Spread) {
  if (metric.own === null) return null;
  const share = spread.below / Math.max(1, spread.peers);
  const place =
    share >= 0.75
      ? "in the top quarter"
      : share >= 0.5
        ? "above the median"
        : share >= 0.25
          ? "below the median"
          : "in the bottom quarter";
  return `Higher than ${spread.below} of the ${spread.peers} other accounts: ${place}${
    metric.higherIsBetter ? "" : " (lower is better here)"
  }.`;
}

function BenchmarkCard({
  metric,
  segmentName,
}: {
  metric: MemberBenchmark;
  segmentName: string | null;
}) {
  const format = formatterFor(metric.unit);
  const headingId = `benchmark-${metric.id}`;
  const cohorts: [string, Spread | null][] = [
    [segmentName ? `Accounts in ${segmentName}` : "Accounts in your segment", metric.segment],
    ["All customers", metric.everyone],
  ];
  const shown = cohorts.filter((cohort): cohort is [string, Spread] => cohort[1] !== null);
  const rows: SpreadRow[] = shown.map(([label, spread]) => ({ label, ...spread }));
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{metric.name}</h2>
      {metric.description ? <p className="muted small">{metric.description}</p> : null}
      <p>
        Your account: <strong>{metric.own === null ? "no figure yet" : format(metric.own)}</strong>
      </p>
      {shown.length === 0 ? (
        <p className="muted">
          Not enough peers yet: a figure needs at least five accounts besides yours.
        </p>
      ) : (
        <>
          <SpreadChart
            rows={rows}
            own={metric.own}
            formatValue={format}
            label={`${metric.name}: your account against the middle half of your peers`}
          />
          <TableScroll label={`${metric.name}, in figures`}>
            <table className="data benchmark-figures">
              <caption className="visually-hidden">{metric.name}: the spread of your peers</caption>
              <thead>
                <tr>
                  <th scope="col">Compared with</th>
                  <th scope="col">First quartile</th>
                  <th scope="col">Median</th>
                  <th scope="col">Third quartile</th>
                  <th scope="col">Where you stand</th>
                </tr>
              </thead>
              <tbody>
                {cohorts.map(([label, spread]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    {spread ? (
                      <>
                        <td>{format(spread.p25)}</td>
                        <td>{format(spread.median)}</td>
                        <td>{format(spread.p75)}</td>
                        <td>{standing(metric, spread) ?? "—"}</td>
                      </>
                    ) : (
                      <td colSpan={4} className="muted">
                        Not shown: too few accounts behind it
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "How you compare · Vanguard" }];
