import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { apiTokens, users, type ApiTokenScope } from "#db/schema";
import { activePersonOf, personNowColumns, type SessionUser } from "~/auth/session.server";
import { tokenScopesFor, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { recordAuditEvent } from "./audit.server";
import { requireCurrentPassword } from "./profile.server";
import { Refusal } from "./refusal.server";

/** Tokens start with this, so a leaked one is recognisable (and secret scanners can find it). */
export const TOKEN_PREFIX = "vgp_";
/** Live tokens one person may hold at a time. */
export const MAX_LIVE_TOKENS = 20;
/** No token lives longer than a year: a forgotten one stops by itself. */
const MAX_LIFETIME_DAYS = 365;
/** Revoked and expired tokens stay listed this long, so their owner sees what ended. */
const ENDED_SHOWN_DAYS = 30;
/** "Last used" to the minute saves a write on almost every call. */
const LAST_USED_PRECISION_MS = 60_000;
const DAY_MS = 86_400_000;

const digest = (secret: string) => createHash("sha256").update(secret).digest("hex");

export type NewToken = {
  name: string;
  scopes: ApiTokenScope[];
  lifetimeDays: number;
  /** The owner's password, asked again, unless they signed in through the identity provider just now. */
  password: string;
  recentSsoSignIn?: boolean;
};

/**
 * Makes a personal access token for the viewer and returns its secret, the one time it is ever
 * shown. Scopes beyond the viewer's role are refused, not trimmed: the person should know.
 */
export async function createApiToken(viewer: Viewer, input: NewToken) {
  const allowed = tokenScopesFor(viewer);
  const beyond = input.scopes.filter((scope) => !allowed.includes(scope));
  if (beyond.length > 0) {
    throw new Refusal(
      `Your role can't give a token the ${beyond.join(" or ")} scope.`,
      403,
      "scopes",
    );
  }
  if (
    !Number.isInteger(input.lifetimeDays) ||
    input.lifetimeDays < 1 ||
    input.lifetimeDays > MAX_LIFETIME_DAYS
  ) {
    throw new Refusal("A token lives from one day to a year.", 400, "lifetime");
  }
  // A token acts as its owner for up to a year: a stolen session alone must not make one.
  await requireCurrentPassword(viewer.id, {
    password: input.password,
    recentSsoSignIn: input.recentSsoSignIn ?? false,
  });
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    // Counted under a lock on the person's row, so parallel requests can't pass the cap together.
    await tx.execute(sql`select 1 from ${users} where ${users.id} = ${viewer.id} for update`);
    const [{ live }] = await tx
      .select({ live: sql<number>`count(*)::int` })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, viewer.id), liveToken()));
    if (live >= MAX_LIVE_TOKENS) {
      throw new Refusal(
        `You have ${MAX_LIVE_TOKENS} live tokens, the most one person may hold: revoke one you no longer use first.`,
        409,
      );
    }
    const [token] = await tx
      .insert(apiTokens)
      .values({
        userId: viewer.id,
        name: input.name,
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        secretHash: digest(secret),
        scopes: [...new Set(input.scopes)],
        expiresAt: new Date(Date.now() + input.lifetimeDays * DAY_MS),
      })
      .returning({ id: apiTokens.id, expiresAt: apiTokens.expiresAt });
    await recordAuditEvent(
      {
        actorId: viewer.id,
        action: "api_token.create",
        targetType: "api_token",
        targetId: token.id,
        details: { name: input.name, scopes: input.scopes, lifetimeDays: input.lifetimeDays },
      },
      tx,
    );
    return { id: token.id, secret, expiresAt: token.expiresAt };
  });
}

const liveToken = () => and(isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, sql`now()`));

/** The viewer's own tokens, live first, and those that ended in the last month. */
export async function listOwnApiTokens(viewer: Viewer) {
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, viewer.id),
        sql`coalesce(${apiTokens.revokedAt}, ${apiTokens.expiresAt}) > now() - make_interval(days => ${ENDED_SHOWN_DAYS})`,
      ),
    )
    // Every live token first, so none can be pushed off the list by ended ones.
    .orderBy(sql`(${liveToken()}) desc`, desc(apiTokens.createdAt))
    .limit(MAX_LIVE_TOKENS * 3);
  const now = Date.now();
  return rows.map((row) => ({
    ...row,
    state: row.revokedAt
      ? ("revoked" as const)
      : row.expiresAt.getTime() <= now
        ? ("expired" as const)
        : ("live" as const),
  }));
}

/** Revokes one of the viewer's own tokens; another person's id revokes nothing (404). */
export async function revokeApiToken(viewer: Viewer, tokenId: string): Promise<void> {
  const [revoked] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, viewer.id), isNull(apiTokens.revokedAt)),
    )
    .returning({ id: apiTokens.id, name: apiTokens.name });
  if (!revoked) throw new Refusal("No such token among yours, or it was revoked already.", 404);
  await recordAuditEvent({
    actorId: viewer.id,
    action: "api_token.revoke",
    targetType: "api_token",
    targetId: revoked.id,
    details: { name: revoked.name },
  });
}

export type TokenHolder = {
  user: SessionUser;
  token: { id: string; scopes: ApiTokenScope[] };
};

/**
 * The person a bearer token acts for, read fresh (role, suspension) on every call, or null when
 * the token is unknown, revoked, expired, or its owner is suspended or gone.
 */
export async function authenticateApiToken(
  secret: string,
  ip: string,
): Promise<TokenHolder | null> {
  // Anything not shaped like our tokens costs no query.
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length !== TOKEN_PREFIX.length + 43) return null;
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      scopes: apiTokens.scopes,
      revokedAt: apiTokens.revokedAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      ...personNowColumns,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.secretHash, digest(secret)));
  const owner = activePersonOf(row);
  if (!row || !owner || row.revokedAt) return null;
  if (row.expiresAt.getTime() <= Date.now()) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: new Date(), lastUsedIp: ip.slice(0, 64) })
      .where(eq(apiTokens.id, row.tokenId));
  }
  return {
    user: owner,
    // Scopes the owner's role no longer allows (an admin made a member) no longer apply.
    token: { id: row.tokenId, scopes: row.scopes.filter((s) => tokenScopesFor(row).includes(s)) },
  };
}

/** Tokens that ended (revoked or expired) more than the days they stay listed: forgotten. */
export async function purgeEndedApiTokens(): Promise<number> {
  const purged = await db
    .delete(apiTokens)
    .where(
      sql`coalesce(${apiTokens.revokedAt}, ${apiTokens.expiresAt}) < now() - make_interval(days => ${ENDED_SHOWN_DAYS})`,
    )
    .returning({ id: apiTokens.id });
  return purged.length;
}
