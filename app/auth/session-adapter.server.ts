import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { eq, sql } from "drizzle-orm";
import type { DatabaseSession, DatabaseUser } from "lucia";
import type postgres from "postgres";
import { sessions, users } from "#db/schema";
import { db, sqlClient } from "~/db.server";

// Lucia reads a session and its person on every request, the app's most frequent query. Here it
// is built once and prepared (drizzle doesn't assemble it each time, PostgreSQL plans it once per
// connection), and reads only the columns that session.server.ts hands on. Every other part of
// the adapter is lucia's own.

function build() {
  return db
    .select({
      session: {
        id: sessions.id,
        userId: sessions.userId,
        expiresAt: sessions.expiresAt,
        lastUsedAt: sessions.lastUsedAt,
        method: sessions.method,
        createdAt: sessions.createdAt,
      },
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        handle: users.handle,
        role: users.role,
        status: users.status,
        accountId: users.accountId,
        lastSeenAt: users.lastSeenAt,
        suspendedUntil: users.suspendedUntil,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare("session_and_user");
}

/** The columns of a person that sessions carry (lucia's "user attributes"). */
export type SessionUserColumns = Omit<
  NonNullable<Awaited<ReturnType<ReturnType<typeof build>["execute"]>>[number]>["user"],
  "id"
>;

// Per database client: a closed pool (tests, a restart) takes its statements with it.
const prepared = new WeakMap<postgres.Sql, ReturnType<typeof build>>();

export class SessionAdapter extends DrizzlePostgreSQLAdapter {
  constructor() {
    super(db, sessions, users);
  }

  override async getSessionAndUser(
    sessionId: string,
  ): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const client = sqlClient();
    let statement = prepared.get(client);
    if (!statement) {
      statement = build();
      prepared.set(client, statement);
    }
    const [row] = await statement.execute({ sessionId });
    if (!row) return [null, null];
    const { id, userId, expiresAt, ...sessionColumns } = row.session;
    const { id: personId, ...personColumns } = row.user;
    return [
      { id, userId, expiresAt, attributes: sessionColumns },
      { id: personId, attributes: personColumns },
    ];
  }
}
