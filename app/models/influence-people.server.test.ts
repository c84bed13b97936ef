import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  backdateTestPosts,
  castTestVote,
  computeTestInfluence,
  createAccount,
  createTestBacklogItem,
  createTestReply,
  createTestSnapshot,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { backlogItems, memberInfluence } from "#db/schema";
import { db } from "~/db.server";
import { getIdeaValueForViewer } from "./idea-value.server";
import { computeInfluence } from "./influence.server";
import {
  getPowerSplits,
  listInfluentialOutsideTopTiers,
  listRisingMembers,
  listTopTierRoleModels,
} from "./influence-people.server";
import { getInfluencedRevenue } from "./influenced-revenue.server";
import { readPostContent } from "./post-content.server";
import { createReply, getPostForViewer, toggleReaction } from "./post.server";

const DAY_MS = 86_400_000;
/** Revenue no other account in these tests reaches: the top 1%. */
const TOP_REVENUE = 1_000_000_000_00;

async function scoreOf(runId: string, userId: string) {
  const [row] = await db
    .select()
    .from(memberInfluence)
    .where(and(eq(memberInfluence.runId, runId), eq(memberInfluence.userId, userId)));
  return row ?? null;
}

async function replyTo(
  author: Parameters<typeof createReply>[0],
  threadId: string,
  postId: string,
) {
  const result = readPostContent(undefined, "Building on this.");
  if (!result.ok) throw new Error(result.message);
  return createReply(author, threadId, {
    content: result.content,
    replyToPostId: postId,
    bypassPostingCheck: "fixture",
  });
}

