import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterEach, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { occupantOf } from "./embedded-occupant";

const folders: string[] = [];
const holders: ChildProcess[] = [];
const started: EmbeddedDatabase[] = [];

afterEach(async () => {
  for (const database of started.splice(0)) await database.stop();
  for (const holder of holders.splice(0)) holder.kill("SIGINT");
  await Promise.all(holders.map((holder) => new Promise((resolve) => holder.on("exit", resolve))));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function dataFolder(): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), "vanguard-occupant-"));
  folders.push(parent);
  // PostgreSQL runs as the "postgres" user when the tests run as root.
  chmodSync(parent, 0o755);
  return path.join(parent, "postgres");
}

/** A process holding an embedded server in `dataDir`, once that server is ready. */
async function holdServer(dataDir: string): Promise<ChildProcess> {
  const holder = spawn(
    process.execPath,
    ["--import", "tsx", "db/testing/hold-embedded.ts", dataDir],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  holders.push(holder);
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    holder.on("exit", (code) => reject(new Error(`the holder exited with ${code}`)));
  });
  return holder;
}

function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

it("never starts a second server on a folder a live process is using", async () => {
  const dataDir = dataFolder();
  await holdServer(dataDir);
  const pid = postmasterPid(dataDir);

  expect(occupantOf(dataDir)).toEqual({ kind: "in-use", pid });
  await expect(startEmbeddedPostgres({ dataDir, database: "held" })).rejects.toThrow(
    /already used by another process/,
  );
  expect(alive(pid)).toBe(true);
}, 60_000);

it("stops the server a killed process left running, then starts again with its data", async () => {
  const dataDir = dataFolder();
  const holder = await holdServer(dataDir);
  const orphan = postmasterPid(dataDir);
  holder.kill("SIGKILL");
  await new Promise((resolve) => holder.on("exit", resolve));
  expect(alive(orphan)).toBe(true);
  expect(occupantOf(dataDir)).toEqual({ kind: "orphaned", pid: orphan });

  const notices: string[] = [];
  const database = await startEmbeddedPostgres({
    dataDir,
    database: "held",
    notice: (message) => notices.push(message),
  });
  started.push(database);
  expect(alive(orphan)).toBe(false);
  expect(notices.join("\n")).toMatch(/left running by a process that stopped/);
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    expect(await sql`select note from kept`).toEqual([{ note: "written before the crash" }]);
  } finally {
    await sql.end();
  }
}, 90_000);

it("takes a lock file whose process is another program for a stale one, as after a power loss", async () => {
  const dataDir = dataFolder();
  const database = await startEmbeddedPostgres({ dataDir, database: "held" });
  await database.stop();
  // This test's own process stands for a program that got the dead server's pid after a reboot.
  const lockFile = path.join(dataDir, "postmaster.pid");
  writeFileSync(lockFile, `${process.pid}\n${dataDir}\n`);

  expect(occupantOf(dataDir)).toEqual({ kind: "none" });
  const again = await startEmbeddedPostgres({ dataDir, database: "held" });
  started.push(again);
  expect(postmasterPid(dataDir)).not.toBe(process.pid);
}, 60_000);
