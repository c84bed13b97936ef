import type { seededRandom } from "./random";
import {
  defineThread,
  type CastEntry,
  type IntroductionThreadScript,
  type ScriptPost,
  type ThreadScript,
} from "./script";

/**
 * The demo's conversations, written for their threads: questions get answers, staff answer on
 * topic, quotes come from the post they reply to. Placeholders (`{part}`, `@{part}`,
 * `{part.company}`) are filled with the people forums.ts casts; see `parseMarkup`.
 *
 * Times are hours before the seed runs. Threads that refer to each other are placed in order:
 * the residency thread (council) comes before the roadmap thread that lists its outcome, and the
 * reporting beta thread points at the scheduled-exports thread that opened just before.
 */

export const WELCOME_THREAD: IntroductionThreadScript = {
  space: "lounge",
  title: "Welcome — introduce yourself here",
  opening: {
    by: "admin",
    text: `
      Welcome to the community! This is a place for the people who run our product every day to
      compare notes with each other, and to tell us, the product team, what we're getting wrong.

      A few things worth knowing:

      - Everyone here was invited. Most of you run operations, support, IT or analytics at your company.
      - Staff read the open spaces, and each space says at the top who observes it. When we answer, we answer by name.
      - What you post is yours. Your profile shows everything we hold about you, and you can export it or leave at any time.

      Start here: tell us who you are, what you do at your company, and one thing you'd like to
      learn from the others. I'll go first: I'm Alex, I run this community and look after the
      invitations to it.
    `,
  },
  introductions: [
    {
      by: "ines",
      text: `
        Hi all, Inès here. I head operations at Northwind: about 60 teams on the platform across
        eight countries, so most of my questions will be about doing things at scale without a
        central bottleneck. I'm also hoping to steal some of your quarterly business review
        formats; ours have become long status meetings.
      `,
      answers: [
        {
          by: "maya",
          after: 2,
          text: `
            Welcome, Inès! Maya here; I look after insights and the roadmap. Your team's feedback on
            bulk permissions shaped our last release, so it's good to have you in the room. If you
            start a thread about QBR formats, I suspect half the community will answer it.
          `,
        },
      ],
    },
    {
      by: { account: "Globex" },
      role: "Director of Customer Operations",
      text: `
        Hello from Globex. I'm {me}, director of customer operations: 140 agents in three time
        zones. We moved our escalation workflows onto the platform last year. I'd like to learn how
        others report on SLA breaches without drowning in dashboards.
      `,
      answers: [
        {
          by: "priya",
          after: 3,
          text: `
            Welcome, {me}! "Drowning in dashboards" is a phrase I hear a lot in research calls.
            Would you be up for a 30-minute conversation about SLA reporting in the next few weeks?
            No slides, just how your team works today.
          `,
        },
        {
          by: "me",
          after: 1.5,
          text: "Happy to. Send me a couple of times and I'll bring one of our team leads along.",
        },
      ],
    },
    {
      by: { account: "Initech" },
      role: "Business Systems Analyst",
      text: `
        I'm {me}, business systems analyst at Initech. I'm the person who gets every "can the
        platform do X?" question, so I'll mostly read and learn. Current project: replacing a pile
        of spreadsheets that track vendor onboarding.
      `,
      answers: [
        {
          by: "jonas",
          after: 4,
          text: `
            Welcome, {me}. Vendor onboarding spreadsheets are my favourite kind of problem. If you
            can share the columns you track (redacted is fine), I'd love to see what the
            spreadsheet does that the platform doesn't yet.
          `,
        },
      ],
    },
    {
      by: { account: "Umbrella Health" },
      role: "Head of Clinical Operations",
      text: `
        Hi, {me} from Umbrella Health. I run clinical operations for our 30 clinics. Everything we
        do has to survive an audit, so I'm interested in how others handle approvals and audit
        trails without slowing their teams down.
      `,
      answers: [
        {
          by: "maya",
          after: 2.5,
          text: `
            Welcome, {me}. Audit trails come up with almost every healthcare customer we talk to.
            We're writing up exactly what the audit log covers today and what it doesn't; I'll
            post it in this community when it's ready.
          `,
        },
      ],
    },
    {
      by: { account: "Stark Logistics" },
      role: "VP of Operations",
      text: `
        {me} here, VP of operations at Stark Logistics: 40 depots, a lot of trucks and never
        enough dispatchers. We use the platform for depot checklists and incident reporting. I'd
        like to compare notes with anyone running frontline teams mostly on phones.
      `,
      answers: [
        {
          by: "theo",
          after: 1,
          text: `
            Welcome aboard, {me}! The Operations practices space is where the frontline
            conversations happen. A thread on mobile checklists would find an audience there.
          `,
        },
      ],
    },
    {
      by: { account: "Wayne Analytics" },
      role: "Analytics Lead",
      betaTester: true,
      text: `
        Hello, I'm {me}, analytics lead at Wayne Analytics. My team builds reporting on top of the
        platform's API, so expect questions from me about rate limits and export formats.
      `,
      answers: [
        {
          by: "maya",
          after: 5,
          text: `
            Welcome, {me}. You're exactly the kind of person we want in the reporting beta once it
            opens; I'll make sure you get an invitation.
          `,
        },
      ],
    },
    {
      by: { account: "Hooli" },
      role: "IT Director",
      text: `
        {me}, IT director at Hooli. I own identity and access, so SSO, SCIM and offboarding are my
        daily bread. I'd like to hear how others keep licences clean when people move between
        teams.
      `,
      answers: [
        {
          by: "priya",
          after: 2,
          text: `
            Welcome, {me}! Licence hygiene is a theme we keep hearing about. If you ever write up
            how you run SCIM at Hooli, the Operations practices space would appreciate it.
          `,
        },
      ],
    },
    {
      by: { account: "Tyrell Systems" },
      role: "Customer Success Manager",
      text: `
        Hi everyone, I'm {me}, a customer success manager at Tyrell Systems. I look after our own
        customers' onboarding, and we run it all on the platform. Looking for ideas to get new
        customers to their first result faster.
      `,
      answers: [
        {
          by: "jonas",
          after: 3,
          text: `
            Welcome, {me}. Time to first result is something we obsess over too. Keep an eye on the
            Operations practices space: a few members have shared onboarding changes that worked.
          `,
        },
      ],
    },
    {
      by: { account: "Soylent Foods" },
      role: "Plant Operations Manager",
      text: `
        Hello! {me} from Soylent Foods. I manage operations at our largest plant, three shifts a
        day. Shift handovers are where things get lost for us, so I'm curious how others structure
        them on the platform.
      `,
      answers: [
        {
          by: "theo",
          after: 2,
          text: `
            Welcome, {me}. Shift handovers are a great topic for the Operations practices space; I
            know at least two other manufacturers here who would have opinions.
          `,
        },
      ],
    },
    {
      by: { account: "Pied Piper" },
      role: "Head of Support",
      text: `
        I'm {me}, head of support at Pied Piper. Small team, fast-growing product, a lot of
        tickets. Mostly here to learn how larger support teams keep their knowledge base from
        going stale.
      `,
      answers: [
        {
          by: "priya",
          after: 4,
          text: `
            Welcome, {me}! Stale knowledge bases come up in nearly every support team I talk to.
            If you start a thread, I'll make sure the people who've solved it see it.
          `,
        },
      ],
    },
    {
      by: { account: "Fairview Clinics" },
      role: "Practice Operations Lead",
      text: `
        Hi, I'm {me}, practice operations lead at Fairview Clinics. Twelve clinics, one small
        central team. I'm interested in how others roll out changes to many sites without a
        month of phone calls.
      `,
      answers: [
        {
          by: "maya",
          after: 3,
          text: `
            Welcome, {me}. Rolling out changes across sites is a big theme in the Top 10%
            roundtable too; I'll bring back anything that transfers to a team your size.
          `,
        },
      ],
    },
    {
      by: "sam",
      text: `
        Hi! Sam, founder of SmallCo. We're four people, so I'm operations, support and the person
        who fixes the printer. We're probably the smallest customer here. I'm here to learn what
        the big teams do and steal whatever fits a team of four.
      `,
      answers: [
        {
          by: "admin",
          after: 1.5,
          text: `
            Welcome, Sam. Small teams are very welcome here; some of the best ideas in this product
            came from teams of five or fewer. Don't be shy about posting.
          `,
        },
      ],
    },
    {
      by: { account: "Lakeshore Schools" },
      role: "Director of IT",
      text: `
        Hello, {me} here, director of IT for Lakeshore Schools: 18 schools and one IT team that's
        smaller than it should be. We use the platform for facilities requests and IT tickets.
        I'd like to learn how others handle summer, when everything happens at once.
      `,
      answers: [
        {
          by: "jonas",
          after: 2,
          text: `
            Welcome, {me}. "Everything happens at once" is a good description of a school summer. If
            you'd share how you plan it, I think other seasonal businesses here would learn a lot.
          `,
        },
      ],
    },
    {
      by: { account: "Redwood Bakeries" },
      role: "Operations Coordinator",
      text: `
        Hi all, {me} from Redwood Bakeries. I coordinate operations across our six bakeries:
        deliveries, maintenance, and everything in between. We're a small account but a heavy
        user of checklists.
      `,
      answers: [
        {
          by: "theo",
          after: 1,
          text: `
            Welcome, {me}! Checklist power users are very welcome; a few people in the Operations
            practices space would love to see how you set yours up.
          `,
        },
      ],
    },
    {
      by: { account: "Brightside Solar" },
      role: "Field Service Manager",
      text: `
        I'm {me}, field service manager at Brightside Solar. Our installers are on roofs all day,
        so anything that works offline matters to us. Happy to share what we've learned about
        field teams.
      `,
      answers: [
        {
          by: "maya",
          after: 3.5,
          text: `
            Welcome, {me}. Offline use is on our list of candidates for next year, and I'd love to
            hear what your installers do when the signal drops. Could I message you about it?
          `,
        },
        {
          by: "me",
          after: 2,
          text: "Of course. Short version: paper, and then someone types it in at the end of the day.",
        },
      ],
    },
    {
      by: { account: "Marlowe Legal" },
      role: "Legal Operations Manager",
      text: `
        Hello, {me} from Marlowe Legal. I run legal operations: intake, matter tracking, and
        trying to get lawyers to use any system at all. Looking forward to learning from people
        outside law.
      `,
      answers: [
        {
          by: "priya",
          after: 2,
          text: `
            Welcome, {me}! Getting lawyers to use a system is a research topic all of its own. I'd
            love to hear what's worked for you so far.
          `,
        },
      ],
    },
    {
      by: { account: "Meridian Apparel" },
      role: "Supply Chain Analyst",
      text: `
        Hi, {me} here, supply chain analyst at Meridian Apparel. I track supplier issues and
        shipment delays. Interested in how others turn operational data into something leadership
        actually reads.
      `,
      answers: [
        {
          by: "jonas",
          after: 5,
          text: `
            Welcome, {me}. "Something leadership actually reads" is the whole challenge. The
            quarterly business review thread in Operations practices might be a good place to start.
          `,
        },
      ],
    },
    {
      by: { account: "Cobalt Robotics" },
      role: "Manufacturing Engineering Manager",
      text: `
        I'm {me}, manufacturing engineering manager at Cobalt Robotics. We track engineering
        change requests on the platform, with approvals from three departments. Happy to swap
        notes on approval chains.
      `,
      answers: [
        {
          by: "maya",
          after: 2,
          text: `
            Welcome, {me}. Approval chains with more than two steps are a frequent request; I'd be
            interested to know how you model the third department today.
          `,
        },
      ],
    },
    {
      by: { account: "Halcyon Insurance" },
      role: "Claims Operations Supervisor",
      text: `
        Hello everyone, {me} from Halcyon Insurance. I supervise a claims operations team of 25. We
        moved from email queues to the platform this year and haven't looked back. Curious how
        others measure quality, not just speed.
      `,
      answers: [
        {
          by: "priya",
          after: 3,
          text: `
            Welcome, {me}. Quality versus speed is a great question; there's a thread on weekly
            metrics in Operations practices where it would fit well.
          `,
        },
      ],
    },
    {
      by: { account: "Northwind", seat: "newest" },
      role: "Operations Analyst",
      text: `
        Hi everyone, I'm {me}. I joined Northwind's operations team recently as an analyst, and
        {ines} told me this thread is where to start. I'll be building our regional reporting, so
        I'll be following the reporting conversations closely.
      `,
      answers: [
        {
          by: "jonas",
          after: 2,
          text: `
            Welcome, {me}! Regional reporting is close to my heart. If you'd like to try the new
            reports early, say the word and I'll add you to the beta space.
          `,
        },
      ],
    },
  ],
};

