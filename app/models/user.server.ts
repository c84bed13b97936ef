import { and, asc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import {
  accounts,
  apiTokens,
  passwordHashes,
  users,
  type UserRole,
  type UserStatus,
} from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { cancelPasswordResets, endAllSessionsOf, isSuspended } from "~/auth/session.server";
import { isCompanyRole, staffMustUseSso } from "~/auth/sso-settings.server";
import { db } from "~/db.server";
import { publishAccessChange } from "~/live.server";
import { recordAuditEvent } from "./audit.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/** Counts a suspension whose end has passed as over, in SQL, like `isSuspended` does in code. */
const suspensionOver = sql`(${users.suspendedUntil} is not null and ${users.suspendedUntil} <= now())`;

/**
 * What signing in checks. A suspension whose end has passed reads as "active"; a suspended
 * person's end and reason come along, to be shown to them.
 */
export async function getUserForSignIn(email: string) {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      status: sql<UserStatus>`case when ${suspensionOver} then 'active' else ${users.status} end`,
      suspendedUntil: users.suspendedUntil,
      suspensionReason: users.suspensionReason,
      hash: passwordHashes.hash,
    })
    .from(users)
    .leftJoin(passwordHashes, eq(passwordHashes.userId, users.id))
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}

export async function getActiveUserByEmail(email: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(
      and(
        sql`lower(${users.email}) = lower(${email})`,
        or(eq(users.status, "active"), suspensionOver),
      ),
    );
  return row ?? null;
}

export async function isEmailRegistered(email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return Boolean(row);
}

export type MemberFilter = {
  q?: string;
  role?: UserRole;
  status?: UserStatus;
  accountId?: string;
  page: number;
};

export const MEMBERS_PAGE_SIZE = 50;

/** People for the admin list: every filter is applied in SQL, one page at a time. */
export async function listUsersForAdmin(filter: MemberFilter) {
  // Former members are no one to manage: the audit log records their leaving.
  const conditions: SQL[] = [isNull(users.deletedAt)];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.displayName, pattern), ilike(users.email, pattern))!);
  }
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.status) conditions.push(eq(users.status, filter.status));
  if (filter.accountId) conditions.push(eq(users.accountId, filter.accountId));
  const where = and(...conditions);

  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        handle: users.handle,
        role: users.role,
        status: users.status,
        createdAt: users.createdAt,
        lastSeenAt: users.lastSeenAt,
        accountId: users.accountId,
        accountName: accounts.name,
        alumniSince: users.alumniSince,
      })
      .from(users)
      .leftJoin(accounts, eq(accounts.id, users.accountId))
      .where(where)
      .orderBy(asc(users.displayName), asc(users.id))
      .limit(MEMBERS_PAGE_SIZE)
      .offset((filter.page - 1) * MEMBERS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(users)
      .where(where),
  ]);
  return { users: rows, total };
}

async function getUserOrThrow(userId: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!user) throw new Refusal("This person no longer exists.", 404);
  return user;
}

/** Roles and admins' suspensions are the admins' (the member page's "update:member:any"). */
function requireMemberAdmin(actor: Viewer) {
  if (!can(actor, "update:member:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
}

export async function changeUserRole(actor: Viewer, userId: string, role: UserRole) {
  requireMemberAdmin(actor);
  if (actor.id === userId) {
    throw new Refusal("You can't change your own role; ask another admin.", 400);
  }
  const user = await getUserOrThrow(userId);
  if (user.role === role) return;
  if (role === "member" && !user.accountId) {
    throw new Refusal("Members belong to an account, and this person has none.", 400);
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    // A reset link emailed under the old role is not carried into the new one.
    await cancelPasswordResets(userId, tx);
    // Staff who must sign in through the identity provider don't keep tokens made without it
    // (their password sessions end on their next request: getCurrentSession).
    if (isCompanyRole(role) && (await staffMustUseSso())) {
      await tx
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
    }
    await publishAccessChange({ userIds: [userId] }, tx);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "user.role_changed",
        targetType: "user",
        targetId: userId,
        details: { from: user.role, to: role },
      },
      tx,
    );
  });
}

/**
 * An admin suspends someone until reactivated, with the reason they read when they try to sign
 * in. (Moderators' suspensions, with an end, are `suspendMember` in member-moderation.server.ts.)
 */
export async function suspendUser(actor: Viewer, userId: string, reason: string) {
  requireMemberAdmin(actor);
  if (actor.id === userId) throw new Refusal("You can't suspend yourself.", 400);
  const user = await getUserOrThrow(userId);
  if (isSuspended(user)) return;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ status: "suspended", suspendedUntil: null, suspensionReason: reason })
      .where(eq(users.id, userId));
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "user.suspended",
        targetType: "user",
        targetId: userId,
        details: { reason, until: null },
      },
      tx,
    );
  });
  await endAllSessionsOf(userId);
}

export async function reactivateUser(actor: Viewer, userId: string) {
  requireMemberAdmin(actor);
  const user = await getUserOrThrow(userId);
  if (user.status === "active") return;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ status: "active", suspendedUntil: null, suspensionReason: null })
      .where(eq(users.id, userId));
    await recordAuditEvent(
      { actorId: actor.id, action: "user.reactivated", targetType: "user", targetId: userId },
      tx,
    );
  });
}

export async function getUserForAdmin(userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      handle: users.handle,
      role: users.role,
      status: users.status,
      bio: users.bio,
      createdAt: users.createdAt,
      lastSeenAt: users.lastSeenAt,
      accountId: users.accountId,
      accountName: accounts.name,
      alumniSince: users.alumniSince,
    })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  return row ?? null;
}

/** Someone named by handle (with or without "@") or email, as typed into a staff form. */
export async function findPersonByHandleOrEmail(identifier: string) {
  const handleOrEmail = identifier.trim().replace(/^@/, "");
  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      accountId: users.accountId,
      displayName: users.displayName,
      handle: users.handle,
    })
    .from(users)
    .where(
      sql`(lower(${users.handle}) = lower(${handleOrEmail}) or lower(${users.email}) = lower(${handleOrEmail})) and ${users.deletedAt} is null`,
    );
  return user ?? null;
}
