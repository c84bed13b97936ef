import {
  backlogStatusLabels,
  ideaStatusLabels,
  importanceLabels,
  moderationStateLabels,
  proposalStageLabels,
  roleLabels,
  tagColorLabels,
  tierLabels,
} from "./labels";

/**
 * Words for the moderation log: what an audit event's `action` means to a person, and the kinds
 * of action the log can be filtered by (an action's kind is the part before its first dot).
 */

export const AUDIT_CATEGORIES = [
  "post",
  "thread",
  "user",
  "idea",
  "backlog",
  "tag",
  "space",
  "account",
  "settings",
  "learning",
  "proposal",
  "flag",
  "review",
  "notice",
  "watched_word",
  "invitation",
  "triage",
] as const;

export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const auditCategoryLabels: Record<AuditCategory, string> = {
  post: "Posts",
  thread: "Threads",
  user: "People",
  idea: "Ideas",
  backlog: "Backlog",
  tag: "Tags",
  space: "Spaces",
  account: "Accounts",
  settings: "Settings",
  learning: "Learnings",
  proposal: "Proposals",
  flag: "Flags",
  review: "Reviews",
  notice: "Notices and appeals",
  watched_word: "Watched words",
  invitation: "Invitations",
  triage: "Triage",
};

const auditActionLabels: Record<string, string> = {
  "post.edited_by_moderator": "Edited a post",
  "post.hidden": "Hid a post",
  "post.removed": "Removed a post",
  "post.approved": "Approved a held post",
  "post.held": "Held a post for review",
  "post.restored": "Restored a post",
  "thread.locked": "Locked a thread",
  "thread.unlocked": "Unlocked a thread",
  "thread.pinned": "Pinned a thread",
  "thread.unpinned": "Unpinned a thread",
  "thread.hidden": "Hid a thread",
  "thread.removed": "Removed a thread",
  "thread.approved": "Approved a held thread",
  "thread.held": "Held a thread for review",
  "thread.restored": "Restored a thread",
  "thread.moved": "Moved a thread",
  "thread.merged": "Merged a thread into another",
  "thread.tagged": "Tagged a thread",
  "thread.untagged": "Took a tag off a thread",
  "user.role_changed": "Changed a person's role",
  "user.suspended": "Suspended a person",
  "user.reactivated": "Reactivated a person",
  "user.silenced": "Silenced a person",
  "user.silence_lifted": "Lifted a person's silence",
  "user.suspension_lifted": "Lifted a person's suspension",
  "user.deleted": "Deleted a person",
  "idea.status_changed": "Changed an idea's status",
  "idea.merged": "Merged an idea into another",
  "idea.merge_undone": "Undid an idea merge",
  "idea.proxy_vote_recorded": "Recorded a vote for a customer",
  "backlog.created": "Created a backlog item",
  "backlog.updated": "Edited a backlog item",
  "backlog.status_changed": "Changed a backlog item's status",
  "tag.created": "Created a tag",
  "tag.updated": "Edited a tag",
  "tag.merged": "Merged tags",
  "tag.deleted": "Deleted a tag",
  "space.created": "Created a space",
  "space.updated": "Edited a space",
  "space.member_added": "Added a member to a space",
  "space.member_removed": "Removed a member from a space",
  "space.observer_added": "Added an observer to a space",
  "space.observer_removed": "Removed an observer from a space",
  "account.created": "Created an account",
  "account.updated": "Edited an account",
  "account.imported": "Imported accounts from a file",
  "account.lapsed_assigned": "Assigned a lapsed entry",
  "account.lapsed_noted": "Wrote a note on a lapsed entry",
  "account.lapsed_emailed": "Emailed about a lapsed entry",
  "account.lapsed_handled": "Marked a lapsed entry handled",
  "account.lapsed_reopened": "Reopened a lapsed entry",
  "settings.tiers_changed": "Changed the value tiers",
  "settings.value_membership_changed": "Changed value-based membership",
  "membership_invitation.sent": "Sent a prepared invitation",
  "membership_invitation.dismissed": "Put aside a prepared invitation",
  "membership_invitation.held_back": "Held back invitations over the sending cap",
  "settings.welcome_thread_changed": "Changed the welcome thread",
  "settings.profile_field_added": "Added a profile question",
  "benchmark.created": "Added a benchmark",
  "benchmark.retired": "Retired a benchmark",
  "benchmark.restored": "Brought back a benchmark",
  "benchmark.values_imported": "Imported benchmark values",
  "settings.profile_field_changed": "Changed a profile question",
  "settings.profile_field_retired": "Retired a profile question",
  "settings.profile_field_restored": "Asked a profile question again",
  "settings.flags_to_hide_changed": "Changed how many flags hold a post",
  "settings.webhook_added": "Added a webhook endpoint",
  "settings.webhook_changed": "Changed a webhook endpoint",
  "settings.webhook_secret_rotated": "Rotated a webhook endpoint's secret",
  "settings.webhook_removed": "Removed a webhook endpoint",
  "settings.webhook_redelivered": "Sent a webhook delivery again",
  "settings.webhook_hosts_changed": "Changed the hosts webhooks may reach inside the network",
  "settings.sso_changed": "Changed who signs in through single sign-on",
  "sso.linked": "Signed in through single sign-on for the first time",
  "settings.tracker_added": "Added an issue tracker integration",
  "settings.tracker_changed": "Changed an issue tracker integration",
  "settings.tracker_secret_rotated": "Made a new secret for an issue tracker integration",
  "settings.tracker_secret_replaced": "Replaced an issue tracker integration's secret",
  "settings.tracker_removed": "Removed an issue tracker integration",
  "learning.correction_accepted": "Accepted a correction to a learning",
  "proposal.stage_changed": "Moved a proposal to another stage",
  "flag.created": "Flagged something",
  "review.dismissed": "Dismissed flags",
  "notice.appealed": "Appealed a moderator's decision",
  "notice.appeal_answered": "Answered an appeal",
  "notice.appeal_closed": "Answered and closed an appeal",
  "watched_word.added": "Added a watched word",
  "watched_word.removed": "Removed a watched word",
  "invitation.sent": "Sent an invitation",
  "invitation.revoked": "Revoked an invitation",
  "invitation.accepted": "Accepted an invitation",
  "triage.reviewed": "Reviewed a triage entry",
  "triage.assigned": "Assigned a triage entry",
};

