import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { plainTextOf, type RichTextDoc } from "~/editor/content.server";
import { readPostContent } from "~/models/post-content.server";
import {
  documentAsPost,
  mergeDocuments,
  readProposalDocument,
  renderSectionsHtml,
} from "~/models/proposal-document.server";
import { proposalStageLabels } from "~/utils/labels";
import type * as schema from "../schema";
import {
  notifications,
  postRevisions,
  posts,
  proposalCoauthors,
  proposalComments,
  proposalEndorsements,
  proposalRevisions,
  proposals,
  proposalStageChanges,
  threadReads,
  threads,
  threadWatches,
  PROPOSAL_SECTIONS,
  type NotificationKind,
  type ProposalSection,
  type ProposalSections,
  type ProposalStage,
} from "../schema";
import type { DemoPerson } from "./forums";
import type { seededRandom } from "./random";
import { NAMED_PEOPLE, parseMarkup, type NamedHandle, type SpaceSlug } from "./script";
import { DAY_MS, HOUR_MS } from "./timeline";

/**
 * The demo's co-design proposals: threads of kind "proposal" in which members (and now and then a
 * staff member) write a proposal together, section by section, and the community comments on its
 * passages and endorses it. Staff move it along with a written rationale, posted as a reply.
 *
 * The offline checklists proposal grew out of the idea "Offline mode for the mobile app": its
 * author started it, Maya (staff) and Inès (Northwind) co-write it, and it has seventeen revisions,
 * comments resolved and open, one outdated by a later edit. Pausing the SLA clock was accepted,
 * restricting cost columns is under review, the public status page was declined, working-day
 * calendars are open for feedback, and checklist templates are still a draft that only its
 * author, the colleague they invited and staff can see.
 *
 * Everything is written as the proposal models write it (createThread with a proposal,
 * saveProposal, inviteCoauthor, answerInvitation, setProposalStage, endorseProposal,
 * addSectionComment, setCommentResolved), with their rules checked, but dated across the demo's
 * timeline instead of at the moment the seed runs.
 */

type Db = Pick<PostgresJsDatabase<typeof schema>, "insert" | "execute">;
type Random = ReturnType<typeof seededRandom>;

const MINUTE_MS = 60_000;
/** Kinds emailed at once by default (defaultEmailModes); the others wait for the daily digest. */
const IMMEDIATE = new Set<NotificationKind>([
  "mention",
  "reply",
  "cited",
  "proposal_invite",
  "proposal_stage",
]);

/** The next daily digest after a moment: 07:00 UTC, as the forums' notifications have it. */
function nextDigest(at: number) {
  const day = new Date(at);
  day.setUTCHours(7, 0, 0, 0);
  return day.getTime() > at ? day.getTime() : day.getTime() + DAY_MS;
}

/** Who a part is: a member of a named account, any member, or the author of the source idea. */
type CastSpec = { account: string } | "members" | "ideaAuthor";

/** A change to one section, in the scripts' markup (see parseMarkup). */
type SectionEdit =
  | { text: string }
  /** Exact words (once in the section) replaced by others; "\n" starts another list item. */
  | { replace: [from: string, to: string] }
  | { append: string }
  | { remove: true };

type Who = string;
/** Every event is placed `h` hours before the seed runs (give or take a few minutes). */
type ProposalEvent = { h: number; by: Who } & (
  | { start: Partial<Record<ProposalSection, string>> }
  | { save: Partial<Record<ProposalSection, SectionEdit>>; title?: string }
  | { invite: Who }
  | { answer: "accept" | "decline" }
  | { open: true }
  | { stage: "under_review" | "accepted" | "declined"; text: string }
  | { comment: string; section: ProposalSection; quote?: string; id?: string }
  | { reply: string; to: string }
  | { resolve: string }
  | { endorse: string }
);

type ProposalScript = {
  space: SpaceSlug;
  title: string;
  /** The idea it was started from, by its title. */
  fromIdea?: string;
  cast: Record<string, CastSpec>;
  /** In order; the first one starts it (its `by` is the author). */
  events: ProposalEvent[];
};

// --- The proposals ---------------------------------------------------------------------------------

