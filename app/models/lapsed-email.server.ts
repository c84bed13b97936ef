import { and, asc, eq, sql } from "drizzle-orm";
import { accounts, emailTemplates, lapsedEntries, users } from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { LAPSED_EMAILS_PER_HOUR } from "~/validation/lapsed";
import { sendEmail } from "./email.server";
import { lockLapsedEntry, NO_SUCH_ENTRY, recordLapsedEvent } from "./lapsed.server";
import { requireLapsedReader } from "./lapsed-list.server";
import { requirePostingAllowed } from "./posting-check.server";
import { hitRateLimit, minutesUntil } from "./rate-limit.server";
import { Refusal } from "./refusal.server";

/**
 * A personal email from staff to a lapsed account's people: a template's subject and body, which
 * staff may change before sending, its placeholders filled for the recipient. It goes through
 * `sendEmail` (the outbox, and SMTP when configured) and into the entry's history.
 */

export const LAPSED_PLACEHOLDERS = ["name", "account", "sender"] as const;
type Placeholder = (typeof LAPSED_PLACEHOLDERS)[number];

/** The template staff start from when nobody has written one. */
export const DEFAULT_LAPSED_TEMPLATE = {
  name: "Checking in",
  subject: "Checking in from the community team",
  body: [
    "Hi {{name}},",
    "",
    "We haven't heard from you and the {{account}} team in the community for a while, and we'd like to know how things are going. Is there anything we could do better, or something you were hoping to find here that you didn't?",
    "",
    "Just reply to this email: it comes straight to me.",
    "",
    "Best,",
    "{{sender}}",
  ].join("\n"),
};

/** The template an email starts from: the first one written, or the default, kept once. */
export async function getLapsedEmailTemplate(viewer: Viewer) {
  requireLapsedReader(viewer);
  const columns = {
    id: emailTemplates.id,
    subject: emailTemplates.subject,
    body: emailTemplates.body,
  };
  const [found] = await db
    .select(columns)
    .from(emailTemplates)
    .orderBy(asc(emailTemplates.name), asc(emailTemplates.id))
    .limit(1);
  if (found) return found;
  const [made] = await db.insert(emailTemplates).values(DEFAULT_LAPSED_TEMPLATE).returning(columns);
  return made;
}

// The name is trimmed after matching: spaces matched on both sides of a lazy name backtracked
// in cubic time on an unclosed "{{" followed by whitespace.
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The text with its placeholders filled; an unknown placeholder is refused on its field. */
export function fillPlaceholders(
  text: string,
  values: Record<Placeholder, string>,
  field: string,
): string {
  return text.replace(PLACEHOLDER, (whole, spaced: string) => {
    const name = spaced.trim();
    if (!(LAPSED_PLACEHOLDERS as readonly string[]).includes(name)) {
      throw new Refusal(
        `${whole} isn't a placeholder we can fill: use {{name}}, {{account}} or {{sender}}.`,
        422,
        field,
      );
    }
    return values[name as Placeholder];
  });
}

export type LapsedEmailInput = { recipientId: string; subject: string; body: string };

/**
 * Sends the email to one of the account's members (the member, for a member's entry) and records
 * it. Limited per staff member per hour: personal emails, not a mailing.
 */
export async function sendLapsedEmail(viewer: Viewer, entryId: string, input: LapsedEmailInput) {
  requireLapsedReader(viewer);
  const [entry] = await db.execute<{
    account_id: string;
    user_id: string | null;
    account_name: string;
  }>(
    sql`select e.account_id, e.user_id, a.name as account_name
      from ${lapsedEntries} e join ${accounts} a on a.id = e.account_id where e.id = ${entryId}`,
  );
  if (!entry) throw new Refusal(NO_SUCH_ENTRY, 404);
  const [[recipient], [sender]] = await Promise.all([
    db
      .select({ id: users.id, displayName: users.displayName, email: users.email })
      .from(users)
      .where(
        and(
          eq(users.id, input.recipientId),
          eq(users.accountId, entry.account_id),
          eq(users.role, "member"),
          eq(users.status, "active"),
          entry.user_id ? eq(users.id, entry.user_id) : undefined,
        ),
      ),
    db
      .select({ displayName: users.displayName, email: users.email })
      .from(users)
      .where(eq(users.id, viewer.id)),
  ]);
  if (!recipient) {
    throw new Refusal(
      entry.user_id
        ? "This entry is about one member: the email goes to them."
        : "Choose one of this account's members as the recipient.",
      422,
      "recipientId",
    );
  }
  const values = {
    name: recipient.displayName,
    account: entry.account_name,
    sender: sender?.displayName ?? "The community team",
  };
  // One line: a line break (typed, or in a name) would start another header in a stored copy.
  const subject = fillPlaceholders(input.subject, values, "subject").replace(/\s+/g, " ").trim();
  const text = fillPlaceholders(input.body, values, "body");
  // Staff's words a member reads: silence, blocked words and the team's rate, as for a note. The
  // words checked are those typed; the names filled in are not staff's to answer for.
  await requirePostingAllowed(
    viewer,
    { action: "comment", text: input.body, title: input.subject, noun: "email", held: "refuse" },
    (refusal) => new Refusal(refusal.message, refusal.status),
  );
  const hit = await hitRateLimit(`lapsed-email:${viewer.id}`, {
    limit: LAPSED_EMAILS_PER_HOUR,
    windowMs: 60 * 60 * 1000,
  });
  if (hit.limited) {
    throw new Refusal(
      `You've sent ${LAPSED_EMAILS_PER_HOUR} of these emails in the last hour. Send the next in ${minutesUntil(
        hit.retryAfterMs,
      )} minutes.`,
      429,
    );
  }
  const { delivered } = await sendEmail({
    to: recipient.email,
    subject,
    text,
    kind: "lapsed-outreach",
    personalFrom: sender ? { name: sender.displayName, email: sender.email } : undefined,
  });
  await db.transaction(async (tx) => {
    // The entry may have gone (its account deleted) while the email went out: nothing to record on.
    const locked = await lockLapsedEntry(tx, entryId);
    await recordLapsedEvent(tx, viewer, locked, "emailed", {
      recipientId: recipient.id,
      recipientName: recipient.displayName,
      to: recipient.email,
      subject,
      delivered,
    });
  });
  return { delivered, recipientName: recipient.displayName };
}
