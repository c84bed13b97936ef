import { Lucia, TimeSpan, type Session } from "lucia";
import { and, eq, isNull, sql } from "drizzle-orm";
import {
  apiTokens,
  feedKeys,
  passwordResetTokens,
  sessions,
  users,
  userVisitDays,
  type SignInMethod,
  type UserRole,
  type UserStatus,
} from "#db/schema";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { publishAccessChange } from "~/live.server";
import { isCompanyRole, staffMustUseSso } from "./sso-settings.server";
import { SessionAdapter, type SessionUserColumns } from "./session-adapter.server";

// The only module that imports lucia (besides the origin check): lucia v3 is no longer maintained
// upstream, so keeping it behind this file keeps a future swap small.

// The adapter hands over these columns of the users row, with drizzle's property names.
type SessionUserAttributes = SessionUserColumns;
type SessionRowAttributes = Pick<
  typeof sessions.$inferInsert,
  "userAgent" | "ipAddress" | "method"
> & {
  lastUsedAt?: Date;
  createdAt?: Date;
};

/** What a browser said about itself when it signed in, shown to the person on "My data". */
export type ClientInfo = { ip: string; userAgent: string };

/** The request's browser, its description cut short (it is only ever shown, never parsed). */
export function clientInfoOf(request: Request, ip: string): ClientInfo {
  return { ip, userAgent: (request.headers.get("User-Agent") ?? "").slice(0, 300) };
}

/** Whether cookies are sent over https only: in production, unless COOKIE_SECURE says otherwise. */
export function secureCookies(): boolean {
  const env = getEnv();
  return env.COOKIE_SECURE === undefined
    ? env.NODE_ENV === "production"
    : env.COOKIE_SECURE === "true";
}

function createLucia() {
  return new Lucia(new SessionAdapter(), {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: {
      name: "vanguard_session",
      attributes: { secure: secureCookies(), sameSite: "lax" },
    },
    getSessionAttributes: (attributes) => ({
      lastUsedAt: attributes.lastUsedAt,
      method: attributes.method ?? "password",
      startedAt: attributes.createdAt,
    }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      displayName: attributes.displayName,
      handle: attributes.handle,
      role: attributes.role,
      status: attributes.status,
      accountId: attributes.accountId,
      lastSeenAt: attributes.lastSeenAt,
      suspendedUntil: attributes.suspendedUntil,
    }),
  });
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseUserAttributes: SessionUserAttributes;
    DatabaseSessionAttributes: SessionRowAttributes;
  }
}

let instance: ReturnType<typeof createLucia> | undefined;
function lucia() {
  instance ??= createLucia();
  return instance;
}

export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  handle: string;
  role: UserRole;
  status: UserStatus;
  accountId: string | null;
};

export type CurrentSession = {
  user: SessionUser;
  session: Session;
  /** Set when the session was extended or ended, so the response must update the cookie. */
  setCookie: string | null;
};

function sessionIdFrom(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get("Cookie") ?? "");
}

/**
 * Whether a suspension holds now: one with an end in the past is over, though the row still says
 * "suspended" until someone lifts it.
 */
export function isSuspended(
  person: { status: UserStatus; suspendedUntil: Date | null },
  now = new Date(),
): boolean {
  return (
    person.status === "suspended" &&
    (person.suspendedUntil === null || person.suspendedUntil.getTime() > now.getTime())
  );
}

/**
 * What decides who a person is now and whether they may act: selected by every path that acts
 * as someone without a session (an API token, a feed address, a webhook's or an export's
 * owner), and read by `activePersonOf`.
 */
export const personNowColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  handle: users.handle,
  role: users.role,
  status: users.status,
  accountId: users.accountId,
  suspendedUntil: users.suspendedUntil,
  deletedAt: users.deletedAt,
};

type PersonNow = SessionUser & { suspendedUntil: Date | null; deletedAt: Date | null };

/** The person as one who may act now, or null: deleted, or suspended. */
export function activePersonOf(row: PersonNow | undefined): SessionUser | null {
  if (!row || row.deletedAt || isSuspended(row)) return null;
  const { suspendedUntil: _suspendedUntil, deletedAt: _deletedAt, ...person } = row;
  return { ...person, status: "active" };
}

/**
 * The signed-in user read fresh from the database (role, status), or null. A suspended user's
 * sessions end here, on their very next request; once a suspension's end has passed they count
 * as active again.
 */
export async function getCurrentSession(
  request: Request,
): Promise<CurrentSession | { user: null; setCookie: string | null }> {
  const sessionId = sessionIdFrom(request);
  if (!sessionId) return { user: null, setCookie: null };
  const { session, user } = await lucia().validateSession(sessionId);
  if (!session || !user) {
    return { user: null, setCookie: lucia().createBlankSessionCookie().serialize() };
  }
  if (isSuspended(user)) {
    await endAllSessionsOf(user.id);
    return { user: null, setCookie: lucia().createBlankSessionCookie().serialize() };
  }
  if (await outlivedSignInRules(session, user.role)) {
    await lucia().invalidateSession(session.id);
    return { user: null, setCookie: lucia().createBlankSessionCookie().serialize() };
  }
  await touchLastSeen(user.id, user.lastSeenAt, session.id, session.lastUsedAt);
  const setCookie = session.fresh ? lucia().createSessionCookie(session.id).serialize() : null;
  const { lastSeenAt: _lastSeenAt, suspendedUntil: _suspendedUntil, ...sessionUser } = user;
  return { user: { ...sessionUser, status: "active" }, session, setCookie };
}

