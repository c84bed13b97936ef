import { describe, expect, it } from "vitest";
import {
  createAccount,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { notifications } from "#db/schema";
import { eq } from "drizzle-orm";
import { readPostContent } from "./post-content.server";
import { createReply } from "./post.server";
import { notifyAboutNewPost } from "./notification.server";
import { listNotificationGroups } from "./notification-inbox.server";
import { searchMentionCandidates } from "./mention.server";
import { searchPosts } from "./search.server";
import { getSpaceForViewer, listSpacesForViewer } from "./space.server";
import { getThreadForViewer } from "./thread.server";
import { getProfile } from "./profile.server";
import { addSpaceMember } from "./space.server";

// One community: a big account (top 1%), a small one, and a space of each visibility.
async function community() {
  const big = await createAccount({ name: `Big ${Date.now()}`, revenueCents: 900_000_000_00 });
  const small = await createAccount({ name: `Small ${Date.now()}`, revenueCents: 1_00 });
  for (let i = 0; i < 8; i++) await createAccount({ revenueCents: 10_000_00 + i });
  const insider = await createUser({ accountId: big.id, displayName: "Insider Ivy" });
  const outsider = await createUser({ accountId: small.id, displayName: "Outsider Otto" });
  const staff = await createUser({ role: "staff" });
  const open = await createTestSpace({ name: "Open" });
  const council = await createTestSpace({ visibility: "tier", minTier: "top1", name: "Council" });
  const privateSpace = await createTestSpace({ visibility: "private", name: "Private" });
  await addSpaceMember(privateSpace.admin, privateSpace.id, insider.handle);
  return { insider, outsider, staff, open, council, privateSpace };
}

describe("who sees what", () => {
  it("keeps tier-gated and private spaces, their threads, search hits, mentions and notifications from outsiders", async () => {
    const { insider, outsider, staff, open, council, privateSpace } = await community();
    const councilThread = await createTestThread(insider, council.id, {
      title: "Zanzibar residency plans",
      body: "Confidential zanzibar roadmap",
    });
    const privateThread = await createTestThread(insider, privateSpace.id, {
      title: "Quokka beta notes",
      body: "quokka feedback",
    });
    await createTestThread(insider, open.id, {
      title: "Open zanzibar chat",
      body: "Public zanzibar note",
    });

    const outsiderSpaces = (await listSpacesForViewer(outsider)).map((s) => s.name);
    expect(outsiderSpaces).toContain("Open");
    expect(outsiderSpaces).not.toContain("Council");
    expect(outsiderSpaces).not.toContain("Private");
    expect(await getSpaceForViewer(outsider, council.slug)).toBeNull();
    expect(await getThreadForViewer(outsider, councilThread.threadId)).toBeNull();
    expect(await getThreadForViewer(outsider, privateThread.threadId)).toBeNull();

    const outsiderSearch = await searchPosts(outsider, { q: "zanzibar", page: 1 });
    expect(outsiderSearch.results.map((r) => r.title)).toEqual(["Open zanzibar chat"]);
    expect(outsiderSearch.total).toBe(1);
    expect((await searchPosts(outsider, { q: "quokka", page: 1 })).total).toBe(0);
    expect((await searchPosts(insider, { q: "zanzibar", page: 1 })).total).toBe(2);
    expect((await searchPosts(staff, { q: "quokka", page: 1 })).total).toBe(1);

    const councilCandidates = (await searchMentionCandidates(council.id, "")).map((u) => u.id);
    expect(councilCandidates).toContain(insider.id);
    expect(councilCandidates).not.toContain(outsider.id);

    // A mention of the outsider inside the council notifies nobody and emails nothing.
    const mentioning = readPostContent(
      JSON.stringify({
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "mention", attrs: { id: outsider.id, label: outsider.handle } },
              { type: "text", text: " thoughts?" },
            ],
          },
        ],
      }),
      undefined,
    );
    if (!mentioning.ok) throw new Error(mentioning.message);
    const reply = await createReply(insider, councilThread.threadId, {
      content: mentioning.content,
      replyToPostId: null,
    });
    const sent = await notifyAboutNewPost({
      actor: insider,
      threadId: councilThread.threadId,
      postId: reply.postId,
      mentionIds: mentioning.content.mentionIds,
      isNewThread: false,
    });
    expect(sent.map((n) => n.userId)).not.toContain(outsider.id);
    expect(
      await db.select().from(notifications).where(eq(notifications.userId, outsider.id)),
    ).toHaveLength(0);

    const insiderProfileForOutsider = await getProfile(outsider, insider.handle);
    expect(insiderProfileForOutsider?.recentPosts.map((p) => p.threadTitle)).toEqual([
      "Open zanzibar chat",
    ]);
    expect(insiderProfileForOutsider?.person.tier).toBeNull();
    expect((await getProfile(staff, insider.handle))?.person.tier).toBe("top1");

    // Staff see the account and tier behind a post; members see neither.
    const { listPostsPage } = await import("./post.server");
    const [asStaff] = await listPostsPage(staff, councilThread.threadId, 1);
    expect(asStaff.authorAccount).toMatchObject({ tier: "top1" });
    const [asInsider] = await listPostsPage(insider, councilThread.threadId, 1);
    expect(asInsider.authorAccount).toBeNull();
  });

  it("drops notifications from view when the reader loses access to the space", async () => {
    const { insider, privateSpace } = await community();
    const other = await createUser();
    await addSpaceMember(privateSpace.admin, privateSpace.id, other.handle);
    const thread = await createTestThread(other, privateSpace.id);
    const mention = readPostContent(
      JSON.stringify({
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [{ type: "mention", attrs: { id: insider.id, label: insider.handle } }],
          },
        ],
      }),
      undefined,
    );
    if (!mention.ok) throw new Error(mention.message);
    const reply = await createReply(other, thread.threadId, {
      content: mention.content,
      replyToPostId: null,
    });
    await notifyAboutNewPost({
      actor: other,
      threadId: thread.threadId,
      postId: reply.postId,
      mentionIds: mention.content.mentionIds,
      isNewThread: false,
    });
    expect((await listNotificationGroups(insider, 1)).total).toBe(1);

    const { removeSpaceMember } = await import("./space.server");
    await removeSpaceMember(privateSpace.admin, privateSpace.id, insider.id);
    expect((await listNotificationGroups(insider, 1)).total).toBe(0);
  });
});

describe("search order", () => {
  it("ranks by match by default and by date when asked", async () => {
    const author = await createUser();
    const space = await createTestSpace();
    await createTestThread(author, space.id, {
      title: "Kumquat kumquat kumquat pricing",
      body: "kumquat kumquat",
    });
    await createTestThread(author, space.id, { title: "Later note", body: "one kumquat" });
    const byMatch = await searchPosts(author, { q: "kumquat", page: 1 });
    expect(byMatch.results[0].title).toBe("Kumquat kumquat kumquat pricing");
    const byDate = await searchPosts(author, { q: "kumquat", sort: "newest", page: 1 });
    expect(byDate.results[0].title).toBe("Later note");
  });
});
