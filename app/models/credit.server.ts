import { eq } from "drizzle-orm";
import { accounts, creditConsents, users, type CreditChoice } from "#db/schema";
import { db } from "~/db.server";

/**
 * The member's answer on being credited, whether they were ever asked, and their account's
 * segment (what "anonymously" would say).
 */
export async function getCreditConsent(userId: string) {
  const [row] = await db
    .select({
      choice: creditConsents.choice,
      askedAt: creditConsents.askedAt,
      answeredAt: creditConsents.answeredAt,
      segment: accounts.segment,
    })
    .from(users)
    .leftJoin(creditConsents, eq(creditConsents.userId, users.id))
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.id, userId));
  return {
    choice: row?.choice ?? null,
    askedAt: row?.askedAt ?? null,
    answeredAt: row?.answeredAt ?? null,
    segment: row?.segment ?? "",
  };
}

/** Records an answer with its time; public pages read the current answer, so it applies at once. */
export async function setCreditChoice(userId: string, choice: CreditChoice) {
  const now = new Date();
  await db
    .insert(creditConsents)
    .values({ userId, choice, answeredAt: now })
    .onConflictDoUpdate({ target: creditConsents.userId, set: { choice, answeredAt: now } });
}