const OFFLINE_CHECKLISTS: ProposalScript = {
  space: "operations",
  title: "Offline checklists in the mobile app",
  fromIdea: "Offline mode for the mobile app",
  cast: {
    author: "ideaAuthor",
    depots: { account: "Stark Logistics" },
    mine: { account: "Kruger Mining" },
    boats: { account: "Tidewater Fisheries" },
    hotels: { account: "Pinecrest Hotels" },
    visits: { account: "Fairview Clinics" },
    buses: { account: "Silverline Transit" },
  },
  events: [
    {
      h: 193,
      by: "author",
      start: {
        problem: `
          Our installers spend most of the day on roofs with no signal. They fill in a paper
          checklist, photograph it and type it in at the end of the day: about 25 minutes per
          installer per day. The photos of the actual work end up in a camera roll instead of on
          the job.
        `,
        proposal: `
          Let the mobile app work without a connection for checklists:

          - Download the day's jobs and their checklists in the morning
          - Fill in checklists and take photos without a connection
          - Sync when the phone is back in range
        `,
      },
    },
    { h: 192.5, by: "author", invite: "maya" },
    {
      h: 191,
      by: "author",
      save: {
        who_benefits: {
          text: `
            Field teams who work where the signal comes and goes: installers on roofs, drivers in
            depot yards, engineers in plant rooms below ground. In the idea thread, three members
            described the same paper-and-retype routine.
          `,
        },
      },
    },
    { h: 190, by: "maya", answer: "accept" },
    {
      h: 188,
      by: "maya",
      save: {
        success_measures: {
          text: `
            - Checklists are completed on the day the work is done, not typed in that evening
            - Fewer checklists lost to a dropped connection (today we hear of about one a week per team)
          `,
        },
        open_questions: {
          text: `
            - How long should downloaded jobs stay on the phone?
            - What happens when two people edit the same checklist offline?
          `,
        },
      },
    },
    {
      h: 187,
      by: "jonas",
      id: "morning",
      section: "proposal",
      quote: "in the morning",
      comment:
        "Do your installers start at the depot, where there's Wi-Fi, or drive from home to the first job? If it's the second, a morning download over mobile data is the weak point of the whole thing.",
    },
    {
      h: 185,
      by: "author",
      to: "morning",
      reply:
        "Most of them drive from home. They'd happily download the night before on their home Wi-Fi if the app let them, so a fixed morning download is the wrong rule.",
    },
    {
      h: 170,
      by: "author",
      save: {
        proposal: {
          replace: [
            "- Sync when the phone is back in range",
            "- Keep each photo on the phone until it has uploaded, and retry on its own when the signal returns\n- Sync checklists when the phone is back in range, and show conflicts instead of overwriting anyone's work",
          ],
        },
      },
    },
    {
      h: 166,
      by: "maya",
      save: {
        proposal: {
          append: `
            The first version covers checklists and their photos only. Creating new work items
            without a connection comes later: in the idea thread it came up about once a week,
            against every day for checklists.
          `,
        },
      },
    },
    {
      h: 150,
      by: "author",
      save: {
        problem: {
          replace: [
            "about 25 minutes per installer per day.",
            "about 25 minutes per installer per day, or 16 hours a day across our 38 installers.",
          ],
        },
      },
    },
    {
      h: 146,
      by: "maya",
      save: {
        open_questions: {
          replace: [
            "edit the same checklist offline?",
            "edit the same checklist offline? Showing both versions and letting the second person choose is our starting point.",
          ],
        },
      },
    },
    { h: 116, by: "author", invite: "ines" },
    { h: 112, by: "ines", answer: "accept" },
    {
      h: 110,
      by: "ines",
      save: {
        who_benefits: {
          append: `
            At Northwind, site inspectors in older buildings work the same way: a separate form
            app offline, and the answers re-keyed into the platform the next morning. It works,
            but it's two systems and a day's delay.
          `,
        },
      },
    },
    {
      h: 106,
      by: "ines",
      save: {
        problem: {
          append: `
            Worse, when the connection drops halfway through, the app loses the checklist, and it
            is redone from memory in the van.
          `,
        },
      },
    },
    { h: 104, by: "author", open: true },
    {
      h: 100,
      by: "depots",
      endorse:
        "We'd use this for our depot checklists: drivers fill them in out in the yard, where the signal comes and goes.",
    },
    {
      h: 98,
      by: "depots",
      id: "lost",
      section: "success_measures",
      quote: "Fewer checklists lost to a dropped connection",
      comment:
        "How would you count a lost checklist? Today nobody reports them: they just get done again.",
    },
    {
      h: 95,
      by: "maya",
      to: "lost",
      reply:
        "Good question. The app can count checklists started offline and synced later, against checklists started and never finished. I'll add that to the measures.",
    },
    {
      h: 93,
      by: "maya",
      save: {
        success_measures: {
          replace: [
            "(today we hear of about one a week per team)",
            "(today we hear of about one a week per team)\n- Every checklist started offline is either synced or still on the phone, and the app counts how many were finished without a connection",
          ],
        },
      },
    },
    { h: 92, by: "maya", resolve: "lost" },
    {
      h: 90,
      by: "mine",
      endorse:
        "We'd use this underground, where our shift inspections have never had a signal and never will.",
    },
    {
      h: 88,
      by: "author",
      save: {
        proposal: {
          replace: [
            "- Download the day's jobs and their checklists in the morning",
            "- Download the next two days of assigned jobs and their checklists whenever the phone is on Wi-Fi, at home the night before or at the depot",
          ],
        },
      },
    },
    { h: 87, by: "author", resolve: "morning" },
    {
      h: 80,
      by: "mine",
      id: "shifts",
      section: "open_questions",
      comment:
        "Our day and night shifts share the same phones. If a checklist is half done when the shift changes, whose is it?",
    },
    {
      h: 76,
      by: "ines",
      to: "shifts",
      reply:
        "Same at Northwind: our inspectors share four tablets. I've added it to the open questions. My answer would be that the checklist belongs to the job, not to the phone or to whoever started it.",
    },
    {
      h: 75.5,
      by: "ines",
      save: {
        open_questions: {
          replace: [
            "is our starting point.",
            "is our starting point.\n- Phones shared between shifts: does a half-finished checklist belong to the job, the phone or the person who started it?",
          ],
        },
      },
    },
    { h: 75, by: "ines", resolve: "shifts" },
    {
      h: 70,
      by: "boats",
      endorse:
        "We'd use this on the boats: catch logs are filled in at sea and typed up again at the harbour.",
    },
    {
      h: 60,
      by: "maya",
      title: "Offline checklists and photos in the mobile app",
      save: {
        proposal: {
          append: `
            Downloaded jobs stay on the phone for seven days, or until they are synced and closed,
            whichever comes first.
          `,
        },
        open_questions: {
          replace: ["- How long should downloaded jobs stay on the phone?\n", ""],
        },
      },
    },
    {
      h: 52,
      by: "hotels",
      endorse:
        "We'd use this for room inspections in our basement floors and older wings, where the Wi-Fi never reaches.",
    },
    {
      h: 50,
      by: "hotels",
      id: "waiting",
      section: "proposal",
      quote: "retry on its own when the signal returns",
      comment:
        "Please show people that photos are still waiting to upload. Our staff close the app the moment they think they're done.",
    },
    {
      h: 48,
      by: "author",
      to: "waiting",
      reply:
        'Agreed. A count on the job ("3 photos waiting") until the last one is through would do it for our installers too.',
    },
    {
      h: 40,
      by: "author",
      save: {
        success_measures: {
          replace: [
            "- Checklists are completed on the day the work is done, not typed in that evening",
            "- Checklists are completed on site, on the day the work is done: nine in ten of them, against about four in ten today",
          ],
        },
      },
    },
    {
      h: 34,
      by: "ines",
      save: {
        proposal: {
          replace: [
            "instead of overwriting anyone's work",
            "instead of overwriting anyone's work\n- Admins can see which phones still hold unsynced checklists or photos, so nothing is lost when a phone is replaced",
          ],
        },
      },
    },
    {
      h: 30,
      by: "visits",
      endorse:
        "We'd use this for home visits in rural areas; our nurses write notes on paper and enter them back at the clinic.",
    },
    {
      h: 26,
      by: "jonas",
      id: "depotscope",
      section: "who_benefits",
      comment:
        "Do the drivers need two days of jobs on the phone too, or only their current shift? Depot checklists aren't tied to a job, and that changes what the phone has to keep.",
    },
    {
      h: 20,
      by: "maya",
      save: {
        open_questions: {
          replace: [
            "or the person who started it?",
            "or the person who started it?\n- Do depot checklists, which aren't tied to a job, need to work offline in the first version?",
          ],
        },
      },
    },
    {
      h: 12,
      by: "author",
      save: {
        problem: {
          replace: [
            "instead of on the job.",
            "instead of on the job, and a customer who asks for them waits until someone finds them.",
          ],
        },
      },
    },
    {
      h: 8,
      by: "buses",
      endorse:
        "We'd use this for the walk-around checks in our bus depots before the morning shift.",
    },
  ],
};

