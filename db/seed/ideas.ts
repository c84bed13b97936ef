import { SCHEDULED_EXPORTS_STARTED_HOURS_AGO } from "./conversations";
import { defineThread, type ProxyVoteScript, type ThreadScript } from "./script";

/**
 * The demo's ideas: threads of kind "idea" in the spaces that take them (the lounge, operations
 * practices and the beta program), written like the conversations in conversations.ts. Each one
 * argues for something concrete; other members add their own case, staff ask what they need to
 * know and explain each status change in a post. forums.ts casts the parts, draws the votes and
 * records the status history.
 *
 * Some ideas follow from conversations elsewhere: scheduled exports went into the reporting beta
 * (its preview thread opened just before the idea moved to "in progress"), the webhooks idea comes
 * from the data engineer of the rate-limit thread, and offline mode went under review when it
 * became a candidate in the council's roadmap thread. Two later ideas asked for the same things as
 * scheduled exports and offline mode, and staff merged them into those.
 */

const EXPORTS = defineThread({
  space: "lounge",
  kind: "idea",
  title: "Schedule dashboard exports by email",
  startedHoursAgo: 24 * 118 + 3,
  // Priya moves it on just after she opens the preview thread in the beta space.
  lastReplyHoursAgo: SCHEDULED_EXPORTS_STARTED_HOURS_AGO - 4,
  cast: {
    author: { pool: "members", role: "Reporting Analyst" },
    close: "members",
    phones: "members",
    links: "larger",
  },
  idea: {
    votes: 62,
    recentVotes: 6,
    importance: [3, 6, 2],
    silentChanges: [{ to: "under_review", by: "maya", hoursAgo: 24 * 104 + 6 }],
  },
  opening: {
    by: "author",
    text: `
      Every Monday at 8 I open three dashboards, export each one to CSV, paste the numbers into an
      email and send it to eleven regional managers. It takes about 45 minutes, and when I'm on
      holiday it doesn't happen at all.

      What I'd like:

      - Schedule any saved dashboard: daily, weekly on a chosen day, or monthly
      - CSV or PDF, attached to the email
      - A list of recipients, each of whom only gets data they're allowed to see
      - Sent in the name of whoever set up the schedule, so replies come back to a person

      Half of our "reporting" is really just distribution. This would give me back most of a
      morning a month.
    `,
  },
  replies: [
    {
      id: "close",
      by: "close",
      text: `
        Adding the finance version: our controller wants the same cost report on the first
        working day of each month, not on the 1st, which is often a weekend. If this gets built,
        "first working day" would be worth having as a schedule option.
      `,
    },
    {
      id: "question",
      by: "jonas",
      replyTo: "opening",
      text: `
        Thanks for the detail, {author}. One question for everyone who'd use this, because it
        decides a lot of the design: should the email carry the data itself (an attachment), or a
        link to the dashboard, which always respects the reader's permissions but means logging
        in?
      `,
    },
    {
      id: "attachment",
      by: "phones",
      replyTo: "question",
      text: `
        Attachment, for us. Most of our regional managers read email on their phones between
        sites, and logging in is exactly the step that makes them not look at all.
      `,
    },
    {
      id: "link",
      by: "links",
      replyTo: "question",
      text: `
        Link only, for us. Our security team doesn't allow customer data in email attachments,
        full stop. Could it be a setting an admin chooses for the whole account?
      `,
    },
    {
      id: "planned",
      by: "maya",
      status: "planned",
      hoursAgo: 24 * 58 + 2,
      text: `
        Moving this to planned. From the answers here, we'll build both: attachments (CSV or PDF)
        by default, and a link-only mode that an admin can enforce for the whole account, as
        {links} asked. "First working day" is on the list of schedule options too.

        The first version will go to the reporting beta before it reaches everyone.
      `,
    },
    {
      by: "priya",
      status: "in_progress",
      text: `
        This is now in progress: scheduled exports are in today's build of the reporting beta. If
        you're in the Beta program space, the thread "Preview: scheduled report exports" has the
        details, and your feedback there shapes what ships. Everyone else gets it when it leaves
        the beta; we'll mark this idea as shipped then.
      `,
    },
  ],
});

