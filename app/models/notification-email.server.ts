import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  notificationPreferences,
  notifications,
  posts,
  spaces,
  threads,
  users,
  type NotificationKind,
} from "#db/schema";
import { db } from "~/db.server";
import { publicOrigin as appUrl } from "~/utils/request.server";
import { sendEmail } from "./email.server";
import { threadVisibleToUsersRow } from "./space-access.server";

const actors = alias(users, "actors");

const emailModeSql = sql`coalesce(${notificationPreferences.email}, case ${notifications.kind}
  when 'mention' then 'immediate' when 'reply' then 'immediate' else 'digest' end::email_mode)`;

/**
 * Pending notifications with everything an email says, re-checking at send time that the recipient
 * is active and can still see the space: nothing they may not see ever goes out.
 */
function pendingNotifications() {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      postId: notifications.postId,
      userId: users.id,
      email: users.email,
      recipientName: users.displayName,
      threadTitle: threads.title,
      spaceName: spaces.name,
      excerpt: sql<string>`left(${posts.bodyText}, 400)`,
      actorName: actors.displayName,
      emailMode: emailModeSql.mapWith(String),
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .innerJoin(threads, eq(threads.id, notifications.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .innerJoin(posts, eq(posts.id, notifications.postId))
    .leftJoin(actors, eq(actors.id, notifications.actorId))
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.userId, notifications.userId),
        eq(notificationPreferences.kind, notifications.kind),
      ),
    )
    .$dynamic();
}

const pendingWhere = () =>
  and(
    isNull(notifications.emailedAt),
    isNull(notifications.readAt),
    isNull(posts.deletedAt),
    eq(users.status, "active"),
    threadVisibleToUsersRow(),
  );

function headline(kind: NotificationKind, actor: string, title: string) {
  switch (kind) {
    case "mention":
      return `${actor} mentioned you in “${title}”`;
    case "reply":
      return `${actor} replied to you in “${title}”`;
    case "watched_thread":
      return `${actor} replied in “${title}”`;
    case "watched_space":
      return `${actor} started “${title}”`;
    case "cited":
      return `${actor} cited your words in “${title}”`;
    case "proposal_invite":
      return `${actor} invited you to co-author “${title}”`;
    case "proposal_stage":
      return `${actor} moved “${title}” to a new stage`;
    case "proposal_comment":
      return `${actor} commented on “${title}”`;
    case "internal_note":
      return `${actor} mentioned you in an internal note on “${title}”`;
  }
}

/** The post's text as it reads in a plain-text email: its lines kept, runs of blank ones folded. */
export function emailExcerpt(text: string) {
  const lines: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/[ \t]+/g, " ").trimEnd();
    if (line === "" && (lines.length === 0 || lines.at(-1) === "")) continue;
    lines.push(line);
  }
  const trimmed = lines.join("\n").trim();
  return trimmed.length >= 400 ? `${trimmed.slice(0, 397)}…` : trimmed;
}

const footer = (url: string) => [
  "",
  "—",
  `You get these emails because of your notification settings: ${url}/settings`,
];

/** The "immediately" email for one notification; a no-op when digest/off or already handled. */
export async function sendNotificationEmail(notificationId: string): Promise<boolean> {
  const [pending] = await pendingNotifications().where(
    and(eq(notifications.id, notificationId), pendingWhere()),
  );
  if (!pending || pending.emailMode !== "immediate") return false;
  const url = appUrl();
  const actor = pending.actorName ?? "Someone";
  const sent = await sendEmail({
    to: pending.email,
    kind: `notification-${pending.kind}`,
    subject: headline(pending.kind, actor, pending.threadTitle),
    text: [
      `${headline(pending.kind, actor, pending.threadTitle)} in ${pending.spaceName}:`,
      "",
      emailExcerpt(pending.excerpt),
      "",
      `Read and reply: ${url}/p/${pending.postId}`,
      ...footer(url),
    ].join("\n"),
  });
  // A refused delivery throws, so the job queue tries again later, with backoff.
  if (sent.delivered === false) throw new Error(`Email for notification ${pending.id} was refused`);
  await db
    .update(notifications)
    .set({ emailedAt: new Date() })
    .where(eq(notifications.id, pending.id));
  return true;
}

/** One email per person gathering their digest notifications, grouped by space. */
export async function sendNotificationDigests(): Promise<number> {
  const rows = await pendingNotifications()
    .where(and(pendingWhere(), sql`${emailModeSql} = 'digest'`))
    .orderBy(users.id, spaces.name, notifications.createdAt)
    .limit(5_000);
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);

  const url = appUrl();
  let failures = 0;
  for (const items of byUser.values()) {
    const lines: string[] = [
      `Hello ${items[0].recipientName}, here is what happened in your spaces.`,
    ];
    let space = "";
    for (const item of items) {
      if (item.spaceName !== space) {
        space = item.spaceName;
        lines.push("", `## ${space}`);
      }
      lines.push(
        `- ${headline(item.kind, item.actorName ?? "Someone", item.threadTitle)}: ${url}/p/${item.postId}`,
      );
    }
    const sent = await sendEmail({
      to: items[0].email,
      kind: "notification-digest",
      subject: `Your Vanguard digest: ${items.length} ${items.length === 1 ? "update" : "updates"}`,
      text: [...lines, ...footer(url)].join("\n"),
    });
    // Left pending, these go out in the retry (or tomorrow's digest).
    if (sent.delivered === false) {
      failures += 1;
      continue;
    }
    await db
      .update(notifications)
      .set({ emailedAt: new Date() })
      .where(
        inArray(
          notifications.id,
          items.map((item) => item.id),
        ),
      );
  }
  if (failures > 0) throw new Error(`${failures} digest emails were refused`);
  return byUser.size;
}

export const notificationJobHandlers = {
  "notification-email": async (data: Record<string, unknown>) => {
    if (typeof data.notificationId === "string") await sendNotificationEmail(data.notificationId);
  },
  "notification-digest": async () => {
    await sendNotificationDigests();
  },
};
