import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { decideIdeaAction } from "~/auth/policy.server";
import { castVote, getIdea, listIdeasBoard, setIdeaStatus, withdrawVote } from "./idea.server";
import { getIdeaValueForViewer, listVoters } from "./idea-value.server";
import { listProxyVotesFor, recordProxyVote } from "./idea-proxy-vote.server";
import { suggestSimilarIdeas } from "./idea-similar.server";

async function anIdea(options: { visibility?: "members" | "private"; title?: string } = {}) {
  const author = await createUser();
  const space = await createTestSpace({ ideasEnabled: true, visibility: options.visibility });
  const { threadId } = await createTestThread(author, space.id, {
    kind: "idea",
    title: options.title ?? "Export dashboards to PDF",
  });
  return { author, space, ideaId: threadId };
}

describe("ideas", () => {
  it("start with their customer author's vote; staff authors don't vote", async () => {
    const { author, ideaId } = await anIdea();
    expect(await getIdea(author, ideaId)).toMatchObject({
      status: "open",
      voteCount: 1,
      myImportance: "important",
      breakdown: { nice_to_have: 0, important: 1, critical: 0 },
    });
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace({ ideasEnabled: true });
    const { threadId } = await createTestThread(staff, space.id, { kind: "idea" });
    expect(await getIdea(staff, threadId)).toMatchObject({ voteCount: 0, myImportance: null });
  });

  it("count one vote per member, however many requests race, and let it change or go", async () => {
    const { ideaId } = await anIdea();
    const voter = await createUser();
    await Promise.all([
      castVote(voter, ideaId, "critical"),
      castVote(voter, ideaId, "critical"),
      castVote(voter, ideaId, "nice_to_have"),
    ]);
    const afterRace = await getIdea(voter, ideaId);
    expect(afterRace?.voteCount).toBe(2);
    expect(Object.values(afterRace!.breakdown).reduce((a, b) => a + b)).toBe(2);

    await castVote(voter, ideaId, "important");
    expect(await getIdea(voter, ideaId)).toMatchObject({
      voteCount: 2,
      myImportance: "important",
      breakdown: { important: 2 },
    });
    await Promise.all([withdrawVote(voter, ideaId), withdrawVote(voter, ideaId)]);
    expect(await getIdea(voter, ideaId)).toMatchObject({ voteCount: 1, myImportance: null });
  });

  it("take votes only while open for voting, and keep their status history", async () => {
    const { ideaId } = await anIdea();
    const staff = await createUser({ role: "staff", displayName: "Staff Sasha" });
    const voter = await createUser();
    await setIdeaStatus(staff, ideaId, "planned", null);
    await castVote(voter, ideaId, "critical");
    await setIdeaStatus(staff, ideaId, "shipped", null);
    await expect(castVote(await createUser(), ideaId, "critical")).rejects.toMatchObject({
      status: 409,
    });
    await expect(withdrawVote(voter, ideaId)).rejects.toMatchObject({ status: 409 });
    await expect(setIdeaStatus(staff, ideaId, "shipped", null)).rejects.toMatchObject({
      status: 409,
    });
    const idea = await getIdea(voter, ideaId);
    expect(idea).toMatchObject({ status: "shipped", votable: false, voteCount: 2 });
    expect(idea?.history.map((change) => [change.fromStatus, change.toStatus])).toEqual([
      ["planned", "shipped"],
      ["open", "planned"],
    ]);
    expect(idea?.history[0].changedByName).toBe("Staff Sasha");
  });

  it("have their status moved by staff and admins only, whoever calls the model", async () => {
    const { author, ideaId } = await anIdea();
    for (const role of ["member", "moderator"] as const) {
      await expect(
        setIdeaStatus(await createUser({ role }), ideaId, "planned", null),
        role,
      ).rejects.toMatchObject({ status: 403 });
    }
    expect(await getIdea(author, ideaId)).toMatchObject({ status: "open", history: [] });
  });

  it("are voted on by customers only, and given a status by staff only", () => {
    const open = { votable: true };
    const expectations = {
      member: { vote: true, "set-status": false },
      moderator: { vote: false, "set-status": false },
      staff: { vote: false, "set-status": true },
      admin: { vote: false, "set-status": true },
    } as const;
    for (const [role, allowed] of Object.entries(expectations)) {
      const viewer = { id: "v", role: role as keyof typeof expectations, accountId: null };
      expect(decideIdeaAction(viewer, open, "vote").ok, role).toBe(allowed.vote);
      expect(decideIdeaAction(viewer, open, "set-status").ok, role).toBe(allowed["set-status"]);
    }
  });
});

