import type { NotificationKind } from "#db/schema";

// The words of a group of notifications (one kind, one thread), for the notifications page.

/** Kinds about a post in a thread, which the page words from the thread's title. */
export type ThreadNotificationKind = Exclude<
  NotificationKind,
  | "backlog_update"
  | "changelog_entry"
  | "credit_request"
  | "moderation_notice"
  | "appeal_reply"
  | "membership_change"
  | "data_export_ready"
>;

export type GroupWords = {
  kind: ThreadNotificationKind;
  /** How many notifications the group holds. */
  events: number;
  /** How many different people they came from. */
  actors: number;
  /** The newest one's person ("Someone" when their account is gone). */
  actorName: string | null;
  threadTitle: string | null;
};

/**
 * "Sam", "Sam and Ana", "Sam, Ana and Bo", "Sam, Ana and 3 others": the latest people first.
 * `names` holds up to three of them; `actors` counts them all.
 */
export function actorNamesLine(names: readonly string[], actors: number): string {
  const total = Math.max(actors, names.length);
  if (names.length === 0) return "";
  if (total === 1) return names[0];
  if (total <= 3 && names.length === total) {
    return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  }
  const shown = names.slice(0, 2);
  const others = total - shown.length;
  return `${shown.join(", ")} and ${others} ${others === 1 ? "other" : "others"}`;
}

/**
 * The line a group about a thread reads as. One notification reads as before ("Sam replied in
 * “Pricing”"); several say how many and of what ("5 new replies in “Pricing”"), and the page
 * names the people beside it.
 */
export function threadGroupHeadline(group: GroupWords): string {
  const { events, actors } = group;
  const who = group.actorName ?? "Someone";
  const title = `“${group.threadTitle ?? "a thread"}”`;
  const several = events > 1;
  const times = `${events} times`;
  switch (group.kind) {
    case "mention":
      if (!several) return `${who} mentioned you in ${title}`;
      return actors > 1
        ? `${actors} people mentioned you in ${title}`
        : `${who} mentioned you ${times} in ${title}`;
    case "reply":
      return several ? `${events} replies to you in ${title}` : `${who} replied to you in ${title}`;
    case "watched_thread":
      return several ? `${events} new replies in ${title}` : `${who} replied in ${title}`;
    case "watched_space":
      return several ? `${events} new posts in ${title}` : `${who} started ${title}`;
    case "cited":
      if (!several) return `${who} cited your words in ${title}`;
      return actors > 1
        ? `${actors} people cited your words in ${title}`
        : `${who} cited your words ${times} in ${title}`;
    case "proposal_invite":
      return several && actors > 1
        ? `${actors} people invited you to co-author ${title}`
        : `${who} invited you to co-author ${title}`;
    case "proposal_stage":
      return several
        ? `The stage of ${title} moved ${times}`
        : `${who} moved the stage of ${title}`;
    case "proposal_comment":
      return several ? `${events} comments on ${title}` : `${who} commented on ${title}`;
    case "internal_note":
      return several
        ? `${events} internal notes mention you on ${title}`
        : `${who} mentioned you in an internal note on ${title}`;
    case "bookmark_reminder":
      return several ? `${events} reminders about ${title}` : `Reminder: ${title}`;
  }
}

/**
 * How many a group about a backlog item or a notice holds, when its line (the newest one's)
 * doesn't say: "3 updates". Null for one.
 */
export function groupCountLine(kind: NotificationKind, events: number): string | null {
  if (events <= 1) return null;
  switch (kind) {
    case "appeal_reply":
      return `${events} answers`;
    case "internal_note":
      return `${events} notes`;
    case "credit_request":
      return `asked ${events} times`;
    default:
      return `${events} updates`;
  }
}
