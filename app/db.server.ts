import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "#db/schema";
import { reconnectDelaySeconds } from "~/utils/database-errors";
import { getDatabaseUrl } from "./env.server";

export type Database = PostgresJsDatabase<typeof schema>;
/** The handle a `db.transaction` callback gets, for helpers that must run inside one. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

type Handle = { client: postgres.Sql; db: Database };

let queryCount = 0;

/** How many queries `work` sends to the database. */
export async function countQueries(work: () => Promise<unknown>): Promise<number> {
  const before = queryCount;
  await work();
  return queryCount - before;
}

// Kept on globalThis so dev rebuilds reuse one pool instead of leaking a new one each time.
const registry = globalThis as typeof globalThis & { __vanguardDb?: Handle };

function handle(): Handle {
  if (!registry.__vanguardDb) {
    const client = postgres(getDatabaseUrl(), {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      connect_timeout: 5,
      // Back within a second of the database's return, never the driver's default 20 s.
      backoff: reconnectDelaySeconds,
      idle_timeout: 60,
      // Page queries are short: compiling one with JIT costs more (tens of ms) than it saves.
      connection: { jit: "off" },
      onnotice: () => {},
      // Counting is one increment per query; tests use it to prove pages don't query in loops.
      // A connection's first query fetches the array types, once per new connection: that is the
      // pool's doing (more of it under load), not the page's, so it isn't counted.
      debug: (_connection: unknown, query: string) => {
        if (!query.trimStart().startsWith("select b.oid, b.typarray")) queryCount += 1;
      },
    });
    registry.__vanguardDb = { client, db: drizzle(client, { schema }) };
  }
  return registry.__vanguardDb;
}

/** The app's drizzle instance, created on first use. */
export const db: Database = new Proxy({} as Database, {
  get: (_target, property) => Reflect.get(handle().db, property),
});

export function sqlClient(): postgres.Sql {
  return handle().client;
}

const dialect = new PgDialect();

/**
 * Runs drizzle's SQL as a prepared statement: PostgreSQL parses and plans it once per connection
 * and, after a few runs, keeps a generic plan. For hot hand-written queries whose planning costs
 * more than their running (the bell's count on every page planned in 16 ms, ran in 15).
 */
export async function executePrepared<Row>(query: SQL): Promise<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const rows = await sqlClient().unsafe(text, params as postgres.ParameterOrJSON<never>[], {
    prepare: true,
  });
  return rows as unknown as Row[];
}

export async function closeDatabase(): Promise<void> {
  const current = registry.__vanguardDb;
  registry.__vanguardDb = undefined;
  await current?.client.end({ timeout: 5 });
}

/**
 * The unique or check constraint a failed write broke, if any. drizzle wraps the driver's error,
 * so the name is on its cause (or on the error itself, from the bare driver).
 */
export function violatedConstraint(error: unknown): string | undefined {
  const withName = error as { constraint_name?: string; cause?: { constraint_name?: string } };
  return withName.cause?.constraint_name ?? withName.constraint_name;
}
