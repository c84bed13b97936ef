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
  "settings.tiers_changed": "Changed the value tiers",
  "settings.welcome_thread_changed": "Changed the welcome thread",
  "settings.flags_to_hide_changed": "Changed how many flags hold a post",
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
  settings: "Settings",
  invitation: "Invitation",
  triage: "Triage entry",
  flag: "Flag",
  notice: "Notice",
  watched_word: "Watched word",
};

/** What kind of thing an event was about, in words. */
export function auditTargetTypeLabel(targetType: string): string {
  return Object.hasOwn(auditTargetTypeLabels, targetType)
    ? auditTargetTypeLabels[targetType]
    : targetType.replace(/_/g, " ");
}

/** A detail's value as short text: strings as they are, anything else as compact JSON. */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