const SLA_PAUSE: ProposalScript = {
  space: "operations",
  title: "Pause the SLA clock while we wait on the customer",
  cast: {
    author: { account: "Halcyon Insurance" },
    parts: { account: "Silverline Transit" },
    clinics: { account: "Umbrella Health" },
    globex: { account: "Globex" },
    initech: { account: "Initech" },
    hooli: { account: "Hooli" },
    paper: { account: "Dunder Mifflin" },
    analytics: { account: "Wayne Analytics" },
    events: { account: "Copperfield Events" },
    legal: { account: "Marlowe Legal" },
  },
  events: [
    {
      h: 24 * 64,
      by: "author",
      start: {
        problem: `
          Our claims team works to a 10-day SLA, and about half our claims wait on the policyholder
          at some point: a missing invoice, a photo of the damage, a signature. The SLA clock keeps
          running while we wait, so the SLA report shows breaches that are really waiting time.

          Team leads keep a spreadsheet of "real" breaches next to the report, and every month
          someone argues with finance about which number is true.
        `,
        proposal: `
          Let an agent pause the SLA clock on a work item while it waits on someone outside the
          team, with a reason, and let the clock run again when the wait is over.

          - Pausing asks for a reason; "waiting on customer" would cover most of ours
          - Whoever resumes the clock, or the item's next status change, ends the pause
          - The SLA report shows paused time next to each breach
        `,
        who_benefits: `
          Teams whose SLAs depend on someone else's answer: claims, support, maintenance.
        `,
      },
    },
    { h: 24 * 64 - 1, by: "author", invite: "parts" },
    { h: 24 * 63 - 3, by: "parts", answer: "accept" },
    {
      h: 24 * 63 - 5,
      by: "parts",
      save: {
        problem: {
          append: `
            Maintenance has the same problem with spare parts. A bus that waits nine days for a
            part is a breach on our report, even though the fix took forty minutes once the part
            arrived.
          `,
        },
        who_benefits: {
          replace: [
            "claims, support, maintenance.",
            "claims, support, and maintenance waiting on parts or suppliers.",
          ],
        },
      },
    },
    {
      h: 24 * 62,
      by: "author",
      save: {
        success_measures: {
          text: `
            - Team leads stop keeping a separate list of real breaches
            - The breach rate in the SLA report matches the one finance and operations agree on
          `,
        },
        open_questions: {
          text: `
            - Should a pause have a maximum length, after which the clock runs again?
            - Who may pause: every agent, or only team leads?
          `,
        },
      },
    },
    {
      h: 24 * 61,
      by: "parts",
      save: {
        proposal: {
          replace: [
            "would cover most of ours",
            "would cover most of ours, and an admin sets the list of reasons for each workspace",
          ],
        },
      },
    },
    { h: 24 * 60, by: "author", open: true },
    {
      h: 24 * 60 - 6,
      by: "clinics",
      endorse:
        "We'd use this for referrals that wait on a GP's letter; those are most of our breached SLAs.",
    },
    {
      h: 24 * 59,
      by: "globex",
      id: "resume",
      section: "proposal",
      quote: "Whoever resumes the clock",
      comment:
        "Could the clock run again on its own when the customer replies by email? Otherwise agents will forget to resume it and we'll have the opposite problem.",
    },
    {
      h: 24 * 59 - 4,
      by: "author",
      to: "resume",
      reply: "Yes, that's how it should work. I've added it to the proposal.",
    },
    {
      h: 24 * 59 - 5,
      by: "author",
      save: {
        proposal: {
          replace: [
            "ends the pause",
            "ends the pause, and so does the customer's reply when the item waits on the customer",
          ],
        },
      },
    },
    { h: 24 * 59 - 6, by: "author", resolve: "resume" },
    {
      h: 24 * 58,
      by: "globex",
      endorse: "We'd use this for support tickets that wait on the customer's IT team to answer.",
    },
    {
      h: 24 * 57,
      by: "initech",
      endorse:
        "We'd use this every day: our SLA report is the first thing our COO reads on Monday, and today it's wrong.",
    },
    {
      h: 24 * 55,
      by: "jonas",
      id: "baseline",
      section: "success_measures",
      comment:
        "What would you compare against? Do you know how many of your breaches today are only waiting time?",
    },
    {
      h: 24 * 55 - 7,
      by: "parts",
      to: "baseline",
      reply:
        "We counted last quarter by hand: 31 of our 88 breached maintenance SLAs were waiting on a part. That's the number I'd want to see fall.",
    },
    {
      h: 24 * 55 - 8,
      by: "parts",
      save: {
        success_measures: {
          append: `
            At Silverline Transit, 31 of last quarter's 88 breached maintenance SLAs were waiting
            on a part: those should no longer count as breaches.
          `,
        },
      },
    },
    { h: 24 * 55 - 9, by: "parts", resolve: "baseline" },
    {
      h: 24 * 53,
      by: "hooli",
      endorse: "We'd use this for vendor escalations, where the wait is on a supplier, not on us.",
    },
    {
      h: 24 * 51,
      by: "paper",
      endorse: "We'd use this for paper orders waiting on the customer's purchase order number.",
    },
    {
      h: 24 * 49,
      by: "analytics",
      id: "max",
      section: "open_questions",
      quote: "Should a pause have a maximum length",
      comment:
        "Please make the maximum a setting rather than a rule. Some of our waits are legitimately a month.",
    },
    {
      h: 24 * 49 - 2,
      by: "analytics",
      endorse:
        "We'd use this to report SLAs to our own customers without footnotes on every breach.",
    },
    {
      h: 24 * 46,
      by: "jonas",
      stage: "under_review",
      text: `
        Six teams have endorsed this in two weeks, and it matches what
        we hear on calls: breaches that are really waiting time make the SLA report useless for
        the people it's meant for.

        Over the next weeks we'll check two things with you: whether one list of pause reasons per
        workspace is enough, and how paused time should show in the SLA report.
      `,
    },
    {
      h: 24 * 44,
      by: "parts",
      to: "max",
      reply:
        "Agreed, a setting per workspace. We'd set ours to 30 days and look at anything that waits longer.",
    },
    { h: 24 * 44 - 1, by: "author", resolve: "max" },
    {
      h: 24 * 40,
      by: "events",
      endorse: "We'd use this while we wait on venues to confirm; it's half our booking work.",
    },
    {
      h: 24 * 33,
      by: "legal",
      endorse: "We'd use this for matters waiting on the client's documents before a deadline.",
    },
    {
      h: 24 * 27,
      by: "maya",
      stage: "accepted",
      text: `
        Planned for next quarter. The first version follows this proposal: an agent
        pauses the clock with a reason from a list the workspace admin sets, the clock runs again
        on its own when the customer replies, and the SLA report shows paused time next to each
        breach, so nobody has to subtract it by hand.

        A pause always needs a reason: {author} and {parts} were clear that the reason is what
        makes the report trustworthy. A maximum pause length will be a setting for each
        workspace, as asked in the comments. We'll take the first build to the reporting beta
        before it reaches everyone.
      `,
    },
  ],
};

