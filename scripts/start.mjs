// `npm start`: build when the build is missing or older than the sources, then serve it.
// With no DATABASE_URL this is the zero-config demo, so demo data is allowed unless said otherwise.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "db",
  "public",
  "server.ts",
  "remix.config.js",
  "package-lock.json",
  "tsconfig.json",
];
const BUILD_OUTPUTS = ["build/server.js", "build/index.js"];

function newestMtime(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry)
    .filter((name) => !(entry === "public" && name === "build"))
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), 0);
}

const builtAt = Math.min(
  ...BUILD_OUTPUTS.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)),
);
if (builtAt < Math.max(...SOURCES.map(newestMtime))) {
  console.log("Building Vanguard (the build is missing or older than the sources)…");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" };
if (!env.DATABASE_URL && env.VANGUARD_DEMO === undefined) env.VANGUARD_DEMO = "1";
const server = spawn(process.execPath, ["build/server.js"], { stdio: "inherit", env });
// Ctrl-C reaches the server directly (same process group); wait for its clean shutdown.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => server.kill("SIGTERM"));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
