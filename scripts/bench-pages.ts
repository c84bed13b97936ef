// The part of `npm run bench` every page benchmark shares: the built server started on a bench
// database, signing in, and measuring pages with autocannon.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { startEmbeddedPostgres } from "../db/embedded";

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);

export type PageTarget = { name: string; path: string; budget: string; as?: string };

/**
 * Starts build/server.js on `databaseUrl`; BENCH_NODE_OPTIONS (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof") profiles it under load. Resolves once it answers.
 */
export async function startBenchServer(databaseUrl: string, port: number) {
  const base = `http://localhost:${port}`;
  const server = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_OPTIONS?.split(" ") ?? []), "build/server.js"],
    {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        LOG_LEVEL: "warn",
        COOKIE_SECURE: "false",
        APP_SECRET: process.env.APP_SECRET ?? randomBytes(32).toString("hex"),
      },
    },
  );
  const stop = async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.on("exit", resolve));
  };
  for (let attempt = 0; attempt < 60; attempt++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, stop, pid: server.pid! };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error("the server did not start");
}

/** The session cookie of a person signed in with a password. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = response.headers.get("set-cookie");
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(";")[0];
}

type Measured = {
  requests: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  /** The server process's CPU time per answered request, in ms (null: not known). */
  cpuMs: number | null;
};

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); null elsewhere. */
export function cpuTimeOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields 14 and 15 (utime, stime) after the command name, in clock ticks of 10 ms.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** One address for `duration` seconds at `connections` connections, after a warm-up. */
async function measure(
  url: string,
  headers: Record<string, string>,
  connections: number,
  pid?: number,
  duration = DURATION,
): Promise<Measured> {
  // Warm up: fill caches and JIT before measuring.
  for (let i = 0; i < 20; i++) await (await fetch(url, { headers })).arrayBuffer();
  const cpuBefore = cpuTimeOf(pid);
  const result = await autocannon({ url, connections, duration, headers });
  const cpuAfter = cpuTimeOf(pid);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url} answered ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  const l = result.latency as unknown as Record<string, number>;
  const cpuMs =
    cpuBefore === null || cpuAfter === null || result.requests.total === 0
      ? null
      : (cpuAfter - cpuBefore) / result.requests.total;
  return {
    requests: result.requests.average,
    ...(l as Omit<Measured, "requests" | "cpuMs">),
    cpuMs,
  };
}

/** An API token goes in the Authorization header, a session in the cookie. */
function credentialHeaders(credential: string): Record<string, string> {
  return credential.startsWith("Bearer ") ? { Authorization: credential } : { Cookie: credential };
}

/** Each page for DURATION seconds at CONNECTIONS connections, after a warm-up: one line each. */
export async function measurePages(
  server: string | { base: string; pid?: number },
  targets: PageTarget[],
  cookies: Record<string, string>,
  defaultAs: string,
): Promise<string[]> {
  const { base, pid } = typeof server === "string" ? { base: server, pid: undefined } : server;
  const rows: string[] = [];
  for (const target of targets) {
    const headers = credentialHeaders(cookies[target.as ?? defaultAs]);
    const m = await measure(base + target.path, headers, CONNECTIONS, pid);
    rows.push(
      `${target.name.padEnd(42)} ${m.requests.toFixed(0).padStart(6)} req/s   p50 ${String(m.p50).padStart(4)} ms   p90 ${String(m.p90).padStart(4)} ms   p97.5 ${String(m.p97_5).padStart(4)} ms   p99 ${String(m.p99).padStart(4)} ms   ${cpuText(m.cpuMs)}   ${budgetMet(target.budget, m)} (target ${target.budget})`,
    );
  }
  return rows;
}

export const RATIO_CONNECTIONS = Number(process.env.BENCH_RATIO_CONNECTIONS ?? 10);
/** A page's share of the ceiling's requests per second, and its p99, at RATIO_CONNECTIONS. */
export const RATIO_TARGET = 0.1;
export const RATIO_P99_MS = 60;

