import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { migrateDatabase } from "./migrate";
import { seedDemoCommunity } from "./seed/demo";

const SEED_LOCK = 727_002;

export type BootedDatabase = { url: string; embedded: EmbeddedDatabase | null; seeded: boolean };

/**
 * Gets a database ready for the app: the configured server, or an embedded one under
 * `.data/postgres`; migrations applied; the demo seeded into an empty database when allowed.
 */
export async function bootDatabase(options: {
  log: (message: string) => void;
  allowDemo: boolean;
}): Promise<BootedDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = process.env.VANGUARD_DATA_DIR ?? path.resolve(".data/postgres");
    options.log(`starting embedded PostgreSQL in ${dataDir}`);
    embedded = await startEmbeddedPostgres({
      dataDir,
      database: "vanguard",
      notice: options.log,
    });
    url = embedded.url;
  }
  try {
    await migrateDatabase(url);
    let seeded = false;
    if (options.allowDemo) {
      const client = postgres(url, { max: 1, onnotice: () => {} });
      try {
        // Several processes starting together on an empty database: one seeds, the others wait
        // for it and then find the users there.
        await client`select pg_advisory_lock(${SEED_LOCK})`;
        const [{ count }] = await client<
          { count: number }[]
        >`select count(*)::int as count from users`;
        if (count === 0) {
          options.log("empty database: seeding the demo community");
          await seedDemoCommunity(client);
          seeded = true;
        }
        await client`select pg_advisory_unlock(${SEED_LOCK})`;
      } finally {
        await client.end();
      }
    }
    return { url, embedded, seeded };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
