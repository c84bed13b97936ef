import { scaleLinear } from "d3-scale";

const WIDTH = 560;
const ROW = 44;
const MARGIN = { top: 8, right: 24, bottom: 28, left: 120 };

export type SpreadRow = { label: string; p25: number; median: number; p75: number };

/**
 * Where one value stands against the middle half of one or more cohorts: per row, a box from the
 * first to the third quartile with the median marked, and the value as a diamond across all rows.
 * Drawn on the server as SVG; the page states the same figures in words and a table.
 */
export function SpreadChart({
  rows,
  own,
  formatValue,
  label,
}: {
  rows: SpreadRow[];
  own: number | null;
  formatValue: (value: number) => string;
  label: string;
}) {
  const values = rows.flatMap((row) => [row.p25, row.p75]).concat(own === null ? [] : [own]);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = high === low ? Math.max(1, Math.abs(high) * 0.1) : (high - low) * 0.15;
  const height = MARGIN.top + rows.length * ROW + MARGIN.bottom;
  const x = scaleLinear()
    .domain([low - pad, high + pad])
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .nice();
  const ticks = x.ticks(5);
  return (
    <figure className="chart-figure">
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="xMidYMid meet"
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              className="chart-grid"
              x1={x(tick)}
              x2={x(tick)}
              y1={MARGIN.top}
              y2={height - MARGIN.bottom}
            />
            <text
              className="chart-tick"
              x={x(tick)}
              y={height - MARGIN.bottom + 16}
              textAnchor="middle"
            >
              {formatValue(tick)}
            </text>
          </g>
        ))}
        {rows.map((row, index) => {
          const top = MARGIN.top + index * ROW + 8;
          return (
            <g key={row.label}>
              <text className="chart-tick" x={MARGIN.left - 8} y={top + 18} textAnchor="end">
                {row.label}
              </text>
              <rect
                className="chart-spread-box"
                x={x(row.p25)}
                y={top}
                width={Math.max(2, x(row.p75) - x(row.p25))}
                height={ROW - 16}
              />
              <line
                className="chart-spread-median"
                x1={x(row.median)}
                x2={x(row.median)}
                y1={top}
                y2={top + ROW - 16}
              />
            </g>
          );
        })}
        {own === null ? null : (
          <g className="chart-spread-own">
            <line x1={x(own)} x2={x(own)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
            <path
              d={`M ${x(own)} ${MARGIN.top - 2} l 6 6 l -6 6 l -6 -6 z`}
              transform={`translate(0, ${height - MARGIN.bottom - 16})`}
            />
          </g>
        )}
      </svg>
      <p className="small muted chart-key">
        Box: the middle half of the accounts (first to third quartile), yours among them; bar
        inside: their median; diamond and line: your account.
      </p>
    </figure>
  );
}