const COST_COLUMNS: ProposalScript = {
  space: "lounge",
  title: "Restrict cost columns in shared reports",
  cast: {
    author: { account: "Meridian Apparel" },
    bakery: { account: "Redwood Bakeries" },
    acme: { account: "Acme Manufacturing" },
    wonka: { account: "Wonka Confections" },
    lumen: { account: "Lumen Studios" },
    keystone: { account: "Keystone Print" },
    cobalt: { account: "Cobalt Robotics" },
    schools: { account: "Lakeshore Schools" },
  },
  events: [
    {
      h: 24 * 31,
      by: "author",
      start: {
        problem: `
          Our weekly store report goes to 60 store managers. Head office wants the labour cost and
          margin columns in it; store managers are not supposed to see other stores' margins. So we
          keep two copies of every report, one with cost columns and one without, and they drift
          apart within a month.
        `,
        proposal: `
          Let a report's owner mark columns as restricted. Everyone who can see the report sees it,
          but a restricted column shows its values only to the roles the owner chooses; for
          everyone else it is left out, not blanked.
        `,
      },
    },
    { h: 24 * 31 - 2, by: "author", invite: "bakery" },
    { h: 24 * 30, by: "bakery", answer: "accept" },
    {
      h: 24 * 30 - 3,
      by: "bakery",
      save: {
        who_benefits: {
          text: `
            Anyone with one report for many audiences: retail and franchise head offices, regional
            managers, and finance teams who share operational reports outside finance.
          `,
        },
        problem: {
          append: `
            We have the same two-copies problem with our franchise owners, who must never see
            another bakery's figures.
          `,
        },
      },
    },
    {
      h: 24 * 29 - 4,
      by: "author",
      save: {
        success_measures: {
          text: `
            - One report where we keep two today
            - No cost figure reaches someone outside the chosen roles, in the app or in an export
          `,
        },
      },
    },
    { h: 24 * 29 - 5, by: "author", open: true },
    {
      h: 24 * 28,
      by: "acme",
      id: "exports",
      section: "success_measures",
      quote: "in the app or in an export",
      comment:
        "Exports are where this would leak for us. Does the restriction follow the report into scheduled exports and PDFs too?",
    },
    {
      h: 24 * 28 - 5,
      by: "bakery",
      to: "exports",
      reply:
        "It has to, or it's worthless. I've made that explicit in the proposal: the same rule for the screen, CSV, PDF and scheduled exports.",
    },
    {
      h: 24 * 28 - 6,
      by: "bakery",
      save: {
        proposal: {
          append: `
            The restriction applies wherever the report goes: on screen, in CSV and PDF downloads,
            and in scheduled exports.
          `,
        },
      },
    },
    { h: 24 * 28 - 7, by: "bakery", resolve: "exports" },
    {
      h: 24 * 27,
      by: "acme",
      endorse: "We'd use this for plant reports that show line managers output but not unit cost.",
    },
    {
      h: 24 * 25,
      by: "wonka",
      endorse: "We'd use this to retire eleven duplicate reports that only differ by two columns.",
    },
    {
      h: 24 * 22,
      by: "lumen",
      endorse: "We'd use this for project reports that freelancers see, without our day rates.",
    },
    {
      h: 24 * 19,
      by: "keystone",
      id: "person",
      section: "proposal",
      quote: "only to the roles the owner chooses",
      comment:
        "Roles are too coarse for us: two of our regional managers should see margins, the other five shouldn't. Could it be roles or named people?",
    },
    {
      h: 24 * 17,
      by: "keystone",
      endorse: "We'd use this to share margin reports with two regional managers and no one else.",
    },
    {
      h: 24 * 12,
      by: "maya",
      stage: "under_review",
      text: `
        The new report builder in the reporting beta already knows
        which columns come from cost data, which makes this much smaller than it would have been a
        year ago.

        The open point is the one {keystone} raised in the comments: restricting by role is simple
        to manage, restricting by person is what some of you need. If you'd use this, tell us in
        your endorsement which of the two you'd set up first.
      `,
    },
    {
      h: 24 * 10,
      by: "wonka",
      endorse:
        "We'd use this to retire eleven duplicate reports that only differ by two columns. Roles would cover all of them.",
    },
    {
      h: 24 * 9,
      by: "cobalt",
      endorse: "We'd use this by role: finance and the leadership team see costs, nobody else.",
    },
    {
      h: 24 * 6,
      by: "schools",
      endorse: "We'd use this for budget reports that head teachers see for their own school only.",
    },
  ],
};

const STATUS_PAGE: ProposalScript = {
  space: "lounge",
  title: "A public status page for our customers, fed by work items",
  cast: {
    author: { account: "Harbor Freight Co" },
    travel: { account: "Rekall Travel" },
    media: { account: "Monarch Media" },
    homes: { account: "Bluth Homes" },
  },
  events: [
    {
      h: 24 * 43,
      by: "author",
      start: {
        problem: `
          Our customers call to ask where their delivery is. The answer is in the platform, but only
          our dispatchers can see it, so a third of the calls to our front desk are someone reading
          a status out loud.
        `,
        proposal: `
          A public page per account, with a link we can send customers, that shows the status of
          the work items they're allowed to see: a delivery, a repair, an order. Our logo, our
          colours, no sign-in for the customer beyond the link.
        `,
      },
    },
    {
      h: 24 * 43 - 2,
      by: "author",
      save: {
        who_benefits: {
          text: `
            Anyone whose customers ask "where is it?": logistics, repairs, installations, bookings.
          `,
        },
      },
    },
    { h: 24 * 42, by: "author", open: true },
    {
      h: 24 * 41,
      by: "travel",
      endorse: "We'd use this for group bookings: the organiser asks for the status every day.",
    },
    {
      h: 24 * 38,
      by: "priya",
      id: "link",
      section: "proposal",
      quote: "no sign-in for the customer beyond the link",
      comment:
        "A question before we go further: what may the link show? A status only, or also names, addresses and notes? Anyone the link is forwarded to sees the same.",
    },
    {
      h: 24 * 37,
      by: "author",
      to: "link",
      reply:
        "A status and an expected date, nothing else. No names, no addresses. If the link leaks, someone learns that a parcel is on its way.",
    },
    {
      h: 24 * 37 - 1,
      by: "author",
      save: {
        proposal: {
          append: `
            The page shows a status and an expected date, and nothing else: no names, addresses or
            notes, so a forwarded link gives nothing away.
          `,
        },
      },
    },
    { h: 24 * 37 - 2, by: "author", resolve: "link" },
    {
      h: 24 * 33,
      by: "media",
      endorse: "We'd use this so advertisers can see where their campaign is without emailing us.",
    },
    {
      h: 24 * 27,
      by: "homes",
      endorse: "We'd use this for home buyers who want to follow their snag list after moving in.",
    },
    {
      h: 24 * 21,
      by: "maya",
      stage: "declined",
      text: `
        We've thought hard about this one, and I'd rather say why we're declining it than leave
        it open.

        A status page your customers visit is a public website: it needs its own access rules,
        uptime and branding, and it would make the platform something your customers' customers
        depend on directly. That's a different product from the one you run your operations on,
        and building it half-way would serve you badly.

        What we'll do instead is make it easy to feed the page you already have: work item
        statuses and expected dates are available through the API today, and we'll publish an
        example status page built on it. {author}, if you build yours on it, I'd love to see it.
      `,
    },
  ],
};

const WORKING_DAYS: ProposalScript = {
  space: "operations",
  title: "Working-day calendars for schedules and SLAs",
  cast: {
    author: { account: "Gringotts Finance" },
    travel: { account: "Rekall Travel" },
    schools: { account: "Lakeshore Schools" },
    trading: { account: "Nakatomi Trading" },
    supply: { account: "Ollivander Supply" },
    oil: { account: "Ewing Oil" },
  },
  events: [
    {
      h: 24 * 17,
      by: "author",
      start: {
        problem: `
          The platform counts every day the same. Our month-end close report has to go out on the
          third working day, and our SLAs are in working days, so we correct both by hand around
          every weekend and public holiday.
        `,
        proposal: `
          Let an admin define working-day calendars: which weekdays count, and a list of public
          holidays. Schedules and SLAs can then be set in working days ("third working day of the
          month", "5 working days") against a calendar.
        `,
      },
    },
    { h: 24 * 17 - 1, by: "author", invite: "travel" },
    { h: 24 * 16, by: "travel", answer: "accept" },
    {
      h: 24 * 16 - 3,
      by: "travel",
      save: {
        proposal: {
          append: `
            One account needs several calendars: each team or workspace picks the calendar of the
            country it works in.
          `,
        },
        who_benefits: {
          text: `
            Finance teams with a month-end close, and any team whose SLAs are promised in working
            days, especially across countries with different public holidays.
          `,
        },
      },
    },
    {
      h: 24 * 15,
      by: "author",
      save: {
        open_questions: {
          text: `
            - Should we maintain public holidays ourselves, or import them each year?
            - What happens to an SLA that started before a holiday was added to the calendar?
          `,
        },
      },
    },
    { h: 24 * 14, by: "author", open: true },
    {
      h: 24 * 13,
      by: "maya",
      id: "import",
      section: "open_questions",
      comment:
        "If we offered a yearly list per country that you could then edit, would that answer the first question?",
    },
    {
      h: 24 * 12,
      by: "author",
      to: "import",
      reply:
        "Yes: a country's list to start from, and our own company days added on top. I'll fold that into the proposal.",
    },
    {
      h: 24 * 12 - 1,
      by: "author",
      save: {
        proposal: {
          append: `
            Each calendar starts from a country's public holidays, which the platform keeps up to
            date, and the admin adds the company's own days on top.
          `,
        },
        open_questions: {
          replace: [
            "- Should we maintain public holidays ourselves, or import them each year?\n",
            "",
          ],
        },
      },
    },
    { h: 24 * 12 - 2, by: "author", resolve: "import" },
    {
      h: 24 * 11,
      by: "schools",
      endorse: "We'd use this for term-time calendars: our SLAs simply stop during the holidays.",
    },
    {
      h: 24 * 9,
      by: "trading",
      endorse: "We'd use this for the Tokyo and London offices, whose holidays never line up.",
    },
    {
      h: 24 * 7,
      by: "supply",
      id: "halfdays",
      section: "proposal",
      quote: "which weekdays count",
      comment:
        "Half days matter to us: our warehouse closes at noon on the day before a holiday. Would a calendar allow that?",
    },
    {
      h: 24 * 6,
      by: "travel",
      to: "halfdays",
      reply:
        "Not in what we've written. I'd keep half days out of the first version, but let's hear whether others need them.",
    },
    {
      h: 24 * 4,
      by: "oil",
      endorse: "We'd use this for our field contracts, which are all written in working days.",
    },
  ],
};

