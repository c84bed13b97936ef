// The part of `npm run bench` every page benchmark shares: the built server started on a bench
// database, signing in, and measuring pages with autocannon.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
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
      if ((await fetch(`${base}/healthz`)).ok) return { base, stop };
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

/** Each page for DURATION seconds at CONNECTIONS connections, after a warm-up: one line each. */
export async function measurePages(
  base: string,
  targets: PageTarget[],
  cookies: Record<string, string>,
  defaultAs: string,
): Promise<string[]> {
  const rows: string[] = [];
  for (const target of targets) {
    const credential = cookies[target.as ?? defaultAs];
    // An API token goes in the Authorization header, a session in the cookie.
    const headers: Record<string, string> = credential.startsWith("Bearer ")
      ? { Authorization: credential }
      : { Cookie: credential };
    // Warm up: fill caches and JIT before measuring.
    for (let i = 0; i < 20; i++) await fetch(base + target.path, { headers });
    const result = await autocannon({
      url: base + target.path,
      connections: CONNECTIONS,
      duration: DURATION,
      headers,
    });
    if (result.non2xx > 0)
      throw new Error(`${target.path} answered ${result.non2xx} non-2xx responses`);
    const l = result.latency as unknown as Record<string, number>;
    rows.push(
      `${target.name.padEnd(42)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(l.p50).padStart(4)} ms   p90 ${String(l.p90).padStart(4)} ms   p97.5 ${String(l.p97_5).padStart(4)} ms   p99 ${String(l.p99).padStart(4)} ms   (target ${target.budget})`,
    );
  }
  return rows;
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