describe("the ideas board", () => {
  it("sorts by votes, filters by status, mine and voted, and hides ideas in spaces you can't see", async () => {
    const popular = await anIdea({ title: "Popular idea" });
    const quiet = await anIdea({ title: "Quiet idea" });
    const hidden = await anIdea({ title: "Hidden idea", visibility: "private" });
    const reader = await createUser();
    for (let i = 0; i < 3; i++) await castVote(await createUser(), popular.ideaId, "important");
    await castVote(reader, quiet.ideaId, "nice_to_have");

    const top = await listIdeasBoard(reader, { sort: "top", page: 1 });
    const ids = top.ideas.map((idea) => idea.id);
    expect(ids).not.toContain(hidden.ideaId);
    expect(ids.indexOf(popular.ideaId)).toBeLessThan(ids.indexOf(quiet.ideaId));
    expect(top.ideas.find((idea) => idea.id === popular.ideaId)).toMatchObject({
      voteCount: 4,
      status: "open",
      myImportance: null,
    });

    const voted = await listIdeasBoard(reader, { sort: "top", voted: true, page: 1 });
    expect(voted.ideas.map((idea) => idea.id)).toEqual([quiet.ideaId]);
    expect(voted.ideas[0].myImportance).toBe("nice_to_have");
    const mine = await listIdeasBoard(popular.author, { sort: "new", mine: true, page: 1 });
    expect(mine).toMatchObject({ total: 1, ideas: [{ id: popular.ideaId }] });

    await setIdeaStatus(await createUser({ role: "staff" }), quiet.ideaId, "planned", null);
    const planned = await listIdeasBoard(reader, { sort: "top", status: "planned", page: 1 });
    expect(planned.ideas.map((idea) => idea.id)).toEqual([quiet.ideaId]);

    const staff = await createUser({ role: "staff" });
    const all = await listIdeasBoard(staff, { sort: "top", page: 1 });
    expect(all.ideas.map((idea) => idea.id)).toContain(hidden.ideaId);
  });
});

describe("who voted, and the value behind an idea", () => {
  it("shows staff every voter with account and tier, members only those who chose to be shown", async () => {
    const { db } = await import("~/db.server");
    const { accounts, users } = await import("#db/schema");
    const { eq } = await import("drizzle-orm");
    const { ideaId, author } = await anIdea();
    const shy = await createUser({ displayName: "Shy Shona" });
    const open = await createUser({ displayName: "Open Olu" });
    await db.update(users).set({ showVotes: true }).where(eq(users.id, open.id));
    await castVote(shy, ideaId, "critical");
    await castVote(open, ideaId, "nice_to_have");

    const staff = await createUser({ role: "staff" });
    const forStaff = await listVoters(staff, ideaId);
    expect(forStaff.shownTotal).toBe(3);
    const [shyAccount] = await db.select().from(accounts).where(eq(accounts.id, shy.accountId!));
    expect(forStaff.voters.find((v) => v.userId === shy.id)).toMatchObject({
      accountName: shyAccount.name,
      importance: "critical",
    });

    const forMember = await listVoters(author, ideaId);
    expect(forMember.staffView).toBe(false);
    // The author sees themselves and Olu, who chose to be shown; not Shona.
    expect(forMember.voters.map((v) => v.displayName).sort()).toEqual(
      [author.displayName, "Open Olu"].sort(),
    );
    expect(forMember.voters.every((v) => v.accountName === null && v.tier === null)).toBe(true);
    expect(JSON.stringify(forMember)).not.toContain("@");
  });

  it("counts each voting account once in the value figures", async () => {
    const { ideaId, author } = await anIdea();
    const { createAccount } = await import("#db/testing/factories");
    const big = await createAccount({ revenueCents: 90_000_00, lifetimeValueCents: 300_000_00 });
    const small = await createAccount({ revenueCents: 10_000_00, lifetimeValueCents: 20_000_00 });
    for (const accountId of [big.id, big.id, small.id]) {
      await castVote(await createUser({ accountId }), ideaId, "important");
    }
    const value = (await getIdeaValueForViewer(await createUser({ role: "staff" }), ideaId))!;
    // The author's own account (the factory's default: 100,000 revenue, no LTV) is the third.
    expect(author.accountId).not.toBe(big.id);
    expect(value).toMatchObject({
      accounts: 3,
      revenueCents: 200_000_00,
      lifetimeValueCents: 320_000_00,
    });
    expect(value.top10Share).toBeGreaterThanOrEqual(value.top1Share);
  });
});

