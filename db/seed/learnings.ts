import { defineThread, type ThreadScript } from "./script";

/**
 * The demo's learnings: threads of kind "learning" in which staff say what they heard from
 * members, and what they concluded, citing the threads and posts they drew on. Members confirm
 * them or correct them; forums.ts records the sources, confirmations and corrections as the app
 * does, and tells the cited authors.
 *
 * Maya's learning on scheduled exports got two corrections: she took the finance team's in with
 * a revision a week later, while the security lead's is still open. Priya's learning on data
 * residency, in the council, is recent and only confirmed so far.
 */

const EXPORTS_LEARNING = defineThread({
  space: "lounge",
  kind: "learning",
  title: "What we heard about scheduled exports",
  startedHoursAgo: 24 * 21 + 2,
  lastReplyHoursAgo: 24 * 9 + 5,
  cast: {
    agree: "larger",
    finance: { pool: "members", role: "Finance Operations Analyst" },
    retention: { pool: "larger", role: "IT Security Manager" },
  },
  learning: {
    sources: [
      { thread: "Schedule dashboard exports by email" },
      {
        thread: "Schedule dashboard exports by email",
        post: "first working day of each month",
      },
      {
        thread: "Schedule dashboard exports by email",
        post: "doesn't allow customer data in email attachments",
      },
      { thread: "Email a dashboard to people who never log in" },
    ],
    confirmations: 11,
    corrections: [{ reply: "finance", accepted: true }, { reply: "retention" }],
  },
  opening: {
    by: "maya",
    text: `
      Scheduled exports are planned, and the first version will go to the reporting beta. Before
      we build it, here is what we heard from you in the idea thread, in the newer idea asking for
      the same thing and on calls, and what we concluded from it. If something here is wrong,
      reply and mark your reply as a correction: we'd rather fix this page than the product.

      ### What we heard

      - **Most "reporting" is distribution.** The people who need the numbers (regional managers,
      site managers, franchise owners) don't log in, so someone spends Monday morning exporting,
      cropping and emailing.
      - **Weekly, on Monday, is the common rhythm.** Finance is the exception: it needs a monthly
      report on the first working day of the month, and nothing in between.
      - **Attachment or link is an account's decision.** Field teams read on their phones and
      need the data in the email itself. Some security teams don't allow customer data in
      attachments at all.
      - **Each recipient sees only their own data.** A site manager must never see another
      site's numbers, and that includes recipients without a seat.

      ### What we concluded

      1. Schedules: daily, weekly on a chosen day, or monthly.
      2. CSV or PDF attachments by default, and a link-only mode an admin can enforce for the
      whole account.
      3. Filtering per recipient is part of the first version, not a later one.
    `,
    edit: {
      hoursLater: 24 * 7,
      replace: {
        from: `Finance is the exception: it needs a monthly
      report on the first working day of the month, and nothing in between.`,
        to: `Finance needs two rhythms: a weekly cash report (Fridays, for
      the team that corrected us), and a month-end pack on a working day after the books close,
      which is the first working day for some teams and the third for others.`,
      },
      append: `
        **Revised** after {finance}'s correction, which two other finance teams in the beta
        confirmed: monthly schedules will let you choose the working day ("third working day"),
        not only the first, and finance's weekly report is a weekly schedule like anyone else's.
      `,
    },
  },
  replies: [
    {
      id: "agree",
      by: "agree",
      replyTo: "opening",
      text: `
        This matches us almost line by line. The point I'd underline is the last one: we would
        rather wait another month than get a first version without filtering per recipient,
        because the first thing we'd do with it is email our regional managers.
      `,
    },
    {
      id: "finance",
      by: "finance",
      replyTo: "opening",
      hoursAgo: 24 * 17 + 14,
      text: `
        You write that finance needs a monthly report on the first working day, and nothing in
        between. Not quite, at least not for us. Our finance team needs the cash position **weekly**, every
        Friday by noon, and the monthly pack can't go out on the first working day: our books close
        on the third working day, so a report sent on the first is a report of unfinished numbers.
        "First working day" fits a controller who wants last month's costs; it doesn't fit close.

        What would work for us: weekly on a chosen day for finance too, and monthly on a working
        day we choose (the third, in our case).
      `,
    },
    {
      by: "maya",
      replyTo: "finance",
      after: 3,
      text: `
        Thank you, {finance}, that's a real gap: we took "first working day" from one controller
        and made it a rule for every finance team. I'm checking with two other finance teams in the
        beta this week, and I'll revise the learning if they see it the same way.
      `,
    },
    {
      by: "maya",
      replyTo: "finance",
      hoursAgo: 24 * 14 - 1,
      text: `
        Both finance teams I asked close after the first working day too, so I've revised the
        learning with {finance}'s correction: monthly schedules get a chosen working day. The page
        history shows what it said before and after.
      `,
    },
    {
      id: "retention",
      by: "retention",
      replyTo: "opening",
      text: `
        > Some security teams don't allow customer data in attachments at all.

        A correction on the reason, because it changes what would satisfy us. Our security team has
        nothing against attachments as such. The problem is that our mail system archives every
        message for seven years, while our customers' data may be kept for 90 days at most.

        So a link that expires after a week would work for us, and so would an attachment our
        archive never sees. A link-only mode whose links work forever would not.
      `,
    },
    {
      by: "jonas",
      replyTo: "retention",
      text: `
        That's a different requirement from the one we wrote down, thank you. Expiring links aren't
        in the first version. I'm leaving your correction open until we've talked retention through
        with two more security teams: if it holds, the link-only mode gets an expiry setting, and
        this learning changes with it.
      `,
    },
  ],
});

