import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import {
  docFromPlainText,
  plainTextOf,
  renderRichTextHtml,
  type RichTextDoc,
} from "~/editor/content.server";
import type * as schema from "../schema";
import {
  postReactions,
  postRevisions,
  posts,
  spaceMembers,
  spaceObservers,
  spaces,
  spaceWatches,
  threadReads,
  threads,
  threadWatches,
  type ReactionKind,
} from "../schema";
import type { seededRandom } from "./random";

// The seed runs inside the demo's transaction, which offers the same insert/execute as a database.
type Db = Pick<PostgresJsDatabase<typeof schema>, "insert" | "execute">;
type Person = {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  role: string;
  accountRank: number | null;
};

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const mention = (person: Person) => ({
  type: "mention",
  attrs: { id: person.id, label: person.handle },
});

const REPLY_LINES = [
  "We tried this last year and the biggest win was agreeing on one owner per metric.",
  "Same here. The hard part was getting finance to trust the numbers from the ops dashboard.",
  "Could you share how you structure the agenda? Ours drifts into status updates every time.",
  "We moved the review to the first week of the quarter so decisions land before planning.",
  "One thing that helped us: send the pre-read 48 hours ahead and start the meeting with questions only.",
  "Interesting — we do the opposite and keep it short, 30 minutes, with a written follow-up.",
  "For what it's worth, our regional teams run their own version and roll up a one-page summary.",
  "I'd love to see the template if you're willing to share it.",
  "We measure adoption weekly, not monthly; monthly hid a two-week outage in usage last spring.",
  "Agree with the point about owners. Without one, every number becomes a debate about the number.",
  "We stopped tracking vanity counts and only kept the three metrics tied to renewals.",
  "Our CFO joins once a quarter; it changed the tone of the conversation completely.",
  "Has anyone connected this to their support backlog? That's where our best signals come from.",
  "We run a retro on the review itself every six months and prune what nobody used.",
  "Thanks, this is exactly the nuance I was missing.",
];

/**
 * The demo's forums: open, tier-gated and private spaces with observers, threads of both kinds,
 * one long thread, replies that quote and mention, reactions, watches and read state.
 */
