import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { answerOf, routeContext, signedIn } from "#db/testing/requests";
import { moderateContent } from "~/models/content-moderation.server";
import { castVote, getIdea } from "~/models/idea.server";
import { mergeIdea } from "~/models/idea-merge.server";
import { action } from "./ideas";

// The board's vote action, attacked with ideas that left the board (removed by a moderator,
// merged into another) and by roles that don't vote.

const BOARD = "/ideas?sort=new&status=open&page=1";

async function newIdea(title: string) {
  const space = await createTestSpace({ ideasEnabled: true });
  const author = await createUser();
  const created = await createTestThread(author, space.id, { kind: "idea", title });
  return { space, author, ideaId: created.threadId, postId: created.postId };
}

const send = (who: Awaited<ReturnType<typeof signedIn>>, fields: Record<string, string>) =>
  answerOf(() => action({ request: who.post(BOARD, fields), params: {}, context: routeContext }));

describe("votes on ideas that left the board", () => {
  it("are refused on a removed idea, and its count stays", async () => {
    const idea = await newIdea("Removed idea");
    const voter = await createUser();
    await castVote(voter, idea.ideaId, "important");
    const moderator = await createUser({ role: "moderator" });
    await moderateContent(moderator, idea.postId, "remove", "Spam");
    const member = await signedIn("member");
    const replays: Record<string, string>[] = [
      { intent: "vote", ideaId: idea.ideaId, importance: "critical" },
      { intent: "withdraw-vote", ideaId: idea.ideaId },
    ];
    for (const fields of replays) {
      expect((await send(member, fields)).status).toBe(404);
    }
    // Nor can one who had voted take it back or change it: the idea is not theirs to see.
    const own = await send(await signedIn(voter), { intent: "withdraw-vote", ideaId: idea.ideaId });
    expect(own.status).toBe(404);
    const staff = await createUser({ role: "staff" });
    expect(await getIdea(staff, idea.ideaId)).toMatchObject({ voteCount: 2 });
  });

  it("are refused on a merged idea, and the one it went into keeps its count", async () => {
    const from = await newIdea("Duplicate idea");
    const into = await newIdea("Original idea");
    const staff = await createUser({ role: "staff" });
    await mergeIdea(staff, from.ideaId, into.ideaId);
    const member = await signedIn("member");
    const refused = await send(member, {
      intent: "vote",
      ideaId: from.ideaId,
      importance: "critical",
    });
    expect([404, 409]).toContain(refused.status);
    expect((await getIdea(staff, into.ideaId))?.voteCount).toBe(2);
  });

  it("are refused to moderators, who don't vote", async () => {
    const idea = await newIdea("Moderated board");
    const moderator = await signedIn("moderator");
    const refused = await send(moderator, {
      intent: "vote",
      ideaId: idea.ideaId,
      importance: "critical",
    });
    expect(refused.status).toBe(403);
    expect((await getIdea(await createUser({ role: "staff" }), idea.ideaId))?.voteCount).toBe(1);
  });
});
