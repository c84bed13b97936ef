// Runs Playwright against the built app on a database of its own: a fresh `vanguard_e2e` database on
// TEST_DATABASE_URL's server when set, otherwise on an embedded server in .data/e2e-postgres.
import { spawn } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";

const DATABASE = "vanguard_e2e";

let embedded: EmbeddedDatabase | null = null;
let serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(".data/e2e-postgres"),
    database: "postgres",
  });
  serverUrl = embedded.url;
}

let exitCode = 1;
try {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
  await admin.unsafe(`create database ${DATABASE}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${DATABASE}`;
  await migrateDatabase(url.toString());

  const child = spawn("npx", ["playwright", "test", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, E2E_DATABASE_URL: url.toString() },
  });
  exitCode = await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
} finally {
  await embedded?.stop();
}
process.exit(exitCode);
