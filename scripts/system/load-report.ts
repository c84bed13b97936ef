// Writes a load run as a report: README.md (figures, per route) and index.html, with three SVG
// charts drawn with d3-scale and d3-shape: throughput over time (per process), latency
// percentiles over time, and requests and errors per route with the p99 of each.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import {
  BUDGETED_ROUTES,
  percentile,
  summarise,
  type LoadResult,
  type RouteSummary,
} from "./load-scenario";

const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { top: 30, right: 150, bottom: 40, left: 60 };
const COLOURS = ["#1f6feb", "#d97706", "#16a34a", "#dc2626", "#7c3aed", "#0891b2"];
const BUDGET_MS = 60;

const escape = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

type Series = { name: string; points: Array<[number, number]> };

function lineChart(title: string, yLabel: string, series: Series[], budget?: number): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const x = scaleLinear()
    .domain([0, Math.max(1, ...xs)])
    .range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear()
    .domain([0, Math.max(1, budget ?? 0, ...ys) * 1.1])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const draw = line<[number, number]>()
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const parts: string[] = [];
  for (const tick of y.ticks(6)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e5e7eb"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`,
    );
  }
  for (const tick of x.ticks(8)) {
    parts.push(
      `<text x="${x(tick)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${tick}</text>`,
    );
  }
  if (budget !== undefined) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(budget)}" y2="${y(budget)}" stroke="#dc2626" stroke-dasharray="6 4"/>`,
      `<text x="${WIDTH - MARGIN.right + 6}" y="${y(budget) + 4}" fill="#dc2626">budget ${budget} ms</text>`,
    );
  }
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    parts.push(
      `<path d="${draw(s.points) ?? ""}" fill="none" stroke="${colour}" stroke-width="1.8"/>`,
      `<rect x="${WIDTH - MARGIN.right + 6}" y="${MARGIN.top + i * 18}" width="12" height="3" fill="${colour}"/>`,
      `<text x="${WIDTH - MARGIN.right + 22}" y="${MARGIN.top + i * 18 + 5}">${escape(s.name)}</text>`,
    );
  });
  return svg(title, [
    ...parts,
    `<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 6}" text-anchor="middle">seconds into the run</text>`,
    `<text transform="translate(14 ${HEIGHT / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`,
  ]);
}

function routeChart(rows: RouteSummary[]): string {
  const x = scaleBand()
    .domain(rows.map((r) => r.route))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.25);
  const y = scaleLinear()
    .domain([0, Math.max(BUDGET_MS, ...rows.map((r) => r.p99)) * 1.1])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const parts: string[] = [];
  for (const tick of y.ticks(6)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e5e7eb"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`,
    );
  }
  for (const row of rows) {
    const left = x(row.route)!;
    const width = x.bandwidth();
    const budgeted = BUDGETED_ROUTES.includes(row.route);
    parts.push(
      `<rect x="${left}" y="${y(row.p99)}" width="${width}" height="${y(0) - y(row.p99)}" fill="${budgeted ? "#1f6feb" : "#94a3b8"}"/>`,
      `<rect x="${left + width * 0.25}" y="${y(row.p50)}" width="${width * 0.5}" height="${y(0) - y(row.p50)}" fill="#93c5fd"/>`,
      `<text x="${left + width / 2}" y="${y(row.p99) - 4}" text-anchor="middle">${row.p99}</text>`,
      `<text x="${left + width / 2}" y="${HEIGHT - MARGIN.bottom + 14}" text-anchor="middle" font-size="10">${escape(row.route)}</text>`,
      `<text x="${left + width / 2}" y="${HEIGHT - MARGIN.bottom + 27}" text-anchor="middle" font-size="10" fill="${row.errors > 0 ? "#dc2626" : "#16a34a"}">${row.errors} err / ${row.requests}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(BUDGET_MS)}" y2="${y(BUDGET_MS)}" stroke="#dc2626" stroke-dasharray="6 4"/>`,
    `<text x="${WIDTH - MARGIN.right + 6}" y="${y(BUDGET_MS) + 4}" fill="#dc2626">budget ${BUDGET_MS} ms</text>`,
    `<rect x="${WIDTH - MARGIN.right + 6}" y="${MARGIN.top}" width="12" height="10" fill="#1f6feb"/>`,
    `<text x="${WIDTH - MARGIN.right + 22}" y="${MARGIN.top + 9}">p99 (budgeted)</text>`,
    `<rect x="${WIDTH - MARGIN.right + 6}" y="${MARGIN.top + 18}" width="12" height="10" fill="#94a3b8"/>`,
    `<text x="${WIDTH - MARGIN.right + 22}" y="${MARGIN.top + 27}">p99 (other)</text>`,
    `<rect x="${WIDTH - MARGIN.right + 6}" y="${MARGIN.top + 36}" width="12" height="10" fill="#93c5fd"/>`,
    `<text x="${WIDTH - MARGIN.right + 22}" y="${MARGIN.top + 45}">p50</text>`,
    `<text transform="translate(14 ${HEIGHT / 2}) rotate(-90)" text-anchor="middle">milliseconds</text>`,
  );
  return svg("Latency and errors per route (errors / requests under each bar)", parts);
}

