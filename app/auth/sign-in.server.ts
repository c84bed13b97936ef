import {
  checkRateLimit,
  clearRateLimit,
  minutesUntil,
  recordRateLimitHit,
} from "~/models/rate-limit.server";
import { getUserForSignIn } from "~/models/user.server";
import { verifyDecoy, verifyPassword } from "./password.server";

export const FAILED_SIGN_INS = { limit: 10, windowMs: 15 * 60 * 1000 };

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "suspended" }
  | { ok: false; reason: "rate-limited"; retryInMinutes: number };

/**
 * Checks credentials with failed attempts limited per IP and per email. Every failure looks the
 * same from outside whether or not the email exists.
 */
export async function signIn(email: string, password: string, ip: string): Promise<SignInResult> {
  const ipKey = `sign-in:ip:${ip}`;
  const emailKey = `sign-in:email:${email}`;
  const [byIp, byEmail] = await Promise.all([
    checkRateLimit(ipKey, FAILED_SIGN_INS),
    checkRateLimit(emailKey, FAILED_SIGN_INS),
  ]);
  if (byIp.limited || byEmail.limited) {
    return {
      ok: false,
      reason: "rate-limited",
      retryInMinutes: minutesUntil(
        Math.max(byIp.limited ? byIp.retryAfterMs : 0, byEmail.limited ? byEmail.retryAfterMs : 0),
      ),
    };
  }

  const user = await getUserForSignIn(email);
  const valid = user?.hash
    ? await verifyPassword(user.hash, password)
    : (await verifyDecoy(password), false);
  if (!user || !valid) {
    await Promise.all([
      recordRateLimitHit(ipKey, FAILED_SIGN_INS),
      recordRateLimitHit(emailKey, FAILED_SIGN_INS),
    ]);
    return { ok: false, reason: "invalid" };
  }
  if (user.status !== "active") return { ok: false, reason: "suspended" };
  await clearRateLimit(emailKey);
  return { ok: true, userId: user.id };
}
