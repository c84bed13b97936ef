import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  backlogItems,
  moderationNotices,
  notificationPreferences,
  notifications,
  posts,
  spaces,
  threads,
  users,
  type NotificationKind,
} from "#db/schema";
import { db } from "~/db.server";
import { rolesWith } from "~/auth/policy.server";
import { unsubscribeUrl } from "~/auth/unsubscribe-link.server";
import {
  backlogNotificationHeadline,
  backlogNotificationPath,
  describeContributions,
  type BacklogNotificationKind,
} from "~/utils/backlog-notification-text";
import { noticeHeadline } from "~/utils/notice-text";
import { cutText } from "~/utils/storable-text";
import { publicOrigin as appUrl } from "~/utils/request.server";
import {
  isMembershipChangeDetails,
  membershipChangeBody,
  membershipChangeHeadline,
} from "~/utils/membership-text";
import { DATA_EXPORT_READY_BODY, DATA_EXPORT_READY_HEADLINE } from "~/utils/data-export-text";
import { sendEmail } from "./email.server";
import { changelogEntryShown, seenContributions } from "./notification.server";
import { emailModeFor } from "./notification-preferences.server";
import { postIdShownToUsersRow, threadVisibleToUsersRow } from "./space-access.server";

const actors = alias(users, "actors");

// A backlog notification's contributions as the recipient may see them at send time.
const seen = seenContributions(sql`${notifications.details}`, postIdShownToUsersRow);

// The same defaults the notification was queued with: a kind that emails immediately by default
// must not fall to the digest here.
const emailModeSql = emailModeFor(
  sql`${notifications.kind}`,
  sql`${notificationPreferences.email}`,
);

/**
 * Pending notifications with everything an email says, re-checking at send time that the recipient
 * is active and can still see the thread (and each contribution a backlog notification names):
 * nothing they may not see ever goes out.
 */
function pendingNotifications() {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      postId: notifications.postId,
      threadId: notifications.threadId,
      userId: users.id,
      email: users.email,
      recipientName: users.displayName,
      threadTitle: threads.title,
      spaceName: spaces.name,
      excerpt: sql<string | null>`left(${posts.bodyText}, 400)`,
      backlogItemId: notifications.backlogItemId,
      // A backlog item's name goes to members only while it is on the public roadmap.
      itemTitle: sql<
        string | null
      >`case when ${backlogItems.isPublic} or ${inArray(users.role, rolesWith("manage:backlog:any"))} then ${backlogItems.title} end`,
      details: seen.details,
      noticeId: notifications.noticeId,
      noticeAction: moderationNotices.action,
      noticeSubject: moderationNotices.subject,
      noticeReason: moderationNotices.reason,
      actorName: actors.displayName,
      emailMode: emailModeSql.mapWith(String),
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(threads, eq(threads.id, notifications.threadId))
    .leftJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(posts, eq(posts.id, notifications.postId))
    .leftJoin(backlogItems, eq(backlogItems.id, notifications.backlogItemId))
    .leftJoin(moderationNotices, eq(moderationNotices.id, notifications.noticeId))
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
    // Held, hidden or removed since: nobody is emailed about it.
    isNull(posts.moderation),
    eq(users.status, "active"),
    sql`(${notifications.threadId} is null or ${threadVisibleToUsersRow()})`,
    seen.kept,
    changelogEntryShown,
  );

type Pending = Awaited<ReturnType<typeof pendingNotifications>>[number];

/**
 * The conversation a notification belongs to, named as a Message-ID that no email carries: every
 * email about one thread (or backlog item, or moderator's notice) points at it with In-Reply-To
 * and References, so mail clients group them however many people wrote in between.
 */
function conversationId(pending: Pending, host: string): string | undefined {
  if (pending.noticeId) return `<notice-${pending.noticeId}@${host}>`;
  if (pending.backlogItemId) return `<backlog-${pending.backlogItemId}@${host}>`;
  if (pending.threadId) return `<thread-${pending.threadId}@${host}>`;
  return undefined;
}

/** The host part of the ids above: the public address's host name (a port is no part of one). */
const messageIdHost = (url: string) => new URL(url).hostname;

