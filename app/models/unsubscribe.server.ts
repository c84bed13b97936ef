import { eq, sql } from "drizzle-orm";
import { notificationPreferences, users, type NotificationKind } from "#db/schema";
import { NOTIFICATION_KINDS } from "#db/schema/values";
import { readUnsubscribeToken, type EmailTopic } from "~/auth/unsubscribe-link.server";
import { db } from "~/db.server";
import { emailModeFor, getEmailPreferences } from "./notification-preferences.server";
import { Refusal } from "./refusal.server";

// An emailed unsubscribe link acts for the person it names without their signing in: the
// signature (app/auth/unsubscribe-link.server.ts) is the whole of its authority, and all it may
// do is turn emails off, the one change anyone holding that person's email may ask for.

const INVALID_LINK =
  "This unsubscribe link isn't valid: it may have been copied incompletely. Open it from the " +
  "email again, or choose your emails in Settings.";

/** The person and topic a link names, or null when this app did not make it (or they're gone). */
async function linkedPerson(token: string) {
  const link = readUnsubscribeToken(token);
  if (!link) return null;
  const [person] = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, link.userId));
  return person ? { ...link, email: person.email } : null;
}

/** Which of a topic's kinds still email the person: the kind itself, or the digest's kinds. */
function kindsStillEmailed(
  topic: EmailTopic,
  modes: Awaited<ReturnType<typeof getEmailPreferences>>,
): NotificationKind[] {
  if (topic === "digest") return NOTIFICATION_KINDS.filter((kind) => modes[kind] === "digest");
  return modes[topic] === "off" ? [] : [topic];
}

/**
 * What an unsubscribe link would stop, for the page that asks before doing it: the person's
 * address, the topic, and the kinds that still email them under it; null for a link that isn't.
 */
export async function readUnsubscribeLink(token: string) {
  const link = await linkedPerson(token);
  if (!link) return null;
  const modes = await getEmailPreferences(link.userId);
  return {
    topic: link.topic,
    email: link.email,
    stillEmailed: kindsStillEmailed(link.topic, modes),
  };
}

/**
 * Unsubscribes the person a link names, at once: one kind set to "No email", or for the digest
 * every kind that arrives in it (kinds emailed right away keep coming). One statement, so a
 * preference saved meanwhile is either seen or overwritten whole. Answers the kinds turned off.
 */
export async function unsubscribeWithLink(token: string) {
  const link = await linkedPerson(token);
  if (!link) throw new Refusal(INVALID_LINK, 400);
  const kinds = sql.join(
    NOTIFICATION_KINDS.map((kind) => sql`(${kind})`),
    sql`, `,
  );
  const chosen =
    link.topic === "digest"
      ? sql`${emailModeFor(sql`k.kind`, sql`np.email`)} = 'digest'`
      : sql`k.kind = ${link.topic}`;
  const turnedOff = await db.execute<{ kind: NotificationKind }>(sql`
    insert into ${notificationPreferences} (user_id, kind, email)
    select ${link.userId}::uuid, k.kind::notification_kind, 'off'
    from (values ${kinds}) as k(kind)
      left join ${notificationPreferences} np
        on np.user_id = ${link.userId}::uuid and np.kind = k.kind::notification_kind
    where ${chosen}
    on conflict (user_id, kind) do update set email = 'off'
    returning kind`);
  return { topic: link.topic, turnedOff: turnedOff.map((row) => row.kind) };
}