const NESTED_GROUPS = defineThread({
  space: "operations",
  kind: "idea",
  title: "SCIM group sync for nested groups",
  startedHoursAgo: 24 * 27 + 5,
  lastReplyHoursAgo: 24 * 6 + 9,
  cast: {
    author: { pool: "larger", role: "Identity and Access Manager" },
    hooli: { pool: { account: "Hooli" }, role: "IT Director" },
    deep: "larger",
  },
  idea: { votes: 46, importance: [1, 5, 4], leaning: "larger" },
  opening: {
    by: "author",
    text: `
      Our identity provider models teams as nested groups: "EMEA Support" contains "EMEA Support
      Tier 1", "EMEA Support Tier 2" and "EMEA Escalations". The platform's SCIM sync only looks
      at direct members, so the 340 people who sit in a child group never land in the parent
      group's workspace.

      Today we run a script every night that flattens the groups into copies just for the
      platform. It breaks at every reorganisation, and nobody else on my team can fix it.

      The ask: when a group pushed over SCIM contains other groups, count their members as
      members of the parent, at any depth. It could be a setting per group, if some customers
      rely on today's behaviour.
    `,
  },
  replies: [
    {
      id: "mirror",
      by: "hooli",
      vote: "critical",
      text: `
        Same problem here. In our SSO rollout (there's a thread about it in this space) we ended
        up creating sixty flat mirror groups in our identity provider just for the platform. It
        works, but every reorganisation now means editing two places, and someone always forgets
        the second one.
      `,
    },
    {
      id: "review",
      by: "jonas",
      status: "under_review",
      text: `
        Moving this to under review. Two questions so we build the right thing:

        1. How deep do your nests go?
        2. Should someone in a child group simply get what the parent group grants, or do you also need to see the hierarchy in the admin console?
      `,
    },
    {
      id: "three",
      by: "author",
      replyTo: "review",
      text: `
        Three levels at most for us. And only the access, please: nobody needs to see the
        hierarchy in the platform, they need to stop losing access when they move team.
      `,
    },
    {
      id: "five",
      by: "deep",
      replyTo: "three",
      vote: "critical",
      text: `
        > Three levels at most for us.

        Five for us, thanks to a directory that went through two acquisitions, so please don't cap
        the depth. And fair warning: our directory has at least one group that contains itself by
        way of another group. It shouldn't, but it does.
      `,
    },
    {
      id: "cycles",
      by: "jonas",
      replyTo: "five",
      after: 3,
      text: `
        That's exactly the kind of thing we need to know before we build it. No fixed depth, then,
        and a group that ends up containing itself is reported in the SCIM log instead of looping
        or failing the sync.
      `,
    },
    {
      by: "maya",
      status: "planned",
      text: `
        Planned for next quarter. The first version: members of nested groups pushed over SCIM
        count as members of every group above them, with no depth limit, and cycles reported in
        the SCIM log. Showing the hierarchy in the admin console isn't part of it; from this
        thread, nobody needs it.
      `,
    },
  ],
});

