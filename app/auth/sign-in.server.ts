import {
  clearRateLimit,
  hitRateLimit,
  minutesUntil,
  undoRateLimitHit,
} from "~/models/rate-limit.server";
import { getUserForSignIn } from "~/models/user.server";
import { verifyDecoy, verifyPassword } from "./password.server";

export const FAILED_SIGN_INS = { limit: 10, windowMs: 15 * 60 * 1000 };

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "suspended" }
  | { ok: false; reason: "rate-limited"; retryInMinutes: number };

/**
 * Checks credentials with attempts limited per IP and per email. Every attempt is counted before
 * the password is checked (so parallel guesses are counted too); a right password takes its
 * attempt back. Failures look the same from outside whether or not the email exists.
 */
export async function signIn(email: string, password: string, ip: string): Promise<SignInResult> {
  const ipKey = `sign-in:ip:${ip}`;
  const emailKey = `sign-in:email:${email}`;
  const [byIp, byEmail] = await Promise.all([
    hitRateLimit(ipKey, FAILED_SIGN_INS),
    hitRateLimit(emailKey, FAILED_SIGN_INS),
  ]);
  if (byIp.limited || byEmail.limited) {
    const waits = [byIp, byEmail].filter((hit) => hit.limited).map((hit) => hit.retryAfterMs);
    return { ok: false, reason: "rate-limited", retryInMinutes: minutesUntil(Math.max(...waits)) };
  }

  const user = await getUserForSignIn(email);
  const valid = user?.hash
    ? await verifyPassword(user.hash, password)
    : (await verifyDecoy(password), false);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (user.status !== "active") return { ok: false, reason: "suspended" };
  await Promise.all([clearRateLimit(emailKey), undoRateLimitHit(ipKey)]);
  return { ok: true, userId: user.id };
}
