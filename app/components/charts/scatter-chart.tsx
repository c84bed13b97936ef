import { scaleLog } from "d3-scale";

export type ScatterPoint = {
  id: string;
  name: string;
  x: number;
  y: number;
  /** Which quadrant it falls in; each is drawn differently (fill and size, not colour alone). */
  group: "highlight" | "strong" | "muted" | "faint";
};

const WIDTH = 560;
const HEIGHT = 360;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 64 };

const powersOfTen = (domain: number[]) => {
  const ticks: number[] = [];
  for (let power = Math.ceil(Math.log10(domain[0])); 10 ** power <= domain[1]; power++) {
    ticks.push(10 ** power);
  }
  return ticks;
};

/**
 * A scatter plot on two logarithmic axes, drawn on the server as SVG, split into four quadrants
 * at `xSplit` and `ySplit` and each quadrant named in its corner. Each point names itself on
 * hover; the page lists the same accounts in tables.
 */
export function ScatterChart({
  points,
  xSplit,
  ySplit,
  xLabel,
  yLabel,
  quadrantLabels,
  formatX,
  formatY,
  label,
}: {
  points: ScatterPoint[];
  xSplit: number | null;
  ySplit: number | null;
  xLabel: string;
  yLabel: string;
  /** Top left, top right, bottom left, bottom right. */
  quadrantLabels: [string, string, string, string];
  formatX: (value: number) => string;
  formatY: (value: number) => string;
  label: string;
}) {
  const xs = points.map((point) => point.x).concat(xSplit ?? []);
  const ys = points.map((point) => point.y).concat(ySplit ?? []);
  const x = scaleLog()
    .domain(xs.length ? [Math.min(...xs), Math.max(...xs, Math.min(...xs) * 10)] : [1, 10])
    .nice()
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLog()
    .domain(ys.length ? [Math.min(...ys), Math.max(...ys, Math.min(...ys) * 10)] : [0.1, 1])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const [left, right] = x.range();
  const [bottom, top] = y.range();
  const splitX = xSplit ? x(xSplit) : null;
  const splitY = ySplit ? y(ySplit) : null;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      preserveAspectRatio="xMidYMid meet"
    >
      {powersOfTen(y.domain()).map((tick) => (
        <g key={`y${tick}`}>
          <line className="chart-grid" x1={left} x2={right} y1={y(tick)} y2={y(tick)} />
          <text
            className="chart-tick"
            x={left - 6}
            y={y(tick)}
            textAnchor="end"
            dominantBaseline="middle"
          >
            {formatY(tick)}
          </text>
        </g>
      ))}
      {powersOfTen(x.domain()).map((tick) => (
        <g key={`x${tick}`}>
          <line className="chart-grid" x1={x(tick)} x2={x(tick)} y1={top} y2={bottom} />
          <text className="chart-tick" x={x(tick)} y={bottom + 16} textAnchor="middle">
            {formatX(tick)}
          </text>
        </g>
      ))}
      {splitX !== null ? (
        <line className="chart-equality" x1={splitX} x2={splitX} y1={top} y2={bottom} />
      ) : null}
      {splitY !== null ? (
        <line className="chart-equality" x1={left} x2={right} y1={splitY} y2={splitY} />
      ) : null}
      <text className="chart-quadrant" x={left + 6} y={top + 12}>
        {quadrantLabels[0]}
      </text>
      <text className="chart-quadrant" x={right - 6} y={top + 12} textAnchor="end">
        {quadrantLabels[1]}
      </text>
      <text className="chart-quadrant" x={left + 6} y={bottom - 8}>
        {quadrantLabels[2]}
      </text>
      <text className="chart-quadrant" x={right - 6} y={bottom - 8} textAnchor="end">
        {quadrantLabels[3]}
      </text>
      {points.map((point) => (
        <circle
          key={point.id}
          className={`chart-point chart-point-${point.group}`}
          cx={x(point.x)}
          cy={y(point.y)}
          r={point.group === "highlight" ? 5 : 3.5}
        >
          <title>{point.name}</title>
        </circle>
      ))}
      <text className="chart-axis" x={(left + right) / 2} y={HEIGHT - 4} textAnchor="middle">
        {xLabel}
      </text>
      <text
        className="chart-axis"
        transform={`translate(12 ${(top + bottom) / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {yLabel}
      </text>
    </svg>
  );
}