describe("the people of influence", () => {
  it("lists whom the top 1% engage with outside their own account, with how", async () => {
    const space = await createTestSpace();
    const top = await createAccount({ name: `Top ${Date.now()}`, revenueCents: TOP_REVENUE });
    const tom = await createUser({ accountId: top.id, displayName: "Tom Top" });
    const tim = await createUser({ accountId: top.id, displayName: "Tim Top" });
    const tiny = await createAccount({ name: `Tiny ${Date.now()}`, revenueCents: 0 });
    const sue = await createUser({ accountId: tiny.id, displayName: "Sue Small" });
    const sues = await createTestThread(sue, space.id, { title: "Closing the books in a day" });
    await createTestReply(tom, sues.threadId, "We copied this.");
    await createTestReply(tom, sues.threadId, "And it worked.");
    await toggleReaction(tom, (await getPostForViewer(tom, sues.postId))!, "helpful");
    // Engaging with a colleague is not learning from the community.
    const tims = await createTestThread(tim, space.id);
    await createTestReply(tom, tims.threadId, "Nice one, Tim.");
    const staff = await createUser({ role: "staff" });

    const run = await computeTestInfluence();
    const models = await listTopTierRoleModels(staff, run.runId);
    const sueModel = models.find((model) => model.id === sue.id);
    expect(sueModel).toMatchObject({
      followers: 1,
      interactions: 3,
      accountName: tiny.name,
      tier: "rest",
      engagedBy: [{ id: tom.id, displayName: "Tom Top" }],
    });
    expect(sueModel!.kinds).toEqual([
      { kind: "reply", interactions: 2 },
      { kind: "reaction", interactions: 1 },
    ]);
    expect(models.map((model) => model.id)).not.toContain(tim.id);

    const member = await createUser();
    await expect(listTopTierRoleModels(member, run.runId)).rejects.toMatchObject({ status: 403 });
  });

  it("finds rising members and what drove it, and the influential outside the top tiers", async () => {
    const space = await createTestSpace();
    // An earlier run, as of 100 days ago, from what had happened by then.
    const old = await createUser({ displayName: "Old Hand" });
    const oldThread = await createTestThread(old, space.id);
    const oldFan = await createUser();
    await createTestReply(oldFan, oldThread.threadId, "Long ago.");
    await backdateTestPosts(old.id, 120);
    await backdateTestPosts(oldFan.id, 110);
    let earlier = null;
    for (let attempt = 0; !earlier && attempt < 100; attempt++) {
      earlier = await computeInfluence({ asOf: new Date(Date.now() - 100 * DAY_MS) });
    }
    expect(earlier).not.toBeNull();

    const tiny = await createAccount({ name: `Rising ${Date.now()}`, revenueCents: 0 });
    const rae = await createUser({ accountId: tiny.id, displayName: "Rae Rising" });
    const { threadId } = await createTestThread(rae, space.id);
    for (let i = 0; i < 3; i++) {
      await createTestReply(await createUser(), threadId, `Fan ${i} answers.`);
    }
    const staff = await createUser({ role: "staff" });
    const run = await computeTestInfluence();

    const rising = await listRisingMembers(staff, run.runId);
    expect(rising.since).not.toBeNull();
    const raeRise = rising.members.find((member) => member.id === rae.id);
    expect(raeRise).toMatchObject({ rankThen: null, newEngagers: 3 });
    expect(raeRise!.newKinds).toEqual([{ kind: "reply", interactions: 3 }]);
    expect(raeRise!.gained).toBeGreaterThan(0);

    const outside = await listInfluentialOutsideTopTiers(staff, run.runId);
    expect(outside.members.map((member) => member.id)).toContain(rae.id);
    expect(outside.total).toBeGreaterThanOrEqual(1);
  });

  it("splits a member's power into referent, informational and expert", async () => {
    const space = await createTestSpace();
    const pia = await createUser({ displayName: "Pia Power" });
    const fan = await createUser();
    const other = await createUser();
    // Her insight: a reaction and an answer build on it.
    const insight = await createTestThread(pia, space.id, { kind: "insight" });
    await toggleReaction(fan, (await getPostForViewer(fan, insight.postId))!, "insightful");
    await createTestReply(fan, insight.threadId, "This changed how we plan.");
    // Her reply elsewhere: marked helpful and answered.
    const question = await createTestThread(other, space.id);
    const answer = await createTestReply(pia, question.threadId, "Try a weekly close.");
    await toggleReaction(fan, (await getPostForViewer(fan, answer.postId))!, "helpful");
    await replyTo(other, question.threadId, answer.postId);
    const staff = await createUser({ role: "staff" });

    const run = await computeTestInfluence();
    const splits = await getPowerSplits(staff, run.runId, [pia.id]);
    // Referent: every interaction with her (two reactions, two replies; Other's answer in his own
    // thread is a reply to her).
    expect(splits.get(pia.id)).toEqual({
      userId: pia.id,
      referent: 4,
      informational: 2,
      expert: 2,
    });
  });

  it("compares the revenue of accounts that engaged with those that did not, from snapshots", async () => {
    const space = await createTestSpace();
    const star = await createUser({ displayName: "Star Revenue" });
    const engaged = await createAccount({ name: `Engaged ${Date.now()}`, revenueCents: 130_00 });
    const quiet = await createAccount({ name: `Quiet ${Date.now()}`, revenueCents: 110_00 });
    const fan = await createUser({ accountId: engaged.id });
    await createUser({ accountId: quiet.id });
    const day = (daysAgo: number) =>
      new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10);
    await createTestSnapshot(engaged.id, day(90), { revenueCents: 100_00 });
    await createTestSnapshot(engaged.id, day(10), { revenueCents: 130_00 });
    await createTestSnapshot(quiet.id, day(90), { revenueCents: 100_00 });
    await createTestSnapshot(quiet.id, day(10), { revenueCents: 110_00 });
    const { threadId } = await createTestThread(star, space.id);
    await createTestReply(fan, threadId, "We did this too.");
    // The fan's reply is from 60 days ago: between the two snapshots.
    await backdateTestPosts(fan.id, 60);
    const staff = await createUser({ role: "staff" });

    const run = await computeTestInfluence();
    const revenue = await getInfluencedRevenue(staff, run.runId, star.id);
    expect(revenue).toMatchObject({
      accounts: 1,
      revenueCents: 130_00,
      compared: 1,
      engagedBeforeCents: 100_00,
      engagedNowCents: 130_00,
      // The median first engagement; the quiet account is measured from its snapshot before it.
      baselineDate: day(60),
      // No other account here has snapshots.
      others: 1,
      othersBeforeCents: 100_00,
      othersNowCents: 110_00,
    });
  });

  it("weighs an idea's and a backlog item's demand three ways", async () => {
    const space = await createTestSpace();
    // Outside the top tiers; their own idea carries their vote, "important".
    const author = await createUser({ accountId: (await createAccount({ revenueCents: 0 })).id });
    const top = await createAccount({ name: `Top voter ${Date.now()}`, revenueCents: TOP_REVENUE });
    const big = await createUser({ accountId: top.id });
    const small = await createUser({
      accountId: (await createAccount({ revenueCents: 0 })).id,
    });
    const idea = await createTestThread(author, space.id, { kind: "idea" });
    await castTestVote(big, idea.threadId, "critical");
    await castTestVote(small, idea.threadId, "nice_to_have");
    const staff = await createUser({ role: "staff" });
    const item = await createTestBacklogItem(staff, { fromThreadId: idea.threadId });

    const run = await computeTestInfluence();
    const [bigScore, smallScore, authorScore] = await Promise.all([
      scoreOf(run.runId, big.id),
      scoreOf(run.runId, small.id),
      scoreOf(run.runId, author.id),
    ]);
    const expected = 3 * bigScore!.score + 1 * smallScore!.score + 2 * authorScore!.score;
    const value = (await getIdeaValueForViewer(staff, idea.threadId))!;
    // Critical from a top-1% account (3 × 5), nice to have (1 × 1) and important (2 × 1) from
    // the rest.
    expect(value).toMatchObject({ members: 3, valueWeighted: 18 });
    expect(value.influenceWeighted).toBeCloseTo(expected, 9);
    // The job refreshed the backlog's stored figure by the same rule.
    const [stored] = await db
      .select({ influence: backlogItems.influenceWeighted })
      .from(backlogItems)
      .where(eq(backlogItems.id, item.id));
    expect(stored.influence).toBeCloseTo(expected, 9);

    // A voter who came after the run counts at the lowest score there is: 1 − damping.
    const late = await createUser();
    await castTestVote(late, idea.threadId, "important");
    const after = (await getIdeaValueForViewer(staff, idea.threadId))!;
    expect(after.influenceWeighted).toBeCloseTo(expected + 2 * 0.15, 9);

    // Members see no value at all; staff see all three figures.
    expect(await getIdeaValueForViewer(author, idea.threadId)).toBeNull();
    expect((await getIdeaValueForViewer(staff, idea.threadId))!.influenceWeighted).not.toBeNull();
  });
});
