import { backoffKeys, claimAttempt, clearBackoff } from "~/models/backoff.server";
import { hitRateLimit, minutesUntil, undoRateLimitHit } from "~/models/rate-limit.server";
import { getUserForSignIn } from "~/models/user.server";
import { recordSignIn } from "~/models/sign-in-history.server";
import { verifyDecoy, verifyPassword } from "./password.server";
import type { ClientInfo } from "./session.server";
import { ssoSetup } from "./sso-provider.server";
import { getSsoSettings, isCompanyRole } from "./sso-settings.server";

/**
 * Failed sign-ins from one client address. High, because a whole office can sit behind one
 * address; it is there to slow credential stuffing across many accounts, while each account has
 * its own growing delays (backoff.server.ts).
 */
export const FAILED_SIGN_INS_PER_IP = { limit: 100, windowMs: 15 * 60 * 1000 };

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | {
      ok: false;
      reason: "suspended";
      /** When it ends; absent while it lasts until an admin or moderator lifts it. */
      suspendedUntil?: Date;
      /** Why, as the admin or moderator put it (absent for suspensions from before reasons). */
      suspensionReason?: string;
    }
  | { ok: false; reason: "address-limited" | "account-waiting"; retryInMinutes: number }
  | {
      ok: false;
      /** Staff must sign in through the identity provider (named so the page can say so). */
      reason: "sso-required";
      providerName: string;
    };

/**
 * Checks credentials. Every attempt is counted before the password is checked (so parallel
 * guesses are counted too) and a right password takes it back. Unknown emails are counted and
 * delayed the same way, so the answers never tell who is a member.
 */
export async function signIn(
  email: string,
  password: string,
  client: ClientInfo,
): Promise<SignInResult> {
  const ipKey = `sign-in:ip:${client.ip}`;
  const accountKey = backoffKeys.signIn(email);
  const byIp = await hitRateLimit(ipKey, FAILED_SIGN_INS_PER_IP);
  if (byIp.limited) {
    return {
      ok: false,
      reason: "address-limited",
      retryInMinutes: minutesUntil(byIp.retryAfterMs),
    };
  }
  const claim = await claimAttempt(accountKey);
  if (!claim.allowed) {
    // Not an attempt at all: nothing was checked.
    await undoRateLimitHit(ipKey);
    return {
      ok: false,
      reason: "account-waiting",
      retryInMinutes: minutesUntil(claim.retryAfterMs),
    };
  }

  const user = await getUserForSignIn(email);
  const valid = user?.hash
    ? await verifyPassword(user.hash, password)
    : (await verifyDecoy(password), false);
  if (user) await recordSignIn(user.id, valid, client);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  if (user.status !== "active") {
    // Only told after the right password, so it never tells a stranger who is suspended.
    return {
      ok: false,
      reason: "suspended",
      suspendedUntil: user.suspendedUntil ?? undefined,
      suspensionReason: user.suspensionReason ?? undefined,
    };
  }
  await Promise.all([clearBackoff(accountKey), undoRateLimitHit(ipKey)]);
  // Told only after the right password, like a suspension: it tells a stranger nobody's role.
  const setup = ssoSetup();
  if (setup && isCompanyRole(user.role) && (await getSsoSettings()).staffSsoRequired) {
    return { ok: false, reason: "sso-required", providerName: setup.name };
  }
  return { ok: true, userId: user.id };
}
