import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bookmarks, drafts, notifications, spaceMembers } from "#db/schema";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  lockTestThread,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { readPostContent } from "./post-content.server";
import { createReply } from "./post.server";
import { createThread } from "./thread.server";
import {
  discardDraftAt,
  getDraft,
  listDrafts,
  MAX_DRAFTS,
  parseDraftPlace,
  saveDraft,
} from "./draft.server";
import {
  listBookmarks,
  getReaderStateInThread,
  removeBookmark,
  saveBookmark,
  sendDueBookmarkReminders,
  setBookmarkReminder,
} from "./bookmark.server";

const ROLES = ["member", "moderator", "staff", "admin"] as const;
const content = (text: string) => {
  const read = readPostContent(undefined, text);
  if (!read.ok) throw new Error(read.message);
  return read.content;
};

async function privateSpaceWith(...members: { id: string }[]) {
  const space = await createTestSpace({ visibility: "private" });
  for (const member of members) {
    await db.insert(spaceMembers).values({ spaceId: space.id, userId: member.id });
  }
  return space;
}

describe("drafts", () => {
  it.each(ROLES)("a %s keeps a reply draft, reads it back, and posting ends it", async (role) => {
    const writer = await createUser({ role });
    const space = await createTestSpace();
    const { threadId } = await createTestThread(writer, space.id);
    const place = { kind: "reply" as const, threadId };
    const saved = await saveDraft(writer, { place, body: "Half a thought" });
    expect(saved.saved).toBe(true);
    expect((await getDraft(writer, place))?.body).toMatchObject({ type: "doc" });
    expect((await listDrafts(writer)).map((draft) => draft.excerpt)).toEqual(["Half a thought"]);
    await createReply(writer, threadId, {
      content: content("Half a thought, finished"),
      replyToPostId: null,
      bypassPostingCheck: "fixture",
    });
    expect(await getDraft(writer, place)).toBeNull();
  });

  it("a new thread's draft keeps its title and kind, and posting the thread ends it", async () => {
    const writer = await createUser();
    const space = await createTestSpace({ ideasEnabled: true });
    const place = { kind: "thread" as const, spaceId: space.id };
    await saveDraft(writer, { place, title: "Dark mode", threadKind: "idea", body: "" });
    expect(await getDraft(writer, place)).toMatchObject({ title: "Dark mode", threadKind: "idea" });
    await createThread(writer, space.id, {
      kind: "idea",
      title: "Dark mode for reports",
      content: content("Please"),
      bypassPostingCheck: "fixture",
    });
    expect(await getDraft(writer, place)).toBeNull();
  });

  it("an empty draft is discarded, and a draft as large as a post is refused with words", async () => {
    const writer = await createUser();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(writer, space.id);
    const place = { kind: "reply" as const, threadId };
    await saveDraft(writer, { place, body: "Something" });
    expect(await saveDraft(writer, { place, body: "   " })).toEqual({
      saved: false,
      updatedAt: null,
    });
    expect(await getDraft(writer, place)).toBeNull();
    await expect(saveDraft(writer, { place, body: "x".repeat(50_001) })).rejects.toThrow(/at most/);
    await expect(saveDraft(writer, { place, bodyJson: "{not json" })).rejects.toThrow(/formatting/);
  });

  it("drafts are their writer's alone: another member's ids read and discard nothing", async () => {
    const writer = await createUser();
    const other = await createUser();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(writer, space.id);
    const place = { kind: "reply" as const, threadId };
    await saveDraft(writer, { place, body: "Mine" });
    expect(await getDraft(other, place)).toBeNull();
    expect(await listDrafts(other)).toEqual([]);
    await discardDraftAt(other, place);
    expect(await getDraft(writer, place)).not.toBeNull();
  });

  it("a draft where the writer can no longer post is neither shown nor listed, nor saved", async () => {
    const writer = await createUser();
    const outsider = await createUser();
    const space = await privateSpaceWith(writer);
    const { threadId } = await createTestThread(writer, space.id);
    const place = { kind: "reply" as const, threadId };
    await saveDraft(writer, { place, body: "Inside" });
    await expect(saveDraft(outsider, { place, body: "Let me in" })).rejects.toMatchObject({
      status: 404,
    });
    await db.delete(spaceMembers).where(eq(spaceMembers.userId, writer.id));
    expect(await getDraft(writer, place)).toBeNull();
    expect(await listDrafts(writer)).toEqual([]);
    await expect(saveDraft(writer, { place, body: "Still?" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("a locked thread keeps no reply draft", async () => {
    const writer = await createUser();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(writer, space.id);
    await lockTestThread(threadId);
    await expect(
      saveDraft(writer, { place: { kind: "reply", threadId }, body: "Late" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it(`keeps at most ${MAX_DRAFTS} drafts, with words`, async () => {
    const writer = await createUser();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(writer, space.id);
    // Spaces are the cheapest places to fill the cap with.
    await db.execute(sql`with made as (
        insert into spaces (slug, name)
        select 'cap-' || gen_random_uuid(), 'Cap' from generate_series(1, ${MAX_DRAFTS})
        returning id)
      insert into drafts (user_id, place, space_id, body)
      select ${writer.id}, 'thread:' || made.id, made.id, '{"type":"doc"}'::jsonb from made`);
    const [{ count }] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(drafts)
      .where(eq(drafts.userId, writer.id));
    expect(count).toBe(MAX_DRAFTS);
    await expect(
      saveDraft(writer, { place: { kind: "reply", threadId }, body: "One more" }),
    ).rejects.toThrow(/unposted drafts/);
  });

  it("reads only well-formed places", () => {
    expect(parseDraftPlace("reply:not-a-uuid")).toBeNull();
    expect(parseDraftPlace("elsewhere:00000000-0000-0000-0000-000000000000")).toBeNull();
    expect(parseDraftPlace("thread:00000000-0000-0000-0000-000000000000")).toEqual({
      kind: "thread",
      spaceId: "00000000-0000-0000-0000-000000000000",
    });
  });
});

describe("bookmarks", () => {
  it.each(ROLES)(
    "a %s bookmarks a post and a thread, lists them, and removes one",
    async (role) => {
      const reader = await createUser({ role });
      const author = await createUser();
      const space = await createTestSpace();
      const { threadId } = await createTestThread(author, space.id, { title: "Kept thread" });
      const { postId } = await createTestReply(author, threadId, "Worth rereading");
      await saveBookmark(reader, { postId }, { remind: "tomorrow" });
      await saveBookmark(reader, { threadId }, { remind: "none" });
      // Bookmarking again changes the reminder, never doubles it.
      await saveBookmark(reader, { postId }, { remind: "hour" });
      const { bookmarks: listed, total } = await listBookmarks(reader, 1);
      expect(total).toBe(2);
      expect(listed.map((b) => [b.postId, b.thread.title])).toEqual([
        [null, "Kept thread"],
        [postId, "Kept thread"],
      ]);
      expect(listed[1].excerpt).toBe("Worth rereading");
      expect(listed[1].remindAt!.getTime() - Date.now()).toBeLessThan(3_600_000 + 1_000);
      expect(
        (await getReaderStateInThread(reader, threadId, { draft: true })).bookmarks,
      ).toHaveLength(2);
      await removeBookmark(reader, { postId });
      expect((await listBookmarks(reader, 1)).total).toBe(1);
    },
  );

  it("another member's ids change or remove nothing", async () => {
    const reader = await createUser();
    const other = await createUser();
    const space = await createTestSpace();
    const { threadId, postId } = await createTestThread(reader, space.id);
    const { id } = await saveBookmark(reader, { postId }, { remind: "week" });
    await removeBookmark(other, { id });
    await removeBookmark(other, { postId });
    await expect(setBookmarkReminder(other, id, "none")).rejects.toMatchObject({ status: 404 });
    expect((await listBookmarks(reader, 1)).total).toBe(1);
    expect((await listBookmarks(other, 1)).total).toBe(0);
    expect(await getReaderStateInThread(other, threadId, { draft: true })).toEqual({
      bookmarks: [],
      draft: null,
    });
  });

  it("an outsider can't bookmark a post in a private space", async () => {
    const insider = await createUser();
    const outsider = await createUser();
    const space = await privateSpaceWith(insider);
    const { threadId, postId } = await createTestThread(insider, space.id);
    await expect(saveBookmark(outsider, { postId }, { remind: "none" })).rejects.toMatchObject({
      status: 404,
    });
    await expect(saveBookmark(outsider, { threadId }, { remind: "none" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("a bookmark of what the reader lost is not listed, and its reminder is not sent", async () => {
    const reader = await createUser();
    const space = await privateSpaceWith(reader);
    const { threadId, postId } = await createTestThread(reader, space.id, {
      title: "Secret roadmap",
    });
    await saveBookmark(reader, { postId }, { remind: "hour" });
    await db.delete(spaceMembers).where(eq(spaceMembers.userId, reader.id));
    const listed = await listBookmarks(reader, 1);
    expect(listed.total).toBe(0);
    expect(JSON.stringify(listed)).not.toContain("Secret roadmap");
    await db
      .update(bookmarks)
      .set({ remindAt: new Date(Date.now() - 60_000) })
      .where(eq(bookmarks.userId, reader.id));
    await sendDueBookmarkReminders();
    const told = await db.select().from(notifications).where(eq(notifications.threadId, threadId));
    expect(told).toEqual([]);
  });

  it("a due reminder is sent once, as a notification about the post", async () => {
    const reader = await createUser();
    const author = await createUser();
    const space = await createTestSpace();
    const { threadId, postId } = await createTestThread(author, space.id);
    await saveBookmark(reader, { threadId }, { remind: "hour" });
    await db
      .update(bookmarks)
      .set({ remindAt: new Date(Date.now() - 60_000) })
      .where(eq(bookmarks.userId, reader.id));
    await sendDueBookmarkReminders();
    await sendDueBookmarkReminders();
    const told = await db
      .select({ kind: notifications.kind, postId: notifications.postId })
      .from(notifications)
      .where(eq(notifications.userId, reader.id));
    expect(told).toEqual([{ kind: "bookmark_reminder", postId }]);
  });
});
