import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { backlogAnnouncements, backlogItems, notifications } from "#db/schema";
import {
  castTestVote,
  closeTestUndoWindows,
  createTestSpace,
  createTestThread,
  createUser,
  emailsTo,
} from "#db/testing/factories";
import { db } from "~/db.server";
import {
  confirmStatusChange,
  getPendingStatusChange,
  releaseDueStatusChanges,
  undoStatusChange,
} from "./backlog-announcement.server";
import { createBacklogItem, updateBacklogItem } from "./backlog.server";
import { sendNotificationDigests } from "./notification-email.server";
import { countUnreadNotifications, listNotificationGroups } from "./notification-inbox.server";
import { readPostContent } from "./post-content.server";
import { listChangelog, setChangelogSubscription } from "./roadmap.server";
import { isStorableText } from "~/utils/storable-text";
import { addSpaceMember, removeSpaceMember } from "./space.server";

// Attacks on announced status changes (issue 20): replayed ids, the same confirm many times at
// once, access lost between confirm and release, notes that break on the way out.

const notes = (text: string) => {
  const read = readPostContent(undefined, text);
  if (!read.ok) throw new Error(read.message);
  return read.content;
};

async function item(options: { isPublic?: boolean; visibility?: "members" | "private" } = {}) {
  const staff = await createUser({ role: "staff" });
  const space = await createTestSpace({
    ideasEnabled: true,
    visibility: options.visibility ?? "members",
  });
  const author = await createUser();
  const voter = await createUser();
  if (options.visibility === "private") {
    for (const person of [author, voter]) {
      await addSpaceMember(space.admin, space.id, person.handle);
    }
  }
  const idea = await createTestThread(author, space.id, { kind: "idea", title: "Secret plan" });
  await castTestVote(voter, idea.threadId, "critical");
  const itemId = await createBacklogItem(
    staff,
    {
      title: "Private roadmap item",
      description: null,
      ownerId: null,
      target: "",
      externalUrl: null,
      isPublic: options.isPublic ?? true,
      tagIds: [],
    },
    { threadId: idea.threadId },
  );
  return { staff, space, author, voter, idea, itemId };
}

const backlogNotices = (userId: string, itemId: string) =>
  db
    .select({ kind: notifications.kind, details: notifications.details })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.backlogItemId, itemId),
        inArray(notifications.kind, ["backlog_update", "changelog_entry"]),
      ),
    );