/**
 * Each page against the ceiling (scripts/bench-ceiling.ts), alternating: the ceiling, a page, the
 * ceiling, the next page … the ceiling. A page's ratio is its requests per second over the mean
 * of the two ceiling runs beside it, so a neighbour's load that comes and goes weighs on both.
 */
export async function measureRatios(
  { base, pid }: { base: string; pid?: number },
  ceilingServer: { base: string; pid?: number },
  targets: PageTarget[],
  cookies: Record<string, string>,
  defaultAs: string,
): Promise<string[]> {
  const ceiling = () => measure(ceilingServer.base, {}, RATIO_CONNECTIONS, ceilingServer.pid);
  const ceilings = [await ceiling()];
  const pages: Measured[] = [];
  for (const target of targets) {
    const headers = credentialHeaders(cookies[target.as ?? defaultAs]);
    pages.push(await measure(base + target.path, headers, RATIO_CONNECTIONS, pid));
    ceilings.push(await ceiling());
  }
  const rows = ceilings.map(
    (c, i) =>
      `${`ceiling (bare node:http + postgres.js), run ${i + 1}`.padEnd(46)} ${c.requests.toFixed(0).padStart(6)} req/s   p99 ${String(c.p99).padStart(4)} ms   ${cpuText(c.cpuMs)}`,
  );
  targets.forEach((target, i) => {
    const page = pages[i];
    const beside = (ceilings[i].requests + ceilings[i + 1].requests) / 2;
    const ratio = page.requests / beside;
    const met = ratio >= RATIO_TARGET && page.p99 < RATIO_P99_MS;
    // CPU per request, the page's against the ceiling's: what the ratio would be on an idle
    // machine, where neither waits for the other's neighbours.
    const cpuBeside = [ceilings[i].cpuMs, ceilings[i + 1].cpuMs].filter((x) => x !== null);
    const cpuRatio =
      page.cpuMs && cpuBeside.length
        ? cpuBeside.reduce((a, b) => a + b, 0) / cpuBeside.length / page.cpuMs
        : null;
    rows.push(
      `${target.name.padEnd(46)} ${page.requests.toFixed(0).padStart(6)} req/s   p50 ${String(page.p50).padStart(4)} ms   p99 ${String(page.p99).padStart(4)} ms   ${(ratio * 100).toFixed(1).padStart(5)}% of ${beside.toFixed(0)}   ${cpuText(page.cpuMs)}${cpuRatio === null ? "" : ` (${(cpuRatio * 100).toFixed(1)}% of the ceiling's)`}   ${met ? "met" : "NOT MET"} (target ≥ ${RATIO_TARGET * 100}% and p99 < ${RATIO_P99_MS} ms)`,
    );
  });
  return rows;
}

/**
 * Whether a "p95 < 100 ms" or "p99 < 150 ms" budget was met. autocannon reports no 95th
 * percentile: a p95 budget is held to the 97.5th, which is stricter.
 */
function budgetMet(budget: string, m: Measured): string {
  const found = /p(\d+) < (\d+) ms/.exec(budget);
  if (!found) return "";
  const observed = found[1] === "99" ? m.p99 : found[1] === "50" ? m.p50 : m.p97_5;
  return observed < Number(found[2]) ? "met" : "NOT MET";
}

function cpuText(cpuMs: number | null): string {
  return cpuMs === null ? "" : `CPU ${cpuMs.toFixed(2).padStart(6)} ms/request`;
}

/**
 * The server a benchmark seeds its database on: TEST_DATABASE_URL's when set, otherwise an
 * embedded PostgreSQL in .data/bench-postgres; `url` names the benchmark's own database there.
 */
export async function benchServer(database: string) {
  const embedded = process.env.TEST_DATABASE_URL
    ? null
    : await startEmbeddedPostgres({
        dataDir: path.resolve(".data/bench-postgres"),
        database: "postgres",
      });
  const serverUrl = process.env.TEST_DATABASE_URL ?? embedded!.url;
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return { serverUrl, url, embedded };
}
