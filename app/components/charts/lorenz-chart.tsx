import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { formatPercent } from "~/utils/format";

type Point = { accountShare: number; valueShare: number };

const WIDTH = 320;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 20, bottom: 36, left: 44 };

/**
 * A Lorenz curve drawn on the server as SVG (it prints and needs no JavaScript): accounts from
 * smallest to largest along the bottom, the share of value they hold up the side, against the
 * diagonal of perfect equality. Its numbers are in the table the page puts beside it.
 */
export function LorenzChart({ points, label }: { points: Point[]; label: string }) {
  const x = scaleLinear()
    .domain([0, 1])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<Point>()
    .x((point) => x(point.accountShare))
    .y((point) => y(point.valueShare))(points);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="xMidYMid meet"
    >
      {ticks.map((tick) => (
        <g key={tick}>
          <line className="chart-grid" x1={x(0)} x2={x(1)} y1={y(tick)} y2={y(tick)} />
          <text
            className="chart-tick"
            x={x(0) - 6}
            y={y(tick)}
            textAnchor="end"
            dominantBaseline="middle"
          >
            {formatPercent(tick)}
          </text>
          <text className="chart-tick" x={x(tick)} y={y(0) + 16} textAnchor="middle">
            {formatPercent(tick)}
          </text>
        </g>
      ))}
      <line className="chart-equality" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
      {path ? <path className="chart-line" d={path} /> : null}
      <text className="chart-axis" x={(x(0) + x(1)) / 2} y={HEIGHT - 4} textAnchor="middle">
        Accounts, smallest to largest
      </text>
    </svg>
  );
}
