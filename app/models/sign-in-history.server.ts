import { desc, eq } from "drizzle-orm";
import { signInEvents } from "#db/schema";
import type { ClientInfo } from "~/auth/session.server";
import { db } from "~/db.server";

/** How long sign-ins are kept (retention.server.ts deletes older ones). */
export const SIGN_IN_HISTORY_DAYS = 90;
export const SIGN_INS_LISTED = 50;

/**
 * Records a sign-in to someone's account, or a failed one with their email (the account's growing
 * delays bound how many a stranger can add).
 */
export async function recordSignIn(userId: string, succeeded: boolean, client: ClientInfo) {
  await db
    .insert(signInEvents)
    .values({ userId, succeeded, ipAddress: client.ip, userAgent: client.userAgent });
}

/** The person's latest sign-ins and failed attempts, newest first. */
export async function listSignIns(userId: string) {
  return db
    .select({
      at: signInEvents.at,
      succeeded: signInEvents.succeeded,
      ipAddress: signInEvents.ipAddress,
      userAgent: signInEvents.userAgent,
    })
    .from(signInEvents)
    .where(eq(signInEvents.userId, userId))
    .orderBy(desc(signInEvents.at))
    .limit(SIGN_INS_LISTED);
}