const CHECKLIST_TEMPLATES: ProposalScript = {
  space: "operations",
  title: "Share checklist templates across workspaces",
  cast: {
    author: { account: "Oakridge Dental" },
    clinics: { account: "Fairview Clinics" },
  },
  events: [
    {
      h: 24 * 3 + 5,
      by: "author",
      start: {
        problem: `
          We run one workspace per practice, and each has its own copy of the same opening and
          closing checklists. When the sterilisation checklist changed last month, someone updated
          fourteen copies by hand, and two were missed.
        `,
        proposal: `
          Keep a checklist template at the account level, used by every workspace, so a change is
          made once.
        `,
      },
    },
    {
      h: 24 * 3 - 2,
      by: "author",
      save: {
        proposal: {
          append: `
            A workspace can add its own items to a shared template, but not remove the account's
            items, so the parts that matter for compliance stay the same everywhere.
          `,
        },
      },
    },
    {
      h: 24 * 2,
      by: "author",
      save: {
        who_benefits: {
          text: `
            Accounts with many sites doing the same work: clinics, practices, stores, depots.
          `,
        },
      },
    },
    { h: 24 * 2 - 1, by: "author", invite: "clinics" },
    {
      h: 30,
      by: "priya",
      id: "versions",
      section: "proposal",
      quote: "so a change is made once",
      comment:
        "When a template changes, what should happen to checklists already in progress: finish on the old version, or switch?",
    },
  ],
};

const DEMO_PROPOSALS = [
  CHECKLIST_TEMPLATES,
  OFFLINE_CHECKLISTS,
  SLA_PAUSE,
  COST_COLUMNS,
  STATUS_PAGE,
  WORKING_DAYS,
];

// --- Acting them out ---------------------------------------------------------------------------------

/** The scripts' markup, each block on one line (list items on their own), so edits can find words. */
function normalize(markup: string): string {
  const marker = /^(- |\d+\. )/;
  return markup
    .trim()
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0)
    .map((lines) => {
      if (!marker.test(lines[0])) return lines.join(" ");
      const items: string[] = [];
      for (const line of lines) {
        if (marker.test(line)) items.push(line);
        else items[items.length - 1] += ` ${line}`;
      }
      return items.join("\n");
    })
    .join("\n\n");
}

type CommentRow = typeof proposalComments.$inferInsert & { id: string; createdAt: Date };
type PlannedPost = {
  id: string;
  threadId: string;
  position: number;
  authorId: string;
  createdAt: number;
  body: RichTextDoc;
  bodyHtml: string;
  bodyText: string;
  /** For the opening post: the last save (saveProposal marks the post edited). */
  editedAt: number | null;
};

/**
 * Seeds the demo's proposals (after the forums, whose spaces and ideas they refer to), inside the
 * demo's transaction. Everything is dated between each person joining and now.
 */