describe("announced status changes under attack", () => {
  it("confirmed 30 times at once, schedules one change and tells each person once", async () => {
    const s = await item();
    const subscriber = await createUser();
    await setChangelogSubscription(subscriber.id, true);
    const tries = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        confirmStatusChange(s.staff, s.itemId, { to: "shipped", notes: notes("Out now.") }),
      ),
    );
    expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(1);
    for (const t of tries) {
      if (t.status === "rejected") expect(t.reason).toMatchObject({ status: 409 });
    }
    const waiting = await db
      .select()
      .from(backlogAnnouncements)
      .where(eq(backlogAnnouncements.itemId, s.itemId));
    expect(waiting).toHaveLength(1);
    await closeTestUndoWindows();
    await Promise.all([releaseDueStatusChanges(), releaseDueStatusChanges()]);
    expect(await backlogNotices(s.voter.id, s.itemId)).toHaveLength(1);
    expect(await backlogNotices(s.author.id, s.itemId)).toHaveLength(1);
    expect(await backlogNotices(subscriber.id, s.itemId)).toHaveLength(1);
    const { entries } = await listChangelog(s.voter, 1);
    expect(entries.filter((entry) => entry.id === s.itemId)).toHaveLength(1);
  });

  it("undo names its item: undoing another item leaves this one's change waiting", async () => {
    const a = await item();
    const b = await item();
    await confirmStatusChange(a.staff, a.itemId, { to: "planned", notes: null });
    await expect(undoStatusChange(b.staff, b.itemId)).rejects.toMatchObject({ status: 409 });
    await expect(
      undoStatusChange(b.staff, "00000000-0000-4000-8000-000000000000"),
    ).rejects.toMatchObject({ status: 409 });
    expect(await getPendingStatusChange(a.staff, a.itemId)).toMatchObject({ to: "planned" });
    // Leaves nothing waiting for the other tests' releases.
    await undoStatusChange(a.staff, a.itemId);
  });

  it("tells nobody who lost the private space between confirm and release", async () => {
    const s = await item({ isPublic: false, visibility: "private" });
    await confirmStatusChange(s.staff, s.itemId, { to: "planned", notes: notes("Next month.") });
    await removeSpaceMember(s.space.admin, s.space.id, s.voter.id);
    await closeTestUndoWindows();
    await releaseDueStatusChanges();
    expect(await backlogNotices(s.voter.id, s.itemId)).toHaveLength(0);
    const told = await backlogNotices(s.author.id, s.itemId);
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0].details)).toContain("Secret plan");
  });

  it("stops naming the idea to someone who loses the space after they were told", async () => {
    const s = await item({ isPublic: false, visibility: "private" });
    await confirmStatusChange(s.staff, s.itemId, { to: "planned", notes: null });
    await closeTestUndoWindows();
    await releaseDueStatusChanges();
    expect(
      (await listNotificationGroups(s.voter, 1)).groups.filter((g) => g.backlogItemId),
    ).toHaveLength(1);
    await removeSpaceMember(s.space.admin, s.space.id, s.voter.id);
    const after = await listNotificationGroups(s.voter, 1);
    expect(JSON.stringify(after)).not.toContain("Secret plan");
    expect(after.groups.filter((g) => g.backlogItemId)).toHaveLength(0);
  });

  it("keeps a private item's release notes off the public changelog", async () => {
    const s = await item({ isPublic: false });
    const subscriber = await createUser();
    await setChangelogSubscription(subscriber.id, true);
    await confirmStatusChange(s.staff, s.itemId, {
      to: "shipped",
      notes: notes("Internal codename Falcon shipped."),
    });
    await closeTestUndoWindows();
    await releaseDueStatusChanges();
    const { entries } = await listChangelog(subscriber, 1);
    expect(entries.find((entry) => entry.id === s.itemId)).toBeUndefined();
    expect(JSON.stringify(entries)).not.toContain("Falcon");
    expect(await backlogNotices(subscriber.id, s.itemId)).toHaveLength(0);
  });

  it("releases notes whose excerpt would end inside an emoji (no lone surrogate)", async () => {
    const s = await item();
    // 1,499 letters then emoji: cutting at 1,500 UTF-16 units would leave half of the first one.
    const text = `${"a".repeat(1_499)}${"🚀".repeat(20)}`;
    await confirmStatusChange(s.staff, s.itemId, { to: "shipped", notes: notes(text) });
    await closeTestUndoWindows();
    await releaseDueStatusChanges();
    const [row] = await db
      .select({ status: backlogItems.status })
      .from(backlogItems)
      .where(eq(backlogItems.id, s.itemId));
    expect(row.status).toBe("shipped");
    const [told] = await backlogNotices(s.voter.id, s.itemId);
    expect(told).toBeDefined();
    const note = (told.details as { note: string }).note;
    expect(isStorableText(note)).toBe(true);
    expect(note.startsWith("a".repeat(1_499))).toBe(true);
  });
});

describe("a changelog entry's notification", () => {
  it("leaves the bell, the page and the digest once its item leaves the changelog", async () => {
    const s = await item();
    const subscriber = await createUser();
    await setChangelogSubscription(subscriber.id, true);
    await confirmStatusChange(s.staff, s.itemId, {
      to: "shipped",
      notes: notes("Acme asked for this one, thanks Jo."),
    });
    await closeTestUndoWindows();
    await releaseDueStatusChanges();
    const shown = async () =>
      (await listNotificationGroups(subscriber, 1)).groups.filter(
        (g) => g.backlogItemId === s.itemId,
      );
    expect(await shown()).toHaveLength(1);
    expect(await countUnreadNotifications(subscriber)).toBe(1);

    // Staff take it off the changelog (a customer was named in its notes).
    await updateBacklogItem(s.staff, s.itemId, {
      title: "Private roadmap item",
      description: null,
      ownerId: null,
      target: "",
      externalUrl: null,
      isPublic: false,
      tagIds: [],
    });
    expect(await shown()).toHaveLength(0);
    expect(JSON.stringify(await listNotificationGroups(subscriber, 1))).not.toContain("Acme");
    expect(await countUnreadNotifications(subscriber)).toBe(0);
    await sendNotificationDigests();
    expect(JSON.stringify(await emailsTo(subscriber.email))).not.toContain("Acme");
    // Contributors were told as contributors: theirs stays.
    expect(await backlogNotices(s.voter.id, s.itemId)).toHaveLength(1);
    expect(
      (await listNotificationGroups(s.voter, 1)).groups.filter((g) => g.backlogItemId === s.itemId),
    ).toHaveLength(1);
  });
});