const BOOKS = defineThread({
  space: "lounge",
  kind: "discussion",
  title: "Favourite books on running a customer-led company?",
  startedHoursAgo: 24 * 26 + 5,
  lastReplyHoursAgo: 24 * 19 + 2,
  cast: { asker: "members", goal: "members", phoenix: "members", ship: "members", mom: "members" },
  opening: {
    by: "asker",
    text: `
      Looking for recommendations beyond the usual suspects. I've read the obvious ones on
      customer success and churn; I'm after books that changed how you actually run a team that
      serves customers. Fiction counts if it earned it.
    `,
  },
  replies: [
    {
      id: "goal",
      by: "goal",
      text: `
        **The Goal** by Eliyahu Goldratt. It's a novel about a factory, and it's still the best
        explanation of bottlenecks I know. After reading it we stopped measuring how busy each
        team was and started measuring where work waited.
      `,
    },
    {
      by: "phoenix",
      replyTo: "goal",
      text: `
        > we stopped measuring how busy each team was and started measuring where work waited

        That's the lesson that stuck with me too. A second one in the same spirit: **The Phoenix
        Project**, which is The Goal retold for an IT department. Slightly cheesy, very useful.
      `,
    },
    {
      id: "translate",
      by: "asker",
      replyTo: "goal",
      text: `
        Both going on the list, thanks. {goal}, did you get your team to read The Goal, or did you
        translate it for them?
      `,
    },
    {
      by: "goal",
      replyTo: "translate",
      after: 5,
      text: `
        Translated. I ran a one-hour session with a whiteboard and a box of dice, roughly the
        matchsticks-and-bowls game from the book. People remember the dice far better than any
        slide.
      `,
    },
    {
      by: "ship",
      text: `
        Less famous: **Turn the Ship Around!** by David Marquet. A submarine captain stops giving
        orders and asks his crew to say "I intend to…" instead. We borrowed the phrase for our
        on-call handovers and it halved the back-and-forth.
      `,
    },
    {
      id: "priya",
      by: "priya",
      text: `
        Adding one from the research side: **The Mom Test** by Rob Fitzpatrick. It's written for
        founders, but it's the best short guide I know to asking customers questions that don't
        invite polite lies. We give it to every new product manager here.
      `,
    },
    {
      by: "mom",
      replyTo: "priya",
      text: `
        Seconding The Mom Test. We had our account managers read it before renewal calls and
        their notes got noticeably more honest: fewer "customer loves it", more "customer hasn't
        logged in for three months".
      `,
    },
    {
      by: "asker",
      text: `
        Great list, thank you all. Ordering The Goal and Turn the Ship Around! first, and The Mom
        Test for our account team. I'll report back here.
      `,
    },
  ],
});

const RENEWALS = defineThread({
  space: "lounge",
  kind: "insight",
  title: "What a 4-person team learned from automating renewals",
  startedHoursAgo: 30,
  lastReplyHoursAgo: 3,
  cast: { plain: "smaller", bigger: "larger" },
  opening: {
    by: "sam",
    text: `
      We are tiny, so every manual step hurts. Automating renewal reminders freed about a day a
      week.

      ### What we set up

      - A reminder 60 days before renewal, another at 30, a last one at 7
      - Plain-text emails from my own address, not from the marketing tool
      - A task for me only if the customer hasn't replied after the second reminder

      The surprise: customers liked the plain-text reminders more than our designed emails.
      Replies went from about one in ten to almost half.
    `,
  },
  replies: [
    {
      id: "tracking",
      by: "plain",
      replyTo: "opening",
      text: `
        > customers liked the plain-text reminders more than our designed emails

        Same experience here. A designed email reads like marketing; a plain one reads like a
        person who noticed. Did you keep any tracking in the plain-text ones?
      `,
    },
    {
      by: "sam",
      replyTo: "tracking",
      after: 2,
      text: `
        No tracking pixels, no. I only count replies, and that number is honest. If someone
        hasn't replied by the 7-day reminder, I call them.
      `,
    },
    {
      by: "bigger",
      text: `
        We do something similar at {bigger.company} at a much larger scale, and the lesson
        carries: the 60-day reminder matters most, because that's when there's still time to fix
        whatever is bothering the customer.
      `,
    },
    {
      id: "maya",
      by: "maya",
      replyTo: "opening",
      text: `
        Thanks for writing this up, Sam. Would it help if renewal dates from your billing tool
        could trigger automations directly, instead of a date field someone keeps up to date by
        hand? It's on our list, and I'd like to know whether it would have saved you the setup.
      `,
    },
    {
      by: "sam",
      replyTo: "maya",
      after: 1,
      text: `
        Yes, please. The date field is the weak spot: I updated it by hand for two customers last
        month and got one of them wrong. If it came from billing, I'd trust it.
      `,
    },
  ],
});

