import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  consentEvents,
  memberConsents,
  users,
  type ConsentPurpose,
  type ConsentSource,
} from "#db/schema";
import { CONSENT_PURPOSES, CREDIT_CHOICES } from "#db/schema/values";
import { answersConsents, can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { consentTermsFor, currentVersion } from "~/utils/consent-terms";
import { Refusal } from "./refusal.server";

type Executor = Pick<typeof db, "execute" | "insert">;

export const CONSENT_EVENTS_LISTED = 100;

/** The answers that say no: withdrawal of a yes-or-no use, or "not credited". */
const REFUSALS = ["no", "none"];

/**
 * True (in SQL) when the person behind `userId` said no to this use, on any version of its terms:
 * withdrawal wins at once, wherever the rule is read. Unanswered, these uses rest on the
 * disclosure every space and post form makes (decision record 0016). Words whose author left
 * (no author) count as refused: nobody is left to say yes, and their "no" went with them.
 */
export function consentWithdrawnSql(purpose: ConsentPurpose, userId: SQL | string): SQL<boolean> {
  // Someone who left (their words name nobody now) can no longer say yes: treated as a no.
  return sql<boolean>`(${userId} is null or exists (select 1 from ${memberConsents} mc
    where mc.user_id = ${userId} and mc.purpose = ${purpose}
      and mc.answer in (${sql.join(
        REFUSALS.map((answer) => sql`${answer}`),
        sql`, `,
      )})))`;
}

/**
 * The person's credit answer if it was given on the current terms ("named", "anonymous", "none"),
 * else null: an answer to an older version credits nobody until they answer again.
 */
export function creditAnswerSql(userId: SQL): SQL<string | null> {
  return sql<string | null>`(select mc.answer from ${memberConsents} mc
    where mc.user_id = ${userId} and mc.purpose = 'credit'
      and mc.version = ${currentVersion("credit")})`;
}

/** Whether a yes-or-no use was withdrawn by each of these people (one query). */
export async function listWithdrawn(purpose: ConsentPurpose, userIds: string[]) {
  if (userIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ userId: memberConsents.userId })
    .from(memberConsents)
    .where(
      and(
        eq(memberConsents.purpose, purpose),
        inArray(memberConsents.userId, [...new Set(userIds)]),
        inArray(memberConsents.answer, REFUSALS),
      ),
    );
  return new Set(rows.map((row) => row.userId));
}

export type ConsentState = {
  purpose: ConsentPurpose;
  answer: string | null;
  /** The version of the terms the answer was given on. */
  version: number | null;
  askedAt: Date | null;
  answeredAt: Date | null;
  /** No answer yet on the terms as they read now. */
  needsAnswer: boolean;
};

async function readStates(userId: string): Promise<ConsentState[]> {
  const rows = await db.select().from(memberConsents).where(eq(memberConsents.userId, userId));
  return CONSENT_PURPOSES.map((purpose) => {
    const row = rows.find((r) => r.purpose === purpose);
    const version = row?.answer ? row.version : null;
    return {
      purpose,
      answer: row?.answer ?? null,
      version,
      askedAt: row?.askedAt ?? null,
      answeredAt: row?.answeredAt ?? null,
      needsAnswer: version !== currentVersion(purpose),
    };
  });
}

/** The person's own answers and every entry of their ledger (newest first). */
export async function getMyConsents(viewer: Viewer) {
  if (!answersConsents(viewer)) return null;
  const [states, events] = await Promise.all([
    readStates(viewer.id),
    db
      .select({
        purpose: consentEvents.purpose,
        answer: consentEvents.answer,
        version: consentEvents.version,
        source: consentEvents.source,
        recordedAt: consentEvents.recordedAt,
      })
      .from(consentEvents)
      .where(eq(consentEvents.userId, viewer.id))
      .orderBy(desc(consentEvents.recordedAt), desc(consentEvents.id))
      .limit(CONSENT_EVENTS_LISTED),
  ]);
  return { states, events };
}

/** Where a member stands on each use, for staff (who must know what they may use). */
export async function getConsentsForStaff(viewer: Viewer, userId: string) {
  if (!can(viewer, "read:consent:any")) return null;
  const [person] = await db
    .select({ accountId: users.accountId })
    .from(users)
    .where(eq(users.id, userId));
  if (!person?.accountId) return null;
  return readStates(userId);
}

/** Whether the person has any use left to answer on the terms as they read now. */
export async function hasConsentsToAnswer(viewer: Viewer): Promise<boolean> {
  if (!answersConsents(viewer)) return false;
  return (await readStates(viewer.id)).some((state) => state.needsAnswer);
}

function isAnswerFor(purpose: ConsentPurpose, answer: string): boolean {
  return purpose === "credit"
    ? (CREDIT_CHOICES as readonly string[]).includes(answer)
    : answer === "yes" || answer === "no";
}

/**
 * Records the person's own answer on the current terms, in the ledger and as where they stand
 * now. Every rule reads where they stand, so a withdrawal applies at once everywhere.
 */
export async function answerConsent(
  viewer: Viewer,
  purpose: ConsentPurpose,
  answer: string,
  source: Exclude<ConsentSource, "asked" | "migrated">,
) {
  if (!answersConsents(viewer)) {
    throw new Refusal("Only members from a customer's account answer these.", 403);
  }
  if (!isAnswerFor(purpose, answer)) {
    throw new Refusal(
      `Choose one of the answers offered for “${consentTermsFor(purpose).title}”.`,
      400,
    );
  }
  const version = currentVersion(purpose);
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(memberConsents)
      .values({ userId: viewer.id, purpose, answer, version, answeredAt: now })
      .onConflictDoUpdate({
        target: [memberConsents.userId, memberConsents.purpose],
        set: { answer, version, answeredAt: now },
      });
    await tx
      .insert(consentEvents)
      .values({ userId: viewer.id, purpose, answer, version, source, recordedAt: now });
  });
}

/**
 * Records that these people were asked about a use (once: those asked before are left out).
 * Returns the ones asked now. Runs inside the caller's transaction.
 */
export async function recordAsked(executor: Executor, purpose: ConsentPurpose, userIds: string[]) {
  if (userIds.length === 0) return [];
  const now = new Date();
  const asked = await executor
    .insert(memberConsents)
    .values(userIds.map((userId) => ({ userId, purpose, askedAt: now })))
    .onConflictDoNothing()
    .returning({ userId: memberConsents.userId });
  if (asked.length > 0) {
    await executor.insert(consentEvents).values(
      asked.map((row) => ({
        userId: row.userId,
        purpose,
        version: currentVersion(purpose),
        source: "asked" as const,
        recordedAt: now,
      })),
    );
  }
  return asked.map((row) => row.userId);
}
