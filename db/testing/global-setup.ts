import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../embedded";
import { migrateDatabase } from "../migrate";

// Runs that share one server (TEST_DATABASE_URL) name their own template so they never drop
// each other's.
export const TEMPLATE_DATABASE = process.env.TEST_TEMPLATE_DATABASE ?? "vanguard_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    testServerUrl: string;
    testTemplateDatabase: string;
  }
}

let embedded: EmbeddedDatabase | null = null;

/**
 * One migrated template database per run; every test file then gets its own copy of it
 * (CREATE DATABASE … TEMPLATE), so files never see each other's rows. Uses TEST_DATABASE_URL's
 * server when set, otherwise an embedded server in .data/test-postgres.
 */
export async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve(".data/test-postgres"),
      database: "postgres",
    });
    serverUrl = embedded.url;
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await migrateDatabase(templateUrl.toString());
  project.provide("testServerUrl", serverUrl);
  project.provide("testTemplateDatabase", TEMPLATE_DATABASE);
}

export async function teardown() {
  if (process.env.TEST_TEMPLATE_DATABASE && process.env.TEST_DATABASE_URL) {
    const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    } finally {
      await admin.end();
    }
  }
  await embedded?.stop();
}
