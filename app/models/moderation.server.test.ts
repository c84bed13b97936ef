import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  auditEvents,
  communitySettings,
  notifications,
  rateLimits,
  spaceMembers,
} from "#db/schema";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { db } from "~/db.server";
import { dismissReview, moderateContent } from "./content-moderation.server";
import { flagContent, getFlagsToHide, listMyFlags, setFlagsToHide } from "./flag.server";
import { getNoticeForViewer, listOpenAppeals, postNoticeMessage } from "./moderation-notice.server";
import { listModerationQueue } from "./moderation-queue.server";
import { notifyAboutNewPost } from "./notification.server";
import { listNotificationGroups } from "./notification-inbox.server";
import { readPostContent } from "./post-content.server";
import { createReply, listPostsPage } from "./post.server";
import { checkPosting } from "./posting-check.server";
import { searchPosts } from "./search.server";
import { getThreadForViewer, listThreadsInSpace } from "./thread.server";
import { getMergedThreadTarget, mergeThreads, moveThread } from "./thread-moderation.server";
import { addWatchedWord } from "./watched-word.server";

function content(text: string) {
  const result = readPostContent(undefined, text);
  if (!result.ok) throw new Error(result.message);
  return result.content;
}

/** A thread with one reply by `author`, in a fresh space, and the reply's id. */
async function threadWithReply(text = "A reply worth discussing") {
  const author = await createUser();
  const space = await createTestSpace();
  const { threadId, postId: openingPostId } = await createTestThread(author, space.id);
  const reply = await createReply(author, threadId, {
    content: content(text),
    replyToPostId: null,
  });
  return { author, space, threadId, openingPostId, replyId: reply.postId };
}

async function postAsSeenBy(
  viewer: Parameters<typeof listPostsPage>[0],
  threadId: string,
  id: string,
) {
  return (await listPostsPage(viewer, threadId, 1)).find((post) => post.id === id)!;
}

describe("flags", () => {
  it("take one open flag per member per post, never the author's own, and tell the flagger the outcome", async () => {
    const { author, replyId } = await threadWithReply();
    const flagger = await createUser();
    expect(await flagContent(flagger, { postId: replyId, reason: "spam" })).toEqual({
      status: "received",
      hidden: false,
    });
    expect((await flagContent(flagger, { postId: replyId, reason: "abusive" })).status).toBe(
      "already-flagged",
    );
    await expect(flagContent(author, { postId: replyId, reason: "spam" })).rejects.toMatchObject({
      status: 409,
    });
    await expect(flagContent(flagger, { postId: replyId, reason: "other" })).rejects.toMatchObject({
      status: 400,
    });

    const moderator = await createUser({ role: "moderator" });
    await moderateContent(moderator, replyId, "hide", "Advertising");
    const [mine] = await listMyFlags(flagger, 1);
    expect(mine).toMatchObject({ status: "upheld", resolution: "Hidden by a moderator" });
  });

  it("hide content pending review once enough trusted members flag it; new members' flags don't count toward it", async () => {
    const { author, threadId, replyId } = await threadWithReply();
    await db.update(communitySettings).set({ flagsToHide: 2 });
    await db.insert(communitySettings).values({ id: 1, flagsToHide: 2 }).onConflictDoNothing();
    await flagContent(await createUser({ trustLevel: 0 }), { postId: replyId, reason: "abusive" });
    await flagContent(await createUser({ trustLevel: 0 }), { postId: replyId, reason: "abusive" });
    expect((await postAsSeenBy(author, threadId, replyId)).moderation).toBeNull();
    await flagContent(await createUser({ trustLevel: 1 }), { postId: replyId, reason: "abusive" });
    const tipping = await flagContent(await createUser({ trustLevel: 2 }), {
      postId: replyId,
      reason: "abusive",
    });
    expect(tipping.hidden).toBe(true);
    const reader = await createUser();
    expect(await postAsSeenBy(reader, threadId, replyId)).toMatchObject({
      moderation: "held",
      shown: false,
      bodyHtml: "",
    });
    // Its author still reads it, with the reason, and was told.
    expect(await postAsSeenBy(author, threadId, replyId)).toMatchObject({
      shown: true,
      moderationReason: "2 members flagged it",
    });
    const { groups: told } = await listNotificationGroups(author, 1);
    expect(told[0]).toMatchObject({ kind: "moderation_notice", noticeAction: "held" });
  });

  it("hold after the number of flags an admin sets, a change that is audited", async () => {
    await expect(setFlagsToHide(await createUser({ role: "moderator" }), 5)).rejects.toMatchObject({
      status: 403,
    });
    const admin = await createUser({ role: "admin" });
    const before = await getFlagsToHide();
    await setFlagsToHide(admin, 5);
    expect(await getFlagsToHide()).toBe(5);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "settings.flags_to_hide_changed"));
    expect(event.details).toEqual({ from: before, to: 5 });
    await setFlagsToHide(admin, before);
  });

  it("are capped per person per hour, so one person can't bury the queue", async () => {
    const { replyId } = await threadWithReply();
    const busy = await createUser();
    await db.insert(rateLimits).values({ key: `flags:${busy.id}`, count: 30 });
    await expect(flagContent(busy, { postId: replyId, reason: "spam" })).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining("at most 30 things an hour"),
    });
    expect(await listMyFlags(busy, 1)).toEqual([]);
  });

  it("lets a trusted member (level 3) hide obvious spam at once, pending review", async () => {
    const { threadId, replyId } = await threadWithReply();
    const trusted = await createUser({ trustLevel: 3 });
    expect((await flagContent(trusted, { postId: replyId, reason: "spam" })).hidden).toBe(true);
    expect((await postAsSeenBy(await createUser(), threadId, replyId)).shown).toBe(false);
  });
});