function svg(title: string, parts: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" font-family="system-ui, sans-serif" font-size="11" fill="#111827">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="13" font-weight="600">${escape(title)}</text>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}

/** Per `bucketSeconds` of the run: requests a second per process, and latency percentiles. */
function timeline(result: LoadResult, bucketSeconds: number) {
  const buckets = Math.ceil(result.durationMs / 1000 / bucketSeconds);
  const ports = [...new Set(result.answers.map((a) => a.port))].sort();
  const perBucket = Array.from({ length: buckets }, () => ({
    ms: [] as number[],
    byPort: new Map<number, number>(),
    errors: 0,
  }));
  for (const answer of result.answers) {
    const bucket = perBucket[Math.min(buckets - 1, Math.floor(answer.at / 1000 / bucketSeconds))];
    bucket.ms.push(answer.ms);
    bucket.byPort.set(answer.port, (bucket.byPort.get(answer.port) ?? 0) + 1);
  }
  const mid = (i: number) => (i + 0.5) * bucketSeconds;
  const throughput: Series[] = [
    {
      name: "all processes",
      points: perBucket.map((b, i) => [mid(i), b.ms.length / bucketSeconds]),
    },
    ...ports.map((port) => ({
      name: `process :${port}`,
      points: perBucket.map((b, i): [number, number] => [
        mid(i),
        (b.byPort.get(port) ?? 0) / bucketSeconds,
      ]),
    })),
  ];
  const latency: Series[] = [50, 90, 99].map((p) => ({
    name: `p${p}, all routes`,
    points: perBucket
      .map((b, i): [number, number] => [mid(i), percentile(b.ms, p)])
      .filter((point) => !Number.isNaN(point[1])),
  }));
  return { throughput, latency };
}

export type ReportContext = {
  title: string;
  /** Lines about the set-up (processes, members, machine). */
  setup: string[];
  /** Lines of findings written by the test (acknowledged writes found, …). */
  findings?: string[];
};

/** Writes the report into `directory`; returns the per-route summary. */
export function writeLoadReport(
  directory: string,
  result: LoadResult,
  context: ReportContext,
): RouteSummary[] {
  mkdirSync(directory, { recursive: true });
  const rows = summarise(result.answers);
  const bucket = result.durationMs > 180_000 ? 10 : 5;
  const { throughput, latency } = timeline(result, bucket);
  const charts = {
    "throughput.svg": lineChart("Throughput (requests a second)", "requests / s", throughput),
    "latency.svg": lineChart(
      `Latency percentiles over time (per ${bucket} s)`,
      "milliseconds",
      latency,
      BUDGET_MS,
    ),
    "routes.svg": routeChart(rows),
  };
  for (const [name, content] of Object.entries(charts)) {
    writeFileSync(path.join(directory, name), content);
  }
  const total = result.answers.length;
  const errors = rows.reduce((sum, r) => sum + r.errors, 0) + result.failures.length;
  const seconds = result.durationMs / 1000;
  const all = result.answers.map((a) => a.ms);
  const table = [
    "| route | requests | errors | p50 ms | p90 ms | p99 ms | max ms | budget |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows.map(
      (r) =>
        `| ${r.route} | ${r.requests} | ${r.errors} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${
          BUDGETED_ROUTES.includes(r.route)
            ? r.p99 < BUDGET_MS
              ? `p99 < ${BUDGET_MS} ms: met`
              : `p99 < ${BUDGET_MS} ms: **not met**`
            : ""
        } |`,
    ),
    `| **all** | ${total} | ${errors} | ${percentile(all, 50)} | ${percentile(all, 90)} | ${percentile(all, 99)} | ${Math.max(...all)} | |`,
  ];
  const markdown = [
    `# ${context.title}`,
    "",
    `Run at ${result.startedAt.toISOString()} for ${seconds.toFixed(0)} s: ${total} answers (${(total / seconds).toFixed(0)} a second), ${errors} errors (${result.failures.length} without an answer).`,
    "",
    ...context.setup.map((line) => `- ${line}`),
    "",
    "## Per route",
    "",
    ...table,
    "",
    "An error is any answer other than the step's expected one (200 for pages and the vote and reaction forms, the 302 to the new post for a reply), or no answer at all. Latency is from the request's first byte sent to the answer's last byte received, as autocannon measures it; it includes the time a request waits for its turn on a busy machine.",
    "",
    ...(context.findings?.length
      ? ["## Findings", "", ...context.findings.map((f) => `- ${f}`), ""]
      : []),
    "## Charts",
    "",
    "![Throughput](throughput.svg)",
    "",
    "![Latency percentiles over time](latency.svg)",
    "",
    "![Latency and errors per route](routes.svg)",
    "",
  ].join("\n");
  writeFileSync(path.join(directory, "README.md"), markdown);
  const html = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8"><title>' + escape(context.title) + "</title>",
    "<style>body{font-family:system-ui,sans-serif;max-width:820px;margin:2rem auto;padding:0 1rem;color:#111827}table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:.25rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}</style>",
    "</head><body>",
    `<h1>${escape(context.title)}</h1>`,
    `<p>Run at ${result.startedAt.toISOString()} for ${seconds.toFixed(0)} s: ${total} answers (${(total / seconds).toFixed(0)} a second), ${errors} errors.</p>`,
    "<ul>" + context.setup.map((line) => `<li>${escape(line)}</li>`).join("") + "</ul>",
    "<table><thead><tr><th>route</th><th>requests</th><th>errors</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>max ms</th></tr></thead><tbody>",
    ...rows.map(
      (r) =>
        `<tr><td>${escape(r.route)}</td><td>${r.requests}</td><td>${r.errors}</td><td>${r.p50}</td><td>${r.p90}</td><td>${r.p99}</td><td>${r.max}</td></tr>`,
    ),
    "</tbody></table>",
    ...(context.findings?.length
      ? ["<ul>" + context.findings.map((f) => `<li>${escape(f)}</li>`).join("") + "</ul>"]
      : []),
    ...Object.values(charts).map((content) => `<p>${content}</p>`),
    "</body></html>",
    "",
  ].join("\n");
  writeFileSync(path.join(directory, "index.html"), html);
  return rows;
}
