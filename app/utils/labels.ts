export const roleLabels = {
  member: "Member",
  moderator: "Moderator",
  staff: "Staff",
  admin: "Admin",
} as const;

/** Each kind of notification as the email settings name it (and the unsubscribe page). */
export const notificationKindLabels = {
  mention: "Someone mentions you",
  reply: "Someone replies to your post",
  watched_thread: "New replies in threads you watch",
  watched_space: "New threads in spaces you watch",
  cited: "Staff cite your words in a learning",
  proposal_invite: "Someone invites you to co-author a proposal",
  proposal_stage: "A proposal you write or endorse changes stage",
  proposal_comment: "Someone comments on a proposal you write, or answers your comment",
  internal_note: "A colleague mentions you in an internal note",
  backlog_update: "Work based on your ideas, votes or words is planned, started or shipped",
  changelog_entry: "Something new ships (when you subscribe to the changelog)",
  credit_request: "The product team asks whether they may credit you",
  moderation_notice: "A moderator hides, removes, edits or moves something you wrote",
  appeal_reply: "Moderators answer your appeal",
  bookmark_reminder: "A reminder you set on a bookmark is due",
  membership_change: "Your account's access to top-tier spaces changes",
  data_export_ready: "A copy of your data you asked for is ready",
} as const;

export const tierLabels = { top1: "Top 1%", top10: "Top 10%", rest: "Rest" } as const;

export const threadKindLabels = {
  discussion: "Discussion",
  insight: "Insight",
  idea: "Idea",
  learning: "Staff learning",
  proposal: "Proposal",
} as const;

export const reactionLabels = {
  helpful: { label: "Helpful" },
  agree: { label: "Agree" },
  insightful: { label: "Insightful" },
  thanks: { label: "Thanks" },
} as const;

/** Who may see a space, in words for its header. */
export function visibilityLabel(
  visibility: "members" | "tier" | "private",
  minTier: "top1" | "top10" | null,
) {
  if (visibility === "members") return "Open to all members";
  if (visibility === "tier")
    return `Members of ${minTier === "top1" ? "top 1%" : "top 10%"} accounts`;
  return "Private: invited members only";
}

export type RoleLabel = keyof typeof roleLabels;

/** The badge a post carries for its author's role; members carry none. */
export function staffBadge(role: RoleLabel): string | null {
  if (role === "staff" || role === "admin") return "Staff";
  if (role === "moderator") return "Moderator";
  return null;
}

export const proposalStageLabels = {
  draft: "Draft",
  open: "Open for feedback",
  under_review: "Under review",
  accepted: "Accepted",
  declined: "Declined",
} as const;

export const proposalStageTones = {
  draft: "neutral",
  open: "accent",
  under_review: "warning",
  accepted: "success",
  declined: "danger",
} as const;

export const PROPOSAL_SORTS = ["updated", "endorsed", "new"] as const;
export const proposalSortLabels = {
  updated: "Recently updated",
  endorsed: "Most endorsed",
  new: "Newest",
} as const;

export const proposalSectionLabels = {
  problem: "Problem",
  proposal: "Proposal",
  who_benefits: "Who benefits",
  success_measures: "How we'll know it worked",
  open_questions: "Open questions",
} as const;

export const ideaStatusLabels = {
  open: "Open",
  under_review: "Under review",
  planned: "Planned",
  in_progress: "In progress",
  shipped: "Shipped",
  declined: "Declined",
} as const;

export const ideaStatusTones = {
  open: "neutral",
  under_review: "warning",
  planned: "accent",
  in_progress: "accent",
  shipped: "success",
  declined: "danger",
} as const;

export const importanceLabels = {
  nice_to_have: "Nice to have",
  important: "Important",
  critical: "Critical",
} as const;

/** The ideas board's orders, in the order its tabs show them. */
export const ideaSortLabels = {
  top: "Top",
  trending: "Trending",
  new: "New",
  updated: "Recently updated",
  // Staff only: members never see account value, not even as an order.
  value: "Value represented",
} as const;
export type IdeaSort = keyof typeof ideaSortLabels;
export const IDEA_SORTS = Object.keys(ideaSortLabels) as [IdeaSort, ...IdeaSort[]];

export const tagColorLabels = {
  grey: "Grey",
  blue: "Blue",
  green: "Green",
  amber: "Amber",
  red: "Red",
  purple: "Purple",
  teal: "Teal",
  pink: "Pink",
} as const;

export const tagVisibilityLabels = {
  public: "Public: shown to everyone who can see the thread",
  internal: "Internal: staff only, everywhere",
} as const;

export const backlogStatusLabels = {
  triage: "Triage",
  planned: "Planned",
  in_progress: "In progress",
  shipped: "Shipped",
  wont_do: "Won't do",
} as const;

export const backlogStatusTones = {
  triage: "neutral",
  planned: "accent",
  in_progress: "warning",
  shipped: "success",
  wont_do: "danger",
} as const;

export const BACKLOG_SORT_KEYS = [
  "weighted",
  "influence",
  "members",
  "revenue",
  "newest",
  "updated",
] as const;
export const backlogSortLabels = {
  weighted: "Value-weighted",
  influence: "Influence-weighted",
  members: "Members (raw)",
  revenue: "Revenue",
  newest: "Newest",
  updated: "Recently updated",
} as const;

export const creditChoiceLabels = {
  named: "By name",
  anonymous: "Anonymously",
  none: "Not at all",
} as const;

export const evidenceKindLabels = {
  thread: "Whole thread",
  post: "Post",
  excerpt: "Quoted passage",
} as const;

export const triageKindLabels = {
  idea: "Idea",
  insight: "Insight",
  proposal: "Proposal",
  correction: "Correction",
  worth_a_look: "Worth a look",
} as const;

export const flagReasonLabels = {
  spam: "Spam",
  abusive: "Abusive",
  off_topic: "Off-topic",
  confidential: "Confidential information",
  other: "Something else",
} as const;

export const moderationStateLabels = {
  held: "Held for review",
  hidden: "Hidden",
  removed: "Removed",
} as const;

export const importStateLabels = {
  previewed: "Waiting to be applied",
  applied: "Applied",
  discarded: "Discarded",
} as const;

export const importStateTones = {
  previewed: "warning",
  applied: "success",
  discarded: "neutral",
} as const;
