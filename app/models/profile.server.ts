import { and, desc, eq, isNull, sql } from "drizzle-orm";
import {
  accounts,
  accountTiers,
  passwordHashes,
  posts,
  spaces,
  threads,
  users,
  type SignInMethod,
} from "#db/schema";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { can, type Viewer } from "~/auth/policy.server";
import { endAllSessionsOf, startSession, type ClientInfo } from "~/auth/session.server";
import { db } from "~/db.server";
import { backoffKeys, claimAttempt, clearBackoff } from "./backoff.server";
import { minutesUntil } from "./rate-limit.server";
import { Refusal } from "./refusal.server";
import { postShownTo, threadVisibleTo } from "./space-access.server";

/** A person's public profile; the account's value tier only for viewers allowed to see tiers. */
export async function getProfile(viewer: Viewer, handle: string) {
  const [person] = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      handle: users.handle,
      role: users.role,
      bio: users.bio,
      showVotes: users.showVotes,
      createdAt: users.createdAt,
      status: users.status,
      accountName: accounts.name,
      tier: accountTiers.tier,
    })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .leftJoin(accountTiers, eq(accountTiers.accountId, users.accountId))
    .where(sql`lower(${users.handle}) = lower(${handle}) and ${users.deletedAt} is null`);
  if (!person) return null;
  const recentPosts = await db
    .select({
      id: posts.id,
      position: posts.position,
      createdAt: posts.createdAt,
      excerpt: sql<string>`left(${posts.bodyText}, 240)`,
      moderation: posts.moderation,
      threadTitle: threads.title,
      spaceName: spaces.name,
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(
      and(
        eq(posts.authorId, person.id),
        isNull(posts.deletedAt),
        threadVisibleTo(viewer),
        postShownTo(viewer),
      ),
    )
    .orderBy(desc(posts.createdAt))
    .limit(20);
  const { tier, status, ...rest } = person;
  const staffView = can(viewer, "read:tier:any");
  return {
    person: {
      ...rest,
      tier: staffView ? tier : null,
      suspended: staffView && status === "suspended",
    },
    recentPosts,
  };
}

export async function updateProfile(
  userId: string,
  input: { displayName: string; bio: string; showVotes: boolean },
) {
  await db.update(users).set(input).where(eq(users.id, userId));
}

/**
 * Changes a password after checking the current one. Every session ends, and a fresh one is
 * returned for this browser, so a stolen session elsewhere stops working.
 */
export type ChangePasswordResult =
  | { ok: true; cookie: string }
  | { ok: false; reason: "wrong-password" }
  | { ok: false; reason: "waiting"; retryInMinutes: number };

/**
 * Replaces the password when the current one is right; the check has the same growing delays as
 * signing in, so a borrowed session cannot guess the password behind it.
 */
/**
 * Whether this is the person's password, with growing delays after wrong ones, so a borrowed
 * session can't guess it: before a password change, or leaving.
 */
async function hasPassword(userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: passwordHashes.userId })
    .from(passwordHashes)
    .where(eq(passwordHashes.userId, userId));
  return row !== undefined;
}

export async function checkCurrentPassword(
  userId: string,
  password: string,
): Promise<Exclude<ChangePasswordResult, { ok: true }> | { ok: true }> {
  const key = backoffKeys.currentPassword(userId);
  const claim = await claimAttempt(key);
  if (!claim.allowed) {
    return { ok: false, reason: "waiting", retryInMinutes: minutesUntil(claim.retryAfterMs) };
  }
  const [row] = await db
    .select({ hash: passwordHashes.hash })
    .from(passwordHashes)
    .where(eq(passwordHashes.userId, userId));
  if (!row || !(await verifyPassword(row.hash, password))) {
    return { ok: false, reason: "wrong-password" };
  }
  await clearBackoff(key);
  return { ok: true };
}

export async function changePassword(
  userId: string,
  current: string,
  next: string,
  client: ClientInfo,
  /** How the session that changes it began: the new session began the same way. */
  method: SignInMethod = "password",
): Promise<ChangePasswordResult> {
  const checked = await checkCurrentPassword(userId, current);
  if (!checked.ok) return checked;
  const hash = await hashPassword(next);
  await db
    .update(passwordHashes)
    .set({ hash, updatedAt: new Date() })
    .where(eq(passwordHashes.userId, userId));
  await endAllSessionsOf(userId);
  return { ok: true, cookie: await startSession(userId, client, method) };
}

/**
 * How a person confirms it is them before something that could lock them out or act as them:
 * their password, or a sign-in through the identity provider minutes ago (people who sign in
 * that way may have no password here). `recentSsoSignIn` comes from the session row, never from
 * the form (`recentSsoSignIn` in current-user.server.ts).
 */
export type IdentityConfirmation = { password: string; recentSsoSignIn: boolean };

/**
 * The person's own password asked again (deleting their account, making an API token), with the
 * growing delays of a password change; or a fresh single sign-on instead.
 */
export async function requireCurrentPassword(userId: string, confirmation: IdentityConfirmation) {
  if (confirmation.recentSsoSignIn) return;
  const { password } = confirmation;
  if (password === "") {
    throw new Refusal(
      (await hasPassword(userId))
        ? "Enter your password to confirm it's you."
        : "You sign in through your company's identity provider: sign out, sign in with it again, then do this within 10 minutes.",
      400,
      "password",
    );
  }
  const checked = await checkCurrentPassword(userId, password);
  if (checked.ok) return;
  throw checked.reason === "waiting"
    ? new Refusal(
        `Too many wrong passwords. Try again in ${checked.retryInMinutes} minutes.`,
        429,
        "password",
      )
    : new Refusal("That isn't your password.", 400, "password");
}
