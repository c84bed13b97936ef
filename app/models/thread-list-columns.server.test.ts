import { describe, expect, it } from "vitest";
import {
  castTestVote,
  createTestProposal,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { holdNewContent } from "./content-moderation.server";
import { addSectionComment } from "./proposal-comment.server";
import { listProposals } from "./proposal-list.server";
import {
  getThreadForViewer,
  listRecentThreadsForViewer,
  listThreadsInSpace,
} from "./thread.server";

// Issue 20, cases 2 and 3: lists tell the truth about what they list.

describe("thread lists", () => {
  it("mark a held thread for the moderator and its author, and show it to nobody else", async () => {
    const space = await createTestSpace();
    const author = await createUser();
    const moderator = await createUser({ role: "moderator" });
    const staff = await createUser({ role: "staff" });
    const reader = await createUser();
    const held = await createTestThread(author, space.id, { title: "Held thread" });
    await holdNewContent(
      { postId: held.postId, position: 1, threadId: held.threadId, authorId: author.id },
      "A watched word",
    );
    for (const viewer of [moderator, staff, author]) {
      const { threads } = await listThreadsInSpace(viewer, space.id, { sort: "latest", page: 1 });
      expect(threads.find((t) => t.id === held.threadId)?.moderation).toBe("held");
      const recent = await listRecentThreadsForViewer(viewer, 50);
      expect(recent.find((t) => t.id === held.threadId)?.moderation).toBe("held");
    }
    const { threads } = await listThreadsInSpace(reader, space.id, { sort: "latest", page: 1 });
    expect(threads.map((t) => t.id)).not.toContain(held.threadId);
  });

  it("show an idea's votes and status, as the board does", async () => {
    const space = await createTestSpace({ ideasEnabled: true });
    const author = await createUser();
    const idea = await createTestThread(author, space.id, { kind: "idea", title: "Dark mode" });
    await castTestVote(await createUser(), idea.threadId, "important");
    await castTestVote(await createUser(), idea.threadId, "important");
    const { threads } = await listThreadsInSpace(author, space.id, { sort: "latest", page: 1 });
    const row = threads.find((t) => t.id === idea.threadId);
    // Its author's own vote and the two others.
    expect(row).toMatchObject({ ideaStatus: "open", voteCount: 3, proposalStage: null });
  });

  it("count a proposal's section comments as replies, everywhere it is counted", async () => {
    const space = await createTestSpace();
    const author = await createUser();
    const proposal = await createTestProposal(author, space.id, { open: true });
    const reader = await createUser();
    for (const body of ["One", "Two", "Three"]) {
      await addSectionComment(reader, proposal.threadId, {
        section: "problem",
        body,
        quote: null,
        parentId: null,
      });
    }
    await createTestReply(reader, proposal.threadId, "And a reply below.");
    const { threads } = await listThreadsInSpace(author, space.id, { sort: "latest", page: 1 });
    expect(threads.find((t) => t.id === proposal.threadId)?.replyCount).toBe(4);
    const recent = await listRecentThreadsForViewer(author, 50);
    expect(recent.find((t) => t.id === proposal.threadId)?.replyCount).toBe(4);
    const listed = await listProposals(author, { sort: "updated", page: 1 });
    expect(listed.proposals.find((p) => p.id === proposal.threadId)?.replyCount).toBe(4);
    expect((await getThreadForViewer(author, proposal.threadId))?.replyCount).toBe(4);
  });
});