export async function seedDemoProposals(
  tx: Db,
  people: DemoPerson[],
  random: Random,
  clock: { now: number },
): Promise<void> {
  const { now } = clock;
  const latest = now - MINUTE_MS;
  const byHandle = new Map(people.map((person) => [person.handle, person]));
  const byId = new Map(people.map((person) => [person.id, person]));
  const isNamed = (who: string): who is NamedHandle =>
    (NAMED_PEOPLE as readonly string[]).includes(who);
  const isStaff = (person: DemoPerson) => person.role === "staff" || person.role === "admin";
  const ines = byHandle.get("ines")!;
  const sam = byHandle.get("sam")!;
  const castable = people.filter((p) => p.role === "member" && p !== ines && p !== sam);
  /** Proposals each member has a part in so far: the demo spreads its voices around. */
  const appearances = new Map<string, number>();

  const spaceWatchRows = await tx.execute<{
    user_id: string;
    space_id: string;
    created_at: Date;
  }>(sql`select user_id, space_id, created_at from space_watches`);
  const spaceRows = await tx.execute<{ id: string; slug: SpaceSlug; visibility: string }>(
    sql`select id, slug, visibility from spaces`,
  );
  const spaceIdOf = (slug: SpaceSlug) => {
    const space = spaceRows.find((row) => row.slug === slug);
    if (!space) throw new Error(`Proposals: there is no ${slug} space`);
    // Everyone the scripts cast can see an open space; a gated one would need the forums' rules.
    if (space.visibility !== "members") throw new Error(`Proposals: ${slug} isn't open to all`);
    return space.id;
  };

  const threadRows: Array<typeof threads.$inferInsert> = [];
  const postRows: PlannedPost[] = [];
  const revisionPostRows: Array<typeof postRevisions.$inferInsert> = [];
  const proposalRows: Array<typeof proposals.$inferInsert> = [];
  const proposalRevisionRows: Array<typeof proposalRevisions.$inferInsert> = [];
  const coauthorRows: Array<typeof proposalCoauthors.$inferInsert> = [];
  const commentRows: CommentRow[] = [];
  const endorsementRows: Array<typeof proposalEndorsements.$inferInsert> = [];
  const stageChangeRows: Array<typeof proposalStageChanges.$inferInsert> = [];
  const watchRows: Array<{ userId: string; threadId: string; createdAt: Date }> = [];
  const readRows: Array<{
    userId: string;
    threadId: string;
    lastReadPosition: number;
    updatedAt: Date;
  }> = [];
  const noticeRows: Array<typeof notifications.$inferInsert> = [];

  for (const script of DEMO_PROPOSALS) {
    const where = script.title;
    const threadId = randomUUID();
    const spaceId = spaceIdOf(script.space);

    // When each event happens: a few minutes either side of its hour, always in order.
    const times = script.events.map(
      (event) => now - event.h * HOUR_MS - random.between(0, 12) * MINUTE_MS,
    );
    times.forEach((at, index) => {
      if (at > latest) throw new Error(`${where}: event ${index + 1} is after now`);
      if (index > 0 && at <= times[index - 1])
        throw new Error(`${where}: event ${index + 1} comes before the one above it`);
    });

    // The source idea, and its author if the proposal is theirs.
    let sourceIdea: { id: string; author_id: string | null; created_at: Date } | null = null;
    if (script.fromIdea) {
      const [idea] = await tx.execute<{ id: string; author_id: string | null; created_at: Date }>(
        sql`select id, author_id, created_at from threads where kind = 'idea' and title = ${script.fromIdea}`,
      );
      if (!idea) throw new Error(`${where}: there is no idea titled "${script.fromIdea}"`);
      if (new Date(idea.created_at).getTime() >= times[0])
        throw new Error(`${where}: it starts before the idea it comes from`);
      sourceIdea = idea;
    }

    // Casting, in order of each part's first event.
    const cast = new Map<string, DemoPerson>();
    const inProposal = new Set<string>();
    script.events.forEach((event, index) => {
      for (const who of [event.by, "invite" in event ? event.invite : null]) {
        if (!who || isNamed(who) || cast.has(who)) continue;
        const spec = script.cast[who];
        if (!spec) throw new Error(`${where}: nobody plays "${who}"`);
        let person: DemoPerson | undefined;
        if (spec === "ideaAuthor") {
          if (!sourceIdea?.author_id) throw new Error(`${where}: "${who}" needs a source idea`);
          person = byId.get(sourceIdea.author_id);
          if (!person || person.role !== "member")
            throw new Error(`${where}: the idea's author isn't a member`);
        } else {
          const candidates = castable.filter(
            (p) =>
              (spec === "members" || p.accountName === spec.account) &&
              !inProposal.has(p.id) &&
              p.joinedAt.getTime() <= times[index] - 6 * HOUR_MS,
          );
          if (candidates.length === 0) throw new Error(`${where}: nobody fits "${who}"`);
          const fewest = Math.min(...candidates.map((p) => appearances.get(p.id) ?? 0));
          person = random.pick(candidates.filter((p) => (appearances.get(p.id) ?? 0) === fewest));
        }
        cast.set(who, person);
        inProposal.add(person.id);
        appearances.set(person.id, (appearances.get(person.id) ?? 0) + 1);
      }
    });
    const resolve = (who: string) => {
      const person = isNamed(who) ? byHandle.get(who) : cast.get(who);
      if (!person) throw new Error(`${where}: nobody plays "${who}"`);
      return person;
    };
    const asScriptPerson = (part: string) => {
      const person = resolve(part);
      return {
        id: person.id,
        handle: person.handle,
        displayName: person.displayName,
        accountName: person.accountName,
      };
    };

    /** Reads the sections as the proposal editor sends them: each one's editor JSON. */
    const readDocument = (markup: Partial<Record<ProposalSection, string>>) => {
      const fields = Object.fromEntries(
        Object.entries(markup).map(([key, text]) => [
          key,
          { json: JSON.stringify(parseMarkup(text, asScriptPerson).doc) },
        ]),
      );
      const read = readProposalDocument(fields);
      if (!read.ok) throw new Error(`${where}: ${JSON.stringify(read.fieldErrors)}`);
      return read.sections;
    };
    /** A rationale as staff type it in the stage form's textarea: plain paragraphs. */
    const rationaleText = (text: string) => {
      const { doc, quotes } = parseMarkup(normalize(text), asScriptPerson);
      if (quotes.length || doc.content?.some((block) => block.type !== "paragraph"))
        throw new Error(`${where}: a rationale is plain paragraphs`);
      return plainTextOf(doc);
    };

    // The proposal as it stands, replayed event by event with the models' rules.
    const [startEvent] = script.events;
    if (!("start" in startEvent)) throw new Error(`${where}: the first event starts it`);
    const author = resolve(startEvent.by);
    let title = script.title;
    let markup: Partial<Record<ProposalSection, string>> = {};
    let sections: ProposalSections = {};
    let revision = 0;
    let stage: ProposalStage = "draft";
    let stageChangedAt = times[0];
    let updatedAt = times[0];
    let lastSaveAt = times[0];
    const coauthors = new Map<string, (typeof coauthorRows)[number]>();
    const comments = new Map<string, CommentRow>();
    const endorsements = new Map<string, (typeof endorsementRows)[number]>();
    const watchers = new Map<string, number>();
    /** The last moment each person did something here: they have read it up to then. */
    const activity = new Map<string, number>();
    const touch = (person: DemoPerson, at: number) =>
      activity.set(person.id, Math.max(activity.get(person.id) ?? 0, at));
    const watch = (person: DemoPerson, at: number) => {
      if (!watchers.has(person.id)) watchers.set(person.id, at);
    };
    const threadPosts: PlannedPost[] = [];
    const partOf = (person: DemoPerson) => {
      if (person.id === author.id) return "author";
      const status = coauthors.get(person.id)?.status;
      return status === "accepted" ? "coauthor" : status === "invited" ? "invited" : null;
    };
    const writes = (person: DemoPerson) => {
      const part = partOf(person);
      return part === "author" || part === "coauthor";
    };
    const active = () => stage === "draft" || stage === "open" || stage === "under_review";
    const spaceWatchers = (at: number) =>
      spaceWatchRows
        .filter((row) => row.space_id === spaceId && new Date(row.created_at).getTime() <= at)
        .map((row) => row.user_id);
    const notices: Array<{
      userId: string;
      kind: NotificationKind;
      post: PlannedPost;
      actorId: string;
      createdAt: number;
    }> = [];
    /** As the app's notifications go: one each, for the strongest reason, if they can see it. */
    const notify = (
      actor: DemoPerson,
      post: PlannedPost,
      at: number,
      candidates: ReadonlyArray<
        readonly [userId: string, kind: NotificationKind, strength: number]
      >,
    ) => {
      const strongest = new Map<string, { kind: NotificationKind; strength: number }>();
      for (const [userId, kind, strength] of candidates) {
        const known = strongest.get(userId);
        if (userId !== actor.id && (!known || strength < known.strength))
          strongest.set(userId, { kind, strength });
      }
      for (const [userId, { kind }] of strongest) {
        const person = byId.get(userId)!;
        if (person.joinedAt.getTime() > at) continue;
        if (stage === "draft" && !isStaff(person) && partOf(person) === null) continue;
        notices.push({ userId, kind, post, actorId: actor.id, createdAt: at });
      }
    };

    const record = (
      by: DemoPerson,
      at: number,
      nextTitle: string,
      next: ProposalSections,
      changed: ProposalSection[],
    ) => {
      revision += 1;
      proposalRevisionRows.push({
        threadId,
        revision,
        authorId: by.id,
        title: nextTitle,
        sections: next,
        changed,
        createdAt: new Date(at),
      });
      // A passage comment whose words left its section is outdated: marked, never dropped.
      for (const comment of comments.values()) {
        if (comment.outdatedAt || !comment.quote || !changed.includes(comment.section)) continue;
        if (!(next[comment.section]?.text ?? "").includes(comment.quote))
          comment.outdatedAt = new Date(at);
      }
      title = nextTitle;
      sections = next;
      updatedAt = at;
    };

    script.events.forEach((event, index) => {
      const at = times[index];
      const by = resolve(event.by);
      const label = `${where}, event ${index + 1}`;
      if (by.joinedAt.getTime() >= at) throw new Error(`${label}: ${by.handle} hasn't joined yet`);
      const sees = stage !== "draft" || isStaff(by) || partOf(by) !== null;
      if (!sees) throw new Error(`${label}: ${by.handle} can't see the draft`);

      if ("start" in event) {
        if (index !== 0) throw new Error(`${label}: a proposal starts once`);
        markup = Object.fromEntries(
          Object.entries(event.start).map(([key, text]) => [key, normalize(text)]),
        );
        const started = readDocument(markup);
        // As createThread and startProposal write it: the author co-authors from the start.
        coauthors.set(by.id, {
          threadId,
          userId: by.id,
          status: "accepted",
          invitedById: by.id,
          invitedAt: new Date(at),
          respondedAt: new Date(at),
        });
        record(
          by,
          at,
          title,
          started,
          PROPOSAL_SECTIONS.filter((key) => started[key]),
        );
        const post = documentAsPost(started);
        const opening: PlannedPost = {
          id: randomUUID(),
          threadId,
          position: 1,
          authorId: by.id,
          createdAt: at,
          body: post.body as RichTextDoc,
          bodyHtml: post.bodyHtml,
          bodyText: post.bodyText,
          editedAt: null,
        };
        threadPosts.push(opening);
        revisionPostRows.push({
          postId: opening.id,
          revision: 1,
          title,
          body: post.body,
          bodyText: post.bodyText,
          editorId: by.id,
          createdAt: new Date(at),
        });
        watch(by, at);
      } else if ("save" in event) {
        if (!writes(by)) throw new Error(`${label}: only co-authors edit a proposal`);
        if (!active()) throw new Error(`${label}: a decided proposal's text is final`);
        const nextMarkup = { ...markup };
        for (const [key, edit] of Object.entries(event.save) as Array<
          [ProposalSection, SectionEdit]
        >) {
          const current = nextMarkup[key] ?? "";
          if ("text" in edit) nextMarkup[key] = normalize(edit.text);
          else if ("append" in edit) {
            if (!current) throw new Error(`${label}: nothing in ${key} to append to`);
            nextMarkup[key] = `${current}\n\n${normalize(edit.append)}`;
          } else if ("replace" in edit) {
            const [from, to] = edit.replace;
            if (current.split(from).length !== 2)
              throw new Error(`${label}: "${from}" must occur once in ${key}`);
            nextMarkup[key] = current.replace(from, to);
          } else delete nextMarkup[key];
        }
        const next = readDocument(nextMarkup);
        const nextTitle = event.title ?? title;
        // saveProposal's merge, based on the current revision (nobody saved in between).
        const current = { title, sections };
        const merge = mergeDocuments(current, current, { title: nextTitle, sections: next });
        if (!merge.ok) throw new Error(`${label}: a save without others can't conflict`);
        if (merge.changed.length === 0 || merge.changed.length > 2)
          throw new Error(`${label}: each save changes one or two sections`);
        markup = nextMarkup;
        record(by, at, merge.merged.title, merge.merged.sections, merge.changed);
        lastSaveAt = at;
        touch(by, at);
      } else if ("invite" in event) {
        const invitee = resolve(event.invite);
        if (partOf(by) !== "author") throw new Error(`${label}: only the author invites`);
        if (!active()) throw new Error(`${label}: a decided proposal takes no co-authors`);
        if (partOf(invitee) !== null) throw new Error(`${label}: already co-authoring`);
        if (invitee.role !== "member" && !isStaff(invitee))
          throw new Error(`${label}: invite a member or a staff member`);
        if (invitee.joinedAt.getTime() >= at) throw new Error(`${label}: not a member yet`);
        coauthors.set(invitee.id, {
          threadId,
          userId: invitee.id,
          status: "invited",
          invitedById: by.id,
          invitedAt: new Date(at),
          respondedAt: null,
        });
        touch(by, at);
        // The invitation is a notification about the opening post (notifyPeople).
        notify(by, threadPosts[0], at, [[invitee.id, "proposal_invite", 1]]);
      } else if ("answer" in event) {
        const row = coauthors.get(by.id);
        if (row?.status !== "invited") throw new Error(`${label}: there is no invitation`);
        row.status = event.answer === "accept" ? "accepted" : "declined";
        row.respondedAt = new Date(at);
        if (event.answer === "accept") watch(by, at);
        touch(by, at);
      } else if ("open" in event) {
        if (!writes(by)) throw new Error(`${label}: only co-authors open their draft`);
        if (stage !== "draft") throw new Error(`${label}: it is already open`);
        stageChangeRows.push({
          threadId,
          fromStage: stage,
          toStage: "open",
          actorId: by.id,
          rationale: "",
          createdAt: new Date(at),
        });
        stage = "open";
        stageChangedAt = updatedAt = at;
        touch(by, at);
        // Opened for feedback, it is announced like a new thread (notifyAboutNewPost).
        notify(by, threadPosts[0], at, [
          ...[...watchers.keys()].map((userId) => [userId, "watched_thread", 3] as const),
          ...spaceWatchers(at).map((userId) => [userId, "watched_space", 4] as const),
        ]);
      } else if ("stage" in event) {
        if (!isStaff(by)) throw new Error(`${label}: only staff move a proposal beyond feedback`);
        if (stage === event.stage) throw new Error(`${label}: it is already ${stage}`);
        // setProposalStage, then the rationale as a reply (createReply) that tells the people
        // concerned (notifyAboutNewPost): co-authors and endorsers by name, watchers as a reply.
        const rationale = rationaleText(event.text);
        if (!rationale.trim()) throw new Error(`${label}: staff say why`);
        stageChangeRows.push({
          threadId,
          fromStage: stage,
          toStage: event.stage,
          actorId: by.id,
          rationale: rationale.trim(),
          createdAt: new Date(at),
        });
        stage = event.stage;
        stageChangedAt = updatedAt = at;
        const announced = readPostContent(
          undefined,
          `${proposalStageLabels[event.stage]}: ${rationale}`,
        );
        if (!announced.ok) throw new Error(`${label}: ${announced.message}`);
        const postAt = at + 2_000;
        if (postAt > latest || (index + 1 < times.length && postAt >= times[index + 1]))
          throw new Error(`${label}: the next event comes too soon`);
        const post: PlannedPost = {
          id: randomUUID(),
          threadId,
          position: threadPosts.length + 1,
          authorId: by.id,
          createdAt: postAt,
          body: announced.content.body,
          bodyHtml: announced.content.bodyHtml,
          bodyText: announced.content.bodyText,
          editedAt: null,
        };
        threadPosts.push(post);
        revisionPostRows.push({
          postId: post.id,
          revision: 1,
          title: null,
          body: post.body,
          bodyText: post.bodyText,
          editorId: by.id,
          createdAt: new Date(postAt),
        });
        touch(by, postAt);
        const audience = [
          ...[...coauthors.values()].filter((row) => row.status === "accepted"),
          ...endorsements.values(),
        ].map((row) => row.userId);
        notify(by, post, postAt, [
          ...audience.map((userId) => [userId, "proposal_stage", 2] as const),
          ...[...watchers.keys()].map((userId) => [userId, "watched_thread", 3] as const),
        ]);
      } else if ("endorse" in event) {
        if (by.role !== "member") throw new Error(`${label}: customers endorse proposals`);
        if (writes(by)) throw new Error(`${label}: co-authors already stand behind it`);
        if (stage !== "open" && stage !== "under_review")
          throw new Error(`${label}: it takes no endorsements now`);
        const known = endorsements.get(by.id);
        if (known) {
          known.reason = event.endorse;
          known.updatedAt = new Date(at);
        } else {
          endorsements.set(by.id, {
            threadId,
            userId: by.id,
            reason: event.endorse,
            createdAt: new Date(at),
            updatedAt: new Date(at),
          });
        }
        watch(by, at);
        touch(by, at);
      } else if ("comment" in event) {
        if (event.quote && !(sections[event.section]?.text ?? "").includes(event.quote))
          throw new Error(`${label}: "${event.quote}" isn't in the ${event.section} section`);
        const comment: CommentRow = {
          id: randomUUID(),
          threadId,
          section: event.section,
          parentId: null,
          authorId: by.id,
          body: event.comment,
          quote: event.quote ?? null,
          revision,
          resolvedAt: null,
          resolvedById: null,
          outdatedAt: null,
          createdAt: new Date(at),
        };
        if (event.id) {
          if (comments.has(event.id)) throw new Error(`${label}: two comments called ${event.id}`);
          comments.set(event.id, comment);
        }
        commentRows.push(comment);
        touch(by, at);
      } else if ("reply" in event) {
        const parent = comments.get(event.to);
        if (!parent) throw new Error(`${label}: no comment called ${event.to}`);
        commentRows.push({
          id: randomUUID(),
          threadId,
          section: parent.section,
          parentId: parent.id,
          authorId: by.id,
          body: event.reply,
          quote: null,
          revision,
          resolvedAt: null,
          resolvedById: null,
          outdatedAt: null,
          createdAt: new Date(at),
        });
        touch(by, at);
      } else if ("resolve" in event) {
        if (!writes(by) && !isStaff(by))
          throw new Error(`${label}: co-authors and staff resolve comments`);
        const comment = comments.get(event.resolve);
        if (!comment) throw new Error(`${label}: no comment called ${event.resolve}`);
        comment.resolvedAt = new Date(at);
        comment.resolvedById = by.id;
        touch(by, at);
      }
    });

    // Whoever was told came to look, mostly within a day; some never did. Anyone who reads the
    // thread at all reads past what they were told about (the read marker clears it).
    for (const notice of notices) {
      const seen = activity.has(notice.userId);
      if (!seen && (notice.createdAt > latest - 12 * HOUR_MS || random.next() < 0.25)) continue;
      const person = byId.get(notice.userId)!;
      touch(person, Math.min(notice.createdAt + random.between(0.2, 30) * HOUR_MS, latest));
    }
    const positionAt = (at: number) => threadPosts.filter((post) => post.createdAt <= at).at(-1)!;
    const reads = new Map<string, { position: number; at: number }>();
    // createThread marks the opening read by its author; later visits move the marker on.
    reads.set(author.id, { position: 1, at: times[0] });
    for (const [userId, at] of activity) {
      const readAt = Math.min(at + random.next() ** 2 * 2 * DAY_MS, latest);
      reads.set(userId, { position: positionAt(readAt).position, at: readAt });
    }
    for (const notice of notices) {
      const read = reads.get(notice.userId);
      const emailedAt = IMMEDIATE.has(notice.kind)
        ? notice.createdAt + random.between(1, 3) * MINUTE_MS
        : nextDigest(notice.createdAt);
      noticeRows.push({
        userId: notice.userId,
        kind: notice.kind,
        threadId,
        postId: notice.post.id,
        actorId: notice.actorId,
        createdAt: new Date(notice.createdAt),
        readAt: read && read.position >= notice.post.position ? new Date(read.at) : null,
        emailedAt: emailedAt <= latest ? new Date(emailedAt) : null,
      });
    }

    const opening = threadPosts[0];
    const last = threadPosts.at(-1)!;
    const document = documentAsPost(sections);
    opening.body = document.body as RichTextDoc;
    opening.bodyHtml = document.bodyHtml;
    opening.bodyText = document.bodyText;
    opening.editedAt = revision > 1 ? lastSaveAt : null;
    threadRows.push({
      id: threadId,
      spaceId,
      authorId: author.id,
      kind: "proposal",
      title,
      replyCount: threadPosts.length - 1,
      lastPosition: last.position,
      createdAt: new Date(times[0]),
      // A save is activity too (saveProposal), as is each reply.
      lastActivityAt: new Date(Math.max(last.createdAt, lastSaveAt)),
    });
    postRows.push(...threadPosts);
    proposalRows.push({
      threadId,
      stage,
      revision,
      sections,
      sectionsHtml: renderSectionsHtml(sections),
      sourceIdeaId: sourceIdea?.id ?? null,
      endorsementCount: endorsements.size,
      updatedAt: new Date(updatedAt),
      stageChangedAt: new Date(stageChangedAt),
    });
    coauthorRows.push(...coauthors.values());
    endorsementRows.push(...endorsements.values());
    for (const [userId, at] of watchers)
      watchRows.push({ userId, threadId, createdAt: new Date(at) });
    for (const [userId, read] of reads)
      readRows.push({
        userId,
        threadId,
        lastReadPosition: read.position,
        updatedAt: new Date(read.at),
      });
  }

  // --- Writing it all down -----------------------------------------------------------------------
  await tx.insert(threads).values(threadRows);
  await tx.insert(posts).values(
    postRows.map((post) => {
      const thread = threadRows.find((row) => row.id === post.threadId)!;
      return {
        id: post.id,
        threadId: post.threadId,
        authorId: post.authorId,
        position: post.position,
        replyToPostId: null,
        body: post.body,
        bodyHtml: post.bodyHtml,
        bodyText: post.bodyText,
        searchTitle: post.position === 1 ? thread.title : null,
        createdAt: new Date(post.createdAt),
        editedAt: post.editedAt === null ? null : new Date(post.editedAt),
      };
    }),
  );
  await tx.insert(postRevisions).values(revisionPostRows);
  await tx.insert(proposals).values(proposalRows);
  await tx.insert(proposalRevisions).values(proposalRevisionRows);
  await tx.insert(proposalCoauthors).values(coauthorRows);
  // Conversations' first comments, then the replies that point at them.
  await tx.insert(proposalComments).values(commentRows.filter((row) => !row.parentId));
  const replies = commentRows.filter((row) => row.parentId);
  if (replies.length) await tx.insert(proposalComments).values(replies);
  await tx.insert(proposalEndorsements).values(endorsementRows);
  await tx.insert(proposalStageChanges).values(stageChangeRows);
  await tx.insert(threadWatches).values(watchRows);
  await tx.insert(threadReads).values(readRows);
  if (noticeRows.length) await tx.insert(notifications).values(noticeRows);

  // Everyone was last seen no earlier than the last thing they did here.
  await tx.execute(sql`
    update users set last_seen_at = greatest(users.last_seen_at, done.at)
    from (
      select user_id, max(at) as at from (
        select author_id as user_id, created_at as at from posts
        union all select author_id, created_at from proposal_revisions
        union all select author_id, created_at from proposal_comments
        union all select resolved_by_id, resolved_at from proposal_comments
          where resolved_at is not null
        union all select user_id, updated_at from proposal_endorsements
        union all select user_id, responded_at from proposal_coauthors
          where responded_at is not null
        union all select invited_by_id, invited_at from proposal_coauthors
        union all select actor_id, created_at from proposal_stage_changes
        union all select user_id, updated_at from thread_reads
        union all select user_id, read_at from notifications where read_at is not null
      ) everything where user_id is not null group by user_id
    ) done
    where users.id = done.user_id`);
}
