import { and, eq } from "drizzle-orm";
import { accounts, memberConsents, users } from "#db/schema";
import { db } from "~/db.server";
import { currentVersion } from "~/utils/consent-terms";
import type { CreditChoice } from "#db/schema";

/**
 * The member's answer on being credited (on the current terms; one on older terms reads as
 * unanswered), whether they were ever asked, and their account's segment (what "anonymously"
 * would say). Answers go through the consent ledger (consent.server.ts).
 */
export async function getCreditConsent(userId: string) {
  const [row] = await db
    .select({
      answer: memberConsents.answer,
      version: memberConsents.version,
      askedAt: memberConsents.askedAt,
      answeredAt: memberConsents.answeredAt,
      segment: accounts.segment,
    })
    .from(users)
    .leftJoin(
      memberConsents,
      and(eq(memberConsents.userId, users.id), eq(memberConsents.purpose, "credit")),
    )
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.id, userId));
  const current = row?.answer && row.version === currentVersion("credit");
  return {
    choice: current ? (row.answer as CreditChoice) : null,
    askedAt: row?.askedAt ?? null,
    answeredAt: current ? row.answeredAt : null,
    segment: row?.segment ?? "",
  };
}
