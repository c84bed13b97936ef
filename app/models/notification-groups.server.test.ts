import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications } from "#db/schema";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { moderateContent } from "./content-moderation.server";
import { notifyAboutNewPost } from "./notification.server";
import {
  countNotificationGroups,
  countUnreadNotifications,
  listNotificationGroups,
  markNotificationGroupRead,
  markNotificationsRead,
  markPostNotificationsRead,
  markThreadPageNotificationsRead,
  NOTIFICATION_WINDOW,
  NOTIFICATIONS_PAGE_SIZE,
} from "./notification-inbox.server";
import { addSpaceMember, removeSpaceMember } from "./space.server";
import { setThreadWatch } from "./thread.server";

type Person = Awaited<ReturnType<typeof createUser>>;

/** A reply by `author`, announced as the reply form announces it. */
async function reply(author: Person, threadId: string, text: string, mentionIds: string[] = []) {
  const { postId } = await createTestReply(author, threadId, text);
  await notifyAboutNewPost({ actor: author, threadId, postId, mentionIds, isNewThread: false });
  return postId;
}

/** A thread `reader` watches, in a space of its own unless one is given. */
async function watchedThread(reader: Person, title: string, spaceId?: string) {
  const space = spaceId ?? (await createTestSpace()).id;
  const starter = await createUser();
  const thread = await createTestThread(starter, space, { title });
  await setThreadWatch(reader, thread.threadId, true);
  return thread.threadId;
}

