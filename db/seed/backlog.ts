import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { listItemContributors, refreshAllDemand } from "~/models/backlog-demand.server";
import { readPostContent } from "~/models/post-content.server";
import type * as schema from "../schema";
import {
  auditEvents,
  backlogEvidence,
  backlogItems,
  backlogItemTags,
  backlogStatusChanges,
  changelogSubscriptions,
  consentEvents,
  ideaStatusChanges,
  internalNotes,
  memberConsents,
  notifications,
  type BacklogStatus,
  type Contribution,
  type CreditChoice,
  type EvidenceKind,
  type IdeaStatus,
} from "../schema";
import type { DemoPerson } from "./forums";
import type { seededRandom } from "./random";
import { DAY_MS, HOUR_MS } from "./timeline";

type Db = Pick<PostgresJsDatabase<typeof schema>, "insert" | "execute">;
type Random = ReturnType<typeof seededRandom>;

const MINUTE_MS = 60_000;

/** Who keeps the backlog: the product staff (and the admin, now and then). */
type Staff = "admin" | "maya" | "jonas" | "priya";

/**
 * When a status change happened: hours or days before the seed runs, some days after the step
 * before it (or after the item was created), or when its linked idea took the same status (the
 * idea page and the backlog moved together).
 */
type When = { hoursAgo: number } | { daysAgo: number } | { days: number } | { likeIdea: true };
type Step = { to: Exclude<BacklogStatus, "triage"> } & When;

/** Linked by staff some hours after the thread or post appeared, unless told otherwise. */
type Timing = { lagHours?: number; hoursAgo?: number };
/**
 * A piece of evidence. Threads are found by the start of their title; a post by a passage of its
 * text (whitespace aside), which for an excerpt is also the quote. `credit` is the answer the
 * post's author gives when asked whether they may be credited.
 */
type EvidenceSpec =
  | ({ thread: string } & Timing)
  | ({ post: string; says: string; credit?: CreditChoice } & Timing)
  | ({ excerpt: string; says: string; credit?: CreditChoice; beforeEdit?: true } & Timing)
  | { posts: string; pick: (post: LoadedPost, author: DemoPerson) => boolean };

type ItemSpec = {
  title: string;
  /** Who created it (and linked its evidence). */
  by: Staff;
  owner?: Staff;
  description?: string;
  target?: string;
  url?: string;
  isPublic?: boolean;
  tags?: string[];
  /** For an item without evidence: when staff wrote it down. */
  createdDaysAgo?: number;
  evidence: EvidenceSpec[];
  path?: Step[];
};

type NoteSpec = { item: string; by: Staff; hoursAgo: number; text: string };

