// `npm run db:reset`: wipes the database (embedded in .data/postgres, or DATABASE_URL's) and
// rebuilds the demo community. Refuses to touch a production database.
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import { seedDemoCommunity } from "../db/seed/demo";

if (process.env.NODE_ENV === "production" && process.env.VANGUARD_DEMO !== "1") {
  console.error(
    "Refusing to reset a production database. Set VANGUARD_DEMO=1 if this really is a demo.",
  );
  process.exit(1);
}

let embedded: EmbeddedDatabase | null = null;
let url = process.env.DATABASE_URL;
if (!url) {
  embedded = await startEmbeddedPostgres({
    dataDir: process.env.VANGUARD_DATA_DIR ?? path.resolve(".data/postgres"),
    database: "vanguard",
  });
  url = embedded.url;
}
try {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  await client.unsafe(
    "drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;",
  );
  await client.end();
  await migrateDatabase(url);
  const seeder = postgres(url, { max: 1, onnotice: () => {} });
  await seedDemoCommunity(seeder);
  await seeder.end();
  console.log("The demo community is rebuilt. Start the app with `npm start`.");
} finally {
  await embedded?.stop();
}
