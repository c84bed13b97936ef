import { describe, expect, it } from "vitest";
import {
  createTestProposal,
  createTestSpace,
  createUser,
  type TestSections,
} from "#db/testing/factories";
import type { Viewer } from "~/auth/policy.server";
import { sendNotificationEmail } from "./notification-email.server";
import { notifyAboutNewPost, notifyPeople } from "./notification.server";
import { listNotificationGroups } from "./notification-inbox.server";
import { getProfile } from "./profile.server";
import { readProposalDocument } from "./proposal-document.server";
import { getProposal, getProposalForEditing, saveProposal } from "./proposal.server";
import { setProposalStage } from "./proposal-stage.server";
import { answerInvitation, inviteCoauthor, removeCoauthor } from "./proposal-coauthor.server";
import {
  addSectionComment,
  COMMENTS_SHOWN,
  listCommentAudience,
  listSectionComments,
  setCommentResolved,
} from "./proposal-comment.server";
import { diffRevisions } from "./proposal-revision.server";
import { endorseProposal, listEndorsements } from "./proposal-endorsement.server";
import { listProposals } from "./proposal-list.server";
import { searchPosts } from "./search.server";
import {
  getThreadForViewer,
  listRecentThreadsForViewer,
  listThreadsInSpace,
} from "./thread.server";

function sections(text: TestSections) {
  const read = readProposalDocument(
    Object.fromEntries(Object.entries(text).map(([key, value]) => [key, { text: value }])),
  );
  if (!read.ok) throw new Error(JSON.stringify(read.fieldErrors));
  return read.sections;
}

const START = { problem: "Exports are manual every Monday.", proposal: "Schedule exports weekly." };

async function proposalWithCoauthor() {
  const space = await createTestSpace();
  const author = await createUser({ displayName: "Ana Author" });
  const colleague = await createUser({ displayName: "Ben Colleague" });
  const { threadId } = await createTestProposal(author, space.id, {
    title: "Scheduled exports",
    sections: START,
  });
  await inviteCoauthor(author, threadId, await handleOf(colleague));
  await answerInvitation(colleague, threadId, true);
  return { space, author, colleague, threadId };
}

async function handleOf(person: Viewer) {
  const { db } = await import("~/db.server");
  const { users } = await import("#db/schema");
  const { eq } = await import("drizzle-orm");
  const [row] = await db
    .select({ handle: users.handle })
    .from(users)
    .where(eq(users.id, person.id));
  return row.handle;
}

async function save(
  person: Viewer,
  threadId: string,
  base: number,
  text: TestSections,
  title = "Scheduled exports",
) {
  return saveProposal(person, threadId, { baseRevision: base, title, sections: sections(text) });
}