const SIEM = defineThread({
  space: "operations",
  kind: "idea",
  title: "Audit log export to our SIEM",
  startedHoursAgo: 24 * 44 + 7,
  lastReplyHoursAgo: 24 * 33 + 2,
  cast: {
    author: { pool: "larger", role: "Security Operations Lead" },
    clinics: { pool: { account: "Umbrella Health" }, role: "Head of Clinical Operations" },
    push: "members",
  },
  idea: { votes: 16, importance: [2, 5, 3] },
  opening: {
    by: "author",
    text: `
      Every Friday someone on my team exports the audit log from the admin console as CSV and
      uploads it to our SIEM by hand. Our auditors now want admin actions (role changes, new API
      tokens, SSO settings) in the SIEM within minutes, so we can alert on them, not just find
      them a week later.

      What would work for us:

      - Audit events streamed to an HTTPS endpoint or syslog over TLS, as JSON, one event per action
      - Each event with the actor, their IP address, the target, and the values before and after
      - Failing that, an API endpoint with a cursor that we can poll every few minutes
    `,
  },
  replies: [
    {
      id: "clinics",
      by: "clinics",
      text: `
        Adding the healthcare angle: our auditors ask who changed a permission and when. With a
        weekly CSV we can answer that, but we can never be the ones who notice first. We use
        Microsoft Sentinel, so please don't build this for one SIEM only.
      `,
    },
    {
      id: "review",
      by: "maya",
      status: "under_review",
      after: 20,
      text: `
        Thank you both. We're reviewing this together with the write-up of what the audit log
        covers, which I promised in the welcome thread. One question for everyone who votes: would
        a pull API with a reliable cursor be enough, or does your security team need events
        pushed to them?
      `,
    },
    {
      id: "pull",
      by: "author",
      replyTo: "review",
      text: `
        Pull is fine, as long as it's close to real time and the cursor never skips an event. Our
        SIEM team already runs collectors for three other SaaS tools that work that way.
      `,
    },
    {
      by: "push",
      replyTo: "review",
      text: `
        Push, for us. Our security operations team won't run another collector; they want events
        arriving at their HTTP event endpoint like everything else does.
      `,
    },
  ],
});

const BULK_ROLES = defineThread({
  space: "lounge",
  kind: "idea",
  title: "Bulk-edit user roles",
  startedHoursAgo: 24 * 141 + 4,
  lastReplyHoursAgo: 24 * 41 + 6,
  cast: {
    author: { pool: "larger", role: "Platform Administrator" },
    contractors: "members",
    audit: "members",
  },
  idea: {
    votes: 27,
    importance: [2, 6, 2],
    silentChanges: [
      { to: "under_review", by: "maya", hoursAgo: 24 * 126 + 3 },
      { to: "in_progress", by: "jonas", hoursAgo: 24 * 71 + 5 },
    ],
  },
  opening: {
    by: "author",
    text: `
      Every January we reorganise, and I change the role of 200-odd people one at a time: open
      the profile, change the role, save, go back to the list, find the next person. It took me
      two full days this year, and I still got three of them wrong.

      The ask: in the People list, select several people (by hand, by filter, or from a CSV of
      email addresses), choose a new role, see the list of changes, confirm. One audit entry per
      person, so it's still clear who changed what.
    `,
  },
  replies: [
    {
      id: "contractors",
      by: "contractors",
      text: `
        Our version of this is the end of a project: 30 to 40 contractors move from editor to
        viewer on the same day. Right now that's an afternoon of clicking for someone who has
        better things to do.
      `,
    },
    {
      id: "planned",
      by: "jonas",
      status: "planned",
      hoursAgo: 24 * 97 + 2,
      text: `
        Moving this to planned. The part we want to get right is the confirmation step: when you
        change 200 roles at once, would you want to see each person with their current and new
        role, or is a count ("212 people will become viewers") enough?
      `,
    },
    {
      id: "each",
      by: "author",
      replyTo: "planned",
      text: `
        Each person, please. The count is how mistakes happen; the list is how you notice that
        the CFO is in there.
      `,
    },
    {
      id: "undo",
      by: "audit",
      replyTo: "planned",
      text: `
        Agree with {author}, and one more thing: a way to undo the whole batch for a day or so.
        If I upload the wrong CSV, I'd rather not find out one angry email at a time.
      `,
    },
    {
      id: "shipped",
      by: "jonas",
      status: "shipped",
      hoursAgo: 24 * 42 + 1,
      text: `
        Shipped in today's release. In Admin console → People, select people by hand, by filter or
        by uploading a CSV of email addresses, choose "Change role", and check the list of current
        and new roles before you confirm. Each change has its own entry in the audit log, and a
        batch can be undone from the same page for 24 hours, as {audit} asked.

        Thank you to everyone who voted and commented; the confirmation step is yours.
      `,
    },
    {
      by: "author",
      replyTo: "shipped",
      text: `
        Used it this morning for 212 people: two minutes, including reading the whole list twice.
        Thank you!
      `,
    },
  ],
});

