import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordHashes, passwordResetTokens, users } from "#db/schema";
import { db } from "~/db.server";
import { sendEmail } from "~/models/email.server";
import { enqueueJobs } from "~/jobs.server";
import { backoffKeys, clearBackoff } from "~/models/backoff.server";
import { hitRateLimit, minutesUntil } from "~/models/rate-limit.server";
import { getActiveUserByEmail } from "~/models/user.server";
import { publicOrigin } from "~/utils/request.server";
import { generateToken, hashToken } from "~/utils/tokens.server";
import { hashPassword } from "./password.server";
import { endAllSessionsOf } from "./session.server";

const RESET_TTL_MS = 60 * 60 * 1000;
// Enough for someone who lost a few emails; too few to flood an inbox.
const RESET_EMAILS = { limit: 5, windowMs: 60 * 60 * 1000 };
// Per client address: an office shares one, a script asking about thousands of emails does not.
const RESET_REQUESTS_PER_IP = { limit: 30, windowMs: 60 * 60 * 1000 };

export type ResetRequestResult = { ok: true } | { ok: false; retryInMinutes: number };

/**
 * Takes a reset request. It does the same work whoever the email belongs to: the lookup and the
 * email happen in a background job (sendPasswordResetEmail), so neither the answer nor its timing
 * tells a stranger who is a member.
 */
export async function requestPasswordReset(email: string, ip: string): Promise<ResetRequestResult> {
  const byIp = await hitRateLimit(`reset-ip:${ip}`, RESET_REQUESTS_PER_IP);
  if (byIp.limited) return { ok: false, retryInMinutes: minutesUntil(byIp.retryAfterMs) };
  if (!(await hitRateLimit(`reset-email:${email}`, RESET_EMAILS)).limited) {
    await enqueueJobs("password-reset-email", [{ email }]);
  }
  return { ok: true };
}

/** The job behind requestPasswordReset: a single-use link, when the email is an active person's. */
export async function sendPasswordResetEmail(email: string): Promise<void> {
  const user = await getActiveUserByEmail(email);
  if (!user) return;
  const token = generateToken();
  await db.insert(passwordResetTokens).values({
    tokenHash: hashToken(token),
    userId: user.id,
    expiresAt: new Date(Date.now() + RESET_TTL_MS),
  });
  await sendEmail({
    to: user.email,
    kind: "password-reset",
    sensitive: true,
    subject: "Reset your Vanguard password",
    text: [
      `Hello ${user.displayName},`,
      "",
      "Someone (hopefully you) asked to reset your Vanguard password. Choose a new one here within the next hour:",
      `${publicOrigin()}/reset-password/${token}`,
      "",
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ].join("\n"),
  });
}

export type ResetTokenStatus = "valid" | "invalid" | "expired" | "used";

export async function getResetTokenStatus(token: string): Promise<ResetTokenStatus> {
  const [row] = await db
    .select({ expiresAt: passwordResetTokens.expiresAt, usedAt: passwordResetTokens.usedAt })
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, hashToken(token)));
  if (!row) return "invalid";
  if (row.usedAt) return "used";
  if (row.expiresAt.getTime() <= Date.now()) return "expired";
  return "valid";
}

/** Sets the new password, spends the token and ends every session of that person. */
export async function resetPassword(token: string, password: string): Promise<string | null> {
  const hash = await hashPassword(password);
  const owner = await db.transaction(async (tx) => {
    const [spent] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashToken(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, new Date()),
        ),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (!spent) return null;
    await tx
      .insert(passwordHashes)
      .values({ userId: spent.userId, hash })
      .onConflictDoUpdate({ target: passwordHashes.userId, set: { hash, updatedAt: new Date() } });
    // Other outstanding links for this person stop working too.
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResetTokens.userId, spent.userId), isNull(passwordResetTokens.usedAt)));
    const [owner] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.id, spent.userId));
    return owner;
  });
  if (!owner) return null;
  // Whoever failed to sign in as this person before, the owner of the inbox gets in now.
  await Promise.all([
    endAllSessionsOf(owner.id),
    clearBackoff(backoffKeys.signIn(owner.email)),
    clearBackoff(backoffKeys.currentPassword(owner.id)),
  ]);
  return owner.id;
}