describe("moderating content", () => {
  it("hides a post with a reason: a marker for members, the words for moderators and the author, out of search and notifications, audited, and the author can appeal", async () => {
    const word = `zebracorn${Date.now().toString(36)}`;
    const { author, threadId, replyId } = await threadWithReply(`A reply about ${word}`);
    const reader = await createUser();
    const moderator = await createUser({ role: "moderator" });
    const mentioned = await createUser();
    await notifyAboutNewPost({
      actor: author,
      threadId,
      postId: replyId,
      mentionIds: [mentioned.id],
      isNewThread: false,
    });
    expect((await listNotificationGroups(mentioned, 1)).total).toBe(1);

    await expect(moderateContent(reader, replyId, "hide", "I don't like it")).rejects.toMatchObject(
      {
        status: 403,
      },
    );
    await expect(moderateContent(moderator, replyId, "hide", " ")).rejects.toMatchObject({
      status: 400,
    });
    await moderateContent(moderator, replyId, "hide", "Personal attack");

    expect(await postAsSeenBy(reader, threadId, replyId)).toMatchObject({
      shown: false,
      bodyHtml: "",
    });
    expect((await postAsSeenBy(moderator, threadId, replyId)).bodyHtml).toContain(word);
    expect(await postAsSeenBy(author, threadId, replyId)).toMatchObject({
      shown: true,
      moderationReason: "Personal attack",
    });
    expect((await searchPosts(reader, { q: word, page: 1 })).total).toBe(0);
    expect((await listNotificationGroups(mentioned, 1)).total).toBe(0);

    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "post.hidden"), eq(auditEvents.targetId, replyId)));
    expect(event.details).toMatchObject({
      reason: "Personal attack",
      from: "visible",
      to: "hidden",
    });

    const [notice] = (await listNotificationGroups(author, 1)).groups;
    expect(notice.kind).toBe("moderation_notice");
    expect(await getNoticeForViewer(reader, notice.noticeId!)).toBeNull();
    await postNoticeMessage(author, notice.noticeId!, { body: "It was a joke between friends." });
    const appeals = await listOpenAppeals(moderator);
    expect(appeals.find((appeal) => appeal.id === notice.noticeId)?.lastMessage).toBe(
      "It was a joke between friends.",
    );
    await postNoticeMessage(moderator, notice.noticeId!, {
      body: "Understood; it stays hidden.",
      close: true,
    });
    const answered = (await listNotificationGroups(author, 1)).groups[0];
    expect(answered.kind).toBe("appeal_reply");
    await expect(
      postNoticeMessage(author, notice.noticeId!, { body: "Please reconsider" }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("tells a second moderator that the first already decided, instead of failing", async () => {
    const { replyId } = await threadWithReply();
    await flagContent(await createUser(), { postId: replyId, reason: "off_topic" });
    const first = await createUser({ role: "moderator" });
    const second = await createUser({ role: "moderator" });
    const [item] = (await listModerationQueue(first, 1)).items.filter(
      (entry) => entry.post?.id === replyId,
    );
    expect(item.person).toMatchObject({ recentPosts: 2, moderatedPosts: 0 });
    await moderateContent(first, replyId, "hide", "Off-topic");
    await expect(moderateContent(second, replyId, "hide", "Off-topic")).rejects.toMatchObject({
      status: 409,
    });
    expect((await dismissReview(second, item.id)).message).toMatch(/^Already handled by .*Hidden/);
  });

  it("stays inside the spaces a moderator can see (staff see all), and off admins' words", async () => {
    const author = await createUser();
    const privateSpace = await createTestSpace({ visibility: "private" });
    await db.insert(spaceMembers).values({ spaceId: privateSpace.id, userId: author.id });
    const { threadId } = await createTestThread(author, privateSpace.id);
    const reply = await createReply(author, threadId, {
      content: content("Secret"),
      replyToPostId: null,
    });
    const moderator = await createUser({ role: "moderator" });
    await expect(moderateContent(moderator, reply.postId, "hide", "No")).rejects.toMatchObject({
      status: 404,
    });
    await moderateContent(await createUser({ role: "staff" }), reply.postId, "hide", "Checked");

    const admin = await createUser({ role: "admin" });
    const space = await createTestSpace();
    const adminThread = await createTestThread(admin, space.id);
    await expect(
      moderateContent(moderator, adminThread.postId, "hide", "No"),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("removes softly: only admins restore, and a removed thread leaves every list", async () => {
    const author = await createUser();
    const space = await createTestSpace();
    const { threadId, postId } = await createTestThread(author, space.id, { title: "Buy pills" });
    const moderator = await createUser({ role: "moderator" });
    await moderateContent(moderator, postId, "remove", "Spam");
    const reader = await createUser();
    expect((await listThreadsInSpace(reader, space.id, { sort: "latest", page: 1 })).total).toBe(0);
    expect((await listThreadsInSpace(author, space.id, { sort: "latest", page: 1 })).total).toBe(0);
    expect((await listThreadsInSpace(moderator, space.id, { sort: "latest", page: 1 })).total).toBe(
      1,
    );
    await expect(moderateContent(moderator, postId, "restore", null)).rejects.toMatchObject({
      status: 403,
    });
    await moderateContent(await createUser({ role: "admin" }), postId, "restore-removed", null);
    expect(
      (await listThreadsInSpace(reader, space.id, { sort: "latest", page: 1 })).threads[0].id,
    ).toBe(threadId);
  });

  it("moves a thread to another space the moderator sees, audited and told to its author", async () => {
    const author = await createUser();
    const from = await createTestSpace();
    const to = await createTestSpace();
    const { threadId } = await createTestThread(author, from.id);
    const moderator = await createUser({ role: "moderator" });
    await moveThread(moderator, threadId, {
      spaceId: to.id,
      reason: "Belongs with the other threads",
    });
    expect((await listThreadsInSpace(author, to.id, { sort: "latest", page: 1 })).total).toBe(1);
    const [told] = (await listNotificationGroups(author, 1)).groups;
    expect(told).toMatchObject({ kind: "moderation_notice", noticeAction: "moved" });
    await expect(
      moveThread(moderator, threadId, { spaceId: to.id, reason: "again" }),
    ).rejects.toMatchObject({
      status: 409,
    });
  });
});

describe("merging threads", () => {
  it("puts one thread's posts after the other's, leads its address there, settles its flags, and refuses ideas", async () => {
    const author = await createUser();
    const space = await createTestSpace();
    const into = await createTestThread(author, space.id, { title: "Keep", replies: 1 });
    const from = await createTestThread(author, space.id, { title: "Duplicate", replies: 2 });
    const flagger = await createUser();
    await flagContent(flagger, { postId: from.postId, reason: "off_topic" });
    const moderator = await createUser({ role: "moderator" });
    await mergeThreads(moderator, from.threadId, {
      intoId: into.threadId,
      reason: "Same question",
    });

    const reader = await createUser();
    const posts = await listPostsPage(reader, into.threadId, 1);
    expect(posts.map((post) => post.position)).toEqual([1, 2, 3, 4, 5]);
    expect(posts[2].id).toBe(from.postId);
    expect((await getThreadForViewer(reader, into.threadId))!.replyCount).toBe(4);
    expect(await getThreadForViewer(reader, from.threadId)).toBeNull();
    expect(await getMergedThreadTarget(from.threadId)).toBe(into.threadId);
    expect((await listThreadsInSpace(reader, space.id, { sort: "latest", page: 1 })).total).toBe(1);
    expect((await listMyFlags(flagger, 1))[0]).toMatchObject({
      status: "upheld",
      resolution: "Merged into another thread",
    });
    const [told] = (await listNotificationGroups(author, 1)).groups;
    expect(told).toMatchObject({ kind: "moderation_notice", noticeAction: "merged" });

    const idea = await createTestThread(author, space.id, { kind: "idea" });
    await expect(
      mergeThreads(moderator, idea.threadId, { intoId: into.threadId, reason: "No" }),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe("posting checks", () => {
  it("cap a new member's links, refuse the same words twice in ten minutes, and slow new members sooner", async () => {
    const newcomer = await createUser({ trustLevel: 0 });
    const links = content("See https://a.test, https://b.test and https://c.test");
    expect(await checkPosting(newcomer, "reply", links)).toMatchObject({
      ok: false,
      status: 422,
      message: expect.stringContaining("at most 2 links"),
    });
    expect((await checkPosting(await createUser({ trustLevel: 1 }), "reply", links)).ok).toBe(true);

    const { author, threadId } = await threadWithReply("Exactly these words");
    expect(await checkPosting(author, "reply", content("Exactly these words"))).toMatchObject({
      ok: false,
      status: 409,
    });
    expect((await checkPosting(author, "edit", content("Exactly these words"))).ok).toBe(true);
    expect(threadId).toBeTruthy();

    for (let i = 0; i < 3; i++) {
      expect((await checkPosting(newcomer, "reply", content(`Reply ${i}`))).ok).toBe(true);
    }
    expect(await checkPosting(newcomer, "reply", content("One more"))).toMatchObject({
      ok: false,
      status: 429,
      message: expect.stringContaining("at most 3 replies in a minute"),
    });
  });

  it("hold a post with a watched word for review (nobody is told until it is approved) and refuse a blocked one", async () => {
    const admin = await createUser({ role: "admin" });
    const held = `heldword${Date.now().toString(36)}`;
    const blocked = `blockedword${Date.now().toString(36)}`;
    await addWatchedWord(admin, { phrase: held, action: "hold" });
    await addWatchedWord(admin, { phrase: blocked, action: "block" });
    const member = await createUser();
    expect(await checkPosting(member, "reply", content(`This has ${blocked} in it`))).toMatchObject(
      {
        ok: false,
        message: expect.stringContaining(blocked),
      },
    );
    const check = await checkPosting(member, "reply", content(`This has ${held} in it`));
    expect(check).toEqual({ ok: true, holdReason: `Contains the watched word “${held}”` });

    const space = await createTestSpace();
    const { threadId } = await createTestThread(await createUser(), space.id);
    // The reply's own posting check holds it.
    const reply = await createReply(member, threadId, {
      content: content(`This has ${held} in it`),
      replyToPostId: null,
    });
    expect(reply.held).toBe(true);
    const moderator = await createUser({ role: "moderator" });
    const queue = await listModerationQueue(moderator, 1);
    expect(queue.items.find((item) => item.post?.id === reply.postId)?.heldReason).toContain(held);
    await moderateContent(moderator, reply.postId, "approve", null);
    expect((await postAsSeenBy(await createUser(), threadId, reply.postId)).shown).toBe(true);
    const [approved] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "post.approved"), eq(auditEvents.targetId, reply.postId)));
    expect(approved.actorId).toBe(moderator.id);
    // The thread's author hears of the reply now, not before.
    const watchers = await db
      .select()
      .from(notifications)
      .where(eq(notifications.postId, reply.postId));
    expect(watchers.length).toBe(1);
  });
});
