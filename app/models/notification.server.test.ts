import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, outboxEmails } from "#db/schema";
import { createTestSpace, createTestThread, createUser, emailsTo } from "#db/testing/factories";
import { db } from "~/db.server";
import { sendNotificationDigests, sendNotificationEmail } from "./notification-email.server";
import { notifyAboutNewPost } from "./notification.server";
import { countUnreadNotifications, listNotificationGroups } from "./notification-inbox.server";
import { setEmailPreferences } from "./notification-preferences.server";
import { readPostContent } from "./post-content.server";
import { createReply, listPostsPage } from "./post.server";
import { setSpaceWatch } from "./space.server";
import { setThreadWatch } from "./thread.server";

function mentionDoc(people: Array<{ id: string; handle: string }>, text: string) {
  const parsed = readPostContent(
    JSON.stringify({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            ...people.map((p) => ({ type: "mention", attrs: { id: p.id, label: p.handle } })),
            { type: "text", text },
          ],
        },
      ],
    }),
    undefined,
  );
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.content;
}

describe("notifications", () => {
  it("notifies each person once, by the strongest reason, and emails mentions at once", async () => {
    const author = await createUser({ displayName: "Thread Author" });
    const mentioned = await createUser({ displayName: "Mentioned Mo" });
    const watcher = await createUser();
    const space = await createTestSpace({ name: "Ops" });
    const thread = await createTestThread(author, space.id, { title: "Weekly metrics" });
    await setThreadWatch(watcher, thread.threadId, true);
    await setThreadWatch(mentioned, thread.threadId, true);

    const replier = await createUser({ displayName: "Replying Rita" });
    const content = mentionDoc([mentioned], " what do you track?");
    const [opening] = await listPostsPage(author, thread.threadId, 1);
    const reply = await createReply(replier, thread.threadId, {
      content,
      replyToPostId: opening.id,
    });
    const sent = await notifyAboutNewPost({
      actor: replier,
      threadId: thread.threadId,
      postId: reply.postId,
      mentionIds: content.mentionIds,
      isNewThread: false,
    });

    const kinds = Object.fromEntries(sent.map((n) => [n.userId, n.kind]));
    expect(kinds).toEqual({
      [mentioned.id]: "mention",
      [author.id]: "reply",
      [watcher.id]: "watched_thread",
    });
    expect(await countUnreadNotifications(mentioned)).toBe(1);
    expect((await listNotificationGroups(mentioned, 1)).groups[0]).toMatchObject({
      kind: "mention",
      actorName: "Replying Rita",
      threadTitle: "Weekly metrics",
    });

    const mentionNotification = sent.find((n) => n.userId === mentioned.id)!;
    expect(await sendNotificationEmail(mentionNotification.id)).toBe(true);
    expect(await sendNotificationEmail(mentionNotification.id)).toBe(false); // once only
    const [email] = await emailsTo(mentioned.email);
    expect(email.subject).toBe("Replying Rita mentioned you in “Weekly metrics”");
    expect(email.text).toContain("what do you track?");
    expect(email.text).toContain(`/p/${reply.postId}`);

    // The watcher's kind defaults to the digest, so no immediate email.
    const watcherNotification = sent.find((n) => n.userId === watcher.id)!;
    expect(await sendNotificationEmail(watcherNotification.id)).toBe(false);
  });

  it("sends one digest per person, grouped by space, and respects 'off'", async () => {
    const reader = await createUser({ displayName: "Digest Dana" });
    const quiet = await createUser();
    const poster = await createUser();
    const alpha = await createTestSpace({ name: "Alpha space" });
    const beta = await createTestSpace({ name: "Beta space" });
    for (const person of [reader, quiet]) {
      await setSpaceWatch(person, alpha.id, true);
      await setSpaceWatch(person, beta.id, true);
    }
    await setEmailPreferences(quiet.id, {
      mention: "immediate",
      reply: "immediate",
      watched_thread: "off",
      watched_space: "off",
      cited: "off",
      proposal_invite: "off",
      proposal_stage: "off",
      proposal_comment: "off",
      internal_note: "off",
      backlog_update: "off",
      changelog_entry: "off",
      credit_request: "off",
      moderation_notice: "off",
      appeal_reply: "off",
    });
    for (const space of [alpha, beta]) {
      const created = await createTestThread(poster, space.id, {
        title: `News in ${space.id.slice(0, 4)}`,
      });
      await notifyAboutNewPost({
        actor: poster,
        threadId: created.threadId,
        postId: created.postId,
        mentionIds: [],
        isNewThread: true,
      });
    }
    await sendNotificationDigests();
    const [digest] = await emailsTo(reader.email);
    expect(digest.subject).toBe("Your Vanguard digest: 2 updates");
    expect(digest.text).toMatch(/## Alpha space[\s\S]*## Beta space/);
    expect(await emailsTo(quiet.email)).toHaveLength(0);
    const pending = await db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, reader.id));
    expect(pending.every((n) => n.emailedAt)).toBe(true);
    await sendNotificationDigests();
    expect(
      await db.select().from(outboxEmails).where(eq(outboxEmails.to, reader.email)),
    ).toHaveLength(1);
  });
});