const ADMIN_HANDOVER = defineThread({
  space: "lounge",
  kind: "discussion",
  title: "Taking over as admin when the old admin leaves",
  startedHoursAgo: 24 * 12 + 8,
  lastReplyHoursAgo: 24 * 9 + 4,
  cast: {
    asker: "members",
    emails: "larger",
    tokens: "members",
    runbook: "smaller",
    call: "members",
  },
  opening: {
    by: "asker",
    text: `
      Our platform admin leaves at the end of the month and I've been asked to take over. She
      built most of our setup over three years and documented about a third of it.

      For those who have been through this: what do you wish you had asked the old admin before
      they left? And how long did it take the new person to feel confident?
    `,
  },
  replies: [
    {
      by: "emails",
      text: `
        Ask for a walk-through of every automation that sends email to customers, with the old
        admin explaining why each one exists. Those are the ones that hurt when they break
        silently. We found two that nobody could explain six months later.
      `,
    },
    {
      id: "three",
      by: "tokens",
      text: `
        Three things from our handover:

        1. List the integrations and who owns each API token. Tokens tied to a personal account stop working when that account is deactivated.
        2. Record a screen-share of the permission setup. Nobody remembers why a group exists.
        3. Keep the old admin's account as a read-only viewer for a few weeks, if your policy allows it.

        It took our new admin about two months to feel confident.
      `,
    },
    {
      id: "which",
      by: "asker",
      replyTo: "three",
      text: `
        > Tokens tied to a personal account stop working when that account is deactivated.

        This one scares me. Is there a way to see which tokens belong to whom before we
        deactivate her?
      `,
    },
    {
      id: "jonas",
      by: "jonas",
      replyTo: "which",
      after: 3,
      text: `
        There is: Admin console → Integrations → API tokens lists every token with its owner and
        when it was last used. Tokens used in the last 30 days are the ones to move to a service
        account first.

        We know that page is hard to find. It moves to the top level of the admin console in the
        next release.
      `,
    },
    {
      by: "asker",
      replyTo: "jonas",
      after: 6,
      text: `
        Found it: eleven tokens, four of them hers and still in use. Moving them to a service
        account this week. Thank you!
      `,
    },
    {
      by: "runbook",
      text: `
        Small-team version: we keep a one-page admin runbook in a shared document and update it
        whenever we change something. Every handover starts with reading it together. Boring,
        and it works.
      `,
    },
    {
      by: "call",
      text: `
        We did this last spring, and the thing I'd add is to shadow the old admin for a week of
        real requests rather than a walk-through. You learn which requests are routine and which
        ones need her judgement. Happy to talk you through what we did
        — call me on +44 20 7946 0321 any afternoon.
      `,
      edit: {
        hoursLater: 2,
        by: "theo",
        reason: "Removed a personal phone number from a post every member can read.",
        replace: {
          from: "— call me on +44 20 7946 0321 any afternoon.",
          to: "(phone number removed by a moderator).",
        },
      },
    },
  ],
});

const SEATS = defineThread({
  space: "lounge",
  kind: "discussion",
  title: "Full seats or viewer seats: how do you decide who gets which?",
  startedHoursAgo: 24 * 8 + 2,
  lastReplyHoursAgo: 24 * 5 + 7,
  cast: {
    asker: { pool: "larger", role: "Director of Business Operations" },
    rule: "members",
    how: "members",
    optin: "members",
  },
  opening: {
    by: "asker",
    text: `
      Renewal is coming up and finance wants to know why we pay for 220 full seats when, by their
      count, half the people only read reports.

      How do you decide who gets a full seat and who gets a viewer seat? Do you review it
      regularly, or only at renewal?
    `,
  },
  replies: [
    {
      id: "rule",
      by: "rule",
      text: `
        We review it every quarter with one rule: if someone hasn't created or edited anything in
        60 days, they move to a viewer seat. They can ask to move back, and very few do. It
        brought our full seats down by about 30%.
      `,
    },
    {
      id: "list",
      by: "how",
      replyTo: "rule",
      text: `
        > if someone hasn't created or edited anything in 60 days, they move to a viewer seat

        How do you get that list? We've been exporting the user list and guessing.
      `,
    },
    {
      by: "rule",
      replyTo: "list",
      after: 4,
      text: `
        Admin console → Usage → export "last edit" per person, then a filter in a spreadsheet.
        It takes me twenty minutes a quarter.
      `,
    },
    {
      id: "maya",
      by: "maya",
      after: 3,
      text: `
        Some context from our side, since seat pricing comes up a lot. Viewer seats are free on
        every plan. A full seat is anyone who creates or edits. The "last edit" export {rule}
        mentioned is the same number we use at renewal, so if you run it before the conversation,
        you and your account manager are looking at the same list.

        We're also looking at making the downgrade automatic, with a notice to the person. Would
        you want that on by default, or opt-in?
      `,
    },
    {
      by: "optin",
      replyTo: "maya",
      text: `
        Opt-in, please. Automatic downgrades sound great until the CFO's chief of staff loses edit
        rights the week before board prep.
      `,
    },
    {
      by: "asker",
      replyTo: "maya",
      text: `
        Opt-in for us too, but with a monthly report of who would have been downgraded. That
        report alone would settle the argument with finance.
      `,
    },
    {
      by: "how",
      text: `
        Ran the export: 84 of our 300 full seats haven't edited anything in the last three
        months. That's our renewal conversation sorted.
      `,
    },
  ],
});

const ONBOARDING = defineThread({
  space: "operations",
  kind: "insight",
  title: "We cut onboarding time from 6 weeks to 9 days",
  startedHoursAgo: 24 * 21 + 6,
  lastReplyHoursAgo: 24 * 15 + 3,
  cast: {
    lead: { pool: "larger", role: "Head of Customer Onboarding" },
    owners: "members",
    outcome: "members",
    tiny: "smaller",
    churn: "members",
  },
  opening: {
    by: "lead",
    text: `
      We mapped every onboarding step for new teams at {lead.company}, removed the ones that
      existed only for our own reporting, and moved training into the first week.

      ### What changed

      - 23 onboarding steps became 9
      - Training happens in week one, on the team's own data, not in a demo workspace
      - One named person owns each new team's first 30 days

      The result: new teams reach their first real outcome in 9 days instead of 6 weeks. Happy to
      share the checklist.
    `,
  },
  replies: [
    {
      id: "owners",
      by: "owners",
      replyTo: "opening",
      text: `
        > removed the ones that existed only for our own reporting

        This is the uncomfortable bit, isn't it. How did you convince the people who owned those
        steps?
      `,
    },
    {
      by: "lead",
      replyTo: "owners",
      after: 3,
      text: `
        Mostly by showing them that nobody read the reports. We asked each owner when they last
        made a decision based on their step's data. For 11 of the 14 steps, the answer was
        "never" or a long pause.
      `,
    },
    {
      id: "outcome",
      by: "outcome",
      text: `
        I'd love the checklist. Also: how do you define "first real outcome"? We argue about that
        internally.
      `,
    },
    {
      by: "lead",
      replyTo: "outcome",
      text: `
        For us it's the first workflow a team runs end to end, on real work, without our help. Not
        a login, not a finished training. The short version of the checklist:

        1. Kick-off with the team lead and one hands-on user
        2. Import their real data on day one
        3. Build their first workflow together on day two
        4. Training in week one, in their own workspace
        5. Review on day nine: did the first workflow run without us?

        The rest of our old list was reporting for us, not progress for them.
      `,
    },
    {
      by: "tiny",
      text: `
        For a team our size the same idea worked even better: we dropped formal training and do
        two one-hour sessions on the customer's own data. Nobody has missed the slides.
      `,
    },
    {
      id: "priya",
      by: "priya",
      text: `
        This is a great write-up. A question for everyone who has tried something like it: did the
        faster start change anything later, like renewals, expansion or support tickets? Our own
        data shows a link between time to first workflow and renewal, and I'd like to know whether
        that matches your experience.
      `,
    },
    {
      by: "lead",
      replyTo: "priya",
      text: `
        Too early for renewals, but support tickets from new teams in their first 90 days are down
        by about a third. Fewer "how do I" questions, because they've already done the thing once.
      `,
    },
    {
      by: "churn",
      replyTo: "priya",
      text: `
        Anecdotally, yes. The two teams that took longest to onboard last year are the two that
        didn't renew.
      `,
    },
    {
      by: "owners",
      text: `
        I'm running the same "when did you last use this data?" exercise on our onboarding steps
        next week. Thanks for the push, {lead}.
      `,
    },
  ],
});

const WEEKLY_METRICS = defineThread({
  space: "operations",
  kind: "discussion",
  title: "Which metrics do you review weekly?",
  startedHoursAgo: 24 * 3 + 4,
  lastReplyHoursAgo: 9,
  cast: { asker: "members", four: "members", old: "members", moved: "members", two: "smaller" },
  opening: {
    by: "asker",
    text: `
      Curious which three or four numbers other members look at every week, and which ones you
      stopped tracking. Our weekly review has 19 metrics on it and I'm fairly sure we act on three.
    `,
  },
  replies: [
    {
      id: "four",
      by: "four",
      text: `
        Four, and we fight to keep it at four:

        - Work items opened vs. closed (is the backlog growing?)
        - Median time to first response
        - Items older than 14 days
        - One team-specific number that changes every quarter

        We stopped tracking total logins. It went up every week and told us nothing.
      `,
    },
    {
      by: "old",
      replyTo: "four",
      text: `
        > Items older than 14 days

        This is the one that changed our behaviour the most, too. Averages hide the old stuff; a
        count of old items doesn't.
      `,
    },
    {
      id: "rotate",
      by: "asker",
      replyTo: "four",
      text: `
        What made you pick a rotating fourth metric? I like it, but I can't tell whether it's
        genius or a way to avoid arguments.
      `,
    },
    {
      by: "four",
      replyTo: "rotate",
      after: 2,
      text: `
        Both, honestly. Every team wanted its own number on the page. Rotating it means each team
        gets a quarter in the spotlight, we learn something specific, and the page stays short.
      `,
    },
    {
      id: "moved",
      by: "moved",
      text: `
        We review weekly, but the numbers go out on Friday and the Monday meeting only discusses
        the ones that moved more than 10%. If nothing moved, the meeting is cancelled. That
        happens about one week in three, and nobody complains.
      `,
    },
    {
      id: "jonas",
      by: "jonas",
      replyTo: "moved",
      after: 3,
      text: `
        > If nothing moved, the meeting is cancelled.

        That's a lovely rule. Would a "what moved more than X% this week" view on the dashboard
        help with the Friday prep? We've sketched one, and I'm trying to work out whether the
        threshold should be per metric or one for the whole dashboard.
      `,
    },
    {
      by: "moved",
      replyTo: "jonas",
      text: `
        Per metric, definitely. A 10% change in backlog is noise; a 10% change in first response
        time is a bad week.
      `,
    },
    {
      by: "two",
      text: `
        Small-team answer: we look at two. Open customer issues, and revenue we expect to renew in
        the next 60 days. Everything else is monthly.
      `,
    },
    {
      by: "asker",
      text: `
        Thanks, all. I'm cutting our 19 to five, with a "moved more than" rule borrowed from
        {moved}. We'll see how many people notice.
      `,
    },
  ],
});