export async function seedDemoForums(
  tx: Db,
  people: Person[],
  random: ReturnType<typeof seededRandom>,
) {
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const who = (email: string) => byEmail.get(email)!;
  const admin = who("admin@vanguard.test");
  const maya = who("maya@vanguard.test");
  const priya = who("priya@vanguard.test");
  const jonas = who("jonas@vanguard.test");
  const ines = who("ines@northwind.test");
  const sam = who("sam@smallco.test");
  const members = people.filter((p) => p.role === "member");
  const topAccountMembers = members.filter((p) => p.accountRank === 1);
  const topTenMembers = members.filter((p) => p.accountRank !== null && p.accountRank <= 6);

  const spaceRows = await tx
    .insert(spaces)
    .values([
      {
        slug: "lounge",
        name: "Members' lounge",
        description: "Introductions, questions and anything worth sharing with peers.",
        visibility: "members",
        position: 1,
        createdById: admin.id,
      },
      {
        slug: "operations",
        name: "Operations practices",
        description: "How members run their operations: rituals, metrics, tooling, results.",
        visibility: "members",
        position: 2,
        createdById: admin.id,
      },
      {
        slug: "council",
        name: "Top 1% council",
        description:
          "A small room for our largest customers to compare notes and shape what's next.",
        visibility: "tier",
        minTier: "top1",
        position: 3,
        createdById: admin.id,
      },
      {
        slug: "roundtable",
        name: "Top 10% roundtable",
        description: "Peers from the top tier of accounts trade notes on scale and governance.",
        visibility: "tier",
        minTier: "top10",
        position: 4,
        createdById: admin.id,
      },
      {
        slug: "beta",
        name: "Beta program",
        description: "Early access builds and candid feedback. Invitation only.",
        visibility: "private",
        position: 5,
        createdById: admin.id,
      },
    ])
    .returning({ id: spaces.id, slug: spaces.slug });
  const space = Object.fromEntries(spaceRows.map((row) => [row.slug, row.id])) as Record<
    string,
    string
  >;

  await tx.insert(spaceObservers).values([
    { spaceId: space.lounge, userId: maya.id },
    { spaceId: space.operations, userId: priya.id },
    { spaceId: space.operations, userId: jonas.id },
    { spaceId: space.council, userId: maya.id },
  ]);
  const betaMembers = [ines, ...members.filter((p) => p !== ines && p !== sam).slice(0, 6)];
  await tx
    .insert(spaceMembers)
    .values(betaMembers.map((p) => ({ spaceId: space.beta, userId: p.id, addedById: admin.id })));
  await tx.insert(spaceWatches).values([
    { userId: ines.id, spaceId: space.operations },
    { userId: maya.id, spaceId: space.council },
  ]);

  const now = Date.now();
  const hoursAgo = (h: number) => new Date(now - h * 3_600_000);

  async function thread(spec: {
    space: string;
    author: Person;
    kind: "discussion" | "insight";
    title: string;
    body: RichTextDoc;
    replies: Array<{ author: Person; body: RichTextDoc }>;
    startedHoursAgo: number;
    pinned?: boolean;
  }) {
    const total = spec.replies.length + 1;
    const step = spec.startedHoursAgo / (total + 1);
    const created = hoursAgo(spec.startedHoursAgo);
    const lastAt = hoursAgo(spec.startedHoursAgo - step * spec.replies.length);
    const [row] = await tx
      .insert(threads)
      .values({
        spaceId: spec.space,
        authorId: spec.author.id,
        kind: spec.kind,
        title: spec.title,
        replyCount: spec.replies.length,
        lastPosition: total,
        pinnedAt: spec.pinned ? created : null,
        createdAt: created,
        lastActivityAt: lastAt,
      })
      .returning({ id: threads.id });
    const all = [{ author: spec.author, body: spec.body }, ...spec.replies];
    const inserted = await tx
      .insert(posts)
      .values(
        all.map((post, index) => ({
          threadId: row.id,
          authorId: post.author.id,
          position: index + 1,
          body: post.body,
          bodyHtml: renderRichTextHtml(post.body),
          bodyText: plainTextOf(post.body),
          searchTitle: index === 0 ? spec.title : null,
          createdAt: hoursAgo(spec.startedHoursAgo - step * index),
        })),
      )
      .returning({
        id: posts.id,
        position: posts.position,
        authorId: posts.authorId,
        bodyText: posts.bodyText,
        body: posts.body,
      });
    await tx.insert(postRevisions).values(
      inserted.map((post) => ({
        postId: post.id,
        revision: 1,
        title: post.position === 1 ? spec.title : null,
        body: post.body,
        bodyText: post.bodyText,
        editorId: post.authorId,
      })),
    );
    // Replies answer an earlier post now and then, so "in reply to" links appear.
    for (const post of inserted.slice(3)) {
      if (random.next() < 0.2) {
        const target = inserted[random.int(0, post.position - 2)];
        await tx.execute(
          sql`update posts set reply_to_post_id = ${target.id} where id = ${post.id}`,
        );
      }
    }
    const reactions: Array<{ postId: string; userId: string; kind: ReactionKind }> = [];
    for (const post of inserted) {
      const count = random.int(0, post.position === 1 ? 7 : 3);
      const reactors = new Set<string>();
      for (let i = 0; i < count; i++) reactors.add(random.pick(members).id);
      for (const userId of reactors)
        reactions.push({
          postId: post.id,
          userId,
          kind: random.pick(["helpful", "helpful", "agree", "insightful", "thanks"] as const),
        });
    }
    if (reactions.length) await tx.insert(postReactions).values(reactions).onConflictDoNothing();
    await tx
      .insert(threadWatches)
      .values({ userId: spec.author.id, threadId: row.id })
      .onConflictDoNothing();
    await tx
      .insert(threadReads)
      .values({ userId: spec.author.id, threadId: row.id, lastReadPosition: total })
      .onConflictDoNothing();
    return row.id;
  }

  const pickMembers = (pool: Person[], n: number) =>
    Array.from({ length: n }, () => random.pick(pool));
  const replies = (pool: Person[], n: number) =>
    pickMembers(pool, n).map((author) => ({
      author,
      body: docFromPlainText(random.pick(REPLY_LINES)),
    }));

  const qbr = await thread({
    space: space.operations,
    author: ines,
    kind: "discussion",
    title: "How do you run quarterly business reviews that lead to decisions?",
    startedHoursAgo: 24 * 20,
    body: {
      type: "doc",
      content: [
        paragraph(
          "Our QBRs have turned into long status meetings. I'd like to hear how others keep them about decisions.",
        ),
        {
          type: "heading",
          attrs: { level: 3 },
          content: [{ type: "text", text: "What we do today" }],
        },
        {
          type: "bulletList",
          content: [
            "A 90-minute slot with twelve people",
            "A 40-slide deck sent the morning of",
            "Action items nobody owns",
          ].map((text) => ({ type: "listItem", content: [paragraph(text)] })),
        },
        paragraph("What does your agenda look like, and who is in the room?"),
      ],
    },
    replies: [
      ...replies(members, 60),
      {
        author: priya,
        body: docFromPlainText(
          "Thanks all — this thread is gold. We're collecting the patterns here and will share back what we learn.",
        ),
      },
      ...replies(members, 57),
      {
        author: sam,
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                mention(ines),
                {
                  type: "text",
                  text: " we're a small team but the pre-read idea worked for us too. Happy to compare notes.",
                },
              ],
            },
          ],
        },
      },
    ],
  });
  await thread({
    space: space.operations,
    author: who(members[3].email),
    kind: "insight",
    title: "We cut onboarding time from 6 weeks to 9 days",
    startedHoursAgo: 24 * 6,
    body: docFromPlainText(
      "We mapped every onboarding step, removed the ones that existed only for our own reporting, and moved training into the first week.\n\nThe result: new teams reach their first real outcome in 9 days instead of 6 weeks. Happy to share the checklist.",
    ),
    replies: replies(members, 14),
  });
  await thread({
    space: space.operations,
    author: who(members[8].email),
    kind: "discussion",
    title: "Which metrics do you review weekly?",
    startedHoursAgo: 50,
    body: docFromPlainText(
      "Curious which three or four numbers other members look at every week, and which ones you stopped tracking.",
    ),
    replies: replies(members, 9),
  });
  await thread({
    space: space.lounge,
    author: admin,
    kind: "discussion",
    title: "Welcome — introduce yourself here",
    startedHoursAgo: 24 * 30,
    pinned: true,
    body: docFromPlainText(
      "This is a space for members to meet each other. Say who you are, what you work on, and what you hope to learn here.\n\nStaff read this space (see the note above) and join in openly.",
    ),
    replies: replies(members, 24),
  });
  await thread({
    space: space.lounge,
    author: who(members[12].email),
    kind: "discussion",
    title: "Favourite books on running a customer-led company?",
    startedHoursAgo: 70,
    body: docFromPlainText("Looking for recommendations beyond the usual suspects."),
    replies: replies(members, 7),
  });
  await thread({
    space: space.lounge,
    author: sam,
    kind: "insight",
    title: "What a 4-person team learned from automating renewals",
    startedHoursAgo: 30,
    body: docFromPlainText(
      "We are tiny, so every manual step hurts. Automating renewal reminders freed about a day a week.\n\nThe surprise: customers liked the plain-text reminders more than our designed emails.",
    ),
    replies: replies(members, 3),
  });
  await thread({
    space: space.council,
    author: ines,
    kind: "discussion",
    title: "Data residency requirements for 2027",
    startedHoursAgo: 24 * 4,
    body: docFromPlainText(
      "Our legal team expects stricter residency rules next year. How are other large accounts preparing, and what would you need from the product?",
    ),
    replies: replies(topAccountMembers.length ? [...topAccountMembers, maya] : [maya], 6),
  });
  await thread({
    space: space.roundtable,
    author: who(topTenMembers[2]?.email ?? ines.email),
    kind: "insight",
    title: "Governance model for 40 regional teams",
    startedHoursAgo: 24 * 3,
    body: docFromPlainText(
      "We moved from central approval to guardrails plus audits. Sharing what worked and what we had to roll back.",
    ),
    replies: replies(topTenMembers, 8),
  });
  await thread({
    space: space.beta,
    author: ines,
    kind: "discussion",
    title: "First impressions of the new reporting beta",
    startedHoursAgo: 20,
    body: docFromPlainText(
      "Export is much faster. The filters reset when you switch tabs, which breaks my flow. Anyone else?",
    ),
    replies: replies(betaMembers, 5),
  });
  // Sam's mention of Ines at the end of the long thread is waiting under her bell.
  await tx.execute(sql`
    insert into notifications (user_id, kind, thread_id, post_id, actor_id, created_at, emailed_at)
    select ${ines.id}, 'mention', thread_id, id, author_id, created_at, created_at
    from posts where thread_id = ${qbr} order by position desc limit 1`);
  // Ines has read the long thread up to a point, so "new since your last visit" shows.
  await tx
    .insert(threadReads)
    .values({ userId: ines.id, threadId: qbr, lastReadPosition: 110 })
    .onConflictDoUpdate({
      target: [threadReads.userId, threadReads.threadId],
      set: { lastReadPosition: 110 },
    });
}
