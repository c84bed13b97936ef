// Runs Playwright against the built app on a database of its own: a fresh `vanguard_e2e` database on
// TEST_DATABASE_URL's server when set, otherwise on an embedded server in .data/e2e-postgres.
// E2E_SHUFFLE=1 runs the spec files in a random order (Playwright itself always sorts them), to
// prove that no test leans on another's data; E2E_WORKERS sets how many run at once; E2E_DATABASE
// names the database, so that two checkouts can run their suites on one server at once.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { startOidcProvider } from "../db/testing/oidc-provider";

const DATABASE = process.env.E2E_DATABASE ?? "vanguard_e2e";
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(DATABASE))
  throw new Error("E2E_DATABASE: a plain database name");

let embedded: EmbeddedDatabase | null = null;
let serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) {
  embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(".data/e2e-postgres"),
    database: "postgres",
  });
  serverUrl = embedded.url;
}

// A real OpenID Connect provider for single sign-on (e2e/sso.spec.ts), in this process: the app
// is told its address, and it lives exactly as long as the run.
const appPort = Number(process.env.E2E_PORT ?? 3100);
const identityProvider = await startOidcProvider({
  redirectUris: [`http://localhost:${appPort}/sso/callback`],
});

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
    env: {
      ...process.env,
      E2E_DATABASE_URL: url.toString(),
      // The app's single sign-on goes to the test identity provider started here.
      E2E_OIDC_ISSUER: identityProvider.issuer,
      ...(process.env.E2E_SHUFFLE ? { E2E_DIR: shuffledSpecs() } : {}),
    },
  });
  exitCode = await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
} finally {
  await identityProvider.close();
  await embedded?.stop();
}
process.exit(exitCode);

/**
 * Copies the specs into e2e-shuffled/ (next to e2e/, so their imports still resolve) under
 * numbered names in a random order, and returns that folder.
 */
function shuffledSpecs(): string {
  const target = path.resolve("e2e-shuffled");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target);
  const files = readdirSync("e2e");
  for (const file of files.filter((name) => !name.endsWith(".spec.ts"))) {
    if (file.endsWith(".ts")) copyFileSync(path.join("e2e", file), path.join(target, file));
  }
  const specs = files.filter((name) => name.endsWith(".spec.ts"));
  for (let i = specs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [specs[i], specs[j]] = [specs[j], specs[i]];
  }
  specs.forEach((spec, index) => {
    copyFileSync(
      path.join("e2e", spec),
      path.join(target, `${String(index).padStart(2, "0")}-${spec}`),
    );
  });
  console.log(`e2e order: ${specs.join(", ")}`);
  return target;
}