const DARK_MODE = defineThread({
  space: "lounge",
  kind: "idea",
  title: "Dark mode for reports",
  startedHoursAgo: 24 * 22 + 8,
  lastReplyHoursAgo: 24 * 17 + 3,
  cast: {
    author: { pool: "members", role: "Control Room Supervisor" },
    analysts: "members",
    colours: "members",
  },
  idea: { votes: 9, importance: [6, 3, 1] },
  opening: {
    by: "author",
    text: `
      Our dispatch dashboards run full screen on two wall screens in the control room, day and
      night. On the night shift the white background lights up the whole room, and the team has
      taped a dimming film over one of the screens.

      A dark theme for dashboards and reports, even only in full-screen mode, would fix it. It
      sounds cosmetic, but for a room that works through the night it's the difference between
      glancing at the screen and squinting at it.
    `,
  },
  replies: [
    {
      id: "analysts",
      by: "analysts",
      vote: "nice_to_have",
      text: `
        Not only wall screens: half my analysts use dark mode for everything else, and the report
        builder is the one bright window left on their screens.
      `,
    },
    {
      id: "colours",
      by: "colours",
      text: `
        Whatever you do, please keep the chart colours distinguishable. Another tool we use added
        a dark theme, and the red and green of our SLA status turned into two shades of brown.
      `,
    },
    {
      id: "fullscreen",
      by: "jonas",
      replyTo: "opening",
      text: `
        The control room is the strongest case for this I've heard, thank you. Is full-screen
        mode the one that matters, or do people also build and edit reports at night?
      `,
    },
    {
      by: "author",
      replyTo: "fullscreen",
      text: `
        Full screen only. Nobody edits a dashboard at 3 a.m.; they need to read it from across the
        room without it lighting the room up.
      `,
    },
  ],
});

const RESIDENCY_PER_WORKSPACE = defineThread({
  space: "operations",
  kind: "idea",
  title: "Per-workspace data residency selection",
  startedHoursAgo: 24 * 58 + 6,
  lastReplyHoursAgo: 24 * 17 + 1,
  cast: {
    author: { pool: "larger", role: "Compliance Manager" },
    canada: "members",
  },
  idea: {
    votes: 6,
    importance: [1, 3, 3],
    silentChanges: [{ to: "under_review", by: "maya", hoursAgo: 24 * 49 + 4 }],
  },
  opening: {
    by: "author",
    text: `
      We have one account with three workspaces: Europe, the US and Asia-Pacific. The European
      workspace has to stay in the EU, while customers of our US business increasingly ask for US
      hosting, and today an account lives in one region.

      The ask: choose the hosting region for each workspace when you create it, with the same
      single sign-on and one bill for the account.
    `,
  },
  replies: [
    {
      id: "canada",
      by: "canada",
      vote: "critical",
      text: `
        Same here since we acquired a company in Canada: two of their public-sector customers
        require Canadian hosting. For now that business runs outside the platform, which is the
        opposite of what we wanted from the acquisition.
      `,
    },
    {
      id: "declined",
      by: "maya",
      status: "declined",
      hoursAgo: 24 * 18 + 2,
      text: `
        We've looked at this carefully, and we're declining it. I'd rather explain why than leave
        it open for another year.

        The hosting region belongs to the whole account because search, backups, the audit log and
        support access all work across an account's workspaces. Splitting one account across
        regions means either copying data between regions to keep those working, which defeats
        the point of residency, or switching them off for every account with more than one region.

        What works today: a separate account per region, linked for billing and single sign-on,
        with people who belong to both. Several customers run that way, and I'm happy to put you in
        touch with one of them.
      `,
    },
    {
      by: "author",
      replyTo: "declined",
      text: `
        Disappointing, but the reasoning is clear, and a clear no beats two years of "maybe next
        year". We'll go with linked accounts, and yes, I'd like that introduction.
      `,
    },
  ],
});

