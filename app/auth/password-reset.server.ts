import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordHashes, passwordResetTokens } from "#db/schema";
import { db } from "~/db.server";
import { sendEmail } from "~/models/email.server";
import { hitRateLimit } from "~/models/rate-limit.server";
import { getActiveUserByEmail } from "~/models/user.server";
import { generateToken, hashToken } from "~/utils/tokens.server";
import { hashPassword } from "./password.server";
import { endAllSessionsOf } from "./session.server";

const RESET_TTL_MS = 60 * 60 * 1000;
// Enough for someone who lost a few emails; too few to flood an inbox.
const RESET_EMAILS = { limit: 5, windowMs: 60 * 60 * 1000 };

/**
 * Emails a single-use reset link when the address belongs to an active person. The caller shows
 * the same message either way, so the form does not reveal who is a member.
 */
export async function requestPasswordReset(email: string, origin: string): Promise<void> {
  if ((await hitRateLimit(`reset-email:${email}`, RESET_EMAILS)).limited) return;

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
      `${origin}/reset-password/${token}`,
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
  const userId = await db.transaction(async (tx) => {
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
    return spent.userId;
  });
  if (userId) await endAllSessionsOf(userId);
  return userId;
}
