import { describe, expect, it } from "vitest";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { moderateContent } from "./content-moderation.server";
import { notifyAboutNewPost } from "./notification.server";
import { countUnreadNotifications, listNotificationGroups } from "./notification-inbox.server";
import { deletePost, getPostForViewer } from "./post.server";
import { addSpaceMember, removeSpaceMember } from "./space.server";
import { setThreadWatch } from "./thread.server";

// Grouped notifications, attacked: each group counts and names only what its reader can still
// open, whatever happened to the thread, the space or the post since.

type Person = Awaited<ReturnType<typeof createUser>>;

async function reply(author: Person, threadId: string, text: string, mentionIds: string[] = []) {
  const { postId } = await createTestReply(author, threadId, text);
  await notifyAboutNewPost({ actor: author, threadId, postId, mentionIds, isNewThread: false });
  return postId;
}

const everything = async (reader: Person) => {
  const page = await listNotificationGroups(reader, 1);
  return {
    page,
    text: JSON.stringify(page),
    events: page.groups.reduce((sum, g) => sum + g.events, 0),
    bell: await countUnreadNotifications(reader),
  };
};

describe("grouped notifications under attack", () => {
  it("count no post its author deleted, as the email doesn't send one", async () => {
    const reader = await createUser();
    const writer = await createUser();
    const space = await createTestSpace();
    const { threadId } = await createTestThread(await createUser(), space.id, {
      title: "Deleted words",
    });
    await setThreadWatch(reader, threadId, true);
    const gone = await reply(writer, threadId, "Sorry, wrong thread", [reader.id]);
    expect((await everything(reader)).bell).toBe(1);
    await deletePost(writer, (await getPostForViewer(writer, gone))!);
    const after = await everything(reader);
    expect(after.page.total).toBe(0);
    expect(after.bell).toBe(0);
  });

  it("count the same events in the group, the page total and the bell, after each loss", async () => {
    const reader = await createUser();
    const writer = await createUser();
    const moderator = await createUser({ role: "moderator" });
    const secret = await createTestSpace({ visibility: "private", name: "Quiet room" });
    for (const person of [reader, writer]) {
      await addSpaceMember(secret.admin, secret.id, person.handle);
    }
    const open = await createTestThread(await createUser(), (await createTestSpace()).id, {
      title: "Open room",
    });
    const closed = await createTestThread(writer, secret.id, { title: "Severance terms" });
    for (const threadId of [open.threadId, closed.threadId]) {
      await setThreadWatch(reader, threadId, true);
    }
    const hidden = await reply(writer, open.threadId, "Spam link");
    await reply(writer, open.threadId, "Fine words");
    const leaked = await reply(writer, closed.threadId, "Secret figure 42k", [reader.id]);
    expect((await everything(reader)).events).toBe(3);

    await moderateContent(moderator, hidden, "hide", "Spam");
    const afterHide = await everything(reader);
    expect(afterHide.events).toBe(2);
    expect(afterHide.text).not.toContain("Spam link");

    // The space's admin (a moderator who is not in it can't see it) removes a post there.
    await moderateContent(secret.admin, leaked, "remove", "Leaked");
    await removeSpaceMember(secret.admin, secret.id, reader.id);
    const afterLoss = await everything(reader);
    expect(afterLoss.events).toBe(1);
    expect(afterLoss.page.total).toBe(1);
    expect(afterLoss.bell).toBe(1);
    for (const secretText of ["Severance terms", "Secret figure", "Quiet room"]) {
      expect(afterLoss.text).not.toContain(secretText);
    }
  });
});