const RATE_LIMITS = defineThread({
  space: "operations",
  kind: "discussion",
  title: "Hitting the API rate limit during nightly syncs",
  startedHoursAgo: 24 * 9 + 14,
  lastReplyHoursAgo: 24 * 6 + 1,
  cast: {
    dev: { pool: "larger", role: "Data Engineering Lead" },
    tokens: "members",
    jitter: "members",
    cursor: "members",
  },
  opening: {
    by: "dev",
    text: `
      Since last week our nightly sync to the data warehouse fails about half the time with HTTP
      429. We pull roughly 400,000 work items through the REST API between 01:00 and 03:00.

      Is anyone else seeing this? And what is the actual limit? The docs say "fair use", which is
      not a number.
    `,
  },
  replies: [
    {
      by: "tokens",
      text: `
        We hit it in the spring. As far as we could tell the limit is per API token, not per
        account, so splitting the job across two tokens helped. It felt like cheating the limit
        rather than working with it, though.
      `,
    },
    {
      id: "maya",
      by: "maya",
      replyTo: "opening",
      after: 2,
      text: `
        Sorry about the vague docs; you're right that "fair use" isn't a number, and we're fixing
        that page. The actual limits:

        - 600 requests per minute per token
        - 50 concurrent requests per account
        - The bulk export endpoint counts one request per page of 1,000 items

        Every 429 carries a Retry-After header with the seconds to wait. Last week we started
        enforcing the concurrency limit, which is probably what you're seeing. For a nightly pull
        of 400,000 items, the bulk export endpoint with cursor pagination needs about 400
        requests, far below either limit.
      `,
      edit: {
        hoursLater: 5,
        append: `**Edit:** the API reference now has a "Rate limits" page with these numbers.`,
      },
    },
    {
      by: "dev",
      replyTo: "maya",
      text: `
        > Last week we started enforcing the concurrency limit

        That explains it: our job fires 80 requests in parallel. And we're on the items endpoint,
        not bulk export; I didn't know it existed. Switching.
      `,
    },
    {
      by: "jitter",
      text: `
        Worth doing regardless: respect Retry-After with a little random jitter. We had three jobs
        retrying on the exact same second and knocking each other over.
      `,
    },
    {
      id: "clean",
      by: "dev",
      text: `
        Switched to the bulk export endpoint, at most 12 requests in parallel, and Retry-After with
        jitter. The last three nights ran clean in 18 minutes instead of two hours. Thank you all.
      `,
    },
    {
      id: "cursor",
      by: "cursor",
      replyTo: "clean",
      text: `
        Would you mind sharing the page size, and how you keep the cursor between runs? We have
        almost the same setup.
      `,
    },
    {
      by: "dev",
      replyTo: "cursor",
      text: `
        Pages of 1,000 (the maximum). We store the last cursor in a one-row table in the
        warehouse; if a run fails, the next one picks up from there instead of starting over.
      `,
    },
  ],
});

const SSO = defineThread({
  space: "operations",
  kind: "insight",
  title: "SSO and SCIM rollout: what we learned moving 2,000 people",
  startedHoursAgo: 24 * 35 + 4,
  lastReplyHoursAgo: 24 * 28 + 8,
  cast: {
    it: { pool: { account: "Hooli" }, role: "IT Director" },
    groups: "members",
    domains: "members",
    later: "smaller",
  },
  opening: {
    by: "it",
    text: `
      We finished moving {it.company}'s 2,000 users to SSO with SCIM provisioning last month.
      Notes for anyone about to start:

      1. **Run SSO and passwords side by side for two weeks.** We enforced SSO on day one for a pilot group and locked out four people whose email addresses differed between the identity provider and the platform.
      2. **Match on email, but clean the emails first.** We found 37 accounts still on old domains from an acquisition.
      3. **Let SCIM own group membership, not just accounts.** Otherwise someone changes a group by hand and SCIM quietly undoes it at 2 a.m.
      4. **Decide what deprovisioning means before you switch it on.** Ours deactivates people immediately; their work stays, owned by their manager.

      Happy to answer questions.
    `,
  },
  replies: [
    {
      id: "groups",
      by: "groups",
      replyTo: "opening",
      text: `
        > Let SCIM own group membership, not just accounts.

        Learned this one the hard way. Did you keep any groups managed by hand, or is it all SCIM
        now?
      `,
    },
    {
      by: "it",
      replyTo: "groups",
      text: `
        Two groups stay manual: platform admins, and an external contractors group that isn't in
        our identity provider. Everything else is SCIM. We put a note in each manual group's
        description so nobody "fixes" it.
      `,
    },
    {
      id: "domains",
      by: "domains",
      text: `
        How did you handle the 37 accounts on old domains? Rename them before enabling SSO, or let
        SSO create new accounts and merge afterwards?
      `,
    },
    {
      by: "it",
      replyTo: "domains",
      text: `
        Renamed first, with the bulk email update in the admin console, then switched on SSO.
        Merging afterwards would have split people's history between two accounts.
      `,
    },
    {
      id: "jonas",
      by: "jonas",
      replyTo: "opening",
      text: `
        Thank you for this. Point 1 is going straight into our SSO setup guide. We're also
        changing the SSO settings page to show, before you enforce SSO, how many users have an
        email that doesn't match anyone in your identity provider. Would that number have caught
        your four lockouts?
      `,
    },
    {
      by: "it",
      replyTo: "jonas",
      text: `
        Yes, all four. A list of the mismatched people would be even better than a number: the
        first thing I'd do with the number is ask who they are.
      `,
    },
    {
      by: "later",
      text: `
        Bookmarking this for next year. We're 40 people and still on passwords, but the
        acquisition-domain problem will catch us too.
      `,
    },
  ],
});

const RESIDENCY = defineThread({
  space: "council",
  kind: "discussion",
  title: "Data residency requirements for next year", // the year is filled in by demoThreads
  startedHoursAgo: 24 * 20 + 1,
  lastReplyHoursAgo: 24 * 16 + 5,
  cast: {
    dpo: { pool: "top1", role: "Data Protection Officer" },
    security: { pool: "top1", role: "Head of Information Security" },
  },
  opening: {
    by: "ines",
    text: `
      Our legal team expects stricter residency rules next year: all personal data of our
      customers stored and processed in the EU, including backups and support access. I've asked
      our data protection officer and our security lead to join this space so we can work through
      it with you directly.

      What can the product do today, and what is planned?
    `,
    edit: {
      afterReply: "maya",
      append: `
        **Edit:** to be precise, "personal data" for us includes names and email addresses in
        comments, not only the customer records themselves.
      `,
    },
  },
  replies: [
    {
      id: "maya",
      by: "maya",
      replyTo: "opening",
      after: 3,
      text: `
        Thanks for raising this early, Inès. Where we are today:

        - Your workspace data (work items, comments, attachments) is stored in our EU region in Frankfurt, with backups in a second EU region in Dublin.
        - Search indexes and email delivery also run in the EU.
        - Support access is the gap: our support team works from the EU and the US, and a US-based engineer can be given temporary access to a workspace during an escalation.

        We're planning an "EU-only support" option for next year, where escalations stay with
        EU-based staff. What would your legal team need to see: a contractual commitment, an access
        log you can audit, or both?
      `,
    },
    {
      id: "both",
      by: "dpo",
      replyTo: "maya",
      text: `
        Both, ideally. The contractual commitment is what legal signs; the access log is what I
        can actually check. Could the log show every time anyone at your company accessed our
        workspace, with the reason?
      `,
    },
    {
      id: "log",
      by: "maya",
      replyTo: "both",
      after: 2,
      text: `
        Yes. We already log every support access together with the ticket it belongs to; what's
        missing is a view for you. We can start with a monthly export in your admin console and
        build a proper page after that. Would a monthly export be enough to begin with?
      `,
    },
    {
      by: "dpo",
      replyTo: "log",
      text: `
        Monthly is fine to start, as long as it's complete. A log that misses an access is worth
        less than no log at all.
      `,
    },
    {
      id: "subprocessors",
      by: "security",
      text: `
        One more item for the list: subprocessors. Our security review flagged that your email
        provider is a US company, even though it sends from EU servers. Is there a plan for that,
        or should we assume it stays?
      `,
    },
    {
      by: "maya",
      replyTo: "subprocessors",
      after: 4,
      text: `
        Fair question. The email provider stays for now, but only notification emails go through
        it, and they contain a short excerpt of a post, not workspace data. We're adding a setting
        to turn the excerpts off, so emails carry only a link. That part ships in the coming
        weeks.
      `,
    },
    {
      id: "summary",
      by: "ines",
      text: `
        That's a clear plan, thank you. My summary for our legal team:

        1. Workspace data and backups are already in the EU
        2. An EU-only support option is planned for next year, with a monthly access log export before that
        3. Notification emails without excerpts, in the coming weeks

        @{maya} can we go through this together at our next quarterly review?
      `,
    },
    {
      by: "maya",
      replyTo: "summary",
      after: 1.5,
      text: `
        Yes, I've added it to the agenda, and I'll bring the first access log export with me so
        {dpo} can check it against your own records.
      `,
    },
  ],
});