const EXECUTIVE_SEATS = defineThread({
  space: "lounge",
  kind: "idea",
  title: "Read-only seats for executives",
  // After the seats discussion in the lounge.
  startedHoursAgo: 24 * 5 + 2,
  lastReplyHoursAgo: 24 * 3 + 7,
  cast: {
    author: { pool: "larger", role: "Chief of Staff" },
    board: "members",
  },
  idea: { votes: 12, importance: [3, 6, 2] },
  opening: {
    by: "author",
    text: `
      Following the seats discussion in this space: viewer seats work for most of our readers, but
      our executives need to do two things a viewer can't. They approve requests, and they leave
      the odd comment on a report. Both count as editing, so each of our seven executives takes a
      full seat for about five actions a month.

      The ask: a read-only seat that can also approve and comment. It doesn't need to create or
      edit anything else.
    `,
  },
  replies: [
    {
      id: "board",
      by: "board",
      text: `
        Same for us with our board members: nine full seats that make perhaps twenty approvals a
        quarter between them. Finance brings it up at every renewal.
      `,
    },
    {
      id: "reason",
      by: "maya",
      replyTo: "opening",
      after: 5,
      text: `
        Thanks, this ties straight into the seats thread. If viewer seats could approve, with a
        short written reason, would you still need comments, or would that cover it?
      `,
    },
    {
      by: "author",
      replyTo: "reason",
      text: `
        Approving with a reason covers nine tenths of it. Comments are nice to have; approvals are
        what blocks us.
      `,
    },
  ],
});

const WIDGET_COMMENTS = defineThread({
  space: "beta",
  kind: "idea",
  title: "Comment threads on individual report widgets",
  startedHoursAgo: 24 * 9 + 3,
  lastReplyHoursAgo: 24 * 7 + 1,
  cast: { author: "beta", asof: "beta" },
  idea: { votes: 5, importance: [2, 2, 1] },
  opening: {
    by: "author",
    text: `
      Now that the new reports are good enough to discuss, we discuss them in chat, with
      screenshots, and the discussion is lost a week later. We'd like to comment on one chart or
      table in a report: a short thread per widget, with mentions, visible to everyone who can see
      the report, and marked resolved when we're done.
    `,
  },
  replies: [
    {
      id: "asof",
      by: "asof",
      text: `
        Yes, and tie each comment to the data as it was. When the number changes next week, the
        comment should still show what we were looking at, or it will read like nonsense.
      `,
    },
    {
      id: "snapshot",
      by: "jonas",
      replyTo: "asof",
      after: 6,
      text: `
        That's the hard part. Would a snapshot image of the widget with each comment do, or do you
        need a link that opens the whole report as it was on that date? The second is much more
        work for us.
      `,
    },
    {
      by: "asof",
      replyTo: "snapshot",
      text: `
        A snapshot. Nobody will click through to the report as it was; they want to see the chart
        next to the comment.
      `,
    },
  ],
});

const WEBHOOKS = defineThread({
  space: "operations",
  kind: "idea",
  title: "API: webhooks for status changes",
  // After the rate-limit thread, whose author sends it.
  startedHoursAgo: 24 * 5 + 9,
  lastReplyHoursAgo: 24 * 2 + 4,
  cast: {
    author: { pool: "larger", role: "Data Engineering Lead" },
    survey: "members",
    previous: "members",
    accountwide: "members",
  },
  idea: { votes: 19, importance: [1, 6, 4] },
  opening: {
    by: "author",
    text: `
      Since the rate-limit thread in this space our nightly sync runs clean, but nightly is now the
      problem. Our dispatch system needs to know within a minute when a work item changes status,
      and the only way to find out is to ask the API over and over.

      The ask: webhooks when a work item's status changes.

      - A signed payload with the item, the old and new status, who changed it and when
      - Retries with backoff when our endpoint is down
      - A delivery log in the admin console, so we can see what was sent and what failed
    `,
  },
  replies: [
    {
      id: "survey",
      by: "survey",
      text: `
        Yes, please. We poll every two minutes for resolved items to send a customer survey:
        about 700 requests an hour to learn about perhaps thirty changes.
      `,
    },
    {
      id: "previous",
      by: "previous",
      replyTo: "opening",
      text: `
        > A signed payload with the item, the old and new status, who changed it and when

        The old status is the part I'd fight for. "Reopened" and "new" land in the same status,
        and they mean very different things to our support team.
      `,
    },
    {
      id: "scope",
      by: "maya",
      replyTo: "opening",
      text: `
        This is on our list, and the polling numbers in this thread make a strong case. One design
        question: would you register a webhook per workspace, or one endpoint for the whole
        account?
      `,
    },
    {
      id: "perworkspace",
      by: "author",
      replyTo: "scope",
      text: `
        Per workspace, with the workspace id in the payload. Our workspaces feed different systems.
      `,
    },
    {
      by: "accountwide",
      replyTo: "perworkspace",
      text: `
        The opposite for us: one endpoint for the account, and we route by workspace on our side.
        If both were possible, everyone's happy.
      `,
    },
  ],
});

