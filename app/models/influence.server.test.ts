import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  castTestVote,
  createAccount,
  createTestProposal,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { influenceEdges, influenceRuns, memberInfluence, accountInfluence } from "#db/schema";
import { db } from "~/db.server";
import { computeInfluence } from "./influence.server";
import { moderateContent } from "./content-moderation.server";
import { createReply, getPostForViewer, toggleReaction } from "./post.server";
import { readPostContent } from "./post-content.server";

async function edgesAmong(runId: string, people: string[]) {
  const rows = await db
    .select({
      sourceId: influenceEdges.sourceId,
      targetId: influenceEdges.targetId,
      kind: influenceEdges.kind,
      interactions: influenceEdges.interactions,
      weight: influenceEdges.weight,
    })
    .from(influenceEdges)
    .where(and(eq(influenceEdges.runId, runId), inArray(influenceEdges.sourceId, people)));
  return rows.filter((row) => people.includes(row.targetId));
}

async function scoreOf(runId: string, userId: string) {
  const [row] = await db
    .select()
    .from(memberInfluence)
    .where(and(eq(memberInfluence.runId, runId), eq(memberInfluence.userId, userId)));
  return row ?? null;
}

describe("computeInfluence", () => {
  it("builds the graph from what members do, without staff and without hidden posts", async () => {
    const space = await createTestSpace();
    const bea = await createUser({ displayName: "Bea Small" });
    const alice = await createUser({ displayName: "Alice Big" });
    const cal = await createUser({ displayName: "Cal Other" });
    const staff = await createUser({ role: "staff" });
    const moderator = await createUser({ role: "moderator" });

    const { threadId, postId } = await createTestThread(bea, space.id, { title: "How we audit" });
    await createTestReply(alice, threadId, "We do it quarterly.");
    await createTestReply(alice, threadId, "And by hand.");
    const opening = await getPostForViewer(alice, postId);
    await toggleReaction(alice, opening!, "agree");
    const hidden = await createTestReply(cal, threadId, "Buy my product.");
    await moderateContent(moderator, hidden.postId, "hide", "Advertising");
    await createTestReply(staff, threadId, "Thanks, Bea.");
    // A mention of Bea, in a reply of Cal's elsewhere.
    const other = await createTestThread(alice, space.id, { title: "Elsewhere" });
    const mention = readPostContent(
      JSON.stringify({
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "Ask " },
              { type: "mention", attrs: { id: bea.id, label: bea.handle } },
            ],
          },
        ],
      }),
      undefined,
    );
    if (!mention.ok) throw new Error(mention.message);
    await createReply(cal, other.threadId, {
      content: mention.content,
      replyToPostId: null,
      bypassPostingCheck: "fixture",
    });
    // Alice votes for Bea's idea; a vote staff record for Cal is not Cal's interaction.
    const idea = await createTestThread(bea, space.id, { title: "Export the trail", kind: "idea" });
    await castTestVote(alice, idea.threadId, "critical");

    const run = await computeInfluence();
    expect(run).not.toBeNull();
    const edges = await edgesAmong(run!.runId, [bea.id, alice.id, cal.id, staff.id]);
    const names = new Map([
      [bea.id, "bea"],
      [alice.id, "alice"],
      [cal.id, "cal"],
    ]);
    const summary = edges
      .map(
        (edge) =>
          `${names.get(edge.sourceId)} ${edge.kind} ${names.get(edge.targetId)} ×${edge.interactions}`,
      )
      .sort();
    // Cal's hidden reply to Bea makes nothing; his reply in Alice's thread mentions Bea.
    expect(summary).toEqual([
      "alice reaction bea ×1",
      "alice reply bea ×2",
      "alice vote bea ×1",
      "cal mention bea ×1",
      "cal reply alice ×1",
    ]);
    // Fresh interactions weigh their kind's full weight: a reply 3, a reaction 1.
    const replies = edges.find((edge) => edge.kind === "reply" && edge.sourceId === alice.id);
    expect(replies!.weight).toBeCloseTo(6, 3);
    // Staff are not nodes at all.
    expect(await scoreOf(run!.runId, staff.id)).toBeNull();

    // Bea, engaged with by two people, ranks above Alice and Cal; her reach is those two, from
    // two accounts other than hers.
    const [beaScore, aliceScore, calScore] = await Promise.all(
      [bea, alice, cal].map((person) => scoreOf(run!.runId, person.id)),
    );
    expect(beaScore!.score).toBeGreaterThan(aliceScore!.score);
    expect(beaScore!.rank).toBeLessThan(calScore!.rank);
    expect(beaScore).toMatchObject({ reachMembers: 2, reachAccounts: 2 });
    expect(aliceScore).toMatchObject({ reachMembers: 1, reachAccounts: 1 });
  });

  it("sums an account's members, keeps runs as history and only the latest graph", async () => {
    const space = await createTestSpace();
    const account = await createAccount({ name: `Pair ${Date.now()}` });
    const ann = await createUser({ accountId: account.id });
    const ben = await createUser({ accountId: account.id });
    const fan = await createUser();
    const { threadId } = await createTestThread(ann, space.id);
    await createTestReply(fan, threadId, "Agreed.");
    const proposal = await createTestProposal(ben, space.id, { coauthors: [ann], open: true });
    expect(proposal.threadId).toBeTruthy();

    const first = await computeInfluence();
    const second = await computeInfluence();
    const [annScore, benScore] = await Promise.all(
      [ann, ben].map((person) => scoreOf(second!.runId, person.id)),
    );
    const [accountRow] = await db
      .select()
      .from(accountInfluence)
      .where(
        and(eq(accountInfluence.runId, second!.runId), eq(accountInfluence.accountId, account.id)),
      );
    expect(accountRow.score).toBeCloseTo(annScore!.score + benScore!.score, 9);
    expect(accountRow.members).toBe(2);
    // Co-authors engage with each other, both ways; they are of one account, so the account's
    // reach counts only the fan from elsewhere.
    const coauthoring = await edgesAmong(second!.runId, [ann.id, ben.id]);
    expect(coauthoring.map((edge) => edge.kind).sort()).toEqual(["coauthor", "coauthor"]);
    expect(accountRow).toMatchObject({ reachMembers: 1, reachAccounts: 1 });

    // Both runs' scores are kept; the first run's graph is not.
    expect(await scoreOf(first!.runId, ann.id)).not.toBeNull();
    expect(await edgesAmong(first!.runId, [fan.id, ann.id])).toEqual([]);
    const runs = await db.select().from(influenceRuns).where(eq(influenceRuns.id, first!.runId));
    expect(runs[0].completedAt).not.toBeNull();
  });
});
