// `npm run invite-admin -- you@example.com`: invites an admin from the command line and prints the
// link. This is how a production community gets its first admin.
import path from "node:path";
import { z } from "zod";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";

const email = z.email().safeParse(process.argv[2]?.toLowerCase());
if (!email.success) {
  console.error("Usage: npm run invite-admin -- you@example.com");
  process.exit(1);
}

let embedded: EmbeddedDatabase | null = null;
if (!process.env.DATABASE_URL) {
  embedded = await startEmbeddedPostgres({
    dataDir: process.env.VANGUARD_DATA_DIR ?? path.resolve(".data/postgres"),
    database: "vanguard",
  });
  process.env.DATABASE_URL = embedded.url;
}
try {
  await migrateDatabase(process.env.DATABASE_URL);
  const { inviteMember } = await import("../app/auth/invitation.server");
  const { closeDatabase } = await import("../app/db.server");
  const origin = (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(
    /\/$/,
    "",
  );
  const link = await inviteMember({
    email: email.data,
    role: "admin",
    accountId: null,
    inviter: null,
    origin,
  });
  await closeDatabase();
  console.log(`Invitation for ${email.data} (admin), valid for 14 days:\n${link}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