const OFFLINE = defineThread({
  space: "operations",
  kind: "idea",
  title: "Offline mode for the mobile app",
  startedHoursAgo: 24 * 101 + 2,
  lastReplyHoursAgo: 24 * 7 + 4,
  cast: {
    author: { pool: { account: "Brightside Solar" }, role: "Field Service Manager" },
    depots: { pool: { account: "Stark Logistics" }, role: "VP of Operations" },
    basements: "members",
  },
  idea: { votes: 31, recentVotes: 4, importance: [2, 5, 3] },
  opening: {
    by: "author",
    text: `
      Our installers spend most of the day on roofs with no signal. So they fill in a paper
      checklist, photograph it, and type it in at the end of the day: about 25 minutes per
      installer per day, and the photos of the actual work end up in a camera roll instead of on
      the job.

      What we need from the mobile app:

      1. Download the day's jobs and their checklists in the morning
      2. Fill in checklists and take photos without a connection
      3. Sync when the phone is back in range, and show conflicts instead of overwriting anyone's work
    `,
  },
  replies: [
    {
      id: "depots",
      by: "depots",
      vote: "critical",
      text: `
        Same need at our rural depots: drivers do the depot checklist in the yard, where the
        signal comes and goes. We've seen the app lose a half-finished checklist when the
        connection dropped. Even keeping drafts on the phone would help.
      `,
    },
    {
      by: "basements",
      text: `
        Basements instead of roofs here: our engineers work in plant rooms two floors
        underground. Same paper, same typing it in afterwards.
      `,
    },
    {
      id: "review",
      by: "maya",
      status: "under_review",
      hoursAgo: 24 * 9 + 4,
      text: `
        Moving this to under review: offline mode is one of the candidates we're weighing for the
        first half of next year. To size it, which do you need first: filling in checklists (with
        photos) offline, or also creating new work items without a connection?
      `,
    },
    {
      by: "author",
      replyTo: "review",
      text: `
        Checklists with photos, first. Creating new items offline would be nice, but it happens
        maybe once a week.
      `,
    },
    {
      by: "depots",
      replyTo: "review",
      text: `
        Checklists for us too, and please keep the draft when the app is closed or the phone dies.
        That alone would stop most of the lost work.
      `,
    },
  ],
});

/**
 * Two duplicates, posted by members who didn't find the earlier idea, and merged into it by staff
 * a few weeks later: their votes count there now, and their pages lead there.
 */
const EMAILED_DASHBOARDS = defineThread({
  space: "lounge",
  kind: "idea",
  title: "Email a dashboard to people who never log in",
  startedHoursAgo: 24 * 33 + 5,
  lastReplyHoursAgo: 24 * 31 + 2,
  cast: {
    author: { pool: "members", role: "Head of Site Operations" },
    franchise: "members",
  },
  idea: {
    votes: 7,
    importance: [2, 4, 1],
    mergedInto: { into: EXPORTS.title, by: "maya", hoursAgo: 24 * 4 + 3, sharedVoters: 2 },
  },
  opening: {
    by: "author",
    text: `
      Our fourteen site managers will never log in to a dashboard. What they read is email, so
      every Monday I screenshot our weekly site dashboard, crop out each site and send fourteen
      emails before nine o'clock.

      Could a saved dashboard be emailed on a schedule to a list of addresses, with each person
      seeing only their own site? A PDF of the dashboard as it looks on screen would be plenty.
    `,
  },
  replies: [
    {
      by: "franchise",
      text: `
        Same for our franchise owners: the dashboard is the truth for head office, but for them
        the truth is whatever lands in their inbox on Monday. Filtering per recipient is the part
        that matters; an owner must never see another owner's stores.
      `,
    },
  ],
});

