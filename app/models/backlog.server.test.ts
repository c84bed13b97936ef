import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ideas, notifications } from "#db/schema";
import {
  createAccount,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { getDemandBreakdown } from "./backlog-demand.server";
import {
  addEvidence,
  createBacklogItem,
  getBacklogItem,
  type BacklogFields,
} from "./backlog.server";
import { listBacklog, listItemsGainingDemand } from "./backlog-list.server";
import { setBacklogStatus } from "./backlog-status.server";
import { answerConsent } from "./consent.server";
import { castVote, withdrawVote } from "./idea.server";
import { listNotificationGroups } from "./notification-inbox.server";
import { getPostForViewer } from "./post.server";
import { editPost } from "./post-edit.server";
import { readPostContent } from "./post-content.server";
import { listChangelog, listRoadmap, setChangelogSubscription } from "./roadmap.server";
import { Refusal } from "./refusal.server";

const fields = (overrides: Partial<BacklogFields> = {}): BacklogFields => ({
  title: "Offline sync",
  description: null,
  ownerId: null,
  target: "Q3",
  externalUrl: null,
  isPublic: false,
  tagIds: [],
  ...overrides,
});

const text = (words: string) => {
  const result = readPostContent(undefined, words);
  if (!result.ok) throw new Error(result.message);
  return result.content;
};

/** An idea with voters from a very large account (two people) and a small one (one person). */
async function ideaWithVoters() {
  const staff = await createUser({ role: "staff" });
  const space = await createTestSpace({ ideasEnabled: true });
  const big = await createAccount({ revenueCents: 900_000_000_00, lifetimeValueCents: 5e11 });
  const small = await createAccount({ revenueCents: 10_000_00, lifetimeValueCents: 3e7 });
  const author = await createUser({ accountId: small.id, displayName: "Ana Author" });
  const [bigCritical, bigNice, smallImportant] = await Promise.all([
    createUser({ accountId: big.id, displayName: "Bea Big" }),
    createUser({ accountId: big.id, displayName: "Bo Big" }),
    createUser({ accountId: small.id, displayName: "Sol Small" }),
  ]);
  const idea = await createTestThread(author, space.id, {
    kind: "idea",
    title: "Work offline on the train",
  });
  await castVote(bigCritical, idea.threadId, "critical");
  await castVote(bigNice, idea.threadId, "nice_to_have");
  await castVote(smallImportant, idea.threadId, "important");
  return { staff, space, big, small, author, bigCritical, bigNice, smallImportant, idea };
}

describe("explainable demand", () => {
  it("counts people and accounts once each, weights by signal and tier, and stays fresh", async () => {
    const s = await ideaWithVoters();
    const itemId = await createBacklogItem(s.staff, fields(), { threadId: s.idea.threadId });

    let item = await getBacklogItem(s.staff, itemId);
    // The author (whose idea carries their own vote) and three voters; two accounts.
    expect(item).toMatchObject({
      memberCount: 4,
      accountCount: 2,
      revenueCents: 900_000_000_00 + 10_000_00,
      criticalCount: 1,
      importantCount: 2,
      niceToHaveCount: 1,
    });
    expect(item!.top1RevenueCents).toBe(900_000_000_00);
    // Big (top 1%): strongest signal critical 3 × 5; small: important 2 × 1.
    expect(item!.weightedScore).toBe(17);

    // This week's votes count as demand gained, for staff's home page.
    const gaining = await listItemsGainingDemand(s.staff, 100);
    expect(gaining.find((row) => row.id === itemId)?.supporters).toBe(4);
    expect(await listItemsGainingDemand(s.bigCritical)).toEqual([]);

    // A changed vote and a withdrawn one are reflected at once.
    await castVote(s.bigCritical, s.idea.threadId, "important");
    await withdrawVote(s.smallImportant, s.idea.threadId);
    item = await getBacklogItem(s.staff, itemId);
    expect(item).toMatchObject({ memberCount: 3, accountCount: 2, criticalCount: 0 });
    expect(item!.weightedScore).toBe(2 * 5 + 2);

    const breakdown = await getDemandBreakdown(itemId);
    expect(breakdown.map((a) => a.accountId)).toEqual([s.big.id, s.small.id]);
    expect(breakdown[0].people.map((p) => p.name).sort()).toEqual(["Bea Big", "Bo Big"]);
    expect(breakdown[1].people[0]).toMatchObject({
      name: "Ana Author",
      via: [
        { via: "author", threadTitle: "Work offline on the train", importance: null },
        { via: "vote", threadTitle: "Work offline on the train", importance: "important" },
      ],
    });
  });

  it("sorts the backlog by raw count or weighted score, which can disagree", async () => {
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace();
    // Larger than any other account in this file, so it is the top 1% whatever runs first.
    const whale = await createAccount({ revenueCents: 5_000_000_000_000 });
    const whalePerson = await createUser({ accountId: whale.id });
    const many = await Promise.all([1, 2, 3].map(() => createUser()));
    const tag = `demand-${Date.now()}`;
    const fromWhale = await createTestThread(whalePerson, space.id, { title: `${tag} whale` });
    const crowd = await Promise.all(
      many.map((person) => createTestThread(person, space.id, { title: `${tag} crowd` })),
    );
    const weighty = await createBacklogItem(staff, fields({ title: `${tag} A` }), {
      threadId: fromWhale.threadId,
    });
    const popular = await createBacklogItem(staff, fields({ title: `${tag} B` }), null);
    for (const thread of crowd) await addEvidence(staff, popular, { threadId: thread.threadId });

    const byMembers = await listBacklog(staff, { sort: "members", q: tag, page: 1 });
    const byWeight = await listBacklog(staff, { sort: "weighted", q: tag, page: 1 });
    expect(byMembers.items.map((i) => i.id)).toEqual([popular, weighty]);
    expect(byWeight.items.map((i) => i.id)).toEqual([weighty, popular]);
    const filtered = await listBacklog(staff, { sort: "weighted", q: tag, minMembers: 2, page: 1 });
    expect(filtered.items.map((i) => i.id)).toEqual([popular]);
  });
});

describe("evidence", () => {
  it("keeps a quoted passage through later edits, marked since edited", async () => {
    const staff = await createUser({ role: "staff" });
    const member = await createUser();
    const space = await createTestSpace();
    const thread = await createTestThread(member, space.id, {
      body: "Our field team loses   signal in tunnels.\n\nThey need offline forms.",
    });
    const itemId = await createBacklogItem(staff, fields(), null);
    await expect(
      addEvidence(staff, itemId, { postId: thread.postId, quote: "They need a faster laptop" }),
    ).rejects.toThrow(/isn't in the post/);
    await addEvidence(staff, itemId, { postId: thread.postId, quote: "loses signal in tunnels" });
    await expect(addEvidence(staff, itemId, { postId: thread.postId })).resolves.toEqual({
      itemTitle: "Offline sync",
      postPosition: 1,
    });
    await expect(addEvidence(staff, itemId, { postId: thread.postId })).rejects.toThrow(
      /already evidence/,
    );

    const post = await getPostForViewer(member, thread.postId);
    await editPost(member, post!, { content: text("We fixed it ourselves.") });
    const item = await getBacklogItem(staff, itemId);
    const excerpt = item!.evidence.find((e) => e.kind === "excerpt");
    expect(excerpt).toMatchObject({ quote: "loses signal in tunnels", sinceEdited: true });
  });

  it("refuses staff actions to members and moderators, and unseen posts to anyone", async () => {
    const staff = await createUser({ role: "staff" });
    const itemId = await createBacklogItem(staff, fields(), null);
    for (const role of ["member", "moderator"] as const) {
      const person = await createUser({ role });
      await expect(listBacklog(person, { sort: "weighted", page: 1 })).rejects.toMatchObject({
        status: 403,
      });
      await expect(getBacklogItem(person, itemId)).rejects.toBeInstanceOf(Refusal);
      await expect(createBacklogItem(person, fields(), null)).rejects.toMatchObject({
        status: 403,
      });
      await expect(setBacklogStatus(person, itemId, "planned")).rejects.toMatchObject({
        status: 403,
      });
    }
    await expect(
      addEvidence(staff, itemId, { postId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("you asked, we built", () => {
  it("moves linked ideas and tells each contributor which of their contributions it came from", async () => {
    const s = await ideaWithVoters();
    const itemId = await createBacklogItem(s.staff, fields({ title: "Offline mode" }), {
      threadId: s.idea.threadId,
    });
    const result = await setBacklogStatus(s.staff, itemId, "shipped");
    expect(result).toEqual({ ideasMoved: 1, told: 4 });
    const [idea] = await db.select().from(ideas).where(eq(ideas.threadId, s.idea.threadId));
    expect(idea.status).toBe("shipped");

    const { groups: list } = await listNotificationGroups(s.bigCritical, 1);
    const update = list.find((n) => n.kind === "backlog_update");
    expect(update?.details).toEqual({
      status: "shipped",
      contributions: [
        { via: "vote", threadTitle: "Work offline on the train", postId: s.idea.postId },
      ],
    });
    // A private item's name stays with staff.
    expect(update?.itemTitle).toBeNull();

    // Triage and won't do tell nobody.
    const other = await createBacklogItem(s.staff, fields(), { threadId: s.idea.threadId });
    expect(await setBacklogStatus(s.staff, other, "wont_do")).toEqual({ ideasMoved: 0, told: 0 });
  });
});

describe("credit with consent", () => {
  it("asks each author once and credits by their current answer", async () => {
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace();
    const account = await createAccount({ segment: "Logistics" });
    const [named, anonymous, declined] = await Promise.all([
      createUser({ accountId: account.id, displayName: "Nora Named" }),
      createUser({ accountId: account.id, displayName: "Andy Anon" }),
      createUser({ accountId: account.id, displayName: "Dee Declined" }),
    ]);
    const threads = await Promise.all(
      [named, anonymous, declined].map((person) => createTestThread(person, space.id)),
    );
    const itemId = await createBacklogItem(
      staff,
      fields({ title: "Route planning", isPublic: true }),
      null,
    );
    for (const thread of threads) await addEvidence(staff, itemId, { threadId: thread.threadId });
    await addEvidence(staff, itemId, { postId: threads[0].postId });

    const asked = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.kind, "credit_request"));
    const askedNamed = asked.filter((row) => row.userId === named.id);
    expect(askedNamed).toHaveLength(1);

    await answerConsent(named, "credit", "named", "settings");
    await answerConsent(anonymous, "credit", "anonymous", "settings");
    await answerConsent(declined, "credit", "none", "settings");
    await setBacklogStatus(staff, itemId, "shipped");

    const viewer = await createUser();
    const { entries } = await listChangelog(viewer, 1);
    const entry = entries.find((e) => e.id === itemId);
    expect(entry?.credits).toEqual({
      named: [{ name: "Nora Named", handle: named.handle }],
      anonymous: [{ segment: "Logistics", count: 1 }],
      others: 1,
    });
    const roadmap = await listRoadmap(viewer);
    expect(roadmap.shipped.map((item) => item.id)).toContain(itemId);

    // Subscribers to the changelog hear of a public item shipping; nothing for a private one.
    const subscriber = await createUser();
    await setChangelogSubscription(subscriber.id, true);
    const next = await createBacklogItem(
      staff,
      fields({ title: "Dock scheduling", isPublic: true }),
      null,
    );
    const hidden = await createBacklogItem(staff, fields({ title: "Secret thing" }), null);
    await setBacklogStatus(staff, next, "shipped");
    await setBacklogStatus(staff, hidden, "shipped");
    const heard = (await listNotificationGroups(subscriber, 1)).groups;
    expect(heard.map((n) => [n.kind, n.itemTitle])).toEqual([
      ["changelog_entry", "Dock scheduling"],
    ]);

    // Changing one's mind applies at once.
    await answerConsent(named, "credit", "none", "settings");
    const again = await listChangelog(viewer, 1);
    expect(again.entries.find((e) => e.id === itemId)?.credits.named).toEqual([]);
  });
});

describe("the roadmap label tells the truth", () => {
  it("says an item is on the roadmap exactly when the roadmap or changelog shows it", async () => {
    const staff = await createUser({ role: "staff" });
    const member = await createUser();
    const made: string[] = [];
    for (const isPublic of [true, false]) {
      for (const status of ["triage", "planned", "in_progress", "shipped", "wont_do"] as const) {
        const id = await createBacklogItem(
          staff,
          fields({ title: `${status} ${isPublic ? "public" : "private"}`, isPublic }),
          null,
        );
        if (status !== "triage") await setBacklogStatus(staff, id, status);
        made.push(id);
      }
    }
    const [roadmap, changelog, backlog] = await Promise.all([
      listRoadmap(member),
      listChangelog(member, 1),
      listBacklog(staff, { page: 1, sort: "weighted" }),
    ]);
    const shown = new Set(
      [...roadmap.planned, ...roadmap.in_progress, ...changelog.entries].map((item) => item.id),
    );
    const listed = backlog.items.filter((item) => made.includes(item.id));
    expect(listed).toHaveLength(10);
    for (const item of listed) {
      expect({ title: item.title, shown: item.publicPlace !== null }).toEqual({
        title: item.title,
        shown: shown.has(item.id),
      });
    }
    expect(listed.find((item) => item.title === "triage public")?.publicPlace).toBeNull();
  });
});
