// Shared by the settings page (browser) and the notification model (server).
export const notificationKinds = [
  "mention",
  "reply",
  "watched_thread",
  "watched_space",
  "cited",
  "proposal_invite",
  "proposal_stage",
  "proposal_comment",
  "internal_note",
  "backlog_update",
  "changelog_entry",
  "credit_request",
  "moderation_notice",
  "appeal_reply",
] as const;