describe("value represented", () => {
  it("follows votes and account revenue, and only staff sort the board by it", async () => {
    const { createAccount } = await import("#db/testing/factories");
    const { updateAccount } = await import("./account.server");
    const { ideaId, space, author } = await anIdea({ title: "Idea backed by a small account" });
    const staff = await createUser({ role: "staff" });
    const big = await createAccount({ revenueCents: 5_000_000_00 });
    const { threadId: bigIdea } = await createTestThread(
      await createUser({ accountId: big.id }),
      space.id,
      { kind: "idea", title: "Idea backed by a big account" },
    );
    const board = (viewer: typeof staff, sort: "value" | "top") =>
      listIdeasBoard(viewer, { sort, spaceSlug: space.slug, mine: false, voted: false, page: 1 });

    const byValue = await board(staff, "value");
    expect(byValue.sort).toBe("value");
    expect(byValue.ideas.map((idea) => [idea.id, idea.valueCents])).toEqual([
      [bigIdea, 5_000_000_00],
      [ideaId, 100_000_00],
    ]);
    // A second voter from the big account adds a vote but no value; withdrawing keeps it exact.
    const colleague = await createUser({ accountId: big.id });
    await castVote(colleague, ideaId, "critical");
    await castVote(await createUser({ accountId: big.id }), ideaId, "important");
    expect((await board(staff, "value")).ideas.find((i) => i.id === ideaId)?.valueCents).toBe(
      5_100_000_00,
    );
    await withdrawVote(colleague, ideaId);
    expect((await board(staff, "value")).ideas[0]).toMatchObject({ valueCents: 5_100_000_00 });

    // When an account's revenue changes, so does the value of every idea its people voted for.
    // (An admin's page: staff read accounts, admins keep them.)
    await updateAccount(await createUser({ role: "admin" }), author.accountId!, {
      name: `Renamed ${author.accountId}`,
      externalId: null,
      segment: "",
      revenue: 1_000_000_000_00,
      grossProfit: 0,
      lifetimeValue: 0,
      customerSince: null,
    });
    expect((await board(staff, "value")).ideas.map((idea) => idea.id)).toEqual([ideaId, bigIdea]);

    // Members never get value, not as a figure and not as an order: they get "top" instead.
    const member = await createUser();
    const forMember = await board(member, "value");
    expect(forMember.sort).toBe("top");
    expect(forMember.ideas.every((idea) => idea.valueCents === null)).toBe(true);
  });
});