/** A readable label for an audit action, or the action itself when it has none yet. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(auditActionLabels, action) ? auditActionLabels[action] : action;
}

const auditTargetTypeLabels: Record<string, string> = {
  post: "Post",
  thread: "Thread",
  user: "Person",
  backlog_item: "Backlog item",
  tag: "Tag",
  space: "Space",
  account: "Account",
  account_import: "Account import",
  lapsed_entry: "Lapsed entry",
  settings: "Settings",
  invitation: "Invitation",
  triage: "Triage entry",
  flag: "Flag",
  notice: "Notice",
  watched_word: "Watched word",
  tracker_integration: "Tracker integration",
};

/** What kind of thing an event was about, in words. */
export function auditTargetTypeLabel(targetType: string): string {
  return Object.hasOwn(auditTargetTypeLabels, targetType)
    ? auditTargetTypeLabels[targetType]
    : targetType.replace(/_/g, " ");
}

// What a recorded value means, by the kind of action that recorded it: each status, stage, role
// and state in the words the rest of the product uses, never the stored enum value.
const visibleState = { visible: "Shown", ...moderationStateLabels } as Record<string, string>;
const valueWordsByAction: Record<string, Record<string, string>> = {
  "idea.status_changed": ideaStatusLabels,
  "backlog.status_changed": backlogStatusLabels,
  "user.role_changed": roleLabels,
  "proposal.stage_changed": proposalStageLabels,
};
const valueWordsByKey: Record<string, Record<string, string>> = {
  importance: importanceLabels,
  visibility: { members: "Open to all members", tier: "A value tier", private: "Private" },
  minTier: tierLabels,
  action: { block: "Blocks the post", hold: "Holds the post for review" },
  color: tagColorLabels,
};

