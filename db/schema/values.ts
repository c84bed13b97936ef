/**
 * The values of the database's enums that the app names in its own code (forms, filters,
 * buttons). Free of drizzle, so browser code can import them too; the enums are built from them.
 */
/** Who someone is here; the policy (app/auth/policy.server.ts) says what each may do. */
export const USER_ROLES = ["member", "moderator", "staff", "admin"] as const;
export const USER_STATUSES = ["active", "suspended"] as const;

/** Who sees a space: every member, accounts of a value tier and above, or a member list. */
export const SPACE_VISIBILITIES = ["members", "tier", "private"] as const;
export const GATED_TIERS = ["top1", "top10"] as const;
/** An account's value tier by revenue rank: the top 1%, the top 10%, and the rest. */
export const VALUE_TIERS = ["top1", "top10", "rest"] as const;

export const THREAD_KINDS = ["discussion", "insight", "idea", "learning", "proposal"] as const;
export const REACTION_KINDS = ["helpful", "agree", "insightful", "thanks"] as const;

/** An idea's path: open → under review → planned → in progress → shipped, or declined. */
export const IDEA_STATUSES = [
  "open",
  "under_review",
  "planned",
  "in_progress",
  "shipped",
  "declined",
] as const;
/** Statuses in which an idea still takes votes. */
export const VOTABLE_IDEA_STATUSES = ["open", "under_review", "planned", "in_progress"] as const;
export const IDEA_IMPORTANCES = ["nice_to_have", "important", "critical"] as const;
/** The ideas board's "trending" counts the votes cast in this many days. */
export const TRENDING_DAYS = 14;

/** Public tags show to everyone who can see the thread; internal ones to staff only. */
export const TAG_VISIBILITIES = ["public", "internal"] as const;
/** A tag's colour, from a palette whose every colour reads at AA contrast in both themes. */
export const TAG_COLORS = [
  "grey",
  "blue",
  "green",
  "amber",
  "red",
  "purple",
  "teal",
  "pink",
] as const;

/** A proposal's path: a draft (co-authors and staff only) → open for feedback → under review → accepted or declined. */
export const PROPOSAL_STAGES = ["draft", "open", "under_review", "accepted", "declined"] as const;
/** Stages in which co-authors still edit the document and members endorse it. */
export const ACTIVE_PROPOSAL_STAGES = ["draft", "open", "under_review"] as const;
/** A proposal's document, in reading order; each section is a rich-text field. */
export const PROPOSAL_SECTIONS = [
  "problem",
  "proposal",
  "who_benefits",
  "success_measures",
  "open_questions",
] as const;
/** An invited co-author answers once; the author who started the proposal is "accepted" from the start. */
export const COAUTHOR_STATUSES = ["invited", "accepted", "declined"] as const;

/** How a session began. */
export const SIGN_IN_METHODS = ["password", "sso"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];
/** Issue trackers whose issues a backlog item can follow. */
export const TRACKER_KINDS = ["jira", "linear"] as const;
export type TrackerKind = (typeof TRACKER_KINDS)[number];

/** A backlog item's path. "triage" is where every item starts; the others are staff's calls. */
export const BACKLOG_STATUSES = ["triage", "planned", "in_progress", "shipped", "wont_do"] as const;
/** The statuses the public roadmap shows, in its column order. */
export const ROADMAP_STATUSES = ["planned", "in_progress", "shipped"] as const;
/** Evidence is a whole thread, one post, or a passage quoted from a post. */
export const EVIDENCE_KINDS = ["thread", "post", "excerpt"] as const;
/** How a member lets us credit them on the roadmap and changelog. */
export const CREDIT_CHOICES = ["named", "anonymous", "none"] as const;
/**
 * The uses of a member's words and name they answer for, one ledger (consents.ts): staff reading
 * their posts where staff observe, quoting them in learnings, linking their words as backlog
 * evidence, crediting them on the roadmap and changelog.
 */
