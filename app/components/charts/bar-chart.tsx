import { scaleBand } from "d3-scale";
import { ChartLegend, type Series } from "./line-chart";
import { ValueGrid, valueScale } from "./value-axis";

const WIDTH = 560;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 16, bottom: 40, left: 64 };

/**
 * Grouped bars: one group per label (a measure, a month), one bar per series (top 1%, top 10%,
 * the rest), drawn on the server as SVG. Series differ by fill pattern and shade, named in a
 * legend; the page puts the numbers in a table beside it.
 */
export function BarChart({
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
  const x = scaleBand<string>()
    .domain(labels)
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .paddingInner(0.25)
    .paddingOuter(0.1);
  const inner = scaleBand<number>()
    .domain(series.map((_, index) => index))
    .range([0, x.bandwidth()])
    .padding(0.08);
  const y = valueScale(
    series.flatMap((s) => s.values),
    HEIGHT,
    MARGIN,
  );
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
        {labels.map((name, i) => (
          <g key={name}>
            <text
              className="chart-tick"
              x={(x(name) ?? 0) + x.bandwidth() / 2}
              y={HEIGHT - MARGIN.bottom + 16}
              textAnchor="middle"
            >
              {name}
            </text>
            {series.map((s, index) => {
              const value = s.values[i];
              if (value === null || value === undefined) return null;
              return (
                <g key={s.name} className={`chart-series chart-series-${index % 3}`}>
                  <rect
                    className="chart-series-bar"
                    x={(x(name) ?? 0) + (inner(index) ?? 0)}
                    y={y(value)}
                    width={inner.bandwidth()}
                    height={Math.max(0, y(0) - y(value))}
                  />
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      {series.length > 1 ? <ChartLegend names={series.map((s) => s.name)} kind="bar" /> : null}
    </figure>
  );
}