const detailKeyLabels: Record<string, string> = {
  for: "For",
  userId: "Person",
  ownerId: "Owner",
  authorId: "Author",
  into: "Into",
  threadId: "Thread",
  correction: "Correction",
  tagId: "Tag",
  importance: "Importance",
  note: "Note",
  votesMoved: "Votes moved",
  threadsGained: "Threads gained",
  revision: "Revision",
  redacted: "Text redacted",
  until: "Until",
  message: "Message",
  flag: "Reason chosen",
  phrase: "Phrase",
  action: "Action",
  name: "Name",
  visibility: "Who can see it",
  minTier: "Lowest tier",
  tag: "Tag",
  reviewed: "Reviewed",
  topTierPercent: "Top tier (%)",
  highTierPercent: "High tier (%)",
  color: "Colour",
  description: "Description",
  site: "Site",
  statusMap: "Status map",
  linked: "Items linked",
  via: "Via",
};

// Shown in their own places: the reason has a column, from/to and before/after are set out apart;
// intoId repeats the "to" title of a merge.
const SHOWN_ELSEWHERE = new Set(["reason", "from", "to", "before", "after", "automatic", "intoId"]);
const ID_KEYS = new Set([
  "for",
  "userId",
  "ownerId",
  "authorId",
  "into",
  "threadId",
  "correction",
  "tagId",
]);
const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "votesMoved" → "Votes moved", for a key recorded before it was given a label. */
function humanizeKey(key: string): string {
  let words = "";
  for (const char of key) {
    words += char >= "A" && char <= "Z" ? ` ${char.toLowerCase()}` : char === "_" ? " " : char;
  }
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One recorded value in words: a named id, a labelled enum value, a date, or the text. */
function valueInWords(
  key: string,
  value: unknown,
  action: string,
  names: Record<string, string>,
): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "string") {
    if (ID_KEYS.has(key) || UUID_LIKE.test(value)) {
      return (
        names[value.toLowerCase()] ??
        `${(detailKeyLabels[key] ?? "something").toLowerCase()} you can’t see or that no longer exists`
      );
    }
    const words =
      (key === "from" || key === "to" ? valueWordsByAction[action] : undefined) ??
      (key === "from" || key === "to"
        ? action.startsWith("post.") || action.startsWith("thread.")
          ? visibleState
          : undefined
        : undefined) ??
      valueWordsByKey[key];
    if (words && Object.hasOwn(words, value)) return words[value];
    if (key === "until" && !Number.isNaN(Date.parse(value))) {
      return new Date(value).toUTCString().replace(" GMT", " UTC");
    }
    return value;
  }
  if (typeof value === "number") return String(value);
  if (Array.isArray(value))
    return value.map((item) => valueInWords(key, item, action, names)).join(", ");
  return Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== null && inner !== undefined)
    .map(
      ([innerKey, inner]) =>
        `${detailKeyLabels[innerKey] ?? humanizeKey(innerKey)}: ${valueInWords(innerKey, inner, action, names)}`,
    )
    .join(", ");
}

export type AuditDetailsInWords = {
  /** "Open → Planned", when the entry records a change of state. */
  change: { from: string; to: string } | null;
  /** Before and after of an edited text (shown folded away). */
  edit: { before: string; after: string } | null;
  /** Everything else it recorded, each labelled, ids named. */
  facts: { label: string; value: string }[];
};

/** An audit entry's details as a reader should see them: words, never ids or stored values. */
export function auditDetailsInWords(
  action: string,
  details: Record<string, unknown>,
  names: Record<string, string>,
): AuditDetailsInWords {
  const has = (key: string) => Object.hasOwn(details, key) && details[key] !== undefined;
  const textOf = (value: unknown) =>
    value === null || value === undefined || value === ""
      ? "(empty)"
      : typeof value === "string"
        ? value
        : valueInWords("", value, action, names);
  return {
    change:
      has("from") || has("to")
        ? {
            from: valueInWords("from", details.from, action, names),
            to: valueInWords("to", details.to, action, names),
          }
        : null,
    edit:
      has("before") || has("after")
        ? { before: textOf(details.before), after: textOf(details.after) }
        : null,
    facts: Object.entries(details)
      .filter(([key, value]) => !SHOWN_ELSEWHERE.has(key) && value !== null && value !== undefined)
      .map(([key, value]) => ({
        label: detailKeyLabels[key] ?? humanizeKey(key),
        value: valueInWords(key, value, action, names),
      })),
  };
}
