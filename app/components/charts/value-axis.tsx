import { scaleLinear, type ScaleLinear } from "d3-scale";

type Margin = { top: number; right: number; bottom: number; left: number };

/** The value axis of the line and bar charts: from 0 to a round number above the largest value. */
export function valueScale(values: (number | null)[], height: number, margin: Margin) {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  return scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
}

/** Its grid lines across the chart, each labelled on the left. */
export function ValueGrid({
  y,
  width,
  margin,
  formatValue,
}: {
  y: ScaleLinear<number, number>;
  width: number;
  margin: Margin;
  formatValue: (value: number) => string;
}) {
  return (
    <>
      {y.ticks(4).map((tick) => (
        <g key={tick}>
          <line
            className="chart-grid"
            x1={margin.left}
            x2={width - margin.right}
            y1={y(tick)}
            y2={y(tick)}
          />
          <text
            className="chart-tick"
            x={margin.left - 6}
            y={y(tick)}
            textAnchor="end"
            dominantBaseline="middle"
          >
            {formatValue(tick)}
          </text>
        </g>
      ))}
    </>
  );
}