const RESIDENCY_LEARNING = defineThread({
  space: "council",
  kind: "learning",
  title: "What we heard about data residency",
  startedHoursAgo: 24 * 5 + 3,
  lastReplyHoursAgo: 24 * 4 + 2,
  cast: {
    dpo: { pool: "top1", role: "Data Protection Officer" },
  },
  learning: {
    sources: [
      { thread: "Data residency requirements for" },
      {
        thread: "Data residency requirements for",
        post: "Could the log show every time anyone at your company",
      },
      { thread: "Per-workspace data residency selection", post: "require Canadian hosting" },
    ],
    confirmedBy: ["ines"],
    confirmations: 3,
    corrections: [],
  },
  opening: {
    by: "priya",
    text: `
      Over the past weeks we worked through data residency with Northwind's legal, data
      protection and security leads, here and on calls, and with members who asked for a hosting
      region per workspace. Here is what we heard, and what we concluded. Reply if we got
      something wrong.

      ### What we heard

      - **Storage is settled; access is not.** Workspace data and backups in the EU already
      satisfy legal. The open question is who can reach the data: support escalations may involve
      engineers based in the US.
      - **A log beats a promise.** Legal signs a contractual commitment, but the data protection
      officer needs a complete log of every support access, with the ticket it belongs to, to
      check against their own records.
      - **Personal data includes what people write.** Names and email addresses in comments
      count, not only customer records, which is why the excerpts in notification emails matter.
      - **A region per workspace is a real need elsewhere**, for companies that grew by
      acquisition, but not one we can meet without weakening residency for every account.

      ### What we concluded

      1. EU-only support is the priority for next year, and the monthly access log export comes
      before it.
      2. Notification emails without excerpts ship as planned, as a setting for the account.
      3. Residency stays per account; customers who need several regions get linked accounts,
      and our help setting them up.
    `,
  },
  replies: [
    {
      id: "complete",
      by: "dpo",
      replyTo: "opening",
      text: `
        Confirmed from my side. On the log, "complete" is the word that matters: I will check it
        against our own access records every month, so an entry without its ticket comes back to
        you as a question.
      `,
    },
    {
      by: "ines",
      replyTo: "opening",
      text: `
        This is the summary I'll forward to our legal team before the review. Thank you for
        writing it down where the people who said it can check it.
      `,
    },
  ],
});

export function demoLearnings(): ThreadScript[] {
  return [EXPORTS_LEARNING, RESIDENCY_LEARNING];
}