const ITEMS: ItemSpec[] = [
  // --- Shipped ----------------------------------------------------------------------------------
  {
    title: "Bulk role changes in the admin console",
    by: "jonas",
    owner: "jonas",
    description:
      "Change the role of many people at once from Admin console → People: select them by hand, by filter or from a CSV of email addresses.\n\nThe confirmation lists every person and their current role before anything changes, and a batch can be undone for 24 hours.",
    url: "https://linear.app/acme/issue/ADM-311",
    isPublic: true,
    tags: ["Permissions", "Automation"],
    evidence: [
      { thread: "Bulk-edit user roles", lagHours: 30 },
      { post: "Bulk-edit user roles", says: "30 to 40 contractors move from editor to viewer" },
      {
        excerpt: "Bulk-edit user roles",
        says: "a way to undo the whole batch for a day or so",
      },
    ],
    path: [
      { to: "planned", likeIdea: true },
      { to: "in_progress", likeIdea: true },
      { to: "shipped", likeIdea: true },
    ],
  },
  {
    title: "SLA breach report by team and time zone",
    by: "priya",
    owner: "jonas",
    description:
      "A standard report of SLA breaches per team, with each team's working hours and time zone taken into account, so a breach at 2 a.m. in Singapore isn't counted against the London team.",
    url: "https://linear.app/acme/issue/REP-164",
    isPublic: true,
    tags: ["Reporting"],
    evidence: [
      {
        excerpt: "Welcome",
        says: "I'd like to learn how others report on SLA breaches without drowning in dashboards.",
        lagHours: 20,
        credit: "anonymous",
      },
    ],
    path: [
      { to: "planned", daysAgo: 151 },
      { to: "in_progress", daysAgo: 131 },
      { to: "shipped", daysAgo: 89 },
    ],
  },
  {
    title: "Role and permission changes in the audit log",
    by: "maya",
    owner: "maya",
    description:
      "Every change to a role, a group's permissions or a workspace's sharing settings is recorded in the audit log: who made it, when, and the values before and after.",
    url: "https://acme.atlassian.net/browse/SEC-131",
    isPublic: true,
    tags: ["Compliance", "Permissions"],
    evidence: [
      {
        excerpt: "Welcome",
        says: "Everything we do has to survive an audit, so I'm interested in how others handle approvals and audit trails",
        lagHours: 26,
      },
    ],
    path: [
      { to: "planned", daysAgo: 138 },
      { to: "in_progress", daysAgo: 110 },
      { to: "shipped", daysAgo: 75 },
    ],
  },
  {
    title: "Report filters survive switching tabs",
    by: "jonas",
    owner: "jonas",
    description:
      "In the new report builder, filters belong to the report instead of the tab, so switching to the chart tab and back keeps them.",
    url: "https://linear.app/acme/issue/REP-231",
    isPublic: true,
    tags: ["Reporting"],
    evidence: [
      {
        post: "First impressions of the new reporting beta",
        says: "The filters reset when you switch tabs, though",
        lagHours: 10,
      },
      {
        excerpt: "First impressions of the new reporting beta",
        says: "I build a filter, check the chart tab, come back, and it's gone.",
        lagHours: 9,
        credit: "none",
      },
    ],
    path: [
      { to: "in_progress", days: 0.3 },
      { to: "shipped", days: 2.1 },
    ],
  },
  {
    title: "Published API rate limits, with Retry-After on every 429",
    by: "maya",
    owner: "maya",
    description:
      'The API documentation states the actual limits (requests per minute per token, concurrent requests per account, how the bulk export endpoint counts) instead of "fair use", and every 429 response carries a Retry-After header.',
    url: "https://linear.app/acme/issue/API-77",
    isPublic: true,
    tags: ["Integrations"],
    evidence: [
      { thread: "Hitting the API rate limit during nightly syncs", lagHours: 9 },
      {
        post: "Hitting the API rate limit during nightly syncs",
        says: "the limit is per API token, not per account",
        lagHours: 3,
      },
      {
        excerpt: "Welcome",
        says: "expect questions from me about rate limits and export formats",
      },
      {
        post: "Hitting the API rate limit during nightly syncs",
        says: "respect Retry-After with a little random jitter",
        lagHours: 5,
      },
    ],
    path: [
      { to: "in_progress", days: 1 },
      { to: "shipped", daysAgo: 4 },
    ],
  },
  {
    title: "Notification emails without post excerpts",
    by: "maya",
    owner: "maya",
    description:
      "An account setting that leaves the excerpt out of notification emails: they say who posted where, with a link, and no workspace content goes through the email provider.",
    url: "https://linear.app/acme/issue/NOT-58",
    isPublic: true,
    tags: ["Compliance"],
    evidence: [
      {
        post: "Data residency requirements for",
        says: "Our security review flagged that your email provider is a US company",
        lagHours: 6,
        credit: "anonymous",
      },
      {
        excerpt: "Data residency requirements for",
        says: "Notification emails without excerpts, in the coming weeks",
        lagHours: 4,
        credit: "named",
      },
    ],
    path: [
      { to: "in_progress", daysAgo: 14 },
      { to: "shipped", daysAgo: 3 },
    ],
  },

  // --- In progress ------------------------------------------------------------------------------
  {
    title: "Scheduled report exports by email",
    by: "jonas",
    owner: "jonas",
    description:
      "Send any saved report or dashboard on a schedule (daily, weekly on a chosen day, monthly) as CSV or PDF to a list of recipients, each of whom only gets the data they may see.\n\nAdmins can enforce a link-only mode for accounts that don't allow customer data in attachments. The first version is in the reporting beta.",
    target: "Q4",
    url: "https://linear.app/acme/issue/REP-208",
    isPublic: true,
    tags: ["Reporting", "Automation"],
    evidence: [
      { thread: "Schedule dashboard exports by email", lagHours: 40 },
      {
        excerpt: "Schedule dashboard exports by email",
        says: "Our security team doesn't allow customer data in email attachments, full stop.",
      },
      { thread: "Email a dashboard to people who never log in" },
      {
        excerpt: "Email a dashboard to people who never log in",
        says: "Filtering per recipient is the part that matters",
      },
      {
        post: "First impressions of the new reporting beta",
        says: "scheduled exports to email would let me retire a whole spreadsheet",
      },
      { post: "Preview: scheduled report exports", says: "CSV for us.", lagHours: 3 },
    ],
    path: [
      { to: "planned", likeIdea: true },
      { to: "in_progress", likeIdea: true },
    ],
  },
  {
    title: "Stacked bar charts in the report builder",
    by: "jonas",
    owner: "jonas",
    description:
      'A "stacked by" option on bar charts, with a toggle between absolute values and percentages of each bar.',
    target: "Next beta build",
    isPublic: true,
    tags: ["Reporting"],
    evidence: [
      {
        excerpt: "First impressions of the new reporting beta",
        says: 'Could we get a "stacked by" option on bar charts? Most of our reports compare regions within a month.',
        lagHours: 6,
      },
      {
        post: "First impressions of the new reporting beta",
        says: "Percentages for the monthly mix, absolute values for the board deck.",
        lagHours: 8,
      },
    ],
    path: [
      { to: "planned", days: 0.5 },
      { to: "in_progress", daysAgo: 5 },
    ],
  },
  {
    title: "Landscape PDFs for wide scheduled reports",
    by: "priya",
    owner: "priya",
    description:
      "Scheduled PDF exports switch to landscape when a table is wider than A4 portrait allows, instead of cutting off the right-hand columns.",
    target: "Next beta build",
    tags: ["Reporting"],
    evidence: [
      {
        excerpt: "Preview: scheduled report exports",
        says: "The PDF cuts the table off at the right edge, though; it's a wide table.",
        lagHours: 9,
      },
      { post: "Preview: scheduled report exports", says: "Landscape would fix it.", lagHours: 4 },
    ],
    path: [{ to: "in_progress", daysAgo: 3 }],
  },
  {
    title: "Monthly export of support access to a workspace",
    by: "maya",
    owner: "maya",
    description:
      "Every month, an export for the account's admins of each time anyone at our company accessed their workspace, with the support ticket it belongs to. Complete or not at all: an access without its ticket is a bug.",
    target: "December",
    url: "https://acme.atlassian.net/browse/SEC-214",
    isPublic: true,
    tags: ["Compliance", "Enterprise ask"],
    evidence: [
      {
        post: "Data residency requirements for",
        says: "Monthly is fine to start, as long as it's complete.",
        lagHours: 5,
      },
      {
        excerpt: "Data residency requirements for",
        says: "with a monthly access log export before that",
        lagHours: 3,
      },
      {
        excerpt: "What we heard about data residency",
        says: "I will check it against our own access records every month",
        lagHours: 6,
      },
    ],
    path: [
      { to: "planned", daysAgo: 15 },
      { to: "in_progress", daysAgo: 6 },
    ],
  },
  {
    title: "Keep mobile checklist drafts when the app closes",
    by: "maya",
    owner: "maya",
    description:
      "The mobile app keeps each answer and photo on the phone as it is entered, and sends the checklist when the connection returns, with a queue that keeps retrying failed photo uploads. The first step towards full offline mode.",
    target: "December release",
    url: "https://linear.app/acme/issue/MOB-151",
    isPublic: true,
    tags: ["Mobile"],
    evidence: [
      { thread: "Don't lose checklist drafts when the signal drops", lagHours: 28 },
      {
        post: "Don't lose checklist drafts when the signal drops",
        says: "A queue that keeps retrying would be enough for us.",
      },
      {
        excerpt: "Offline mode for the mobile app",
        says: "please keep the draft when the app is closed or the phone dies",
        lagHours: 6,
      },
    ],
    path: [
      { to: "planned", daysAgo: 5 },
      { to: "in_progress", daysAgo: 2 },
    ],
  },

  // --- Planned ----------------------------------------------------------------------------------
  {
    title: "Nested group sync over SCIM",
    by: "jonas",
    owner: "jonas",
    description:
      "Members of nested groups pushed over SCIM count as members of every group above them, with no depth limit. A group that ends up containing itself is reported in the sync log instead of failing the sync.",
    target: "Q1",
    url: "https://acme.atlassian.net/browse/IAM-57",
    isPublic: true,
    tags: ["Permissions", "Enterprise ask"],
    evidence: [
      { thread: "SCIM group sync for nested groups", lagHours: 20 },
      { thread: "SSO and SCIM rollout: what we learned moving 2,000 people" },
      {
        excerpt: "SCIM group sync for nested groups",
        says: "so please don't cap the depth",
        lagHours: 5,
      },
    ],
    path: [{ to: "planned", likeIdea: true }],
  },
  {
    title: "Offline checklists and photos in the mobile app",
    by: "priya",
    owner: "maya",
    description:
      "Download the day's jobs and their checklists, fill them in and take photos without a connection, and sync when the phone is back in range, showing conflicts instead of overwriting anyone's work.\n\nCreating new items offline comes later: checklists with photos first.",
    target: "Spring release",
    url: "https://linear.app/acme/issue/MOB-142",
    isPublic: true,
    tags: ["Mobile", "Needs research"],
    evidence: [
      { thread: "Offline mode for the mobile app", lagHours: 22 },
      {
        excerpt: "Welcome",
        says: "Our installers are on roofs all day, so anything that works offline matters to us.",
      },
      {
        post: "Offline mode for the mobile app",
        says: "our engineers work in plant rooms two floors underground",
      },
      { thread: "Offline checklists and photos in the mobile app", lagHours: 40 },
      {
        excerpt: "Offline checklists and photos in the mobile app",
        says: "Our installers spend most of the day on roofs with no signal.",
        lagHours: 44,
      },
      {
        excerpt: "What should we prioritise in the first half of next year?",
        says: "Offline mode matters to our field teams, but they've found workarounds.",
        lagHours: 30,
      },
    ],
    path: [{ to: "planned", hoursAgo: 40 }],
  },
  {
    title: "Pause the SLA clock while waiting on the customer",
    by: "maya",
    owner: "maya",
    description:
      "An agent pauses a work item's SLA clock with a reason from a list the workspace admin sets, and it restarts when the customer replies. SLA reports show paused time separately.",
    target: "Q1",
    url: "https://acme.atlassian.net/browse/SUP-88",
    isPublic: true,
    tags: ["Automation", "Reporting"],
    evidence: [{ thread: "Pause the SLA clock while we wait on the customer", hoursAgo: 27 }],
    path: [{ to: "planned", hoursAgo: 20 }],
  },
  {
    title: "Webhooks for work item status changes",
    by: "maya",
    owner: "maya",
    description:
      "A signed payload when a work item's status changes (the item, its old and new status, who changed it and when), retried with backoff, with a delivery log in the admin console.\n\nRegistered per workspace or once for the whole account.",
    target: "Q1",
    url: "https://linear.app/acme/issue/API-91",
    isPublic: true,
    tags: ["Integrations", "Automation"],
    evidence: [
      { thread: "API: webhooks for status changes", lagHours: 14 },
      {
        excerpt: "API: webhooks for status changes",
        says: "The old status is the part I'd fight for.",
        lagHours: 4,
      },
      {
        excerpt: "API: webhooks for status changes",
        says: "about 700 requests an hour to learn about perhaps thirty changes",
      },
      {
        // Northwind's integration team polls too, and split its jobs across tokens to keep up.
        post: "Hitting the API rate limit during nightly syncs",
        says: "splitting the job across two tokens helped",
      },
      {
        post: "API: webhooks for status changes",
        says: "one endpoint for the account, and we route by workspace on our side",
        lagHours: 3,
      },
    ],
    path: [{ to: "planned", daysAgo: 1.6 }],
  },
  {
    title: "Approved outside recipients for scheduled exports",
    by: "priya",
    owner: "priya",
    description:
      "Admins approve a list of outside email addresses (an auditor, a parent company) that scheduled exports may go to. Approvals don't expire; links in emails to outside recipients do, after a week.",
    target: "Q1",
    tags: ["Reporting", "Compliance"],
    evidence: [
      {
        excerpt: "Preview: scheduled report exports",
        says: "We need to send one export to an address outside our company (our auditor).",
        lagHours: 5,
      },
      {
        excerpt: "What we heard about scheduled exports",
        says: "So a link that expires after a week would work for us",
      },
    ],
    path: [{ to: "planned", daysAgo: 2 }],
  },
  {
    title: "Quarterly business review template",
    by: "priya",
    owner: "priya",
    description:
      "A review template in the product: a pre-read sent ahead, a decisions section with one named owner per action, and last quarter's actions carried over. Sections can be renamed and reordered.",
    target: "Spring release",
    isPublic: true,
    tags: ["Reporting"],
    evidence: [
      {
        post: "How do you run quarterly business reviews",
        says: "Count me in for the template.",
        lagHours: 12,
      },
      {
        // Smaller customers' people describing their own pre-reads and templates: many voices
        // from many small accounts.
        posts: "How do you run quarterly business reviews",
        pick: (post, author) =>
          post.position > 1 &&
          author.tier === "rest" &&
          (author.accountRank ?? 0) > 20 &&
          /pre-read|template/i.test(post.bodyText),
      },
    ],
    path: [{ to: "planned", daysAgo: 20 }],
  },

  // --- Won't do ---------------------------------------------------------------------------------
  {
    title: "Per-workspace data residency selection",
    by: "maya",
    owner: "maya",
    description:
      "Choose the hosting region per workspace. Declined: the hosting region belongs to the account, and linked accounts with one sign-on cover the cases we heard.",
    tags: ["Compliance", "Enterprise ask"],
    evidence: [
      { thread: "Per-workspace data residency selection", lagHours: 30 },
      {
        post: "Per-workspace data residency selection",
        says: "two of their public-sector customers require Canadian hosting",
      },
    ],
    path: [{ to: "wont_do", likeIdea: true }],
  },
  {
    title: "Public status page fed by work items",
    by: "maya",
    evidence: [
      { thread: "A public status page for our customers, fed by work items", lagHours: 50 },
    ],
    path: [{ to: "wont_do", daysAgo: 20.9 }],
  },
  {
    title: "Automatic downgrade of inactive full seats",
    by: "maya",
    owner: "maya",
    description:
      "Move people who haven't created or edited anything in 60 days to a viewer seat automatically. Not doing it: members asked for opt-in reviews instead (see the seat review item).",
    tags: ["Billing"],
    evidence: [
      {
        excerpt: "Full seats or viewer seats",
        says: "if someone hasn't created or edited anything in 60 days, they move to a viewer seat",
        lagHours: 8,
      },
      {
        post: "Full seats or viewer seats",
        says: "Automatic downgrades sound great until",
        lagHours: 10,
      },
    ],
    path: [{ to: "wont_do", daysAgo: 5 }],
  },

  // --- Triage -----------------------------------------------------------------------------------
  {
    title: "Stream audit events to a SIEM",
    by: "maya",
    owner: "maya",
    description:
      "Audit events pushed to an HTTPS endpoint or syslog over TLS as JSON, one event per action, with the actor, their IP address, the target and the values before and after. A polling endpoint with a cursor that never skips an event for teams that prefer to pull.",
    url: "https://acme.atlassian.net/browse/SEC-190",
    isPublic: true,
    tags: ["Compliance", "Integrations", "Enterprise ask"],
    evidence: [
      { thread: "Audit log export to our SIEM", lagHours: 60 },
      {
        excerpt: "Audit log export to our SIEM",
        says: "We use Microsoft Sentinel, so please don't build this for one SIEM only.",
      },
      {
        excerpt: "Audit log export to our SIEM",
        says: "as long as it's close to real time and the cursor never skips an event",
      },
      {
        post: "Audit log export to our SIEM",
        says: "they want events arriving at their HTTP event endpoint",
      },
    ],
  },
  {
    title: "Dark mode for full-screen dashboards",
    by: "jonas",
    owner: "jonas",
    description:
      "A dark theme for dashboards in full-screen mode, for control rooms that run through the night. Chart colours must stay distinguishable, SLA reds and greens above all.",
    isPublic: true,
    tags: ["Reporting"],
    evidence: [
      { thread: "Dark mode for reports", lagHours: 70 },
      {
        post: "Dark mode for reports",
        says: "the report builder is the one bright window left on their screens",
      },
      {
        excerpt: "Dark mode for reports",
        says: "please keep the chart colours distinguishable",
      },
    ],
  },
  {
    title: "Comment threads on report widgets",
    by: "jonas",
    tags: ["Reporting", "Needs research"],
    evidence: [
      { thread: "Comment threads on individual report widgets", lagHours: 30 },
      {
        excerpt: "Comment threads on individual report widgets",
        says: "tie each comment to the data as it was",
      },
    ],
  },
  {
    title: "Sandbox copy of a workspace for testing changes",
    by: "maya",
    owner: "maya",
    description:
      "A copy of a workspace's configuration with a few hundred real items, anonymised, to test automations and permission changes before they reach production.",
    tags: ["Automation", "Enterprise ask"],
    evidence: [
      {
        excerpt: "What should we prioritise in the first half of next year?",
        says: "Last quarter a change to a shared automation broke intake in three regions for a morning.",
        lagHours: 12,
      },
      {
        post: "What should we prioritise in the first half of next year?",
        says: "Configuration plus a few hundred real items, anonymised.",
        lagHours: 6,
      },
    ],
  },
  {
    title: "EU-only support access",
    by: "maya",
    owner: "maya",
    description:
      "An option for accounts whose contracts require it: only support staff in the EU may access the account's workspaces, including for backups and incident work.",
    tags: ["Compliance", "Enterprise ask"],
    evidence: [
      {
        // Linked while Inès's post still read as first written: she has added to it since.
        excerpt: "Data residency requirements for",
        says: "all personal data of our customers stored and processed in the EU, including backups and support access",
        beforeEdit: true,
      },
      { thread: "Data residency requirements for" },
      {
        excerpt: "Data residency requirements for",
        says: "Could the log show every time anyone at your company accessed our workspace, with the reason?",
        lagHours: 7,
      },
    ],
  },
  {
    title: "Guardrails for customer-facing automations",
    by: "jonas",
    owner: "jonas",
    description:
      "Rules an admin defines that regional builders can't break: above all, no automation that emails customers without approval. Naming rules could follow.",
    tags: ["Automation", "Enterprise ask", "Needs research"],
    evidence: [
      { thread: "Governance model for 40 regional teams", lagHours: 26 },
      {
        excerpt: "Governance model for 40 regional teams",
        says: "No automations that email customers without approval.",
        lagHours: 5,
      },
      {
        post: "Governance model for 40 regional teams",
        says: "Naming rules would be second, but that one we can live with auditing.",
      },
      {
        excerpt: "Taking over as admin when the old admin leaves",
        says: "Ask for a walk-through of every automation that sends email to customers",
      },
    ],
  },
  {
    title: "Approval chains with more than two steps",
    by: "maya",
    description:
      "Approvals that pass through three or more departments in order, with a different approver group at each step.",
    tags: ["Automation"],
    evidence: [
      {
        excerpt: "Welcome",
        says: "We track engineering change requests on the platform, with approvals from three departments.",
        lagHours: 22,
      },
    ],
  },
  {
    title: "Highlight what moved more than a set percentage",
    by: "jonas",
    owner: "jonas",
    tags: ["Reporting"],
    evidence: [
      { thread: "Which metrics do you review weekly?", lagHours: 30 },
      {
        excerpt: "Which metrics do you review weekly?",
        says: "the Monday meeting only discusses the ones that moved more than 10%",
        lagHours: 8,
      },
    ],
  },
  {
    title: "Renewal dates from billing can trigger automations",
    by: "maya",
    description:
      "Automations that start from a customer's renewal date as the billing integration has it, instead of a date field someone keeps up to date by hand.",
    tags: ["Automation", "Billing"],
    evidence: [
      { thread: "What a 4-person team learned from automating renewals", lagHours: 18 },
      {
        post: "What a 4-person team learned from automating renewals",
        says: "the 60-day reminder matters most",
        lagHours: 6,
      },
      {
        excerpt: "What a 4-person team learned from automating renewals",
        says: "If it came from billing, I'd trust it.",
        lagHours: 1,
      },
    ],
  },
  {
    title: "Working-day calendars for schedules and SLAs",
    by: "priya",
    owner: "priya",
    description:
      'Admins define working-day calendars (which weekdays count, and public holidays per region) that schedules and SLA clocks can follow: "the third working day of the month", "five working days".',
    tags: ["Automation", "Reporting"],
    evidence: [
      { thread: "Working-day calendars for schedules and SLAs", lagHours: 36 },
      {
        excerpt: "What we heard about scheduled exports",
        says: "our books close on the third working day",
      },
      {
        excerpt: "Schedule dashboard exports by email",
        says: '"first working day" would be worth having as a schedule option',
      },
    ],
  },
  {
    title: "Cross-workspace reporting",
    by: "maya",
    owner: "maya",
    description:
      "Reports and dashboards across all the workspaces of an account, for leadership that wants one view while regions and acquired companies keep their own workspaces.",
    tags: ["Reporting", "Enterprise ask"],
    evidence: [
      {
        excerpt: "What should we prioritise in the first half of next year?",
        says: "today they export eight workspaces and glue them together in a spreadsheet",
        lagHours: 8,
      },
      { thread: "One workspace or several? Bringing acquired companies on board", lagHours: 20 },
      {
        excerpt: "One workspace or several? Bringing acquired companies on board",
        says: "without cross-workspace reporting, one workspace was the only way to get it",
        lagHours: 6,
      },
    ],
  },
  {
    title: "Viewer seats that can approve, with a reason",
    by: "maya",
    owner: "maya",
    description:
      "Let a viewer seat approve requests with a short written reason, without taking a full seat. Comments on reports are a nice-to-have on top.",
    tags: ["Billing", "Permissions", "Churn risk"],
    evidence: [
      { thread: "Read-only seats for executives", lagHours: 16 },
      { thread: "Full seats or viewer seats: how do you decide who gets which?" },
      {
        post: "Read-only seats for executives",
        says: "nine full seats that make perhaps twenty approvals a quarter",
      },
      {
        excerpt: "Read-only seats for executives",
        says: "Approving with a reason covers nine tenths of it.",
        lagHours: 5,
      },
    ],
  },
  {
    title: "Two-factor reminders for admins without SSO",
    by: "admin",
    createdDaysAgo: 12,
    evidence: [],
  },
];

