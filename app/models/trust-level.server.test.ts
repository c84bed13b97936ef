import { and, eq, gt, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  moderationNotices,
  postReactions,
  posts,
  threadReads,
  users,
  userVisitDays,
} from "#db/schema";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import { getCurrentSession, startSession } from "~/auth/session.server";
import { db } from "~/db.server";
import {
  meetsTrustRequirements,
  TRUST_LEVEL_RULES,
  type TrustRequirements,
} from "~/utils/trust-levels";
import { getTrustProgress, recalculateTrustLevels } from "./trust-level.server";

const DAY = 24 * 60 * 60_000;

type Member = Awaited<ReturnType<typeof createUser>>;

async function levelOf(userId: string) {
  const [row] = await db
    .select({ trustLevel: users.trustLevel })
    .from(users)
    .where(eq(users.id, userId));
  return row.trustLevel;
}

/** Backdates when the person joined. */
async function joinedDaysAgo(userId: string, days: number) {
  await db
    .update(users)
    .set({ createdAt: new Date(Date.now() - days * DAY) })
    .where(eq(users.id, userId));
}

/** One visit on each of the last `days` days. */
async function visitedOn(userId: string, days: number) {
  await db.insert(userVisitDays).values(
    Array.from({ length: days }, (_, i) => ({
      userId,
      day: new Date(Date.now() - i * DAY).toISOString().slice(0, 10),
    })),
  );
}

// The other people the helpers need are new members, so recalculating leaves them where they are.

/** A thread by someone else, read `count` posts far. */
async function readPosts(userId: string, count: number) {
  const author = await createUser({ trustLevel: 0 });
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id);
  await db.insert(threadReads).values({ userId, threadId, lastReadPosition: count });
}

/** `count` replies by the member in a new thread; returns their ids. */
async function writeReplies(member: Member, count: number) {
  const space = await createTestSpace();
  const { threadId } = await createTestThread(member, space.id, { replies: count });
  const rows = await db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.threadId, threadId), gt(posts.position, 1)));
  return rows.map((row) => row.id);
}

/** Others react to the member's posts, `kind` once per post, one reactor per post. */
async function reactTo(postIds: string[], kind: "helpful" | "insightful" | "thanks") {
  const reactor = await createUser({ trustLevel: 0 });
  await db
    .insert(postReactions)
    .values(postIds.map((postId) => ({ postId, userId: reactor.id, kind })));
}

/** A member who has done everything level 2 asks (and level 1 below it). */
async function levelTwoMember() {
  const member = await createUser({ trustLevel: 0 });
  await joinedDaysAgo(member.id, 20);
  await visitedOn(member.id, 10);
  await readPosts(member.id, 50);
  const replies = await writeReplies(member, 3);
  await reactTo(replies.slice(0, 1), "helpful");
  return { member, replies };
}

describe("trust level rules", () => {
  it("ask at least as much at each level as at the one below", () => {
    for (const [lower, higher] of TRUST_LEVEL_RULES.slice(0, -1).map(
      (rule, i) => [rule, TRUST_LEVEL_RULES[i + 1]] as const,
    )) {
      expect(higher.level).toBe(lower.level + 1);
      for (const key of Object.keys(lower.requires) as (keyof TrustRequirements)[]) {
        expect(Number(higher.requires[key])).toBeGreaterThanOrEqual(Number(lower.requires[key]));
      }
    }
  });
});