const ROADMAP = defineThread({
  space: "council",
  kind: "discussion",
  title: "What should we prioritise in the first half of next year?",
  startedHoursAgo: 24 * 9 + 6,
  lastReplyHoursAgo: 24 * 7 + 2,
  cast: { ops: { pool: "top1", role: "Automation Lead" } },
  opening: {
    by: "maya",
    text: `
      As promised at our last review, here are the five candidates for the first half of next
      year. We can realistically do two or three of them well. Which would make the biggest
      difference for Northwind, and what are we missing?

      1. Cross-workspace reporting
      2. EU-only support access (see the data residency thread)
      3. Approval chains with more than two steps
      4. A sandbox copy of a workspace for testing changes
      5. Offline mode for the mobile app
    `,
  },
  replies: [
    {
      id: "first",
      by: "ines",
      text: `
        Our order would be 1, 2, 4. Cross-workspace reporting is what my regional leads ask about
        every single week: today they export eight workspaces and glue them together in a
        spreadsheet.
      `,
    },
    {
      id: "sandbox",
      by: "ops",
      replyTo: "opening",
      text: `
        > A sandbox copy of a workspace for testing changes

        I'd argue for this one higher. Last quarter a change to a shared automation broke intake
        in three regions for a morning. A sandbox would have caught it.
      `,
    },
    {
      id: "data",
      by: "maya",
      replyTo: "sandbox",
      after: 2,
      text: `
        That incident is exactly why it's on the list. How close to production would the sandbox
        need to be: a copy of the configuration only, or configuration plus a sample of real data?
      `,
    },
    {
      id: "anonymised",
      by: "ops",
      replyTo: "data",
      text: `
        Configuration plus a few hundred real items, anonymised. Testing automations on empty data
        tells you nothing.
      `,
    },
    {
      by: "ines",
      replyTo: "anonymised",
      text: `
        Agree with {ops}. Revised order from our side: 1, 4, 2. Offline mode matters to our field
        teams, but they've found workarounds.
      `,
    },
    {
      by: "maya",
      after: 3,
      text: `
        Thank you both. I've noted Northwind's order as 1, 4, 2, with the sandbox needing
        anonymised sample data. Once this round is done, I'll share how it compares with the other
        large accounts, in aggregate.
      `,
    },
  ],
});

const GOVERNANCE = defineThread({
  space: "roundtable",
  kind: "insight",
  title: "Governance model for 40 regional teams",
  startedHoursAgo: 24 * 10 + 3,
  lastReplyHoursAgo: 24 * 7 + 6,
  cast: {
    gov: { pool: { account: "Stark Logistics" }, role: "VP of Operations" },
    sample: "top10",
    eight: "top10",
    later: "top10",
  },
  opening: {
    by: "gov",
    text: `
      We moved from central approval to guardrails plus audits at {gov.company}. Sharing what
      worked and what we had to roll back.

      ### Before

      Every new workflow or automation went through a central team of three. The queue was six
      weeks long, and regions built shadow spreadsheets to get around it.

      ### After

      - Regions build what they need inside a few guardrails: naming rules, no automations that email customers, no new integrations
      - The central team audits a sample of 10 changes a month instead of approving every one
      - Anything that touches customers or money still needs approval

      ### What we rolled back

      At first we let regions create their own integrations. Two regions connected the same CRM
      in different ways, and we spent a month untangling duplicate records. Integrations are
      central again.
    `,
  },
  replies: [
    {
      id: "sample",
      by: "sample",
      replyTo: "opening",
      text: `
        > The central team audits a sample of 10 changes a month instead of approving every one

        How do you pick the sample? Random, or by risk?
      `,
    },
    {
      by: "gov",
      replyTo: "sample",
      text: `
        Mostly random, plus every change made by someone in their first three months as a builder.
        New builders make the most interesting mistakes.
      `,
    },
    {
      id: "pushback",
      by: "eight",
      text: `
        We have eight regions, not forty, but we're seeing the same shadow-spreadsheet problem. Did
        the regions push back on losing integrations?
      `,
    },
    {
      by: "gov",
      replyTo: "pushback",
      text: `
        Two did, loudly. What helped was a promise from the central team to turn integration
        requests around within two weeks. We've kept it 90% of the time so far.
      `,
    },
    {
      id: "jonas",
      by: "jonas",
      replyTo: "opening",
      text: `
        A really useful write-up, thank you. We've been discussing guardrails as a product feature:
        rules an admin defines that block, say, customer-facing automations outside approved
        groups. Of the ones you describe, which would you most want the product to enforce rather
        than leave to an audit?
      `,
    },
    {
      by: "gov",
      replyTo: "jonas",
      text: `
        No automations that email customers without approval. It's the one where a mistake is
        public before any audit can catch it.
      `,
    },
    {
      by: "sample",
      replyTo: "jonas",
      text: `
        Same answer from us. Naming rules would be second, but that one we can live with auditing.
      `,
    },
    {
      by: "later",
      text: `
        Saving this for our next governance review. The "first three months as a builder" rule is
        going in exactly as written.
      `,
    },
  ],
});

const SUBSIDIARIES = defineThread({
  space: "roundtable",
  kind: "discussion",
  title: "One workspace or several? Bringing acquired companies on board",
  startedHoursAgo: 24 * 5 + 7,
  lastReplyHoursAgo: 24 * 2 + 3,
  cast: {
    asker: { pool: "top10", role: "VP of Business Operations" },
    separate: "top10",
    single: "top10",
  },
  opening: {
    by: "asker",
    text: `
      {asker.company} has just acquired two smaller companies, and we need to decide: bring them
      into our workspace, or give each its own workspace under our account?

      For those who have done either: what pushed you one way, and would you choose the same
      again?
    `,
  },
  replies: [
    {
      id: "separate",
      by: "separate",
      text: `
        Separate workspaces, and I'd choose it again. The acquired teams kept their own processes
        for the first year, and merging them into ours would have meant a year of arguments about
        field names.
      `,
    },
    {
      id: "single",
      by: "single",
      replyTo: "separate",
      text: `
        We went the other way, and I'd also choose it again, so it depends on what you want in
        year two. We wanted one view of all our customers, and without cross-workspace reporting,
        one workspace was the only way to get it.
      `,
    },
    {
      id: "permissions",
      by: "asker",
      replyTo: "single",
      text: `
        That's our real constraint too: leadership wants one dashboard. How did you handle
        permissions so the acquired teams didn't see everything on day one?
      `,
    },
    {
      by: "single",
      replyTo: "permissions",
      text: `
        A group per company, and every project created inside a group is private to it by default.
        After six months we opened up the projects that were genuinely shared. It took a weekend to
        set up and has held for two years.
      `,
    },
    {
      id: "maya",
      by: "maya",
      text: `
        One data point, since this comes up with several large accounts: cross-workspace reporting
        is currently the top candidate for the first half of next year. If you choose separate
        workspaces now, you won't be stuck with spreadsheets forever. I can't promise a date yet,
        but I'll update this thread when I can.
      `,
    },
    {
      by: "asker",
      replyTo: "maya",
      text: `
        That tips it for us: separate workspaces now, with groups set up so that merging later
        stays possible. Thank you all.
      `,
    },
  ],
});

/** Opened by Priya just before she points to it from the reporting beta thread. */
export const SCHEDULED_EXPORTS_STARTED_HOURS_AGO = 24 * 6 + 5;

const REPORTING_BETA = defineThread({
  space: "beta",
  kind: "discussion",
  title: "First impressions of the new reporting beta",
  startedHoursAgo: 24 * 13 + 2,
  lastReplyHoursAgo: SCHEDULED_EXPORTS_STARTED_HOURS_AGO - 2,
  cast: { filters: "beta", stacked: "beta", schedule: "beta" },
  opening: {
    by: "ines",
    text: `
      Export is much faster: a report that took four minutes now downloads in under twenty
      seconds. The filters reset when you switch tabs, though, which breaks my flow. Anyone else?
    `,
  },
  replies: [
    {
      by: "filters",
      replyTo: "opening",
      text: `
        > The filters reset when you switch tabs

        Same here. I build a filter, check the chart tab, come back, and it's gone. I've started
        keeping my filters in a text file, which feels very 1998.
      `,
    },
    {
      id: "bug",
      by: "jonas",
      replyTo: "opening",
      after: 3,
      text: `
        Thanks, both. That's a bug, not a design decision: the filters are kept in the tab instead
        of in the report. A fix is in review and should be in the next beta build. Until then,
        saving the report keeps its filters.
      `,
    },
    {
      id: "stacked",
      by: "stacked",
      text: `
        On the positive side, the new chart builder is the first one my team uses without asking
        me. Could we get a "stacked by" option on bar charts? Most of our reports compare regions
        within a month.
      `,
    },
    {
      id: "toggle",
      by: "jonas",
      replyTo: "stacked",
      text: `
        Stacked bars are planned for the next build but one. Would you want percentages (each bar
        adds up to 100%), absolute values, or a toggle?
      `,
    },
    {
      by: "stacked",
      replyTo: "toggle",
      text: "A toggle. Percentages for the monthly mix, absolute values for the board deck.",
    },
    {
      by: "ines",
      replyTo: "bug",
      text: `
        The new build fixed it: filters survive switching tabs now. Thank you, {jonas}!
      `,
    },
    {
      id: "schedule",
      by: "schedule",
      text: `
        One more request: scheduled exports to email would let me retire a whole spreadsheet. Is
        that planned for the beta?
      `,
    },
    {
      by: "priya",
      replyTo: "schedule",
      text: `
        It is, and it's in the beta build from today. I've opened a thread for it in this space,
        "Preview: scheduled report exports"; your feedback there would be very welcome.
      `,
    },
  ],
});