describe("saving a proposal together", () => {
  it("merges what two co-authors changed in different sections", async () => {
    const { author, colleague, threadId } = await proposalWithCoauthor();
    const first = await save(author, threadId, 1, { ...START, problem: "Exports take an hour." });
    expect(first.status).toBe("saved");
    const second = await save(colleague, threadId, 1, {
      ...START,
      proposal: "Schedule exports daily or weekly.",
    });
    expect(second).toMatchObject({ status: "saved", revision: 3 });
    const proposal = await getProposal(author, threadId);
    expect(proposal?.sections.problem?.text).toBe("Exports take an hour.");
    expect(proposal?.sections.proposal?.text).toBe("Schedule exports daily or weekly.");
  });

  it.each([
    ["author first", 0],
    ["colleague first", 1],
  ])(
    "never loses either co-author's words in the same section (%s)",
    async (_order, firstIndex) => {
      const { author, colleague, threadId } = await proposalWithCoauthor();
      const people = [
        { who: author, words: "Ana says exports fail silently." },
        { who: colleague, words: "Ben says exports time out." },
      ];
      const first = people[firstIndex];
      const second = people[1 - firstIndex];
      expect((await save(first.who, threadId, 1, { ...START, problem: first.words })).status).toBe(
        "saved",
      );
      const conflict = await save(second.who, threadId, 1, { ...START, problem: second.words });
      if (conflict.status !== "conflict") throw new Error("expected a conflict");
      expect(conflict.conflicts).toEqual(["problem"]);
      // Nothing saved over the first person's words, and both versions come back side by side.
      expect(conflict.theirs.sections.problem?.text).toBe(first.words);
      expect(conflict.merged.sections.problem?.text).toBe(second.words);
      expect((await getProposal(author, threadId))?.sections.problem?.text).toBe(first.words);
      // The second person resolves by keeping both, on top of the revision they now know.
      const resolved = await save(second.who, threadId, conflict.revision, {
        ...START,
        problem: `${first.words} ${second.words}`,
      });
      expect(resolved.status).toBe("saved");
      const text = (await getProposal(author, threadId))?.sections.problem?.text;
      expect(text).toContain(first.words);
      expect(text).toContain(second.words);
    },
  );

  it("refuses a co-author removed a moment ago, and anyone who isn't one", async () => {
    const { author, colleague, threadId } = await proposalWithCoauthor();
    await removeCoauthor(author, threadId, colleague.id);
    await expect(save(colleague, threadId, 1, { ...START, problem: "Mine now." })).rejects.toThrow(
      "Only the proposal's co-authors edit it.",
    );
    const staff = await createUser({ role: "staff" });
    await expect(getProposalForEditing(staff, threadId)).rejects.toThrow(/co-authors/);
  });

  it("marks a passage comment outdated once its words leave the section, and keeps it", async () => {
    const { author, colleague, threadId } = await proposalWithCoauthor();
    await setProposalStage(author, threadId, { to: "open", rationale: "" });
    const reader = await createUser();
    const comment = await addSectionComment(reader, threadId, {
      section: "problem",
      body: "Which day fails?",
      quote: "every Monday",
      parentId: null,
    });
    await expect(
      addSectionComment(reader, threadId, {
        section: "problem",
        body: "?",
        quote: "not in the text",
        parentId: null,
      }),
    ).rejects.toThrow(/isn't in the section/);
    // The co-authors hear of a comment; a reply also reaches the conversation's starter.
    expect((await listCommentAudience(threadId, null)).sort()).toEqual(
      [author.id, colleague.id].sort(),
    );
    expect(await listCommentAudience(threadId, comment.id)).toContain(reader.id);
    await save(colleague, threadId, 1, { ...START, problem: "Exports are manual on Tuesdays." });
    const {
      comments: [kept],
    } = await listSectionComments(threadId);
    expect(kept).toMatchObject({ id: comment.id, outdated: true, quote: "every Monday" });
    await expect(setCommentResolved(reader, threadId, comment.id, true)).rejects.toThrow(/resolve/);
    await setCommentResolved(author, threadId, comment.id, true);
    const after = await listSectionComments(threadId);
    expect(after.comments[0].resolvedAt).not.toBeNull();
    expect(after.totals.problem).toEqual({ open: 0, resolved: 1 });
  });

  it("shows the latest conversations of each section, and all of them on request", async () => {
    const { author, threadId } = await proposalWithCoauthor();
    await setProposalStage(author, threadId, { to: "open", rationale: "" });
    // Three readers: one person's comments are counted against a rate (six a minute).
    const readers = [await createUser(), await createUser(), await createUser()];
    const ids: string[] = [];
    for (let i = 0; i < COMMENTS_SHOWN + 2; i++) {
      const { id } = await addSectionComment(readers[i % readers.length], threadId, {
        section: "proposal",
        body: `Comment ${i}`,
        quote: null,
        parentId: null,
      });
      ids.push(id);
    }
    await addSectionComment(author, threadId, {
      section: "proposal",
      body: "An answer to the newest",
      quote: null,
      parentId: ids.at(-1)!,
    });
    const shown = await listSectionComments(threadId);
    expect(shown.totals.proposal).toEqual({ open: COMMENTS_SHOWN + 2, resolved: 0 });
    const roots = shown.comments.filter((comment) => !comment.parentId);
    expect(roots).toHaveLength(COMMENTS_SHOWN);
    // The newest ones, with their replies; the two oldest wait behind "Show them all".
    expect(roots.map((comment) => comment.id)).not.toContain(ids[0]);
    expect(shown.comments.some((comment) => comment.parentId === ids.at(-1))).toBe(true);
    expect((await listSectionComments(threadId, { all: true })).comments).toHaveLength(
      COMMENTS_SHOWN + 3,
    );
  });

  it("diffs any two revisions section by section", async () => {
    const { author, threadId } = await proposalWithCoauthor();
    await save(author, threadId, 1, { ...START, problem: "Exports are manual every Friday." });
    const diff = await diffRevisions(threadId, 1, 2);
    const problem = diff?.sections.find((part) => part.section === "problem");
    expect(problem?.changed).toBe(true);
    expect(problem?.parts).toContainEqual({ text: "Monday", change: "removed" });
    expect(problem?.parts).toContainEqual({ text: "Friday", change: "added" });
    expect(diff?.sections.find((part) => part.section === "proposal")?.changed).toBe(false);
  });
});

describe("a draft", () => {
  it("is seen only by its co-authors (invited ones too) and staff, on every path", async () => {
    const space = await createTestSpace();
    const author = await createUser();
    const invited = await createUser();
    const outsider = await createUser();
    const staff = await createUser({ role: "staff" });
    const { threadId, postId } = await createTestProposal(author, space.id, {
      title: "Quarterly zebra reports",
      sections: { problem: "Zebra reports are manual.", proposal: "Automate zebra reports." },
    });
    await inviteCoauthor(author, threadId, await handleOf(invited));

    for (const [who, sees] of [
      [author, true],
      [invited, true],
      [staff, true],
      [outsider, false],
    ] as const) {
      expect(Boolean(await getThreadForViewer(who, threadId))).toBe(sees);
      const inSpace = await listThreadsInSpace(who, space.id, { sort: "latest", page: 1 });
      expect(inSpace.threads.some((thread) => thread.id === threadId)).toBe(sees);
      expect((await listRecentThreadsForViewer(who, 50)).some((t) => t.id === threadId)).toBe(sees);
      const listed = await listProposals(who, { sort: "updated", page: 1, spaceId: space.id });
      expect(listed.proposals.some((proposal) => proposal.id === threadId)).toBe(sees);
      const found = await searchPosts(who, { q: "zebra", page: 1 });
      expect(found.results.some((result) => result.threadId === threadId)).toBe(sees);
      const profile = await getProfile(who, await handleOf(author));
      expect(profile?.recentPosts.some((item) => item.id === postId)).toBe(sees);
    }

    // Mentioned in the draft, the outsider is not notified; a staff member is.
    await notifyAboutNewPost({
      actor: author,
      threadId,
      postId,
      mentionIds: [outsider.id, staff.id],
      isNewThread: false,
    });
    expect((await listNotificationGroups(outsider, 1)).total).toBe(0);
    expect((await listNotificationGroups(staff, 1)).total).toBe(1);

    // An invitation's email waits in the queue; withdrawn before it goes, it never goes, nor does
    // the notification stay visible to the person who is no longer invited.
    const [invitation] = await notifyPeople({
      actor: author,
      threadId,
      postId,
      kind: "proposal_invite",
      userIds: [invited.id],
    });
    expect(invitation).toBeDefined();
    await removeCoauthor(author, threadId, invited.id);
    expect(await sendNotificationEmail(invitation.id)).toBe(false);
    expect((await listNotificationGroups(invited, 1)).total).toBe(0);
    expect(await getThreadForViewer(invited, threadId)).toBeNull();

    // Opened for feedback, everyone in the space sees it.
    await setProposalStage(author, threadId, { to: "open", rationale: "" });
    expect(await getThreadForViewer(outsider, threadId)).not.toBeNull();
    const found = await searchPosts(outsider, { q: "zebra", page: 1 });
    expect(found.results.some((result) => result.threadId === threadId)).toBe(true);
  });
});

describe("stages and endorsements", () => {
  it("lets co-authors open a draft, and only staff move it further, with a rationale", async () => {
    const { author, threadId } = await proposalWithCoauthor();
    await expect(
      setProposalStage(author, threadId, { to: "accepted", rationale: "We like it" }),
    ).rejects.toThrow("Only staff move a proposal beyond feedback.");
    await setProposalStage(author, threadId, { to: "open", rationale: "" });
    const staff = await createUser({ role: "staff" });
    await expect(
      setProposalStage(staff, threadId, { to: "under_review", rationale: " " }),
    ).rejects.toThrow(/rationale/);
    await setProposalStage(staff, threadId, {
      to: "accepted",
      rationale: "Three accounts need it.",
    });
    const proposal = await getProposal(staff, threadId);
    expect(proposal?.stage).toBe("accepted");
    expect(proposal?.stageChanges[0]).toMatchObject({
      fromStage: "open",
      toStage: "accepted",
      rationale: "Three accounts need it.",
    });
    // Decided: the text is final.
    await expect(save(author, threadId, 1, { ...START, problem: "Late change" })).rejects.toThrow(
      /final/,
    );
  });

  it("counts one endorsement per member, updates the reason, and shows accounts to staff only", async () => {
    const { author, threadId } = await proposalWithCoauthor();
    const member = await createUser({ displayName: "Cleo Customer" });
    await expect(endorseProposal(member, threadId, "We'd use it")).rejects.toThrow(/open/);
    await setProposalStage(author, threadId, { to: "open", rationale: "" });
    await expect(endorseProposal(author, threadId, "Mine")).rejects.toThrow(/Co-authors/);
    await endorseProposal(member, threadId, "We'd use it for audits");
    await endorseProposal(member, threadId, "We'd use it for audits and QBRs");
    const staff = await createUser({ role: "staff" });
    await expect(endorseProposal(staff, threadId, "x")).rejects.toThrow(/Customers endorse/);
    expect((await getProposal(member, threadId))?.endorsementCount).toBe(1);
    const forStaff = await listEndorsements(staff, threadId);
    expect(forStaff).toHaveLength(1);
    expect(forStaff[0].reason).toBe("We'd use it for audits and QBRs");
    expect(forStaff[0].account).not.toBeNull();
    expect((await listEndorsements(member, threadId))[0].account).toBeNull();
  });

  it("lets a staff co-author open their own draft without a rationale", async () => {
    const space = await createTestSpace();
    const staff = await createUser({ role: "staff" });
    const { threadId } = await createTestProposal(staff, space.id);
    await setProposalStage(staff, threadId, { to: "open", rationale: "" });
    expect((await getProposal(staff, threadId))?.stage).toBe("open");
  });

  it("takes co-authors only from people who can see the space", async () => {
    const space = await createTestSpace({ visibility: "private" });
    const author = await createUser({ role: "staff" });
    const { threadId } = await createTestProposal(author, space.id);
    const stranger = await createUser();
    await expect(inviteCoauthor(author, threadId, await handleOf(stranger))).rejects.toThrow(
      /can see this space/,
    );
    const colleague = await createUser({ role: "staff" });
    await inviteCoauthor(author, threadId, await handleOf(colleague));
    expect((await getProposal(author, threadId))?.invited.map((p) => p.id)).toEqual([colleague.id]);
  });
});