/** What one notification says in an email: its headline, where it leads, and its context. */
function emailParts(pending: Pending, url: string) {
  if (pending.kind === "membership_change" && isMembershipChangeDetails(pending.details)) {
    return {
      headline: membershipChangeHeadline(pending.details),
      group: "Your access",
      body: membershipChangeBody(pending.details),
      link: `Your home page: ${url}/`,
      href: `${url}/`,
    };
  }
  if (pending.kind === "data_export_ready") {
    return {
      headline: DATA_EXPORT_READY_HEADLINE,
      group: "Your data",
      body: DATA_EXPORT_READY_BODY,
      link: `Download it from My data: ${url}/me/data#export`,
      href: `${url}/me/data#export`,
    };
  }
  if (pending.noticeId) {
    const href = `${url}/notices/${pending.noticeId}`;
    return {
      headline: noticeHeadline(
        pending.kind as "moderation_notice" | "appeal_reply",
        pending.noticeAction,
        pending.noticeSubject,
      ),
      group: "Moderators",
      body: pending.kind === "appeal_reply" ? "" : `Reason: ${pending.noticeReason ?? ""}`,
      link: `${pending.kind === "appeal_reply" ? "Read their answer" : "Read it, and reply to the moderators"}: ${href}`,
      href,
    };
  }
  if (pending.backlogItemId) {
    const kind = pending.kind as BacklogNotificationKind;
    const contributions = describeContributions(pending.details?.contributions);
    const headline = backlogNotificationHeadline(
      kind,
      pending.itemTitle,
      pending.details,
      pending.actorName,
    );
    const href = `${url}${backlogNotificationPath(kind, pending.backlogItemId, pending.itemTitle !== null, pending.details)}`;
    const from = contributions ? `From ${contributions}.` : "";
    const note = pending.details?.note ? `What the team says:\n${pending.details.note}` : "";
    return {
      headline,
      group: "Product team",
      body: [from, note].filter(Boolean).join("\n\n"),
      link: `${kind === "credit_request" ? "Choose how you're credited" : "See it"}: ${href}`,
      href,
    };
  }
  const title = headline(pending.kind, pending.actorName ?? "Someone", pending.threadTitle ?? "");
  return {
    headline: title,
    group: pending.spaceName ?? "",
    body: emailExcerpt(pending.excerpt ?? ""),
    link: `Read and reply: ${url}/p/${pending.postId}`,
    href: `${url}/p/${pending.postId}`,
    intro: `${title} in ${pending.spaceName}:`,
  };
}

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
    case "bookmark_reminder":
      return `Reminder: “${title}”`;
    // Backlog notifications read by `backlogNotificationHeadline` (see `emailParts`).
    case "backlog_update":
    case "changelog_entry":
    case "credit_request":
    case "moderation_notice":
    case "appeal_reply":
    case "membership_change":
    case "data_export_ready":
      return title;
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
  return trimmed.length >= 400 ? `${cutText(trimmed, 397)}…` : trimmed;
}

const footer = (url: string, unsubscribe: string) => [
  "",
  "—",
  `You get these emails because of your notification settings: ${url}/settings`,
  `Unsubscribe from these emails: ${unsubscribe}`,
];

/** The "immediately" email for one notification; a no-op when digest/off or already handled. */
export async function sendNotificationEmail(notificationId: string): Promise<boolean> {
  const [pending] = await pendingNotifications().where(
    and(eq(notifications.id, notificationId), pendingWhere()),
  );
  if (!pending || pending.emailMode !== "immediate") return false;
  const url = appUrl();
  const host = messageIdHost(url);
  const parts = emailParts(pending, url);
  const unsubscribe = unsubscribeUrl(pending.userId, pending.kind);
  const sent = await sendEmail({
    to: pending.email,
    kind: `notification-${pending.kind}`,
    subject: parts.headline,
    text: [
      "intro" in parts ? parts.intro : `${parts.headline}.`,
      "",
      parts.body,
      "",
      parts.link,
      ...footer(url, unsubscribe),
    ].join("\n"),
    unsubscribeUrl: unsubscribe,
    // The notification's own id: a retry after a refused delivery is the same message again.
    threading: {
      messageId: `<notification-${pending.id}@${host}>`,
      rootId: conversationId(pending, host),
    },
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
    .orderBy(users.id, sql`${spaces.name} nulls first`, notifications.createdAt)
    .limit(5_000);
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);

  const url = appUrl();
  const host = messageIdHost(url);
  let failures = 0;
  for (const items of byUser.values()) {
    const unsubscribe = unsubscribeUrl(items[0].userId, "digest");
    const lines: string[] = [
      `Hello ${items[0].recipientName}, here is what happened in your spaces.`,
    ];
    let space = "";
    for (const item of items) {
      const parts = emailParts(item, url);
      if (parts.group !== space) {
        space = parts.group;
        lines.push("", `## ${space}`);
      }
      lines.push(`- ${parts.headline}: ${parts.href}`);
    }
    const sent = await sendEmail({
      to: items[0].email,
      kind: "notification-digest",
      subject: `Your Vanguard digest: ${items.length} ${items.length === 1 ? "update" : "updates"}`,
      text: [...lines, ...footer(url, unsubscribe)].join("\n"),
      unsubscribeUrl: unsubscribe,
      // A digest spans many conversations, so it starts none and joins none.
      threading: { messageId: `<digest-${randomUUID()}@${host}>` },
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