const SCHEDULED_EXPORTS = defineThread({
  space: "beta",
  kind: "discussion",
  title: "Preview: scheduled report exports",
  startedHoursAgo: SCHEDULED_EXPORTS_STARTED_HOURS_AGO,
  lastReplyHoursAgo: 19,
  cast: {
    wide: { pool: "beta", role: "Support Operations Manager" },
    auditor: { pool: "beta", role: "Finance Operations Manager" },
  },
  opening: {
    by: "priya",
    text: `
      Scheduled exports are in the beta build from today. You can send any saved report as CSV or
      PDF to a list of email addresses, daily, weekly or monthly.

      What we'd like to learn:

      - Which reports you schedule first, and for whom
      - Whether CSV, PDF or both is right
      - Anything that stops you from retiring a spreadsheet you maintain by hand

      All feedback is welcome, including "I tried it and didn't need it".
    `,
  },
  replies: [
    {
      id: "wide",
      by: "wide",
      text: `
        Scheduled our weekly SLA report to the four regional leads, and it worked first time. The
        PDF cuts the table off at the right edge, though; it's a wide table.
      `,
    },
    {
      id: "columns",
      by: "priya",
      replyTo: "wide",
      after: 2,
      text: `
        Thank you! Roughly how many columns? We fit PDFs to A4 portrait; wide reports should
        probably switch to landscape automatically.
      `,
    },
    {
      by: "wide",
      replyTo: "columns",
      text: "Fourteen columns. Landscape would fix it.",
    },
    {
      id: "auditor",
      by: "auditor",
      text: `
        We need to send one export to an address outside our company (our auditor). The beta only
        allows our own domain. Is that deliberate?
      `,
    },
    {
      id: "approved",
      by: "priya",
      replyTo: "auditor",
      after: 3,
      text: `
        Deliberate for now. The plan is a list of outside addresses that an admin approves, so
        nobody can schedule customer data to a personal inbox. Would an approved list work for
        your auditor?
      `,
    },
    {
      by: "auditor",
      replyTo: "approved",
      text: "Yes, as long as the approval doesn't expire every month.",
    },
    {
      by: "ines",
      text: `
        CSV for us. PDFs are for people who don't open spreadsheets, and at Northwind that's
        nobody. We've already retired two hand-made spreadsheets.
      `,
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// The long thread: many members each describe their own practice. Around a written conversation
// (questions and their answers, Priya's summary, Inès's report back, Sam's closing mention), each
// answer is put together from sentences about concrete practice, so no two answers are the same.
// ---------------------------------------------------------------------------------------------

/** Square-bracket slots are filled per answer: durations, head counts, lead times… */
const QBR_SETUP = [
  "Ours is [dur] with [n] people, and the rule is that everyone in the room owns at least one number.",
  "We cap the room at [n]. If someone wants to attend, they have to own an item on the agenda.",
  "We split it in two: a working session of [dur] with the team leads, then a short decisions meeting with leadership a week later.",
  "We hold it in the second week of the quarter, never the first, so the numbers are final before anyone argues about them.",
  "At [co] every region runs its own review, [dur] each, and a one-page roll-up goes to the leadership team afterwards.",
  "We moved from quarterly to every eight weeks. A quarter was too long to wait for a decision.",
  "It's [dur], in person when we can manage it, and laptops stay closed except for whoever is sharing the screen.",
  "Only [n] people are in the room, but anyone in the department can send questions in writing beforehand.",
  "We rotate who chairs it, and the chair is never the most senior person present.",
  "There's a hard stop at [dur], and we finish early more often than not.",
  "At [co] we run it as a walk through the customer journey, stage by stage, rather than team by team. It stops each team defending its own slide.",
  "Finance co-hosts ours, which keeps every discussion tied to cost and revenue rather than activity.",
  "Each quarter we invite one frontline person (a support agent, a dispatcher, a planner) to tell us what the numbers miss.",
  "We take half a day offsite for it. Being away from our desks changes the conversation more than any agenda trick.",
  "The dates are booked a year ahead, so nobody can claim a clash.",
  "Our review is [dur] and has exactly three parts: what happened, what we learned, what we decide.",
  "At [co] the review belongs to operations, not to sales or finance, and that neutrality helps.",
  "We keep it small, [n] people, and record it for everyone else, who watch it at double speed if at all.",
  "We open with the customer: two short stories from that quarter's support tickets, before any number is shown.",
  "We run two reviews a quarter, one for the business and one for our internal tooling, so the tooling discussion doesn't eat the business one.",
  "Our format is borrowed from incident reviews: blameless, written down, and focused on what we change next.",
  "We started by cutting the invite list in half. Nobody asked to be added back.",
  "For us it's [dur] for the whole business, then each team runs its own shorter version the week after.",
  "Everyone presents from the same dashboard, in the same order, every quarter. Boring is the point.",
  "At [co] the review is a standing template in the platform itself, so the structure carries over from quarter to quarter.",
  "Each team gets a single slide. One. People complained for a quarter and then got very good at choosing.",
  "Our leadership team sits at the back and doesn't speak until the last [mins] minutes.",
  "We pair each team lead with a peer from another team who reads their section first and asks the hard questions.",
  "We only schedule ours in the morning. Afternoon reviews ran long and decided nothing.",
  "Our operations analyst runs the review, not a manager, which makes it far less political.",
];
const QBR_PREP = [
  "The pre-read goes out [lead] ahead and is [pages] long at most.",
  "Everyone adds questions as comments on the pre-read the day before, and the agenda is built from those questions.",
  "We stopped making slides. The pre-read is a written memo, and the meeting opens with [mins] minutes of silent reading.",
  "Each team lead writes one paragraph: what went well, what didn't, what they need from the room. No charts in that paragraph.",
  "The numbers come straight from the dashboards, so nobody spends the meeting arguing about whose spreadsheet is right.",
  "The pre-read ends with the decisions we need, each with a recommendation, so people arrive with an opinion.",
  "The pre-read is a link, never an attachment, so there is only ever one version of it.",
  "Our analyst writes a 'three surprises' page, three numbers that moved unexpectedly, and it's usually the best part of the meeting.",
  "We ask every attendee to send one question in advance. If you have no question, you're probably not needed in the room.",
  "The pre-read has the same structure every quarter, so people know exactly where to look for what changed.",
  "Next to 'what happened', the pre-read has a column for 'what we said last quarter', which keeps forecasts honest.",
  "Preparing takes each team about two hours now, down from two days, because the template does most of the work.",
  "We send a summary of at most [pages] [lead] before, and the appendix with every chart goes to whoever asks for it. Almost nobody asks.",
  "Team leads record a three-minute video of their section instead of presenting it live.",
  "The pre-read opens with last quarter's decisions and whether each one turned out to be right.",
  "We freeze the numbers on the last working day of the quarter, and nobody updates them afterwards.",
  "Every chart in the pre-read has a one-line caption saying what it means, written by the person who owns it.",
  "We share the draft pre-read with two of our own customers' champions and ask what they'd want discussed. It's humbling.",
  "Anything that needs a decision is in bold in the pre-read, with a deadline and a default if nobody objects.",
  "Our rule: if it can be read, it isn't presented.",
  "We include a one-page 'what we stopped doing' section. It's the hardest page to write and the most useful one.",
  "The pre-read is due [lead] before the meeting; anything later waits for next quarter.",
  "People get the pre-read [lead] ahead and mark it as read; the chair checks the list before we start.",
  "The raw export is attached for the analysts, but the memo itself has no more than five numbers.",
  "Our pre-read starts with one customer quote that sums up the quarter. It sets the tone better than any KPI.",
  "We write the pre-read together in one shared document over a week, so the sections actually talk to each other.",
  "Each team lists the one thing they'd do differently with hindsight. It's optional, and almost everyone fills it in.",
  "We compare each quarter with the same quarter last year, not with the previous one; seasonality was fooling us.",
];
const QBR_DURING = [
  "Status is banned: if it's in the pre-read, we don't present it.",
  "Every action gets one owner and a date before we move to the next topic.",
  "The decision log is on screen during the meeting, so everyone sees the exact wording before we leave.",
  "The last [mins] minutes are for decisions only. If we run late, we cut discussion, never the decisions.",
  "We start with last quarter's actions: done or not done, and no excuses column.",
  "One person plays customer advocate and has to ask how each decision affects our customers.",
  "Anything that needs more than five minutes is parked and gets its own meeting with a named owner.",
  "Each team gets [mins] minutes with a visible timer. It sounds harsh; it's the only reason we finish on time.",
  "At the end we vote on the top three risks with dots on a board, and each risk gets someone to watch it.",
  "The chair reads each decision out loud and asks 'who disagrees?' before writing it down. Silence isn't agreement.",
  "We allow exactly one deep-dive topic per review, chosen in advance by vote.",
  "Questions first, then discussion, then decisions, and the agenda shows which phase we're in.",
  "Each team names one thing it needs from another team, and the other team answers in the room.",
  "Nobody may say 'we'll look into it'. It's a decision, an owner with a date, or an explicit no.",
  "We end with a two-minute round where each person names the decision they think matters most. It catches misunderstandings.",
  "We use the live dashboards during the review rather than screenshots, so questions get answered on the spot.",
  "If a number is disputed, we note it and move on; the analyst settles it within a day.",
  "Half of the time goes to the next quarter, not the last one.",
  "The chair keeps a 'not decided' list on screen, and anything still on it at the end gets an owner who brings it back.",
  "Each time we review one customer account in depth, picked at random, to keep ourselves honest.",
  "We take a ten-minute break halfway through; decisions after the break are noticeably better.",
  "In the last [mins] minutes we go round the room and each owner repeats what they've committed to.",
  "Nobody presents their own team's numbers; a peer does, which makes everyone write clearer pre-reads.",
  "The person closest to the work speaks first, the most senior last.",
  "Every topic is time-boxed, and the timekeeper is someone different each quarter.",
  "Every decision is written down with its reason, not just the outcome, so next quarter we remember why.",
  "We keep the last [mins] minutes for 'what are we not talking about?'. It has surfaced two of our biggest problems.",
  "Product feedback raised in the meeting goes on one list, which we post in this community afterwards.",
];
const QBR_AFTER = [
  "The follow-up goes out within [hrs] hours with decisions, owners and dates, and nothing else.",
  "Actions go straight into the platform as work items, so progress is visible without anyone asking.",
  "Two weeks after the review we hold a 15-minute check-in on the actions only.",
  "We publish the decision log to the whole department, which makes people careful about what they agree to.",
  "The next review's pre-read starts from this review's action list, so open items can't quietly disappear.",
  "The day after, the chair sends each action owner a short note to confirm the wording.",
  "A five-minute survey goes out after each review: was it worth your time, yes or no? It keeps us honest.",
  "Every action is due before the next review, never on the day of it.",
  "Decisions that affect customers go to the account teams within a week, with a short explanation.",
  "All our decision logs live in one place, which has become a surprisingly useful history of why things are the way they are.",
  "Actions nobody has touched for a month come up in our weekly operations meeting instead of waiting for the next review.",
  "The minutes are written by someone who didn't present, so they aren't a defence of anyone's slides.",
  "Each action is linked to the metric it's meant to move, so next quarter we can see whether it did.",
  "An action that slips twice is dropped or escalated. No third chances.",
  "We send a one-paragraph summary to our account manager too, which has made our own renewal conversations much easier.",
  "Team leads walk their teams through the decisions within a week, so the review isn't a secret leadership ritual.",
  "Within [hrs] hours the actions are in our tracker with owners, and the follow-up email just links to them.",
  "Every [q] quarters we review the review and remove whatever section nobody used.",
  "Halfway through the quarter, owners post a one-line update on their action; the chair chases the silent ones.",
  "Our decision log is searchable, and new managers read the last four reviews as part of their onboarding.",
  "We end every review by booking the next one, with the same people, before anyone leaves the room.",
  "Every action owner gets a reminder a week before the due date, which does more than any process document.",
];
const QBR_RESULT = [
  "Since we switched, a review produces [k] or [k2] clear decisions instead of a list of 'let's look into it'.",
  "It took [q] quarters before it felt natural, so don't judge the format by the first one.",
  "The biggest change was who speaks: the people doing the work talk more, the managers less.",
  "Attendance went up once people noticed that decisions were actually made there.",
  "The meeting got shorter and the preparation longer, which is a good trade.",
  "Our completion rate on actions went from about half to [pct]%.",
  "Honestly, the format matters less than having one person who insists on it every quarter.",
  "The first review in the new format was awkward. The third was the best meeting we had all year.",
  "We cut the meeting from [durs], and nobody has asked for the time back.",
  "There are fewer surprises at renewal time, because problems surface a quarter earlier.",
  "Team leads say preparing is now useful to them, not just to leadership, which is the real test.",
  "We've stopped making decisions in the corridor afterwards, which used to undo half the meeting.",
  "Our executives now ask for the pre-read when it's late, which I never thought I'd see.",
  "The open actions carried from one review to the next dropped from about twenty to [k].",
  "It showed that two teams were measuring the same thing in two different ways, which alone was worth it.",
  "People now argue about decisions rather than about numbers, and that's the point.",
  "It isn't perfect, and some quarters still drift into status, but the structure pulls us back.",
  "New managers pick it up in one cycle, because the template does the teaching.",
  "We learned more from the 'what we stopped doing' page than from any chart.",
  "Our leadership team started using the same format for its own planning, which I'll take as a compliment.",
  "The review went from something people endured to something they prepare for.",
  "Customer-facing teams finally see the link between what they report and what gets decided.",
  "We still have bad reviews, but now we can tell why, because the pre-read shows what we missed.",
  "Requests between teams get answered in the room now, instead of bouncing around email for weeks.",
];
const QBR_CLOSERS = [
  "Happy to share our pre-read template if anyone wants it.",
  "Curious whether anyone has made this work with a fully remote team.",
  "Good luck, {ines}. It's worth the effort.",
  "Great thread, by the way. Saving it for our next planning cycle.",
  "Glad to compare notes with anyone who runs reviews across several regions.",
  "If anyone has a good way to keep the pre-read short, I'm all ears.",
  "This thread has already given me two ideas for our next one.",
  "Thanks for starting this, {ines}.",
  "I'd be curious how others handle a review when a key person is on leave.",
  "We're still experimenting, so I'll report back after next quarter.",
  "Happy to show it in practice to anyone who's curious.",
  "Interested in how others decide what to leave off the agenda.",
  "Has anyone else found that fewer metrics led to better decisions?",
  "Glad I'm not the only one who had to fight for a shorter meeting.",
  "Curious what others do when the review lands in a holiday week.",
  "Reading the replies, it's reassuring how many of us fought the same battles.",
];
const QBR_LEADS = [
  "Late to this, but here's ours.",
  "Our version, for what it's worth.",
  "Slightly different take from us.",
  "We went through exactly this last year.",
  "A few things that work for us.",
  "Here's what has stuck for us.",
  "This is close to home.",
  "Speaking from a mid-sized operations team:",
];

const WORD_NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine"];
const DURATIONS = ["45 minutes", "an hour", "50 minutes", "75 minutes", "90 minutes", "two hours"];
const CUTS = [
  "three hours to 90 minutes",
  "two hours to an hour",
  "half a day to two hours",
  "90 minutes to 50 minutes",
];
const LEAD_TIMES = ["48 hours", "three working days", "a full week", "two days", "72 hours"];
const PAGES = ["one page", "two pages", "three pages", "four pages", "six pages"];

type Random = ReturnType<typeof seededRandom>;

/** Draws from a list, preferring the entries used least so far (ties broken at random). */
function leastUsed(
  random: Random,
  list: string[],
  uses: Map<string, number>,
  avoid = new Set<string>(),
) {
  const available = list.filter((item) => !avoid.has(item));
  const fewest = Math.min(...available.map((item) => uses.get(item) ?? 0));
  const item = random.pick(available.filter((entry) => (uses.get(entry) ?? 0) === fewest));
  uses.set(item, (uses.get(item) ?? 0) + 1);
  return item;
}

/** One member's answer to Inès's question, about their own practice. */
function composeQbrAnswer(random: Random, part: string, uses: Map<string, number>): string {
  const fill = (sentence: string) => {
    const k = random.int(2, 4);
    return sentence
      .replaceAll("[dur]", random.pick(DURATIONS))
      .replaceAll("[durs]", random.pick(CUTS))
      .replaceAll("[n]", WORD_NUMBERS[random.int(3, 7)])
      .replaceAll("[lead]", random.pick(LEAD_TIMES))
      .replaceAll("[pages]", random.pick(PAGES))
      .replaceAll("[mins]", String(random.pick([10, 15, 20, 30])))
      .replaceAll("[hrs]", String(random.pick([24, 48])))
      .replaceAll("[k2]", WORD_NUMBERS[k + 1])
      .replaceAll("[k]", WORD_NUMBERS[k])
      .replaceAll("[q]", WORD_NUMBERS[random.int(0, 2)])
      .replaceAll("[pct]", String(random.pick([70, 75, 80, 85, 90])))
      .replaceAll("[co]", `{${part}.company}`);
  };
  const practice = [QBR_PREP, QBR_DURING, QBR_AFTER];
  const shape = random.next();
  const blocks: string[] = [];
  if (shape < 0.2) {
    // Short: one practice, sometimes a closing line.
    blocks.push(fill(leastUsed(random, random.pick(practice), uses)));
    if (random.next() < 0.5) blocks.push(leastUsed(random, QBR_CLOSERS, uses));
  } else if (shape < 0.65) {
    // Medium: how it's set up, one practice, perhaps what it changed.
    const first = [
      fill(leastUsed(random, QBR_SETUP, uses)),
      fill(leastUsed(random, random.pick(practice), uses)),
    ];
    if (random.next() < 0.3) first.unshift(random.pick(QBR_LEADS));
    blocks.push(first.join(" "));
    if (random.next() < 0.5) blocks.push(fill(leastUsed(random, QBR_RESULT, uses)));
    if (random.next() < 0.25) blocks.push(leastUsed(random, QBR_CLOSERS, uses));
  } else if (shape < 0.85) {
    // Long: set-up and preparation, then the meeting and the follow-up, then the result.
    blocks.push(
      [fill(leastUsed(random, QBR_SETUP, uses)), fill(leastUsed(random, QBR_PREP, uses))].join(" "),
    );
    blocks.push(
      [
        fill(leastUsed(random, QBR_DURING, uses)),
        fill(leastUsed(random, QBR_AFTER, uses)),
        fill(leastUsed(random, QBR_RESULT, uses)),
      ].join(" "),
    );
    if (random.next() < 0.3) blocks.push(leastUsed(random, QBR_CLOSERS, uses));
  } else {
    // A list of what works.
    const items = [
      fill(leastUsed(random, QBR_PREP, uses)),
      fill(leastUsed(random, QBR_DURING, uses)),
      fill(leastUsed(random, QBR_AFTER, uses)),
    ];
    blocks.push(random.pick(["What works for us:", "Three rules we keep:", "Our short list:"]));
    blocks.push(items.map((item) => `- ${item}`).join("\n"));
    blocks.push(fill(leastUsed(random, QBR_RESULT, uses)));
  }
  return blocks.join("\n\n");
}

/** Written posts of the long thread, placed by reply index among the composed answers. */
const QBR_WRITTEN: Array<{ at: number } & ScriptPost<string>> = [
  {
    at: 2,
    id: "owners",
    by: "owner",
    replyTo: "opening",
    text: `
      > Action items nobody owns

      This is the one I'd fix first. What's your rule for ownership: one name per action, or a
      team?
    `,
  },
  {
    at: 4,
    id: "assign",
    by: "ines",
    replyTo: "owners",
    text: `
      One name per action is what I want, but in a room of twelve nobody volunteers. {owner}, do
      you assign owners in the meeting or afterwards?
    `,
  },
  {
    at: 5,
    by: "owner",
    replyTo: "assign",
    text: `
      In the meeting, before we move to the next topic. The chair reads the action out loud, says a
      name, and waits for a yes. It feels awkward for about two meetings, and then it's simply how
      the meeting works.
    `,
  },
  {
    at: 9,
    id: "silent",
    by: "silent",
    text: `
      We start every review with fifteen minutes of silent reading of the pre-read. Nobody has to
      pretend they read it the night before, and the questions afterwards are far better.
    `,
  },
  {
    at: 14,
    id: "delegate",
    by: "exec",
    text: `
      How do you get an executive from your own side to attend? Ours send a delegate every time,
      and the delegate can't decide anything.
    `,
  },
  {
    at: 16,
    id: "slot",
    by: "slot",
    replyTo: "delegate",
    text: `
      > Ours send a delegate every time, and the delegate can't decide anything.

      We stopped inviting executives to the whole review. They get the last twenty minutes, which
      contain only the two or three decisions we need from them. Attendance went from almost never
      to almost always.
    `,
  },
  {
    at: 18,
    by: "exec",
    replyTo: "slot",
    text: "A short slot with a clear ask: that's clever. Trying it next quarter.",
  },
  {
    at: 27,
    id: "trying",
    by: "ines",
    text: `
      Thank you all, this is already more useful than our last three QBRs. For our next review I'm
      trying two things from this thread: the pre-read 48 hours ahead, with {silent}'s silent
      reading at the start, and a 30-minute decisions-only block at the end with our COO, as {slot}
      described. I'll report back.
    `,
  },
  {
    at: 44,
    id: "agenda",
    by: "agenda",
    text: `
      Here's our agenda in full, since several answers above describe pieces of it:

      1. Outcomes since the last review (three numbers, one slide)
      2. What we learned that changed our mind
      3. Decisions needed today, each with a recommendation
      4. Risks for next quarter, and who watches each one

      Nothing else. Status lives in the pre-read.
    `,
  },
  {
    at: 46,
    by: "learned",
    replyTo: "agenda",
    text: `
      > What we learned that changed our mind

      This section is underrated. It's the only part of our review where people admit something
      went differently than planned, and it's always the most useful ten minutes.
    `,
  },
  {
    at: 62,
    id: "summary",
    by: "priya",
    reactions: 14,
    text: `
      Thank you all. This thread is gold. I've read every answer so far, and the same patterns
      keep coming up:

      - **A pre-read sent 24 to 72 hours ahead**, and a meeting that starts from questions about it
      - **A decisions section**, with one named owner per action, agreed in the room
      - **Fewer people**: most of you cap it at six to eight
      - **Executives for a short, specific slot** rather than the whole meeting

      We're using this to design a QBR template in the product. If you'd be willing to try an
      early version, reply here or react to this post.
    `,
  },
  {
    at: 63,
    id: "editable",
    by: "volunteer",
    replyTo: "summary",
    text: `
      Count me in for the template. One request: let us rename and reorder the sections. Our
      review won't match anyone else's exactly, and that's fine.
    `,
  },
  {
    at: 65,
    by: "priya",
    replyTo: "editable",
    text: `
      Noted. Editable sections were the first thing on our list too. We'll contact everyone who
      replied or reacted here before anything ships.
    `,
  },
  {
    at: 76,
    id: "measure",
    by: "measure",
    text: `
      Does anyone measure whether the review itself works? We count decisions made per review and
      how many of last quarter's actions are done. It's crude, but it stopped our reviews from
      drifting back into status meetings.
    `,
  },
  {
    at: 78,
    by: "completion",
    replyTo: "measure",
    text: `
      > how many of last quarter's actions are done

      We track only that one, and it's the first number in our pre-read. Nobody wants to present a
      40% completion rate twice.
    `,
  },
  {
    at: 95,
    id: "report",
    by: "ines",
    text: `
      Back with the report I promised. We ran our latest review with a 48-hour pre-read and a
      30-minute decisions block with our COO.

      - The meeting went from 90 to 55 minutes
      - We left with six decisions, each with one owner
      - Two regional leads told me it was the first QBR they'd have attended voluntarily

      The hard part was the pre-read: three people hadn't read it. We started with fifteen minutes
      of silent reading anyway, as {silent} suggested, and it worked.
    `,
  },
  {
    at: 97,
    by: "silent",
    replyTo: "report",
    text: `
      > We started with fifteen minutes of silent reading anyway

      Glad it helped. It feels odd the first time, but it's the only way I know to make sure
      everyone starts from the same page.
    `,
  },
];

/** Replies in the long thread: enough for five pages of 30 posts. */
export const QBR_REPLY_COUNT = 126;
/** Inès read the long thread up to here, so "new since your last visit" shows for her. */
export const QBR_INES_READ_UP_TO = 110;

function qbrThread(random: Random): ThreadScript {
  const writtenParts = [
    "owner",
    "silent",
    "exec",
    "slot",
    "agenda",
    "learned",
    "volunteer",
    "measure",
    "completion",
  ];
  const cast: Record<string, CastEntry> = Object.fromEntries(
    writtenParts.map((part) => [part, "members"]),
  );
  const written = new Map(QBR_WRITTEN.map(({ at, ...post }) => [at, post]));
  const uses = new Map<string, number>();
  const seen = new Set<string>();
  const replies: ScriptPost<string>[] = [];
  let crowd = 0;
  for (let index = 0; index < QBR_REPLY_COUNT - 1; index++) {
    const post = written.get(index);
    if (post) {
      replies.push(post);
      continue;
    }
    const part = `c${++crowd}`;
    cast[part] = { pool: "members", crowd: true };
    let text = composeQbrAnswer(random, part, uses);
    // Two answers that came out word for word the same would read as a stock line: draw again.
    while (seen.has(text.replaceAll(`{${part}.`, "{x.")))
      text = composeQbrAnswer(random, part, uses);
    seen.add(text.replaceAll(`{${part}.`, "{x."));
    replies.push({ by: part, text });
  }
  replies.push({
    by: "sam",
    replyTo: "report",
    text: `
      @{ines} late to this thread, but your report convinced me to try it at our size. We're four
      people, so our "QBR" was one page and three decisions over coffee, and it was still the best
      hour we spent that month. Happy to compare notes on the small-team version.
    `,
  });
  return {
    space: "operations",
    kind: "discussion",
    title: "How do you run quarterly business reviews that lead to decisions?",
    startedHoursAgo: 24 * 50 + 3,
    lastReplyHoursAgo: 16,
    cast,
    opening: {
      by: "ines",
      text: `
        Our quarterly business reviews have turned into long status meetings. I'd like to hear how
        others keep them about decisions.

        ### What we do today

        - A 90-minute slot with twelve people
        - A 40-slide deck sent the morning of the meeting
        - Action items nobody owns

        What does your agenda look like, and who is in the room?
      `,
      edit: {
        afterReply: "summary",
        append: `
          **Update:** {priya} has summarised the patterns from the first sixty or so answers further
          down. Thank you all, and keep them coming.
        `,
      },
    },
    replies,
    readUpTo: [{ by: "ines", position: QBR_INES_READ_UP_TO }],
  };
}

/** Every demo thread besides the welcome thread, the long one first. */
export function demoThreads(random: Random, now: number): ThreadScript[] {
  const nextYear = new Date(now).getUTCFullYear() + 1;
  return [
    qbrThread(random),
    BOOKS,
    RENEWALS,
    ADMIN_HANDOVER,
    SEATS,
    ONBOARDING,
    WEEKLY_METRICS,
    RATE_LIMITS,
    SSO,
    { ...RESIDENCY, title: `Data residency requirements for ${nextYear}` },
    ROADMAP,
    GOVERNANCE,
    SUBSIDIARIES,
    REPORTING_BETA,
    SCHEDULED_EXPORTS,
  ] as ThreadScript[];
}
