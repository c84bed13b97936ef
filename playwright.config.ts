import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { TEST_OIDC_CLIENT } from "./db/testing/oidc-client";
import { TEST_PAUSED_SCHEDULES } from "./db/testing/paused-schedules";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The test identity provider (db/testing/oidc-provider.ts), started by scripts/e2e.ts. */
const oidcIssuer = process.env.E2E_OIDC_ISSUER;
const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl || !oidcIssuer) {
  throw new Error(
    "Run the end-to-end tests with `npm run test:e2e`, which prepares their database.",
  );
}

// Debian's Chromium when installed (CI, these machines); Playwright's own browser elsewhere.
const debianChromium = "/usr/bin/chromium";
const launchOptions = existsSync(debianChromium)
  ? {
      executablePath: debianChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    }
  : {};

export default defineConfig({
  testDir: process.env.E2E_DIR ?? "e2e",
  outputDir: "test-results",
  // Tests never share data, so any of them may run beside any other.
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Generous bounds: a passing test never waits for them, and a loaded machine must not fail one.
  // A multi-person scenario takes 20–45 s on a quiet machine and twice that with four workers
  // beside a CPU-heavy process (three clean-clone runs here timed out a different one at 60 s).
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: {
    command: "node build/server.js",
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      // Tests pick their client address with X-Forwarded-For, so rate limits don't leak between tests.
      TRUST_PROXY: "1",
      VANGUARD_DEMO: "0",
      // Production on a configured database must be given the secret that signs emailed links.
      APP_SECRET: "e2e-secret-for-unsubscribe-links-0123456789abcdef",
      LOG_LEVEL: "warn",
      PAUSED_SCHEDULES: TEST_PAUSED_SCHEDULES,
      // Long enough to click "Undo" on a busy machine, short enough to see a change go out.
      ANNOUNCE_UNDO_SECONDS: "10",
      OIDC_ISSUER: oidcIssuer,
      OIDC_CLIENT_ID: TEST_OIDC_CLIENT.clientId,
      OIDC_CLIENT_SECRET: TEST_OIDC_CLIENT.clientSecret,
      OIDC_NAME: "Test ID",
    },
  },
});
