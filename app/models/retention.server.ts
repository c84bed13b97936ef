import { and, isNull, lt, sql } from "drizzle-orm";
import {
  failureBackoffs,
  invitations,
  passwordResetTokens,
  rateLimits,
  sessions,
  ssoSignInAttempts,
  signInEvents,
} from "#db/schema";
import { db } from "~/db.server";
import { purgeIdempotencyKeys } from "./api-idempotency.server";
import { purgeEndedApiTokens } from "./api-token.server";
import { purgeOldTrackerDeliveries } from "./tracker-delivery.server";
import { purgeOldWebhookDeliveries } from "./webhook-delivery.server";
import { purgeExpiredStaffExports } from "./staff-export.server";
import { BACKOFF } from "./backoff.server";
import { purgeExpiredExports } from "./data-export.server";
import { SIGN_IN_HISTORY_DAYS } from "./sign-in-history.server";

const DAY_MS = 24 * 60 * 60_000;
/** Spent or expired links stay a while, so opening an old one says "used" or "expired". */
const SPENT_LINKS_KEPT_MS = 7 * DAY_MS;
/** Invitations nobody accepted stay on the admin list for a month after they lapsed. */
const LAPSED_INVITATIONS_KEPT_MS = 30 * DAY_MS;
/** Longer than any rate-limit window. */
const RATE_LIMITS_KEPT_MS = DAY_MS;

const ago = (ms: number) => new Date(Date.now() - ms);
const before = (ms: number) => sql`now() - make_interval(secs => ${ms / 1000})`;

/**
 * Deletes what has stopped meaning anything: expired sessions, spent or expired reset links,
 * lapsed invitations, old rate-limit counters, forgotten failure counts, old sign-ins and
 * expired data exports, the API's kept answers to retried creates, and webhook deliveries older
 * than a month (a receiver that missed one has had a day of retries and weeks to ask again),
 * sent or received from a tracker (a replay's age has it refused long before its id is gone),
 * and single sign-ons started and never finished.
 * Accepted invitations stay: they record who invited whom. Run hourly by the job queue.
 */
export async function purgeExpiredRecords() {
  const [
    expiredSessions,
    resetLinks,
    lapsedInvitations,
    counters,
    backoffs,
    signIns,
    exports,
    idempotencyKeys,
    webhookDeliveries,
    staffExports,
    apiTokens,
    trackerDeliveries,
    ssoAttempts,
  ] = await Promise.all([
    db.delete(sessions).where(lt(sessions.expiresAt, new Date())).returning({ id: sessions.id }),
    db
      .delete(passwordResetTokens)
      .where(
        sql`coalesce(${passwordResetTokens.usedAt}, ${passwordResetTokens.expiresAt}) < ${before(SPENT_LINKS_KEPT_MS)}`,
      )
      .returning({ id: passwordResetTokens.id }),
    db
      .delete(invitations)
      .where(
        and(
          isNull(invitations.acceptedAt),
          sql`least(${invitations.expiresAt}, ${invitations.revokedAt}) < ${before(LAPSED_INVITATIONS_KEPT_MS)}`,
        ),
      )
      .returning({ id: invitations.id }),
    db
      .delete(rateLimits)
      .where(lt(rateLimits.windowStartedAt, ago(RATE_LIMITS_KEPT_MS)))
      .returning({ key: rateLimits.key }),
    db
      .delete(failureBackoffs)
      .where(lt(failureBackoffs.lastFailureAt, ago(BACKOFF.forgetAfterMs)))
      .returning({ key: failureBackoffs.key }),
    db
      .delete(signInEvents)
      .where(lt(signInEvents.at, ago(SIGN_IN_HISTORY_DAYS * DAY_MS)))
      .returning({ id: signInEvents.id }),
    purgeExpiredExports(),
    purgeIdempotencyKeys(),
    purgeOldWebhookDeliveries(),
    purgeExpiredStaffExports(),
    purgeEndedApiTokens(),
    purgeOldTrackerDeliveries(),
    db
      .delete(ssoSignInAttempts)
      .where(lt(ssoSignInAttempts.expiresAt, new Date()))
      .returning({ id: ssoSignInAttempts.id }),
  ]);
  return {
    sessions: expiredSessions.length,
    resetLinks: resetLinks.length,
    invitations: lapsedInvitations.length,
    rateLimits: counters.length,
    backoffs: backoffs.length,
    signIns: signIns.length,
    dataExports: exports,
    idempotencyKeys,
    webhookDeliveries,
    staffExports,
    apiTokens,
    trackerDeliveries,
    ssoAttempts: ssoAttempts.length,
  };
}
