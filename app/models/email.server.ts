import { desc, eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { outboxEmails } from "#db/schema";
import { db } from "~/db.server";
import { getEnv } from "~/env.server";
import { logger } from "~/utils/logger.server";

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
};

let transport: Transporter | undefined;
function smtpTransport(url: string): Transporter {
  transport ??= nodemailer.createTransport(url);
  return transport;
}

/**
 * Every message is kept in the outbox; with SMTP_URL set it is also delivered. A delivery failure
 * is recorded on the message and logged rather than failing the action that sent it.
 */
export async function sendEmail(message: EmailMessage): Promise<void> {
  const [stored] = await db.insert(outboxEmails).values(message).returning({ id: outboxEmails.id });
  const { SMTP_URL, MAIL_FROM } = getEnv();
  if (!SMTP_URL) return;
  try {
    await smtpTransport(SMTP_URL).sendMail({ from: MAIL_FROM, ...message });
    await db.update(outboxEmails).set({ sentAt: new Date() }).where(eq(outboxEmails.id, stored.id));
  } catch (error) {
    logger.error({ err: error, emailId: stored.id }, "email delivery failed");
    await db
      .update(outboxEmails)
      .set({ error: error instanceof Error ? error.message : String(error) })
      .where(eq(outboxEmails.id, stored.id));
  }
}

const OUTBOX_PAGE_SIZE = 50;

export async function listOutbox(page: number) {
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(outboxEmails)
      .orderBy(desc(outboxEmails.createdAt))
      .limit(OUTBOX_PAGE_SIZE)
      .offset((page - 1) * OUTBOX_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(outboxEmails),
  ]);
  return { emails: rows, total, pageSize: OUTBOX_PAGE_SIZE };
}
