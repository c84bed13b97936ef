import { scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { ValueGrid, valueScale } from "./value-axis";

export type Series = { name: string; values: (number | null)[] };

const WIDTH = 560;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 36, bottom: 40, left: 64 };

/**
 * Lines over a row of labels (snapshot dates, months), drawn on the server as SVG so it prints and
 * needs no JavaScript. Series differ by dash as well as shade (never colour alone) and are named
 * in a legend; the page puts the numbers in a table beside it.
 */
export function LineChart({
  labels,
  series,
  formatValue,
  label,
}: {
  labels: string[];
  series: Series[];
  formatValue: (value: number) => string;
  label: string;
}) {
  const x = scalePoint<string>()
    .domain(labels)
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(labels.length === 1 ? 0.5 : 0);
  const y = valueScale(
    series.flatMap((s) => s.values),
    HEIGHT,
    MARGIN,
  );
  const every = Math.max(1, Math.ceil(labels.length / 6));
  return (
    <figure className="chart-figure">
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMidYMid meet"
      >
        <ValueGrid y={y} width={WIDTH} margin={MARGIN} formatValue={formatValue} />
        {labels.map((name, index) =>
          index % every === 0 || index === labels.length - 1 ? (
            <text
              key={name}
              className="chart-tick"
              x={x(name)}
              y={HEIGHT - MARGIN.bottom + 16}
              textAnchor="middle"
            >
              {name}
            </text>
          ) : null,
        )}
        {series.map((s, index) => {
          const points = labels.map((name, i) => ({ name, value: s.values[i] }));
          const path = line<{ name: string; value: number | null }>()
            .defined((point) => point.value !== null)
            .x((point) => x(point.name) ?? 0)
            .y((point) => y(point.value ?? 0))(points);
          return (
            <g key={s.name} className={`chart-series chart-series-${index % 3}`}>
              {path ? <path className="chart-series-line" d={path} /> : null}
              {points.map((point) =>
                point.value === null ? null : (
                  <circle
                    key={point.name}
                    className="chart-series-dot"
                    cx={x(point.name)}
                    cy={y(point.value)}
                    r={3}
                  />
                ),
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? <ChartLegend names={series.map((s) => s.name)} kind="line" /> : null}
    </figure>
  );
}

/** The series' names beside their line or bar style, in words. */
export function ChartLegend({ names, kind }: { names: string[]; kind: "line" | "bar" }) {
  return (
    <ul className="chart-legend small" aria-label="Legend">
      {names.map((name, index) => (
        <li key={name}>
          <svg width="28" height="12" aria-hidden="true">
            <g className={`chart-series chart-series-${index % 3}`}>
              {kind === "line" ? (
                <line className="chart-series-line" x1="2" x2="26" y1="6" y2="6" />
              ) : (
                <rect className="chart-series-bar" x="8" y="1" width="12" height="10" />
              )}
            </g>
          </svg>{" "}
          {name}
        </li>
      ))}
    </ul>
  );
}