export const CONSENT_PURPOSES = ["observation", "quote", "evidence", "credit"] as const;
/** The answer to a yes-or-no consent; credit's answers are CREDIT_CHOICES. */
export const CONSENT_ANSWERS = ["yes", "no"] as const;
/** A member's data export: waiting for the job, being built, ready to download, or failed. */
export const DATA_EXPORT_STATES = ["queued", "building", "ready", "failed"] as const;
/** Who sees a volunteered profile field's answer: its member alone, staff too, or every member. */
export const FIELD_VISIBILITIES = ["self", "staff", "members"] as const;
/** Where a benchmark metric's values come from: imported per account, or counted here. */
export const BENCHMARK_SOURCES = ["imported", "community"] as const;
/** The figures the community itself counts for each account, per active member or in total. */
export const COMMUNITY_BENCHMARKS = ["active_members_90d", "posts_90d", "ideas_shipped"] as const;
/** How a benchmark's figures read. */
export const BENCHMARK_UNITS = ["number", "percent", "currency"] as const;
/** Where an entry of the consent ledger came from. */
export const CONSENT_SOURCES = ["asked", "settings", "my_data", "migrated"] as const;
/** What a personal access token may be used for, on top of what its owner may do. */
export const API_TOKEN_SCOPES = ["read", "write", "admin"] as const;
/** What a webhook endpoint may subscribe to; `ping` is only ever sent by hand, to test one. */
export const WEBHOOK_EVENT_TYPES = [
  "idea.created",
  "idea.status_changed",
  "vote.cast",
  "backlog_item.created",
  "backlog_item.status_changed",
  "proposal.stage_changed",
  "learning.published",
  "account.tier_entered",
  "account.tier_left",
] as const;
/** The lists staff and admins export, and the files they come as. */
export const STAFF_EXPORT_KINDS = ["ideas", "backlog", "members", "accounts"] as const;
export const STAFF_EXPORT_FORMATS = ["csv", "json"] as const;
/** Where a webhook delivery stands: waiting (or retrying), answered with 2xx, given up, or dropped. */
export const WEBHOOK_DELIVERY_STATES = ["pending", "delivered", "failed", "cancelled"] as const;
/** What lands in the staff's triage inbox. */
export const TRIAGE_KINDS = ["idea", "insight", "proposal", "correction", "worth_a_look"] as const;

/** Why a member flags something. "other" asks for a few words. */
export const FLAG_REASONS = ["spam", "abusive", "off_topic", "confidential", "other"] as const;
/** What can be flagged: one post, a whole thread (through its opening post), or a profile. */
export const FLAG_TARGET_TYPES = ["post", "thread", "user"] as const;
/**
 * A post's moderation state: held (waiting for a moderator before anyone else sees it), hidden
 * by a moderator (readable by moderators and its author), or removed (soft-deleted: moderators
 * see a marker, admins can restore it). Null is the ordinary, visible post.
 */
export const CONTENT_MODERATION_STATES = ["held", "hidden", "removed"] as const;
/** What a watched word does to a post containing it. */
export const WATCHED_WORD_ACTIONS = ["block", "hold"] as const;
/** Trust levels, earned over time; 0 is a new member. */
export const TRUST_LEVELS = [0, 1, 2, 3] as const;

export const REVIEW_STATUSES = ["pending", "resolved"] as const;
export const FLAG_STATUSES = ["open", "upheld", "dismissed"] as const;
export const APPEAL_STATUSES = ["open", "answered", "closed"] as const;

/** Everything a member can be notified of; each has a label in Settings and in the list. */
export const NOTIFICATION_KINDS = [
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
  "bookmark_reminder",
  "membership_change",
  "data_export_ready",
] as const;
/** How notifications of one kind reach someone by email. */
export const EMAIL_MODES = ["immediate", "digest", "off"] as const;

/** A uuid, as every id in the database is. */
export const UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** A CSV import of account values: previewed, then applied or discarded. */
export const ACCOUNT_IMPORT_STATES = ["previewed", "applied", "discarded"] as const;

/** What happens when an import moves an account into the top tiers: nothing, invitations prepared for review, or sent. */
export const VALUE_MEMBERSHIP_MODES = ["off", "review", "send"] as const;
/** Why an account or a member is on the lapsed list. */
export const LAPSED_SIGNALS = ["left_top_tier", "went_quiet"] as const;
/** What staff did about a lapsed entry, in its history. */
export const LAPSED_ACTIONS = ["assigned", "noted", "emailed", "handled", "reopened"] as const;
/** A prepared membership invitation: waiting for an admin, sent, or put aside. */
export const MEMBERSHIP_INVITATION_STATES = ["prepared", "sent", "dismissed"] as const;
/**
 * The interactions the influence graph is built from (influence.server.ts): A replies to B, reacts
 * to B's post, votes for B's idea, endorses or comments on B's proposal, mentions B, co-authors a
 * proposal with B, or confirms or corrects a learning that cites B.
 */
export const INTERACTION_KINDS = [
  "reply",
  "reaction",
  "vote",
  "endorsement",
  "proposal_comment",
  "mention",
  "coauthor",
  "learning_confirmation",
  "learning_correction",
] as const;
