import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { backlogItems, ideas } from "#db/schema";
import {
  castTestVote,
  closeTestUndoWindows,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { readPostContent } from "./post-content.server";
import {
  confirmStatusChange,
  getPendingStatusChange,
  previewStatusChange,
  releaseDueStatusChanges,
  undoStatusChange,
} from "./backlog-announcement.server";
import { createBacklogItem } from "./backlog.server";
import { listNotificationGroups } from "./notification-inbox.server";
import { listChangelog, setChangelogSubscription } from "./roadmap.server";
import { backlogNotificationPath } from "~/utils/backlog-notification-text";

const notes = (text: string) => {
  const read = readPostContent(undefined, text);
  if (!read.ok) throw new Error(read.message);
  return read.content;
};

/** A public item backed by an idea with its author and two voters, and a changelog subscriber. */
async function itemWithPeople(isPublic = true) {
  const staff = await createUser({ role: "staff" });
  const space = await createTestSpace({ ideasEnabled: true });
  const author = await createUser();
  const idea = await createTestThread(author, space.id, { kind: "idea", title: "Offline mode" });
  const voters = [await createUser(), await createUser()];
  for (const voter of voters) await castTestVote(voter, idea.threadId, "critical");
  const subscriber = await createUser();
  await setChangelogSubscription(subscriber.id, true);
  const itemId = await createBacklogItem(
    staff,
    {
      title: "Work offline",
      description: null,
      ownerId: null,
      target: "Q1",
      externalUrl: null,
      isPublic,
      tagIds: [],
    },
    { threadId: idea.threadId },
  );
  return { staff, author, voters, subscriber, idea, itemId };
}

const unread = async (person: {
  id: string;
  role: "member" | "moderator" | "staff" | "admin";
  accountId: string | null;
}) => (await listNotificationGroups(person, 1)).groups.filter((n) => n.backlogItemId);

describe("announcing with care (issue 20, case 6)", () => {
  it("previews who will be told, grouped by how they contributed, and what they read", async () => {
    const s = await itemWithPeople();
    const preview = await previewStatusChange(s.staff, s.itemId, "shipped");
    expect(preview).toMatchObject({
      announces: true,
      publishes: true,
      contributorCount: 3,
      headline: "You asked, we built: “Work offline” is now shipped",
    });
    expect(preview.groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ via: "author", count: 1 }),
        expect.objectContaining({ via: "vote", count: 3 }),
      ]),
    );
    expect(preview.subscriberCount).toBeGreaterThanOrEqual(1);
    // A preview writes nothing.
    expect(await unread(s.voters[0])).toHaveLength(0);
  });

  it("changes nothing and tells nobody until the undo window closes, then ships with its notes", async () => {
    const s = await itemWithPeople();
    const scheduled = await confirmStatusChange(s.staff, s.itemId, {
      to: "shipped",
      notes: notes("Forms now save without a connection."),
    });
    expect(scheduled.scheduled).toBe(true);
    const [before] = await db.select().from(backlogItems).where(eq(backlogItems.id, s.itemId));
    expect(before.status).toBe("triage");
    expect(await getPendingStatusChange(s.staff, s.itemId)).toMatchObject({ to: "shipped" });
    // The window is still open: nothing is due.
    expect(await releaseDueStatusChanges()).toBe(0);
    expect(await unread(s.voters[0])).toHaveLength(0);
    await expect(
      confirmStatusChange(s.staff, s.itemId, { to: "planned", notes: null }),
    ).rejects.toMatchObject({ status: 409 });

    await closeTestUndoWindows();
    expect(await releaseDueStatusChanges()).toBe(1);
    expect(await releaseDueStatusChanges()).toBe(0);
    const [after] = await db.select().from(backlogItems).where(eq(backlogItems.id, s.itemId));
    expect(after.status).toBe("shipped");
    // The target becomes the day it shipped.
    expect(after.target).toBe(
      new Date().toLocaleDateString("en-GB", {
        day: "numeric",
        month: "short",
        year: "numeric",
        timeZone: "UTC",
      }),
    );
    const [idea] = await db.select().from(ideas).where(eq(ideas.threadId, s.idea.threadId));
    expect(idea.status).toBe("shipped");

    const [told] = await unread(s.voters[0]);
    expect(told.details).toMatchObject({
      status: "shipped",
      note: "Forms now save without a connection.",
    });
    // Its link leads to the changelog entry.
    expect(backlogNotificationPath("backlog_update", s.itemId, true, told.details)).toBe(
      `/changelog#item-${s.itemId}`,
    );
    const [subscribed] = (await listNotificationGroups(s.subscriber, 1)).groups.filter(
      (n) => n.kind === "changelog_entry" && n.backlogItemId === s.itemId,
    );
    expect(subscribed.details).toMatchObject({ note: "Forms now save without a connection." });
    const { entries } = await listChangelog(s.voters[0], 1);
    expect(entries.find((entry) => entry.id === s.itemId)?.releaseNotesHtml).toContain(
      "Forms now save without a connection.",
    );
    // Too late to undo.
    await expect(undoStatusChange(s.staff, s.itemId)).rejects.toMatchObject({ status: 409 });
  });

  it("undone inside the window, nothing changes and nobody is ever told", async () => {
    const s = await itemWithPeople();
    await confirmStatusChange(s.staff, s.itemId, { to: "planned", notes: null });
    await undoStatusChange(s.staff, s.itemId);
    await closeTestUndoWindows();
    expect(await releaseDueStatusChanges()).toBe(0);
    const [item] = await db.select().from(backlogItems).where(eq(backlogItems.id, s.itemId));
    expect(item.status).toBe("triage");
    expect(await unread(s.voters[0])).toHaveLength(0);
    expect(await getPendingStatusChange(s.staff, s.itemId)).toBeNull();
  });

  it("released by two workers at once, goes out once", async () => {
    const s = await itemWithPeople();
    await confirmStatusChange(s.staff, s.itemId, { to: "in_progress", notes: null });
    await closeTestUndoWindows();
    const counts = await Promise.all([releaseDueStatusChanges(), releaseDueStatusChanges()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await unread(s.voters[0])).toHaveLength(1);
  });

  it("links a private item's message to the member's own contribution, not the roadmap", async () => {
    const s = await itemWithPeople(false);
    await confirmStatusChange(s.staff, s.itemId, { to: "planned", notes: null });
    await closeTestUndoWindows();
    await releaseDueStatusChanges();
    const [told] = await unread(s.voters[0]);
    expect(backlogNotificationPath("backlog_update", s.itemId, false, told.details)).toBe(
      `/p/${s.idea.postId}`,
    );
  });

  it("is refused to members and moderators, and to staff for an item that does not exist", async () => {
    const s = await itemWithPeople();
    for (const role of ["member", "moderator"] as const) {
      const person = await createUser({ role });
      await expect(previewStatusChange(person, s.itemId, "shipped")).rejects.toMatchObject({
        status: 403,
      });
      await expect(
        confirmStatusChange(person, s.itemId, { to: "shipped", notes: null }),
      ).rejects.toMatchObject({ status: 403 });
      await expect(undoStatusChange(person, s.itemId)).rejects.toMatchObject({ status: 403 });
    }
    await expect(
      previewStatusChange(s.staff, "00000000-0000-4000-8000-000000000000", "shipped"),
    ).rejects.toMatchObject({ status: 404 });
  });
});
