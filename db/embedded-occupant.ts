import { existsSync, readFileSync, readlinkSync, unlinkSync } from "node:fs";
import path from "node:path";

/**
 * Who holds an embedded PostgreSQL data folder. A server whose starter was killed (kill -9, an
 * out-of-memory kill) keeps running with no one to stop it, and PostgreSQL rightly refuses a second
 * server on the same folder; the next start must tell that orphan apart from a server that a live
 * process is using, and from a lock file left by a power loss. The kernel keeps the answer: a
 * running server's parent is the Node process that started it, and an orphan is handed to init.
 */
export type Occupant =
  { kind: "none" } | { kind: "in-use"; pid: number } | { kind: "orphaned"; pid: number };

export function occupantOf(dataDir: string): Occupant {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return { kind: "none" };
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return { kind: "none" };
  // Without /proc (macOS) nothing more can be told: a live pid counts as in use, as before.
  if (!existsSync(`/proc/${pid}`)) return { kind: "in-use", pid };
  const commandLine = readProc(pid, "cmdline")?.split("\0") ?? [];
  if (!commandLine.includes(path.resolve(dataDir))) {
    // After a power loss the file's pid may now belong to another program; PostgreSQL would take
    // that program for a server of this folder and refuse to start. The file is stale.
    unlinkSync(pidFile);
    return { kind: "none" };
  }
  return startedByNode(pid) ? { kind: "in-use", pid } : { kind: "orphaned", pid };
}

/** Fast shutdown (PostgreSQL's SIGINT), then immediate shutdown if it does not finish. */
export async function stopOrphan(pid: number): Promise<void> {
  for (const [signal, seconds] of [
    ["SIGINT", 60],
    ["SIGQUIT", 10],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return; // already gone
    }
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`The embedded PostgreSQL (pid ${pid}) did not stop.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (PostgreSQL runs as "postgres" under root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}

/** Whether a Node process is among the server's ancestors (its starter, or a test runner's). */
function startedByNode(pid: number): boolean {
  let current = parentOf(pid);
  for (let depth = 0; current && current > 0 && depth < 64; depth++) {
    let executable: string;
    try {
      executable = path.basename(readlinkSync(`/proc/${current}/exe`));
    } catch {
      // An init that hides itself is no Node process; anything else unseen might be in use.
      if (current === 1) return false;
      return true;
    }
    if (executable === "node" || executable.startsWith("node")) return true;
    if (current === 1) return false;
    current = parentOf(current);
  }
  return false;
}

function parentOf(pid: number): number | null {
  const stat = readProc(pid, "stat");
  if (!stat) return null;
  // "pid (command name) state ppid …": the name may hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[1]);
}
