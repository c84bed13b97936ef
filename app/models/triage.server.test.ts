import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { posts } from "#db/schema";
import {
  createTestProposal,
  createTestSpace,
  createTestTag,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { createBacklogItem, getBacklogItem } from "./backlog.server";
import { listThreadTags } from "./tag.server";
import {
  countOpenTriage,
  flagWorthALook,
  linkEntries,
  listInbox,
  tagEntries,
  takeTriage,
  updateTriage,
} from "./triage.server";
import { Refusal } from "./refusal.server";

async function inboxFixture() {
  const staff = await createUser({ role: "staff" });
  const member = await createUser();
  const space = await createTestSpace({ ideasEnabled: true });
  const idea = await createTestThread(member, space.id, { kind: "idea", title: "Idea one" });
  const insight = await createTestThread(member, space.id, { kind: "insight", title: "Insight" });
  const discussion = await createTestThread(member, space.id, { replies: 1, title: "Chat" });
  const draft = await createTestProposal(member, space.id, { title: "Still a draft" });
  return { staff, member, space, idea, insight, discussion, draft };
}

describe("the triage inbox", () => {
  it("gathers new ideas, insights and flagged posts, not discussions or drafts, with counts", async () => {
    const f = await inboxFixture();
    const [reply] = await db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.threadId, f.discussion.threadId), eq(posts.position, 2)));
    await flagWorthALook(f.staff, reply.id, "Churn signal");

    const inbox = await listInbox(f.staff, { show: "open", spaceId: f.space.id, page: 1 });
    expect(inbox.entries.map((e) => [e.kind, e.threadTitle]).sort()).toEqual([
      ["idea", "Idea one"],
      ["insight", "Insight"],
      ["worth_a_look", "Chat"],
    ]);
    expect(inbox.entries.find((e) => e.kind === "worth_a_look")).toMatchObject({
      note: "Churn signal",
      postPosition: 2,
    });
    expect(inbox.total).toBe(3);
    expect(await countOpenTriage(f.staff)).toBeGreaterThanOrEqual(3);
    expect(await countOpenTriage(f.member)).toBeNull();
    expect(inbox.bySpace.find((s) => s.id === f.space.id)?.open).toBe(3);
  });

  it("reviews, reopens, assigns, tags and links in bulk", async () => {
    const f = await inboxFixture();
    const keys = [`thread:${f.idea.threadId}`, `thread:${f.insight.threadId}`];
    const colleague = await createUser({ role: "staff" });
    expect(await updateTriage(f.staff, keys, { ownerId: colleague.id })).toEqual({
      count: 2,
      title: null,
    });
    const mine = await listInbox(colleague, { show: "mine", spaceId: f.space.id, page: 1 });
    expect(mine.entries).toHaveLength(2);

    const tag = await createTestTag(f.staff, `Triage ${Date.now()}`);
    expect(await tagEntries(f.staff, keys, tag.name)).toMatchObject({ threads: 2 });
    const tags = await listThreadTags(f.staff, [f.idea.threadId]);
    expect(tags[f.idea.threadId].map((t) => t.name)).toEqual([tag.name]);

    const itemId = await createBacklogItem(
      f.staff,
      {
        title: "From triage",
        description: null,
        ownerId: null,
        target: "",
        externalUrl: null,
        isPublic: false,
        tagIds: [],
      },
      null,
    );
    expect(await linkEntries(f.staff, keys, itemId)).toBe(2);
    // Linking again skips what is linked already.
    expect(await linkEntries(f.staff, keys, itemId)).toBe(0);
    expect((await getBacklogItem(f.staff, itemId))?.evidence).toHaveLength(2);

    await updateTriage(f.staff, keys, { reviewed: true });
    const open = await listInbox(f.staff, { show: "open", spaceId: f.space.id, page: 1 });
    expect(open.entries).toHaveLength(0);
    // What arrives after a staff member's latest review is new to them, not to a colleague.
    expect(open.lastReviewedAt).not.toBeNull();
    expect((await listInbox(colleague, { show: "open", page: 1 })).lastReviewedAt).toBeNull();
    const reviewed = await listInbox(f.staff, { show: "reviewed", spaceId: f.space.id, page: 1 });
    expect(reviewed.entries.map((e) => e.reviewedByName)).toEqual([
      f.staff.displayName,
      f.staff.displayName,
    ]);
    // One entry changed is named by its thread's title, for the page to say what was done.
    expect(await updateTriage(f.staff, [keys[0]], { reviewed: false })).toEqual({
      count: 1,
      title: "Idea one",
    });
    const again = await listInbox(f.staff, { show: "open", spaceId: f.space.id, page: 1 });
    expect(again.entries.map((e) => e.threadId)).toEqual([f.idea.threadId]);

    // "Assign to me": the acting staff member becomes the owner.
    expect(await takeTriage(f.staff, [keys[0]])).toEqual({ count: 1, title: "Idea one" });
    const taken = await listInbox(f.staff, { show: "mine", spaceId: f.space.id, page: 1 });
    expect(taken.entries.map((e) => [e.threadId, e.ownerName])).toEqual([
      [f.idea.threadId, f.staff.displayName],
    ]);
  });

  it("names a flagged post's entry by its thread's title", async () => {
    const f = await inboxFixture();
    const [reply] = await db
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.threadId, f.discussion.threadId), eq(posts.position, 2)));
    await flagWorthALook(f.staff, reply.id, "Look");
    expect(await updateTriage(f.staff, [`post:${reply.id}`], { reviewed: true })).toEqual({
      count: 1,
      title: "Chat",
    });
  });

  it("is refused to members and moderators, and owners must be staff", async () => {
    const f = await inboxFixture();
    for (const role of ["member", "moderator"] as const) {
      const person = await createUser({ role });
      await expect(listInbox(person, { show: "open", page: 1 })).rejects.toBeInstanceOf(Refusal);
      await expect(
        updateTriage(person, [`thread:${f.idea.threadId}`], { reviewed: true }),
      ).rejects.toMatchObject({ status: 403 });
      await expect(takeTriage(person, [`thread:${f.idea.threadId}`])).rejects.toMatchObject({
        status: 403,
      });
      await expect(flagWorthALook(person, f.idea.postId, "")).rejects.toMatchObject({
        status: 403,
      });
    }
    await expect(
      updateTriage(f.staff, [`thread:${f.idea.threadId}`], { ownerId: f.member.id }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
