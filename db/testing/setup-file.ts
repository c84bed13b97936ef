import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject, vi } from "vitest";

const serverUrl = inject("testServerUrl");
const TEMPLATE_DATABASE = inject("testTemplateDatabase");
const databaseName = `vanguard_test_${randomBytes(6).toString("hex")}`;
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${databaseName}`;

// Set before any test module touches the database: app/db.server.ts reads it on first use.
process.env.DATABASE_URL = databaseUrl.toString();

beforeAll(async () => {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${databaseName} template ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
});

afterAll(async () => {
  const [{ closeDatabase }, { stopJobs }] = await Promise.all([
    import("~/db.server"),
    import("~/jobs.server"),
  ]);
  await stopJobs();
  await closeDatabase();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
  } finally {
    await admin.end();
  }
});

// A test that logs an error has hidden a failure somewhere: make it fail loudly instead.
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
});