describe("notifications grouped per thread and reason", () => {
  it("make one group of a busy thread, with its count, its latest people and the first unread post", async () => {
    const reader = await createUser();
    const [sam, ana, bo, cy] = await Promise.all(
      ["Sam", "Ana", "Bo", "Cy"].map((displayName) => createUser({ displayName })),
    );
    const busy = await watchedThread(reader, "Carrier rates");
    const quiet = await watchedThread(reader, "Dock doors");
    const first = await reply(sam, busy, "First thoughts");
    await reply(ana, busy, "Agreed");
    await reply(bo, quiet, "Quiet one");
    await reply(bo, busy, "Numbers attached");
    await reply(cy, busy, "One more");
    await reply(sam, busy, "Following up");
    // A mention is its own reason, in its own group.
    await reply(ana, busy, "What do you think?", [reader.id]);

    const { groups, total } = await listNotificationGroups(reader, 1);
    expect(total).toBe(3);
    expect(groups.map((g) => [g.kind, g.threadTitle, g.events, g.unread])).toEqual([
      ["mention", "Carrier rates", 1, 1],
      ["watched_thread", "Carrier rates", 5, 5],
      ["watched_thread", "Dock doors", 1, 1],
    ]);
    const busyGroup = groups[1];
    // Four people, latest first; Sam counts once, at his latest.
    expect(busyGroup.actors).toBe(4);
    expect(busyGroup.actorNames).toEqual(["Sam", "Cy", "Bo"]);
    expect(busyGroup.actorName).toBe("Sam");
    expect(busyGroup.postId).toBe(first);
    expect(busyGroup.excerpt).toBe("First thoughts");
    // The bell counts groups, not rows: 7 unread notifications, 3 unread groups.
    expect(await countUnreadNotifications(reader)).toBe(3);
    expect(await countNotificationGroups(reader)).toMatchObject({ total: 3, unread: 3 });
  });

  it("keep a group unread while any of its events is, lead to its first unread one, and mark it read whole", async () => {
    const reader = await createUser();
    const writer = await createUser();
    const threadId = await watchedThread(reader, "Renewal terms");
    const posts = [];
    for (const text of ["One", "Two", "Three", "Four"])
      posts.push(await reply(writer, threadId, text));

    // Reading the first two on the thread page settles them only.
    await markPostNotificationsRead(reader, posts.slice(0, 2));
    let [group] = (await listNotificationGroups(reader, 1)).groups;
    expect(group).toMatchObject({ events: 4, unread: 2, postId: posts[2], excerpt: "Three" });
    expect(await countUnreadNotifications(reader)).toBe(1);

    await markNotificationGroupRead(reader, { kind: group.kind, subject: group.subject });
    [group] = (await listNotificationGroups(reader, 1)).groups;
    // All read: it leads to the newest.
    expect(group).toMatchObject({ events: 4, unread: 0, postId: posts[3] });
    expect(await countUnreadNotifications(reader)).toBe(0);

    // A new event makes the group unread again, and it leads there.
    const fifth = await reply(writer, threadId, "Five");
    [group] = (await listNotificationGroups(reader, 1)).groups;
    expect(group).toMatchObject({ events: 5, unread: 1, postId: fifth });
    expect(await countUnreadNotifications(reader)).toBe(1);
  });

  it("settle, when a post's address is opened, the events about every post on its page", async () => {
    const reader = await createUser();
    const writer = await createUser();
    const threadId = await watchedThread(reader, "Long thread");
    // Positions 2 to 31: page 1 ends at 30, so the last reply is alone on page 2.
    for (let i = 0; i < 28; i++) await createTestReply(writer, threadId, `Filler ${i}`);
    await reply(writer, threadId, "Thirtieth");
    const onPageTwo = await reply(writer, threadId, "Thirty-first");
    await markThreadPageNotificationsRead(reader, threadId, 1);
    const [group] = (await listNotificationGroups(reader, 1)).groups;
    expect(group).toMatchObject({ events: 2, unread: 1, postId: onPageTwo });
    await markThreadPageNotificationsRead(reader, threadId, 2);
    expect(await countUnreadNotifications(reader)).toBe(0);
  });

  it("mark read only the group asked for, and only the viewer's", async () => {
    const reader = await createUser();
    const other = await createUser();
    const writer = await createUser();
    const space = await createTestSpace();
    const a = await watchedThread(reader, "Thread A", space.id);
    const b = await watchedThread(reader, "Thread B", space.id);
    await setThreadWatch(other, a, true);
    await reply(writer, a, "In A");
    await reply(writer, b, "In B");
    const groupA = (await listNotificationGroups(reader, 1)).groups.find(
      (g) => g.threadTitle === "Thread A",
    )!;
    await markNotificationGroupRead(reader, { kind: groupA.kind, subject: groupA.subject });
    const after = (await listNotificationGroups(reader, 1)).groups;
    expect(after.map((g) => [g.threadTitle, g.unread])).toEqual([
      ["Thread B", 1],
      ["Thread A", 0],
    ]);
    expect(await countUnreadNotifications(other)).toBe(1);
    await markNotificationsRead(reader);
    expect(await countUnreadNotifications(reader)).toBe(0);
  });

  it("sort a group by its newest event", async () => {
    const reader = await createUser();
    const writer = await createUser();
    const space = await createTestSpace();
    const older = await watchedThread(reader, "Older thread", space.id);
    const newer = await watchedThread(reader, "Newer thread", space.id);
    await reply(writer, older, "a");
    await reply(writer, older, "b");
    await reply(writer, newer, "c");
    expect((await listNotificationGroups(reader, 1)).groups.map((g) => g.threadTitle)).toEqual([
      "Newer thread",
      "Older thread",
    ]);
    await reply(writer, older, "d");
    expect((await listNotificationGroups(reader, 1)).groups.map((g) => g.threadTitle)).toEqual([
      "Older thread",
      "Newer thread",
    ]);
  });

  it("leave out, and don't count, events about threads and posts the viewer can no longer see", async () => {
    const reader = await createUser();
    const writer = await createUser();
    const moderator = await createUser({ role: "moderator" });
    const secret = await createTestSpace({ visibility: "private" });
    await addSpaceMember(secret.admin, secret.id, reader.handle);
    await addSpaceMember(secret.admin, secret.id, writer.handle);
    const hidden = await watchedThread(reader, "Board minutes", secret.id);
    const open = await watchedThread(reader, "Open thread");
    await reply(writer, hidden, "Private words");
    await reply(writer, open, "Kept");
    const spam = await reply(writer, open, "Buy my course");
    await reply(writer, open, "Also kept");
    expect(await countUnreadNotifications(reader)).toBe(2);

    // A hidden post drops out of its group's count and excerpt.
    await moderateContent(moderator, spam, "hide", "Advertising");
    const openGroup = (await listNotificationGroups(reader, 1)).groups.find(
      (g) => g.threadTitle === "Open thread",
    )!;
    expect(openGroup.events).toBe(2);

    // Out of the space: its thread's group is gone, from the page and from the bell.
    await removeSpaceMember(secret.admin, secret.id, reader.id);
    const after = await listNotificationGroups(reader, 1);
    expect(after.total).toBe(1);
    expect(JSON.stringify(after)).not.toContain("Board minutes");
    expect(JSON.stringify(after)).not.toContain("Private words");
    expect(await countUnreadNotifications(reader)).toBe(1);
  });

  it("page by group, not by event", async () => {
    const reader = await createUser();
    const writer = await createUser();
    const space = await createTestSpace();
    const threads: string[] = [];
    for (let i = 0; i <= NOTIFICATIONS_PAGE_SIZE; i++) {
      threads.push(await watchedThread(reader, `Thread ${i}`, space.id));
    }
    // Three events in each thread: 93 rows, 31 groups.
    for (let round = 0; round < 3; round++) {
      for (const threadId of threads) await reply(writer, threadId, `Round ${round}`);
    }
    const first = await listNotificationGroups(reader, 1);
    const second = await listNotificationGroups(reader, 2);
    expect(first.total).toBe(NOTIFICATIONS_PAGE_SIZE + 1);
    expect(first.groups).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(second.groups).toHaveLength(1);
    expect(first.groups.every((g) => g.events === 3)).toBe(true);
    // The last thread written to comes first; the first one is alone on page 2.
    expect(first.groups[0].threadTitle).toBe(`Thread ${NOTIFICATIONS_PAGE_SIZE}`);
    expect(second.groups[0].threadTitle).toBe("Thread 0");
    expect((await listNotificationGroups(reader, 3)).groups).toEqual([]);
    expect(await countUnreadNotifications(reader)).toBe(NOTIFICATIONS_PAGE_SIZE + 1);
  });

  it("read only the latest events of a very long history, page and bell alike", async () => {
    const reader = await createUser();
    const writer = await createUser();
    const space = await createTestSpace();
    const old = await watchedThread(reader, "Long ago", space.id);
    const busy = await watchedThread(reader, "Busy", space.id);
    const oldPost = await reply(writer, old, "Ancient");
    const busyPost = await reply(writer, busy, "Recent");
    // A history longer than the window, all about one thread, newer than the old one.
    await db.execute(sql`
      insert into ${notifications} (user_id, kind, thread_id, post_id, actor_id, created_at)
      select ${reader.id}, 'watched_thread', ${busy}, ${busyPost}, ${writer.id},
        now() + make_interval(secs => n)
      from generate_series(1, ${NOTIFICATION_WINDOW}) n
    `);
    const { groups, total, windowFull } = await listNotificationGroups(reader, 1);
    expect(windowFull).toBe(true);
    expect(total).toBe(1);
    expect(groups[0]).toMatchObject({ threadTitle: "Busy", events: NOTIFICATION_WINDOW });
    expect(JSON.stringify(groups)).not.toContain(oldPost);
    expect(await countUnreadNotifications(reader)).toBe(1);
  });
});