describe("proxy votes", () => {
  it("are recorded once for a customer who can see the idea, labelled, and removable by them", async () => {
    const { ideaId } = await anIdea();
    const staff = await createUser({ role: "staff", displayName: "Staff Sol" });
    const customer = await createUser({ displayName: "Customer Cai" });
    await recordProxyVote(staff, ideaId, {
      person: `@${customer.handle}`,
      importance: "critical",
      note: "QBR call, 12 March",
    });
    await expect(
      recordProxyVote(staff, ideaId, {
        person: customer.email,
        importance: "important",
        note: "again",
      }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      recordProxyVote(staff, ideaId, {
        person: (await createUser({ role: "moderator" })).handle,
        importance: "important",
        note: "heard it",
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      recordProxyVote(staff, ideaId, { person: "nobody-here", importance: "important", note: "x" }),
    ).rejects.toMatchObject({ message: "Nobody has that handle or email." });

    expect(await getIdea(customer, ideaId)).toMatchObject({
      voteCount: 2,
      myImportance: "critical",
      myVoteAddedBy: "Staff Sol",
    });
    const { voters } = await listVoters(staff, ideaId);
    expect(voters.find((v) => v.userId === customer.id)).toMatchObject({
      addedByName: "Staff Sol",
      proxyNote: "QBR call, 12 March",
    });
    expect(await listProxyVotesFor(customer)).toMatchObject([
      { ideaId, importance: "critical", addedByName: "Staff Sol", note: "QBR call, 12 March" },
    ]);
    await withdrawVote(customer, ideaId);
    expect(await listProxyVotesFor(customer)).toEqual([]);
    expect((await getIdea(customer, ideaId))?.voteCount).toBe(1);
  });

  it("are refused for a customer who can't see the idea's space", async () => {
    const { ideaId } = await anIdea({ visibility: "private" });
    const staff = await createUser({ role: "staff" });
    const outsider = await createUser();
    await expect(
      recordProxyVote(staff, ideaId, {
        person: outsider.handle,
        importance: "important",
        note: "call",
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe("similar ideas", () => {
  it("suggests ideas the viewer may see by title (typos too) and by their words, never hidden ones", async () => {
    const close = await anIdea({ title: "Schedule dashboard exports by email" });
    const hidden = await anIdea({
      title: "Schedule dashboard exports weekly",
      visibility: "private",
    });
    const unrelated = await anIdea({ title: "Dark mode for reports" });
    const viewer = await createUser();
    const byTitle = await suggestSimilarIdeas(viewer, "Shedule dashbord exports");
    const ids = byTitle.map((idea) => idea.id);
    expect(ids).toContain(close.ideaId);
    expect(ids).not.toContain(hidden.ideaId);
    expect(ids).not.toContain(unrelated.ideaId);
    expect(byTitle.find((idea) => idea.id === close.ideaId)).toMatchObject({
      status: "open",
      voteCount: 1,
    });
    expect(byTitle.length).toBeLessThanOrEqual(5);
    // The opening posts say "Opening post": words of the body match too.
    expect((await suggestSimilarIdeas(viewer, "opening")).length).toBeGreaterThan(0);
    expect(await suggestSimilarIdeas(viewer, "ab")).toEqual([]);
  });
});

describe("trending", () => {
  it("puts ideas with the most votes of the last days first, whatever their total", async () => {
    const { db } = await import("~/db.server");
    const { ideaVotes } = await import("#db/schema");
    const { eq } = await import("drizzle-orm");
    const old = await anIdea({ title: "Old favourite" });
    const fresh = await anIdea({ title: "Fresh thing" });
    for (let i = 0; i < 4; i++) await castVote(await createUser(), old.ideaId, "important");
    await db
      .update(ideaVotes)
      .set({ createdAt: new Date(Date.now() - 30 * 86_400_000) })
      .where(eq(ideaVotes.ideaId, old.ideaId));
    for (let i = 0; i < 2; i++) await castVote(await createUser(), fresh.ideaId, "important");
    const viewer = await createUser();
    const ids = (await listIdeasBoard(viewer, { sort: "trending", page: 1 })).ideas.map(
      (i) => i.id,
    );
    expect(ids.indexOf(fresh.ideaId)).toBeLessThan(ids.indexOf(old.ideaId));
    const top = (await listIdeasBoard(viewer, { sort: "top", page: 1 })).ideas.map((i) => i.id);
    expect(top.indexOf(old.ideaId)).toBeLessThan(top.indexOf(fresh.ideaId));
  });
});

describe("posting an idea twice", () => {
  it("with the same form key makes one idea, however the submissions race", async () => {
    const { createThread } = await import("./thread.server");
    const author = await createUser();
    const space = await createTestSpace({ ideasEnabled: true });
    const { readPostContent } = await import("./post-content.server");
    const body = readPostContent(undefined, "Please add this");
    if (!body.ok) throw new Error(body.message);
    const input = {
      kind: "idea" as const,
      title: "Double-clicked idea",
      content: body.content,
      creationKey: crypto.randomUUID(),
    };
    const made = await Promise.all([
      createThread(author, space.id, input),
      createThread(author, space.id, input),
    ]);
    expect(made[0].threadId).toBe(made[1].threadId);
    expect(made.map((m) => m.repeated).sort()).toEqual([false, true]);
    const board = await listIdeasBoard(author, { sort: "new", mine: true, page: 1 });
    expect(board.total).toBe(1);
    expect((await getIdea(author, made[0].threadId))?.voteCount).toBe(1);
  });
});

describe("ideas in search", () => {
  it("come with their status, and filter by kind and status", async () => {
    const { searchPosts } = await import("./search.server");
    const { ideaId } = await anIdea({ title: "Quokka export for finance" });
    const viewer = await createUser();
    const found = await searchPosts(viewer, { q: "quokka", kind: "idea", page: 1 });
    expect(found.results).toMatchObject([{ threadId: ideaId, kind: "idea", ideaStatus: "open" }]);
    expect((await searchPosts(viewer, { q: "quokka", status: "shipped", page: 1 })).total).toBe(0);
    await setIdeaStatus(await createUser({ role: "staff" }), ideaId, "shipped", null);
    expect((await searchPosts(viewer, { q: "quokka", status: "shipped", page: 1 })).total).toBe(1);
  });
});

describe("merging duplicates", () => {
  it("moves votes exactly once (the higher importance wins), moves watchers, and undoes exactly", async () => {
    const { mergeIdea, undoMerge } = await import("./idea-merge.server");
    const { db } = await import("~/db.server");
    const { ideaVotes, threadWatches } = await import("#db/schema");
    const { and, eq } = await import("drizzle-orm");
    const a = await anIdea({ title: "Export to PDF" });
    const b = await anIdea({ title: "PDF exports" });
    const staff = await createUser({ role: "staff" });
    const both = await createUser();
    const onlyA = await createUser();
    await castVote(both, a.ideaId, "critical");
    await castVote(both, b.ideaId, "nice_to_have");
    await castVote(onlyA, a.ideaId, "important");
    const votesOf = async (ideaId: string) =>
      Object.fromEntries(
        (await db.select().from(ideaVotes).where(eq(ideaVotes.ideaId, ideaId))).map((v) => [
          v.userId,
          v.importance,
        ]),
      );
    const beforeA = await votesOf(a.ideaId);
    const beforeB = await votesOf(b.ideaId);

    await mergeIdea(staff, a.ideaId, b.ideaId);
    const merged = await votesOf(b.ideaId);
    expect(merged).toEqual({
      ...beforeB,
      [a.author.id]: "important",
      [onlyA.id]: "important",
      [both.id]: "critical",
    });
    expect(await getIdea(staff, b.ideaId)).toMatchObject({ voteCount: 4 });
    expect(await getIdea(staff, a.ideaId)).toMatchObject({ voteCount: 0 });
    const watching = await db
      .select()
      .from(threadWatches)
      .where(and(eq(threadWatches.threadId, b.ideaId), eq(threadWatches.userId, onlyA.id)));
    expect(watching).toHaveLength(1);
    await expect(mergeIdea(staff, a.ideaId, b.ideaId)).rejects.toMatchObject({ status: 409 });
    await expect(castVote(await createUser(), a.ideaId, "important")).rejects.toMatchObject({
      status: 409,
    });

    await undoMerge(staff, a.ideaId);
    expect(await votesOf(a.ideaId)).toEqual(beforeA);
    expect(await votesOf(b.ideaId)).toEqual(beforeB);
    expect((await getIdea(staff, a.ideaId))?.voteCount).toBe(3);
    expect((await getIdea(staff, b.ideaId))?.voteCount).toBe(2);
    await expect(undoMerge(staff, a.ideaId)).rejects.toMatchObject({ status: 409 });
  });
});
