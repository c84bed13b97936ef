// Part of `npm run bench`: times an account import of 100,000 rows (preview, then apply) in a
// database of its own, then the same file again (nothing to change). The budget is 60 s for the
// first import, preview and apply together. Uses TEST_DATABASE_URL's server when set, otherwise
// an embedded PostgreSQL.
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { migrateDatabase } from "../db/migrate";
import { benchServer } from "./bench-pages";

const DATABASE = "vanguard_bench_import";
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

const { serverUrl, url, embedded } = await benchServer(DATABASE);
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists ${DATABASE} with (force)`);
await admin.unsafe(`create database ${DATABASE}`);
await admin.end();
await migrateDatabase(url.toString());
// The app's modules read DATABASE_URL when they first connect.
process.env.DATABASE_URL = url.toString();
const { previewAccountImport, applyAccountImport, getAccountImport } =
  await import("../app/models/account-import.server");
const { closeDatabase } = await import("../app/db.server");

const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
const [importer] = await sql`insert into users (email, display_name, handle, role)
  values ('importer@bench.test', 'Bench Importer', 'importer', 'admin') returning id`;
await sql`insert into users (email, display_name, handle, role)
  values ('owner@bench.test', 'Bench Owner', 'owner', 'staff')`;
await sql.end();
const viewer = { id: importer.id as string, role: "admin" as const, accountId: null };

/** A heavy-tailed file: revenue falls off with rank, as customers' revenue does. */
function file(quarter: string, growth = 1): string {
  const segments = ["Enterprise", "Mid-market", "SMB"];
  const regions = ["EMEA", "NA", "APAC", "LATAM"];
  const products = ["Analytics", "Forecasting", "Planning", "Exports", "Governance"];
  const lines = [
    "External ID,Name,Segment,Region,Revenue (12 months),Gross profit,Lifetime value,Customer since,Renewal date,Account owner,Acquisition source,First product,Products,Contact emails,As of",
  ];
  for (let rank = 1; rank <= ROWS; rank++) {
    const revenue = Math.round((growth * 50_000_000) / rank ** 0.9);
    lines.push(
      [
        `ACC-${rank}`,
        `Account ${rank}`,
        segments[rank % 3],
        regions[rank % 4],
        revenue,
        Math.round(revenue * 0.3),
        revenue * 4,
        "2019-01-15",
        "2027-06-30",
        rank % 10 === 0 ? "owner@bench.test" : "",
        rank % 2 ? "Referral" : "Event",
        products[rank % 5],
        `${products[rank % 5]};${products[(rank * 7) % 5]}`,
        `buyer${rank}@example.test`,
        quarter,
      ].join(","),
    );
  }
  return lines.join("\n");
}

async function timed(label: string, content: string) {
  const started = performance.now();
  const id = await previewAccountImport(viewer, { name: "bench.csv", content });
  const previewed = performance.now();
  const preview = await getAccountImport(viewer, id);
  if (!preview || preview.errorCount > 0)
    throw new Error(`the bench file has problems: ${JSON.stringify(preview?.errors.slice(0, 3))}`);
  const counts = await applyAccountImport(viewer, id);
  const applied = performance.now();
  console.log(
    `${label.padEnd(44)} preview ${((previewed - started) / 1000).toFixed(1)} s   apply ${((applied - previewed) / 1000).toFixed(1)} s   total ${((applied - started) / 1000).toFixed(1)} s   (${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged; target total < 60 s)`,
  );
}

try {
  console.log(`\naccount import, ${ROWS.toLocaleString("en-US")} rows, in this process:\n`);
  const first = file("2026-06-30");
  await timed("a new community's first import", first);
  await timed("the same file again (changes nothing)", first);
  await timed("the next quarter (every value changes)", file("2026-09-30", 1.1));
} finally {
  await closeDatabase();
  await embedded?.stop();
}
