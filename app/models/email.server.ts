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
  /** Carries a sign-in capability (reset or invitation link): not kept readable once delivered. */
  sensitive?: boolean;
  /** The one-click unsubscribe link (RFC 8058) for what this email is about. */
  unsubscribeUrl?: string;
  /**
   * Where the email sits in a conversation: its own Message-ID and the root id of the thread it
   * belongs to, which mail clients group by (In-Reply-To and References).
   */
  threading?: { messageId: string; rootId?: string };
  /**
   * Written by one person to another (staff reaching out): answers go to them (Reply-To), and it
   * is not marked machine-written, so their out-of-office reply reaches the sender too.
   */
  personalFrom?: { name: string; email: string };
};

/** null: kept in the outbox only (no SMTP); true: delivered; false: SMTP refused it. */
export type EmailResult = { delivered: boolean | null };

const LINK = /https?:\/\/\S+/g;

let transport: Transporter | undefined;
function smtpTransport(url: string): Transporter {
  transport ??= nodemailer.createTransport(url);
  return transport;
}

/**
 * Every message is kept in the outbox; with SMTP_URL set it is also delivered, and links in
 * sensitive messages are then removed from the stored copy (a reset link in an admin page or a
 * backup would be a way into someone's account). Without SMTP the outbox is how admins deliver
 * them, so they stay. A failure is recorded on the message and reported to the caller.
 */
export async function sendEmail({
  sensitive,
  unsubscribeUrl,
  threading,
  personalFrom,
  ...message
}: EmailMessage): Promise<EmailResult> {
  const { SMTP_URL, MAIL_FROM } = getEnv();
  const stored =
    SMTP_URL && sensitive
      ? { ...message, text: message.text.replace(LINK, "[link delivered by email, not kept here]") }
      : message;
  const [row] = await db.insert(outboxEmails).values(stored).returning({ id: outboxEmails.id });
  if (!SMTP_URL) return { delivered: null };
  try {
    await smtpTransport(SMTP_URL).sendMail({
      from: MAIL_FROM,
      ...message,
      ...(threading
        ? {
            messageId: threading.messageId,
            inReplyTo: threading.rootId,
            references: threading.rootId ? [threading.rootId] : undefined,
          }
        : {}),
      ...(personalFrom
        ? { replyTo: { name: personalFrom.name, address: personalFrom.email } }
        : {}),
      headers: personalFrom ? {} : mailHeaders(unsubscribeUrl),
    });
    await db.update(outboxEmails).set({ sentAt: new Date() }).where(eq(outboxEmails.id, row.id));
    return { delivered: true };
  } catch (error) {
    logger.error({ err: error, emailId: row.id }, "email delivery failed");
    await db
      .update(outboxEmails)
      .set({ error: error instanceof Error ? error.message : String(error) })
      .where(eq(outboxEmails.id, row.id));
    return { delivered: false };
  }
}

/**
 * Headers every email carries: it was written by a machine (RFC 3834, so out-of-office replies
 * and auto-forwarders leave it alone) and, when it has one, how to stop it with one click
 * (RFC 8058: mail providers POST `List-Unsubscribe=One-Click` to the link, without a session).
 */
function mailHeaders(unsubscribeUrl: string | undefined): Record<string, string> {
  return {
    "Auto-Submitted": "auto-generated",
    ...(unsubscribeUrl
      ? {
          "List-Unsubscribe": `<${unsubscribeUrl}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
      : {}),
  };
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