/**
 * A sign-in through the identity provider holds for a day: someone the company removed there is
 * out here by the next morning. (Password sessions last 30 days from their last use.)
 */
export const SSO_SESSION_HOURS = 24;

/**
 * Whether a session no longer fits how its person must sign in: one through the identity
 * provider past its day, or a staff member's password session while staff must use the provider
 * (started before it was required, before a promotion, or by a sign-in racing the change).
 */
async function outlivedSignInRules(
  session: { method: SignInMethod; startedAt?: Date },
  role: UserRole,
): Promise<boolean> {
  if (session.method === "sso") {
    const started = session.startedAt ? new Date(session.startedAt).getTime() : 0;
    return Date.now() - started > SSO_SESSION_HOURS * 60 * 60 * 1000;
  }
  return isCompanyRole(role) && (await staffMustUseSso());
}

/** Starts a session for this browser and returns the Set-Cookie header value. */
export async function startSession(
  userId: string,
  client: ClientInfo = { ip: "", userAgent: "" },
  method: SignInMethod = "password",
): Promise<string> {
  const session = await lucia().createSession(userId, {
    userAgent: client.userAgent,
    ipAddress: client.ip,
    method,
  });
  return lucia().createSessionCookie(session.id).serialize();
}

/**
 * Ends the request's session (if any) and returns the Set-Cookie header that clears it. Its
 * open live streams close (they check their session again when told).
 */
export async function endSession(request: Request): Promise<string> {
  const sessionId = sessionIdFrom(request);
  if (sessionId) {
    const [owner] = await db
      .select({ userId: sessions.userId })
      .from(sessions)
      .where(eq(sessions.id, sessionId));
    await lucia().invalidateSession(sessionId);
    if (owner) await publishAccessChange({ userIds: [owner.userId] });
  }
  return lucia().createBlankSessionCookie().serialize();
}

/**
 * Signs someone out everywhere (a suspension, a password change), live streams and API tokens
 * included, and spends the password-reset links already emailed: a link sent before the change
 * must not undo it.
 */
export async function endAllSessionsOf(userId: string): Promise<void> {
  await lucia().invalidateUserSessions(userId);
  await cancelPasswordResets(userId);
  // API tokens and feed addresses too: one taken from a stolen session must not outlive the
  // password reset.
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  await db
    .update(feedKeys)
    .set({ generation: sql`${feedKeys.generation} + 1`, lastUsedAt: null })
    .where(eq(feedKeys.userId, userId));
  await publishAccessChange({ userIds: [userId] });
}

/** Someone's sessions, most recently used first, saying which one is this browser's. */
export async function listSessionsOf(userId: string, currentSessionId: string) {
  const rows = await db
    .select({
      publicId: sessions.publicId,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
      method: sessions.method,
      current: sql<boolean>`${sessions.id} = ${currentSessionId}`,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.expiresAt} > now()`))
    .orderBy(sql`${sessions.lastUsedAt} desc`)
    .limit(MAX_SESSIONS_LISTED);
  return rows;
}
export const MAX_SESSIONS_LISTED = 100;

/**
 * Ends one of the person's own sessions (by its public id; another person's id ends nothing), or
 * every one but the current. Their live streams close. Returns how many ended.
 */
export async function endOwnSessions(
  person: Pick<SessionUser, "id">,
  which: { publicId: string } | { allBut: string },
): Promise<number> {
  const userId = person.id;
  const ended = await db
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        "publicId" in which
          ? eq(sessions.publicId, which.publicId)
          : sql`${sessions.id} <> ${which.allBut}`,
      ),
    )
    .returning({ id: sessions.id });
  if (ended.length > 0) await publishAccessChange({ userIds: [userId] });
  return ended.length;
}

const LAST_SEEN_PRECISION_MS = 5 * 60 * 1000;

// "Last seen" (the person's and the session's) to five minutes is plenty and saves a write on
// almost every request. The same statement records today's visit (UTC days), which trust levels
// count.
async function touchLastSeen(
  userId: string,
  lastSeenAt: Date | null,
  sessionId: string,
  sessionUsedAt: Date | undefined,
): Promise<void> {
  const fresh = (at: Date | null | undefined) =>
    at && Date.now() - at.getTime() < LAST_SEEN_PRECISION_MS;
  if (fresh(lastSeenAt) && fresh(sessionUsedAt)) return;
  await db.execute(sql`
    with session_touched as (
      update ${sessions} set last_used_at = now() where ${sessions.id} = ${sessionId}
    ), touched as (
      update ${users} set last_seen_at = now() where ${users.id} = ${userId} returning id
    )
    insert into ${userVisitDays} (user_id, day)
    select id, (now() at time zone 'UTC')::date from touched
    on conflict do nothing`);
}

/** Spends every reset link of this person not used yet (inside `tx` when given). */
export async function cancelPasswordResets(
  userId: string,
  tx: Pick<typeof db, "update"> = db,
): Promise<void> {
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}
