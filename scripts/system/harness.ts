// The shared part of the system tests (scripts/system/*.ts): a PostgreSQL of their own that can be
// stopped and started again on the same port, the community a scenario needs (made with the
// fixtures of db/testing/factories.ts), several `node build/server.js` processes on it, and
// signing in over HTTP. Every helper polls with a deadline instead of sleeping a fixed time.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { loadEmbeddedPostgres } from "../../db/embedded";
import { migrateDatabase } from "../../db/migrate";
import { TEST_PAUSED_SCHEDULES } from "../../db/testing/paused-schedules";

export const PASSWORD = "correct-horse-battery-staple"; // TEST_PASSWORD of the factories

/** Fails the test with a clear message. */
export class SystemTestFailure extends Error {}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new SystemTestFailure(message);
}

export function say(message: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Polls `probe` until it returns a truthy value, or fails with `message` after `timeoutMs`. */
export async function waitFor<T>(
  message: string | (() => Promise<string>),
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(everyMs);
  }
  const text = typeof message === "string" ? message : await message().catch(String);
  throw new SystemTestFailure(
    `${text} (waited ${Math.round(timeoutMs / 1000)} s${lastError ? `; last error: ${String(lastError)}` : ""})`,
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${from} and ${to}`);
}

export type SystemDatabase = {
  /** The test's database, as the app processes reach it. */
  url: string;
  /** A short-lived client for checks after the fact. */
  query: () => postgres.Sql;
  /** Stops PostgreSQL (a fast shutdown: open connections are cut). */
  stop: () => Promise<void>;
  /** Starts it again on the same port and data. */
  start: () => Promise<void>;
  /** Stops it and removes its data. */
  destroy: () => Promise<void>;
};

/**
 * A PostgreSQL of the test's own (the embedded binaries) in a fresh data directory under
 * .data/system/, on a fixed port so it can be stopped and started again, with the app's
 * migrations applied.
 */
export async function startDatabase(name: string): Promise<SystemDatabase> {
  const dataDir = path.resolve(".data/system", `${name}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const port = await freePort(54500, 54599);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password: "vanguard-system",
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      // 200 members, two app processes (10 each), their job queues and listeners, the test's own.
      "-c",
      "max_connections=200",
      "-c",
      "fsync=on",
    ],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  let running = true;
  const base = `postgres://postgres:vanguard-system@127.0.0.1:${port}`;
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database vanguard_system");
  await admin.end();
  const url = `${base}/vanguard_system`;
  await migrateDatabase(url);
  return {
    url,
    query: () => postgres(url, { max: 2, onnotice: () => {} }),
    stop: async () => {
      if (!running) return;
      running = false;
      await server.stop();
    },
    start: async () => {
      if (running) return;
      await server.start();
      running = true;
    },
    destroy: async () => {
      if (running) await server.stop();
      running = false;
      if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Community = Awaited<ReturnType<typeof createCommunity>>;

/**
 * The people and places a scenario reads and writes, made through the app's own model functions
 * (the fixtures): `members` members with the test password (hashed once), a space with
 * `threads` threads of `replies` replies each, and an ideas space with `ideas` open ideas.
 */
export async function createCommunity(
  databaseUrl: string,
  options: { members: number; threads: number; replies: number; ideas: number; proposal?: boolean },
) {
  // The fixtures reach the database through the app's own client, which reads DATABASE_URL.
  process.env.DATABASE_URL = databaseUrl;
  const factories = await import("../../db/testing/factories");
  const { closeDatabase } = await import("../../app/db.server");
  try {
    const account = await factories.createAccount();
    const members = [];
    for (let i = 0; i < options.members; i++) {
      members.push(
        await factories.createUser({
          accountId: account.id,
          email: `member${i}@system.test`,
          displayName: `Member ${i}`,
        }),
      );
    }
    const forum = await factories.createTestSpace({ name: "Forum" });
    const threads = [];
    for (let i = 0; i < options.threads; i++) {
      const author = members[i % members.length];
      const created = await factories.createTestThread(author, forum.id, {
        title: `Scheduled exports, question ${i + 1}`,
        body: "How do you schedule the weekly export of the usage report?",
        replies: options.replies,
      });
      threads.push(created.threadId);
    }
    const ideaSpace = await factories.createTestSpace({ name: "Ideas", ideasEnabled: true });
    const ideas = [];
    for (let i = 0; i < options.ideas; i++) {
      const author = members[(i * 7) % members.length];
      const created = await factories.createTestThread(author, ideaSpace.id, {
        kind: "idea",
        title: `Idea ${i + 1}: export reports on a schedule`,
        body: "Let us schedule exports per workspace time zone.",
      });
      ideas.push(created.threadId);
    }
    // An open proposal, as its author opens it for feedback.
    const proposal = options.proposal
      ? (
          await factories.createTestProposal(members[0], forum.id, {
            title: "Schedule exports per workspace",
            open: true,
          })
        ).threadId
      : null;
    return {
      proposal,
      members: members.map((m) => ({ id: m.id, email: m.email })),
      forum: { id: forum.id, slug: forum.slug },
      ideaSpace: { id: ideaSpace.id, slug: ideaSpace.slug },
      threads,
      ideas,
    };
  } finally {
    await closeDatabase();
  }
}

export type AppProcess = {
  base: string;
  /** Where its log goes (appended to). */
  logFile: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM and wait (a clean shutdown). */
  stop: () => Promise<void>;
  /** SIGKILL and wait. */
  kill: () => Promise<void>;
};

const APP_SECRET = randomBytes(32).toString("hex");

// Whatever ends this process, no app process it started outlives it.
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** Starts `node build/server.js` on `port`; resolves once /healthz answers 200. */
export async function startApp(databaseUrl: string, port: number): Promise<AppProcess> {
  if (!existsSync("build/server.js")) {
    throw new SystemTestFailure("build/server.js is missing: run `npm run build` first.");
  }
  const base = `http://localhost:${port}`;
  // Its log (pino's JSON lines, warnings and errors only) for looking into a failure.
  mkdirSync(".data/system", { recursive: true });
  const logFile = path.resolve(`.data/system/app-${port}.log`);
  const log = openSync(logFile, "a");
  const child = spawn(process.execPath, ["build/server.js"], {
    stdio: ["ignore", log, "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: process.env.SYSTEM_LOG_LEVEL ?? "warn",
      COOKIE_SECURE: "false",
      APP_URL: base,
      // Every process of one community shares the secret, as the README asks.
      APP_SECRET,
      PAUSED_SCHEDULES: TEST_PAUSED_SCHEDULES,
    },
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  children.add(child);
  void exited.then(() => children.delete(child));
  // A clean shutdown takes a few seconds (the server gives live streams 2 s, then stops the
  // queue); one that hangs is killed.
  const stop = async () => {
    if (gone) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const kill = async () => {
    if (gone) return;
    child.kill("SIGKILL");
    await exited;
  };
  try {
    await waitFor(
      `the app on port ${port} did not answer /healthz`,
      async () => {
        if (gone) throw new SystemTestFailure(`the app on port ${port} exited at start`);
        return (await fetch(`${base}/healthz`)).ok;
      },
      60_000,
      200,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, port, logFile, child, exited, stop, kill };
}

/** The session cookie ("name=value") of a member signed in with the password form. */
export async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookie = response.headers.get("set-cookie");
  check(
    response.status === 302 && cookie,
    `signing in ${email} at ${base} answered ${response.status}`,
  );
  return cookie.split(";")[0];
}

/** Signs everyone in, a few at a time (each sign-in checks an argon2 hash, ~100 ms). */
export async function signInAll(
  bases: string[],
  emails: string[],
  concurrency = 4,
): Promise<string[]> {
  const cookies = new Array<string>(emails.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < emails.length) {
        const i = next++;
        cookies[i] = await signIn(bases[i % bases.length], emails[i]);
      }
    }),
  );
  return cookies;
}

/** A form POST as a browser without JavaScript sends it (the Origin passes the cross-site check). */
export function postForm(
  base: string,
  pathname: string,
  cookie: string,
  fields: Record<string, string>,
): Promise<Response> {
  return fetch(base + pathname, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: base,
      Cookie: cookie,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
}

/** The post id a reply's redirect names (`/t/…?page=N#post-<id>`), or null. */
export function postIdOf(location: string | null): string | null {
  return location?.match(/#post-([0-9a-f-]{36})$/)?.[1] ?? null;
}

/**
 * Runs a test body with what it started cleaned up afterwards, whatever happens; exits 1 with the
 * failure's message (and 0 on success).
 */
export async function runSystemTest(
  name: string,
  body: (cleanup: (step: () => Promise<unknown>) => void) => Promise<void>,
) {
  const steps: Array<() => Promise<unknown>> = [];
  const started = Date.now();
  let failed = false;
  try {
    await body((step) => steps.unshift(step));
  } catch (error) {
    failed = true;
    console.error(
      `\n✗ ${name} FAILED: ${error instanceof SystemTestFailure ? error.message : (error as Error)?.stack}`,
    );
  }
  for (const step of steps) {
    try {
      await Promise.race([
        step(),
        sleep(30_000).then(() => {
          throw new Error("a cleanup step took more than 30 s");
        }),
      ]);
    } catch (error) {
      console.error(`cleanup: ${String(error)}`);
    }
  }
  if (!failed) say(`✓ ${name} passed in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(failed ? 1 : 0);
}
