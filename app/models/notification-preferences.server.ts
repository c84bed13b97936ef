import { eq, sql, type SQL } from "drizzle-orm";
import {
  notificationPreferences,
  NOTIFICATION_KINDS,
  type EmailMode,
  type NotificationKind,
} from "#db/schema";
import { db } from "~/db.server";

/** How each person wants each kind of notification emailed: their choice, else the kind's default. */

export const defaultEmailModes: Record<NotificationKind, EmailMode> = {
  mention: "immediate",
  reply: "immediate",
  watched_thread: "digest",
  watched_space: "digest",
  cited: "immediate",
  proposal_invite: "immediate",
  proposal_stage: "immediate",
  proposal_comment: "digest",
  internal_note: "immediate",
  backlog_update: "immediate",
  changelog_entry: "digest",
  credit_request: "immediate",
  // A moderator acted on your content, or answered your appeal: you hear at once.
  moderation_notice: "immediate",
  appeal_reply: "immediate",
  // A reminder you set yourself: asked for, so it comes at once.
  bookmark_reminder: "immediate",
  // Losing (or regaining) access to spaces: nobody may be cut off without hearing of it.
  membership_change: "immediate",
  // An export the person asked for: they wait for it.
  data_export_ready: "immediate",
};

/** The email mode for each kind, as SQL: the person's preference, else the kind's default. */
export function emailModeFor(kind: SQL, preference: SQL): SQL<EmailMode> {
  const defaults = sql.join(
    Object.entries(defaultEmailModes).map(([k, mode]) => sql`when ${k} then ${mode}`),
    sql` `,
  );
  return sql<EmailMode>`coalesce(${preference}, (case ${kind}::text ${defaults} end)::email_mode)`;
}

export async function getEmailPreferences(
  userId: string,
): Promise<Record<NotificationKind, EmailMode>> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const preferences = { ...defaultEmailModes };
  for (const row of rows) preferences[row.kind] = row.email;
  return preferences;
}

/** Sets the email mode of each kind given; kinds left out keep theirs. */
export async function setEmailPreferences(
  userId: string,
  preferences: Partial<Record<NotificationKind, EmailMode>>,
) {
  const rows = NOTIFICATION_KINDS.flatMap((kind) => {
    const email = preferences[kind];
    return email ? [{ userId, kind, email }] : [];
  });
  if (rows.length === 0) return;
  await db
    .insert(notificationPreferences)
    .values(rows)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { email: sql`excluded.email` },
    });
}