/** Staff's notes on backlog items, with `@handle` for a colleague they mention. */
const NOTES: NoteSpec[] = [
  {
    item: "Pause the SLA clock while waiting on the customer",
    by: "maya",
    hoursAgo: 25,
    text: "Linked the accepted proposal, as Priya asked. Support leads at three more accounts asked for this on calls; @priya, could you add your call notes so engineering sees which pause reasons come up most?",
  },
  {
    item: "Offline checklists and photos in the mobile app",
    by: "jonas",
    hoursAgo: 38,
    text: "The mobile team takes this for the spring release. The riskiest part is photo uploads that fail underground: @maya, let's keep the retry queue from the drafts item in the first version, even if creating items offline waits.",
  },
  {
    item: "EU-only support access",
    by: "maya",
    hoursAgo: 300,
    text: "Legal says an EU-only support rota needs two more hires in Dublin, so not before Q2. The monthly access log export covers Northwind until then.",
  },
];

type LoadedThread = {
  id: string;
  title: string;
  kind: string;
  authorId: string | null;
  createdAt: number;
  openingPostId: string;
  ideaStatus: IdeaStatus | null;
  ideaMerged: boolean;
};
type LoadedPost = {
  id: string;
  threadId: string;
  position: number;
  authorId: string | null;
  createdAt: number;
  editedAt: number | null;
  bodyText: string;
};