describe("recalculateTrustLevels", () => {
  it("keeps a new member with no activity at level 0", async () => {
    const member = await createUser({ trustLevel: 0 });
    await recalculateTrustLevels();
    expect(await levelOf(member.id)).toBe(0);
  });

  it("lowers a member whose level their figures don't earn", async () => {
    const member = await createUser({ trustLevel: 2 });
    await recalculateTrustLevels();
    expect(await levelOf(member.id)).toBe(0);
  });

  it("raises a member to 1 with a few visits and reads, once they are a day old", async () => {
    const member = await createUser({ trustLevel: 0 });
    await visitedOn(member.id, 2);
    await readPosts(member.id, 5);
    await recalculateTrustLevels();
    expect(await levelOf(member.id)).toBe(0);

    await joinedDaysAgo(member.id, 1);
    await recalculateTrustLevels();
    expect(await levelOf(member.id)).toBe(1);
  });

  it("raises a member to 2 with replies and a helpful reaction from someone else", async () => {
    const member = await createUser({ trustLevel: 0 });
    await joinedDaysAgo(member.id, 20);
    await visitedOn(member.id, 10);
    await readPosts(member.id, 50);
    const replies = await writeReplies(member, 3);
    // Thanks, and reacting to oneself, don't count as helpful.
    await reactTo(replies, "thanks");
    await db
      .insert(postReactions)
      .values({ postId: replies[0], userId: member.id, kind: "helpful" });
    await recalculateTrustLevels();
    expect(await levelOf(member.id)).toBe(1);

    await reactTo(replies.slice(0, 1), "insightful");
    await recalculateTrustLevels();
    expect(await levelOf(member.id)).toBe(2);
  });

  it("raises a long-standing, helpful member to 3", async () => {
    const member = await createUser({ trustLevel: 0 });
    await joinedDaysAgo(member.id, 90);
    await visitedOn(member.id, 30);
    await readPosts(member.id, 200);
    const replies = await writeReplies(member, 20);
    await reactTo(replies.slice(0, 10), "helpful");
    await recalculateTrustLevels();
    expect(await levelOf(member.id)).toBe(3);
  });

  it("holds back from 2 a member with a post hidden recently, not one hidden long ago", async () => {
    const { member, replies } = await levelTwoMember();
    const [{ id: extra }] = await db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.authorId, member.id), eq(posts.position, 1)));
    await db
      .update(posts)
      .set({ moderation: "hidden", moderatedAt: new Date(Date.now() - 10 * DAY) })
      .where(eq(posts.id, extra));
    await recalculateTrustLevels();
    expect(await levelOf(member.id)).toBe(1);
    expect(await getTrustProgress(member.id)).toMatchObject({
      recentlyModerated: true,
      earnedLevel: 1,
      replies: replies.length,
    });

    await db
      .update(posts)
      .set({ moderatedAt: new Date(Date.now() - 61 * DAY) })
      .where(eq(posts.id, extra));
    await recalculateTrustLevels();
    expect(await levelOf(member.id)).toBe(2);
  });

  it("holds back from 2 a member with a recent moderation notice or silence", async () => {
    const noticed = (await levelTwoMember()).member;
    await db.insert(moderationNotices).values({
      userId: noticed.id,
      action: "edited",
      reason: "Removed a customer's name",
      subject: "A reply",
    });
    const silenced = (await levelTwoMember()).member;
    await db
      .update(users)
      .set({
        silencedAt: new Date(Date.now() - 30 * DAY),
        silencedUntil: new Date(Date.now() - 20 * DAY),
      })
      .where(eq(users.id, silenced.id));
    await recalculateTrustLevels();
    expect(await levelOf(noticed.id)).toBe(1);
    expect(await levelOf(silenced.id)).toBe(1);
  });

  it("leaves moderators, staff and admins as they are", async () => {
    const people = [
      await createUser({ role: "moderator", trustLevel: 0 }),
      await createUser({ role: "staff", trustLevel: 3 }),
      await createUser({ role: "admin", trustLevel: 1 }),
    ];
    await recalculateTrustLevels();
    expect(await Promise.all(people.map((p) => levelOf(p.id)))).toEqual([0, 3, 1]);
    expect(await getTrustProgress(people[1].id)).toMatchObject({
      trustLevel: 3,
      earnedLevel: 0,
      computed: false,
    });
  });

  it("changes only the rows whose level differs, in one statement however many members", async () => {
    await recalculateTrustLevels();
    expect(await recalculateTrustLevels()).toEqual({ changed: 0 });
    const few = await countQueries(() => recalculateTrustLevels());

    await levelTwoMember();
    await levelTwoMember();
    await createUser({ trustLevel: 3 });
    let changed = 0;
    const many = await countQueries(async () => {
      changed = (await recalculateTrustLevels()).changed;
    });
    expect(changed).toBe(3);
    expect([few, many]).toEqual([1, 1]);
  });
});

describe("getTrustProgress", () => {
  it("shows a member's figures and the level they earn, as the rules compute it", async () => {
    const { member } = await levelTwoMember();
    const progress = await getTrustProgress(member.id);
    expect(progress).toEqual({
      trustLevel: 0,
      earnedLevel: 2,
      computed: true,
      daysVisited: 10,
      // 50 in someone else's thread, and the 4 of their own thread, read as they wrote them.
      postsRead: 54,
      replies: 3,
      helpfulReactionsReceived: 1,
      daysSinceJoining: 20,
      recentlyModerated: false,
    });
    const earned = TRUST_LEVEL_RULES.filter((rule) =>
      meetsTrustRequirements(progress!, rule.requires),
    ).at(-1);
    expect(earned?.level).toBe(progress?.earnedLevel);
  });

  it("answers null for nobody", async () => {
    expect(await getTrustProgress("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("touchLastSeen", () => {
  it("records a visit once a day, whenever it touches last seen", async () => {
    const member = await createUser({ trustLevel: 0 });
    const cookie = (await startSession(member.id)).split(";")[0];
    const visit = () =>
      getCurrentSession(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    const visitDays = () =>
      db.select().from(userVisitDays).where(eq(userVisitDays.userId, member.id));

    await visit();
    await visit();
    expect(await visitDays()).toHaveLength(1);

    // Later the same day, past the five-minute throttle: last seen moves, the day stays one row.
    const before = new Date(Date.now() - 10 * 60_000);
    await db.update(users).set({ lastSeenAt: before }).where(eq(users.id, member.id));
    await visit();
    expect(await visitDays()).toHaveLength(1);
    const [row] = await db
      .select({
        lastSeenAt: users.lastSeenAt,
        today: sql<string>`(now() at time zone 'UTC')::date`,
      })
      .from(users)
      .where(eq(users.id, member.id));
    expect(row.lastSeenAt!.getTime()).toBeGreaterThan(before.getTime());
    expect((await visitDays())[0].day).toBe(row.today);
  });
});