const CHECKLIST_DRAFTS = defineThread({
  space: "lounge",
  kind: "idea",
  title: "Don't lose checklist drafts when the signal drops",
  startedHoursAgo: 24 * 47 + 6,
  lastReplyHoursAgo: 24 * 45 + 3,
  cast: {
    author: { pool: "members", role: "Maintenance Supervisor" },
    photos: "members",
  },
  idea: {
    votes: 5,
    importance: [1, 3, 1],
    mergedInto: { into: OFFLINE.title, by: "priya", hoursAgo: 24 * 5 + 2, sharedVoters: 1 },
  },
  opening: {
    by: "author",
    text: `
      About once a week one of our technicians loses a half-finished inspection checklist: the
      app drops its connection in a lift shaft or a basement, and when it comes back the
      checklist is empty. That's twenty minutes of work, redone from memory in the van.

      Could the app keep each answer and photo on the phone as it's entered, and send the
      checklist when the connection returns? Full offline mode would be lovely, but drafts alone
      would end most of our lost work.
    `,
  },
  replies: [
    {
      by: "photos",
      text: `
        Photos are our version of this. The upload fails in an underground car park and the app
        gives up without a word, so nobody knows a photo is missing until the customer asks for
        it. A queue that keeps retrying would be enough for us.
      `,
    },
  ],
});

/**
 * Votes staff recorded for customers who asked for something on a call rather than here. Inès
 * (a demo login) has one, so her profile shows "Votes recorded for you".
 */
export function demoProxyVotes(): ProxyVoteScript[] {
  return [
    {
      idea: OFFLINE.title,
      for: "ines",
      by: "maya",
      importance: "nice_to_have",
      hoursAgo: 24 * 5 + 6,
      note: `Heard on our call with Northwind, {date}: their field teams want offline checklists but have workarounds for now, so nice to have rather than urgent.`,
    },
    {
      idea: NESTED_GROUPS.title,
      for: { pool: "larger" },
      by: "priya",
      importance: "critical",
      hoursAgo: 24 * 11 + 4,
      note: `From a research interview, {date}: their IT team keeps about forty mirror groups in the identity provider just for us, and rebuilds them after every reorganisation.`,
    },
    {
      idea: SIEM.title,
      for: { pool: "larger" },
      by: "maya",
      importance: "critical",
      hoursAgo: 24 * 20 + 5,
      note: `Heard on the QBR call, {date}: their auditors flagged the weekly audit log upload as a finding and want admin actions in the SIEM within the hour.`,
    },
    {
      idea: EXECUTIVE_SEATS.title,
      for: { pool: "members" },
      by: "maya",
      importance: "important",
      hoursAgo: 24 * 2 + 8,
      note: `Came up on their renewal call, {date}: six directors hold full seats only to approve requests, and finance wants that fixed before they renew.`,
    },
  ];
}

/** The demo's ideas, placed after the conversations they refer to, and duplicates after theirs. */
export function demoIdeas(): ThreadScript[] {
  return [
    BULK_ROLES,
    EXPORTS,
    OFFLINE,
    RESIDENCY_PER_WORKSPACE,
    SIEM,
    NESTED_GROUPS,
    DARK_MODE,
    WIDGET_COMMENTS,
    WEBHOOKS,
    EXECUTIVE_SEATS,
    EMAILED_DASHBOARDS,
    CHECKLIST_DRAFTS,
  ] as ThreadScript[];
}
