// A process that starts an embedded PostgreSQL in the folder it is given, writes one row, says
// "ready" and waits: db/embedded-occupant.test.ts kills it as a crash would.
import postgres from "postgres";
import { startEmbeddedPostgres } from "../embedded";

const database = await startEmbeddedPostgres({ dataDir: process.argv[2], database: "held" });
const sql = postgres(database.url, { max: 1, onnotice: () => {} });
await sql`create table if not exists kept (note text not null)`;
await sql`insert into kept (note) values ('written before the crash')`;
process.stdout.write("ready\n");
setInterval(() => {}, 60_000);