/** Runs of whitespace as one space, as the backlog compares a quote with its post. */
const normalizeSpace = (text: string) => text.split(/\s+/).filter(Boolean).join(" ");

/**
 * The product backlog of the demo: about thirty items in every status, each standing on the
 * community's threads, posts and quoted passages as staff link them, so the raw count of members
 * and the weighted score put different items first. Items move as the backlog page moves them
 * (status history, audit events, linked ideas taking the status, contributors told when an item
 * ships, the changelog's subscribers too); members whose words are evidence were asked whether
 * they may be credited, and answered or not. The demand columns are computed by the app's own
 * statement at the end.
 */
export async function seedDemoBacklog(
  tx: Db,
  people: DemoPerson[],
  random: Random,
  clock: { now: number },
): Promise<void> {
  const { now } = clock;
  const latest = now - 5 * MINUTE_MS;
  const byHandle = new Map(people.map((person) => [person.handle, person]));
  const byId = new Map(people.map((person) => [person.id, person]));
  const staff = (handle: Staff) => {
    const person = byHandle.get(handle);
    if (!person || (person.role !== "staff" && person.role !== "admin"))
      throw new Error(`Backlog: ${handle} isn't staff`);
    return person;
  };
  const isCustomer = (person: DemoPerson | undefined): person is DemoPerson =>
    !!person && person.role === "member" && person.accountId !== null;

  // --- What the community wrote, as the seeds before this one left it ---------------------------
  const threadRows = await tx.execute<{
    id: string;
    title: string;
    kind: string;
    author_id: string | null;
    created_at: Date;
    opening_post_id: string;
    idea_status: IdeaStatus | null;
    merged: boolean;
  }>(sql`
    select t.id, t.title, t.kind::text as kind, t.author_id, t.created_at,
      op.id as opening_post_id, i.status as idea_status, i.merged_into_id is not null as merged
    from threads t join posts op on op.thread_id = t.id and op.position = 1
    left join ideas i on i.thread_id = t.id`);
  const threads: LoadedThread[] = threadRows.map((row) => ({
    id: row.id,
    title: row.title,
    kind: row.kind,
    authorId: row.author_id,
    createdAt: new Date(row.created_at).getTime(),
    openingPostId: row.opening_post_id,
    ideaStatus: row.idea_status,
    ideaMerged: row.merged,
  }));
  const postRows = await tx.execute<{
    id: string;
    thread_id: string;
    position: number;
    author_id: string | null;
    created_at: Date;
    edited_at: Date | null;
    body_text: string;
  }>(sql`
    select id, thread_id, position, author_id, created_at, edited_at, body_text
    from posts where deleted_at is null order by thread_id, position`);
  const postsByThread = new Map<string, LoadedPost[]>();
  for (const row of postRows) {
    const post: LoadedPost = {
      id: row.id,
      threadId: row.thread_id,
      position: row.position,
      authorId: row.author_id,
      createdAt: new Date(row.created_at).getTime(),
      editedAt: row.edited_at ? new Date(row.edited_at).getTime() : null,
      bodyText: row.body_text,
    };
    const list = postsByThread.get(post.threadId) ?? [];
    list.push(post);
    postsByThread.set(post.threadId, list);
  }
  const coauthorRows = await tx.execute<{ thread_id: string; user_id: string }>(sql`
    select thread_id, user_id from proposal_coauthors where status = 'accepted'`);
  const ideaChangeRows = await tx.execute<{
    idea_id: string;
    to_status: IdeaStatus;
    changed_by_id: string | null;
    created_at: Date;
  }>(sql`select idea_id, to_status, changed_by_id, created_at from idea_status_changes`);
  const tagRows = await tx.execute<{ id: string; name: string }>(sql`select id, name from tags`);
  const tagByName = new Map(tagRows.map((tag) => [tag.name, tag.id]));
  const seenRows = await tx.execute<{ id: string; last_seen_at: Date | null }>(
    sql`select id, last_seen_at from users`,
  );
  const lastSeen = new Map(
    seenRows.map((row) => [row.id, row.last_seen_at ? new Date(row.last_seen_at).getTime() : 0]),
  );

  const threadTitled = (prefix: string) => {
    const found = threads.filter((thread) => thread.title.startsWith(prefix));
    if (found.length !== 1)
      throw new Error(`Backlog: ${found.length} threads titled "${prefix}…", expected one`);
    return found[0];
  };
  /** The post that says it first: later replies may quote it. */
  const postSaying = (thread: LoadedThread, says: string) => {
    const passage = normalizeSpace(says);
    const found = (postsByThread.get(thread.id) ?? []).find((post) =>
      normalizeSpace(post.bodyText).includes(passage),
    );
    if (!found) throw new Error(`Backlog: no post in "${thread.title}" says "${says}"`);
    return found;
  };

  // --- Planning each item: its evidence, creation and history, checked against the clock -------
  type PlannedEvidence = {
    id: string;
    kind: EvidenceKind;
    thread: LoadedThread;
    post: LoadedPost | null;
    quote: string | null;
    at: number;
    credit?: CreditChoice;
  };
  type PlannedChange = {
    from: BacklogStatus;
    to: BacklogStatus;
    at: number;
    by: DemoPerson;
    /** Made together with its idea's own change, which the idea seed already wrote. */
    withIdea: boolean;
  };
  type PlannedItem = {
    id: string;
    spec: ItemSpec;
    creator: DemoPerson;
    createdAt: number;
    evidence: PlannedEvidence[];
    changes: PlannedChange[];
  };

  const items: PlannedItem[] = ITEMS.map((spec) => {
    const creator = staff(spec.by);
    const evidence: PlannedEvidence[] = [];
    let previous = 0;
    const place = (source: number, timing: Timing, where: string) => {
      let at: number;
      if (timing.hoursAgo !== undefined) at = now - timing.hoursAgo * HOUR_MS;
      else {
        const lag = (timing.lagHours ?? random.between(2, 20)) * HOUR_MS;
        at = Math.max(source + lag, previous + random.int(4, 25) * MINUTE_MS);
      }
      at = Math.round(at);
      if (at > latest)
        at = Math.max(source + 10 * MINUTE_MS, latest - random.int(0, 30) * MINUTE_MS);
      if (at <= source || at > latest || at < previous)
        throw new Error(`Backlog: "${spec.title}" can't link ${where} then`);
      return at;
    };
    for (const entry of spec.evidence) {
      if ("posts" in entry) {
        const thread = threadTitled(entry.posts);
        for (const post of postsByThread.get(thread.id) ?? []) {
          const author = post.authorId ? byId.get(post.authorId) : undefined;
          if (!author || !entry.pick(post, author)) continue;
          if (evidence.some((e) => e.post?.id === post.id)) continue;
          const at = place(post.createdAt, { lagHours: random.between(1, 30) }, thread.title);
          evidence.push({ id: randomUUID(), kind: "post", thread, post, quote: null, at });
          previous = at;
        }
        continue;
      }
      const title = "thread" in entry ? entry.thread : "post" in entry ? entry.post : entry.excerpt;
      const thread = threadTitled(title);
      if ("thread" in entry) {
        const at = place(thread.createdAt, entry, thread.title);
        evidence.push({ id: randomUUID(), kind: "thread", thread, post: null, quote: null, at });
        previous = at;
        continue;
      }
      const post = postSaying(thread, entry.says);
      let timing: Timing = entry;
      if ("excerpt" in entry && entry.beforeEdit) {
        // Linked between the post's first version and its edit: the page shows "since edited".
        if (post.editedAt === null) throw new Error(`Backlog: "${entry.says}" was never edited`);
        timing = { hoursAgo: (now - (post.createdAt + post.editedAt) / 2) / HOUR_MS };
      }
      const at = place(post.createdAt, timing, `"${entry.says}"`);
      if ("excerpt" in entry) {
        // The quote is taken from the post as it reads now (whitespace aside, as the backlog
        // compares them): a run of whole words of it.
        const text = normalizeSpace(post.bodyText);
        const start = text.indexOf(normalizeSpace(entry.says));
        const end = start + normalizeSpace(entry.says).length;
        if (start < 0 || /\w/.test(text.charAt(start - 1)) || /\w/.test(text.charAt(end)))
          throw new Error(`Backlog: "${entry.says}" isn't a passage of whole words of its post`);
        const quote = text.slice(start, end);
        evidence.push({
          id: randomUUID(),
          kind: "excerpt",
          thread,
          post,
          quote,
          at,
          credit: entry.credit,
        });
      } else {
        evidence.push({
          id: randomUUID(),
          kind: "post",
          thread,
          post,
          quote: null,
          at,
          credit: entry.credit,
        });
      }
      previous = at;
    }
    let createdAt: number;
    if (evidence.length > 0) createdAt = evidence[0].at;
    else if (spec.createdDaysAgo !== undefined)
      createdAt = Math.round(now - spec.createdDaysAgo * DAY_MS);
    else throw new Error(`Backlog: "${spec.title}" needs evidence or a creation date`);

    // Its history: triage → … as the status menu moved it.
    const changes: PlannedChange[] = [];
    let status: BacklogStatus = "triage";
    let stepFrom = createdAt;
    const ideas = evidence.filter((e) => e.kind === "thread" && e.thread.kind === "idea");
    for (const step of spec.path ?? []) {
      let at: number;
      let by = staff(spec.owner ?? spec.by);
      if ("likeIdea" in step) {
        const idea = ideas.find((e) => !e.thread.ideaMerged)?.thread;
        const ideaStatus = step.to === "wont_do" ? "declined" : step.to;
        const change = ideaChangeRows.find(
          (row) => row.idea_id === idea?.id && row.to_status === ideaStatus,
        );
        if (!change)
          throw new Error(`Backlog: "${spec.title}" has no idea ${ideaStatus} to follow`);
        at = new Date(change.created_at).getTime();
        if (change.changed_by_id) by = byId.get(change.changed_by_id) ?? by;
      } else if ("hoursAgo" in step) at = now - step.hoursAgo * HOUR_MS;
      else if ("daysAgo" in step) at = now - step.daysAgo * DAY_MS;
      else at = stepFrom + step.days * DAY_MS;
      at = Math.round(at);
      if (at <= stepFrom || at > latest)
        throw new Error(`Backlog: "${spec.title}" can't move to ${step.to} then`);
      changes.push({ from: status, to: step.to, at, by, withIdea: "likeIdea" in step });
      status = step.to;
      stepFrom = at;
    }
    // Nothing is linked to an item once it's shipped or set aside.
    const closed = changes.at(-1);
    if (closed && (closed.to === "shipped" || closed.to === "wont_do")) {
      const late = evidence.find((e) => e.at >= closed.at);
      if (late) throw new Error(`Backlog: "${spec.title}" got evidence after it closed`);
    }
    return { id: randomUUID(), spec, creator, createdAt, evidence, changes };
  });
  const itemTitled = (title: string) => {
    const item = items.find((candidate) => candidate.spec.title === title);
    if (!item) throw new Error(`Backlog: no item "${title}"`);
    return item;
  };

  // --- Writing it down ----------------------------------------------------------------------------
  const date = (ms: number) => new Date(ms);
  const dateOrNull = (ms: number | null) => (ms === null ? null : new Date(ms));
  await tx.insert(backlogItems).values(
    items.map((item) => {
      const { spec } = item;
      const last = item.changes.at(-1);
      const shipped = item.changes.filter((change) => change.to === "shipped").at(-1);
      const touched = Math.max(
        item.createdAt,
        ...item.evidence.map((e) => e.at),
        ...item.changes.map((change) => change.at),
      );
      let description = null;
      if (spec.description) {
        const read = readPostContent(undefined, spec.description);
        if (!read.ok) throw new Error(`Backlog: "${spec.title}": ${read.message}`);
        description = read.content;
      }
      return {
        id: item.id,
        title: spec.title,
        description: description?.body ?? null,
        descriptionHtml: description?.bodyHtml ?? "",
        descriptionText: description?.bodyText ?? "",
        status: last?.to ?? "triage",
        ownerId: spec.owner ? staff(spec.owner).id : null,
        target: spec.target ?? "",
        externalUrl: spec.url ?? null,
        isPublic: spec.isPublic ?? false,
        createdById: item.creator.id,
        createdAt: date(item.createdAt),
        updatedAt: date(touched),
        statusChangedAt: last ? date(last.at) : null,
        shippedAt: shipped ? date(shipped.at) : null,
      };
    }),
  );
  const tagLinks = items.flatMap((item) =>
    (item.spec.tags ?? []).map((name) => {
      const tagId = tagByName.get(name);
      if (!tagId) throw new Error(`Backlog: no tag "${name}"`);
      return { itemId: item.id, tagId };
    }),
  );
  await tx.insert(backlogItemTags).values(tagLinks);
  await tx.insert(backlogEvidence).values(
    items.flatMap((item) =>
      item.evidence.map((e) => ({
        id: e.id,
        itemId: item.id,
        kind: e.kind,
        threadId: e.thread.id,
        postId: e.post?.id ?? null,
        quote: e.quote,
        addedById: item.creator.id,
        createdAt: date(e.at),
      })),
    ),
  );
  const changeRows = items.flatMap((item) => item.changes.map((change) => ({ item, change })));
  if (changeRows.length)
    await tx.insert(backlogStatusChanges).values(
      changeRows.map(({ item, change }) => ({
        itemId: item.id,
        fromStatus: change.from,
        toStatus: change.to,
        changedById: change.by.id,
        createdAt: date(change.at),
      })),
    );

  // Planned, in progress and shipped move the item's ideas (linked whole, not merged away) to the
  // same status, as setBacklogStatus does; an idea that already took it with the item stays.
  const ideaMoves: Array<{
    ideaId: string;
    from: IdeaStatus;
    to: IdeaStatus;
    at: number;
    by: DemoPerson;
  }> = [];
  const ideaStatus = new Map(threads.map((thread) => [thread.id, thread.ideaStatus]));
  for (const { item, change } of [...changeRows].sort((a, b) => a.change.at - b.change.at)) {
    if (change.withIdea) continue;
    if (change.to !== "planned" && change.to !== "in_progress" && change.to !== "shipped") continue;
    for (const e of item.evidence) {
      if (e.kind !== "thread" || e.thread.kind !== "idea" || e.thread.ideaMerged) continue;
      if (e.at >= change.at) continue;
      const from = ideaStatus.get(e.thread.id);
      if (!from || from === change.to) continue;
      const last = Math.max(
        e.thread.createdAt,
        ...ideaChangeRows
          .filter((row) => row.idea_id === e.thread.id)
          .map((row) => new Date(row.created_at).getTime()),
      );
      if (last >= change.at)
        throw new Error(`Backlog: "${e.thread.title}" would move back in time`);
      ideaMoves.push({ ideaId: e.thread.id, from, to: change.to, at: change.at, by: change.by });
      ideaStatus.set(e.thread.id, change.to);
    }
  }
  if (ideaMoves.length) {
    await tx.insert(ideaStatusChanges).values(
      ideaMoves.map((move) => ({
        ideaId: move.ideaId,
        fromStatus: move.from,
        toStatus: move.to,
        changedById: move.by.id,
        createdAt: date(move.at),
      })),
    );
    for (const move of ideaMoves)
      await tx.execute(sql`
        update ideas set status = ${move.to}::idea_status,
          status_changed_at = ${date(move.at).toISOString()}::timestamptz
        where thread_id = ${move.ideaId}`);
  }

  await tx.insert(auditEvents).values([
    ...items.map((item) => ({
      actorId: item.creator.id,
      action: "backlog.created",
      targetType: "backlog_item",
      targetId: item.id,
      createdAt: date(item.createdAt),
    })),
    ...changeRows.map(({ item, change }) => ({
      actorId: change.by.id,
      action: "backlog.status_changed",
      targetType: "backlog_item",
      targetId: item.id,
      details: { from: change.from, to: change.to },
      createdAt: date(change.at),
    })),
    ...ideaMoves.map((move) => ({
      actorId: move.by.id,
      action: "idea.status_changed",
      targetType: "thread",
      targetId: move.ideaId,
      details: { from: move.from, to: move.to },
      createdAt: date(move.at),
    })),
  ]);

  // --- Credit: asked once, when their own words or ideas were first linked -----------------------
  /** When someone saw a notification of `at`, if they have been around since; null if not. */
  const seenAfter = (userId: string, at: number, withinHours: number) => {
    const seen = lastSeen.get(userId) ?? 0;
    if (seen <= at + 10 * MINUTE_MS) return null;
    return Math.round(Math.min(seen, at + random.between(0.2, withinHours) * HOUR_MS));
  };
  type Ask = {
    person: DemoPerson;
    item: PlannedItem;
    evidence: PlannedEvidence;
    contributions: Contribution[];
  };
  const asks = new Map<string, Ask>();
  const forcedCredit = new Map<string, CreditChoice>();
  const linked = items
    .flatMap((item) => item.evidence.map((evidence) => ({ item, evidence })))
    .sort((a, b) => a.evidence.at - b.evidence.at);
  for (const { item, evidence } of linked) {
    const contributors: Array<{ userId: string | null; via: Contribution["via"]; postId: string }> =
      evidence.kind === "thread"
        ? evidence.thread.kind === "proposal"
          ? coauthorRows
              .filter((row) => row.thread_id === evidence.thread.id)
              .map((row) => ({
                userId: row.user_id,
                via: "coauthor" as const,
                postId: evidence.thread.openingPostId,
              }))
          : [
              {
                userId: evidence.thread.authorId,
                via: "author" as const,
                postId: evidence.thread.openingPostId,
              },
            ]
        : [{ userId: evidence.post!.authorId, via: evidence.kind, postId: evidence.post!.id }];
    for (const contributor of contributors) {
      const person = contributor.userId ? byId.get(contributor.userId) : undefined;
      if (!isCustomer(person)) continue;
      if (evidence.credit && evidence.kind !== "thread") {
        const earlier = forcedCredit.get(person.id);
        if (earlier && earlier !== evidence.credit)
          throw new Error(`Backlog: ${person.handle} is given two answers`);
        forcedCredit.set(person.id, evidence.credit);
      }
      if (asks.has(person.id)) continue;
      asks.set(person.id, {
        person,
        item,
        evidence,
        contributions: [
          { via: contributor.via, threadTitle: evidence.thread.title, postId: contributor.postId },
        ],
      });
    }
  }
  // Inès (a demo login) lets us name her on the roadmap and changelog.
  forcedCredit.set(byHandle.get("ines")!.id, "named");
  // Sam (the other demo login) was asked this morning and hasn't answered yet.
  const sam = byHandle.get("sam")!;

  const consentRows: Array<typeof memberConsents.$inferInsert> = [];
  const consentLedger: Array<typeof consentEvents.$inferInsert> = [];
  const noteRows: Array<typeof notifications.$inferInsert> = [];
  for (const ask of asks.values()) {
    const askedAt = ask.evidence.at;
    const forced = forcedCredit.get(ask.person.id);
    // Most people answer within a day or two; some never do, more so when asked recently.
    let answeredAt = seenAfter(ask.person.id, askedAt, forced ? 30 : 60);
    let choice: CreditChoice | null = null;
    if (forced) {
      if (answeredAt === null) {
        // They came back to answer it: their last visit is then at the latest.
        answeredAt = Math.round(Math.min(askedAt + random.between(1, 30) * HOUR_MS, latest));
        lastSeen.set(ask.person.id, answeredAt);
        await tx.execute(sql`
          update users
          set last_seen_at = greatest(last_seen_at, ${date(answeredAt).toISOString()}::timestamptz)
          where id = ${ask.person.id}`);
      }
      choice = forced;
    } else if (
      ask.person !== sam &&
      answeredAt !== null &&
      random.next() < (now - askedAt < 2 * DAY_MS ? 0.35 : 0.8)
    ) {
      const draw = random.next();
      choice = draw < 0.55 ? "named" : draw < 0.8 ? "anonymous" : "none";
    }
    consentRows.push({
      userId: ask.person.id,
      purpose: "credit",
      answer: choice,
      version: choice ? 1 : null,
      askedAt: date(askedAt),
      answeredAt: choice ? date(answeredAt!) : null,
    });
    consentLedger.push({
      userId: ask.person.id,
      purpose: "credit",
      version: 1,
      source: "asked",
      recordedAt: date(askedAt),
    });
    if (choice) {
      consentLedger.push({
        userId: ask.person.id,
        purpose: "credit",
        answer: choice,
        version: 1,
        source: "settings",
        recordedAt: date(answeredAt!),
      });
    }
    noteRows.push({
      userId: ask.person.id,
      kind: "credit_request",
      backlogItemId: ask.item.id,
      details: { contributions: ask.contributions },
      actorId: ask.item.creator.id,
      createdAt: date(askedAt),
      // Answering is done from the notification, so whoever answered has read it.
      readAt: choice ? date(answeredAt!) : null,
      emailedAt: date(Math.min(askedAt + 2 * MINUTE_MS, now)),
    });
  }
  await tx.insert(memberConsents).values(consentRows);
  await tx.insert(consentEvents).values(consentLedger);

  // --- Told when it shipped: everyone behind it, and the changelog's subscribers ------------------
  const subscriberPool = people.filter(
    (person) => isCustomer(person) && person.handle !== "ines" && person.handle !== "sam",
  );
  const subscribers = [
    byHandle.get("ines")!,
    byHandle.get("sam")!,
    ...Array.from({ length: 6 }, () => subscriberPool[random.int(0, subscriberPool.length - 1)]),
  ].filter((person, index, all) => all.indexOf(person) === index);
  const subscriptionRows = subscribers.map((person) => {
    const joined = person.joinedAt.getTime();
    const seen = Math.max(lastSeen.get(person.id) ?? joined, joined + HOUR_MS);
    return {
      userId: person.id,
      createdAt: date(Math.round(joined + random.between(0.1, 0.6) * (seen - joined))),
    };
  });
  await tx.insert(changelogSubscriptions).values(subscriptionRows);

  const readLater = (userId: string, at: number) =>
    now - at > 3 * DAY_MS && random.next() < 0.85 ? seenAfter(userId, at, 72) : null;
  for (const item of items) {
    const shipped = item.changes.find((change) => change.to === "shipped");
    if (!shipped) continue;
    const contributors = await listItemContributors(tx, item.id, 5_000);
    for (const contributor of contributors) {
      if (contributor.userId === shipped.by.id) continue;
      noteRows.push({
        userId: contributor.userId,
        kind: "backlog_update",
        backlogItemId: item.id,
        details: { status: "shipped", contributions: contributor.contributions },
        actorId: shipped.by.id,
        createdAt: date(shipped.at),
        readAt: dateOrNull(readLater(contributor.userId, shipped.at)),
        emailedAt: date(Math.min(shipped.at + 2 * MINUTE_MS, now)),
      });
    }
    if (!item.spec.isPublic) continue;
    for (const subscription of subscriptionRows) {
      if (subscription.createdAt.getTime() >= shipped.at) continue;
      noteRows.push({
        userId: subscription.userId,
        kind: "changelog_entry",
        backlogItemId: item.id,
        details: { status: "shipped" },
        actorId: shipped.by.id,
        createdAt: date(shipped.at),
        readAt: dateOrNull(readLater(subscription.userId, shipped.at)),
        emailedAt: date(Math.min(shipped.at + 2 * MINUTE_MS, now)),
      });
    }
  }

  // --- Staff's notes on items, and the colleagues they mention -----------------------------------
  for (const note of NOTES) {
    const item = itemTitled(note.item);
    const author = staff(note.by);
    const createdAt = Math.round(now - note.hoursAgo * HOUR_MS);
    if (createdAt <= item.createdAt) throw new Error(`Backlog: a note on "${note.item}" before it`);
    const mentioned = [...note.text.matchAll(/@([a-z]+)/g)].map((match) =>
      staff(match[1] as Staff),
    );
    const content = readPostContent(JSON.stringify(noteDoc(note.text, mentioned)), undefined);
    if (!content.ok) throw new Error(content.message);
    await tx.insert(internalNotes).values({
      backlogItemId: item.id,
      authorId: author.id,
      body: content.content.body,
      bodyHtml: content.content.bodyHtml,
      bodyText: content.content.bodyText,
      createdAt: date(createdAt),
    });
    for (const person of mentioned)
      noteRows.push({
        userId: person.id,
        kind: "internal_note",
        backlogItemId: item.id,
        actorId: author.id,
        createdAt: date(createdAt),
        // Read and emailed at once, so the demo's bells and outbox stay as they were.
        readAt: date(createdAt),
        emailedAt: date(createdAt),
      });
  }
  await tx.insert(notifications).values(noteRows);

  // The demand columns, by the app's own rule, over everything linked above.
  await refreshAllDemand(tx);
}

/** The note as the editor would send it: its words, with mention nodes for `@handle`. */
function noteDoc(text: string, mentioned: DemoPerson[]) {
  const content: Record<string, unknown>[] = [];
  let rest = text;
  for (const person of mentioned) {
    const at = rest.indexOf(`@${person.handle}`);
    if (at > 0) content.push({ type: "text", text: rest.slice(0, at) });
    content.push({ type: "mention", attrs: { id: person.id, label: person.handle } });
    rest = rest.slice(at + person.handle.length + 1);
  }
  if (rest) content.push({ type: "text", text: rest });
  return { type: "doc", content: [{ type: "paragraph", content }] };
}
