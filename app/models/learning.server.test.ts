import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { db } from "~/db.server";
import { notifyAboutNewPost } from "./notification.server";
import { listNotificationGroups } from "./notification-inbox.server";
import {
  acceptCorrection,
  getLearning,
  listAcceptedCorrections,
  listCitedAuthorIds,
  parseSourceReferences,
  recordCorrection,
  resolveLearningSources,
  setConfirmation,
} from "./learning.server";
import { readPostContent } from "./post-content.server";
import { createReply, getPostForViewer } from "./post.server";
import { editPost } from "./post-edit.server";
import { searchPosts } from "./search.server";
import { createThread } from "./thread.server";

const content = (text: string) => {
  const result = readPostContent(undefined, text);
  if (!result.ok) throw new Error(result.message);
  return result.content;
};

describe("learning sources", () => {
  it("read thread and post addresses, one per line, and refuse anything else", () => {
    const t = "0b6f5f0e-6a4a-4c1e-9a43-1c2d3e4f5a6b";
    const p = "1c7a6a1f-7b5b-4d2f-8b54-2d3e4f5a6b7c";
    expect(
      parseSourceReferences(
        `https://x.test/t/${t}\n\n  /p/${p}  \nhttps://x.test/t/${t}?page=2#post-${p}\nnot an address`,
      ),
    ).toEqual({
      references: [
        { line: `https://x.test/t/${t}`, kind: "thread", id: t },
        { line: `/p/${p}`, kind: "post", id: p },
        { line: `https://x.test/t/${t}?page=2#post-${p}`, kind: "post", id: p },
      ],
      invalid: ["not an address"],
    });
    // Long hostile input stays linear: a megabyte of near-misses parses at once.
    const started = performance.now();
    parseSourceReferences(`/t/${"0".repeat(1_000_000)}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("a learning", () => {
  it("cites what its publisher can see, tells the cited authors, and hides sources members can't see", async () => {
    const staff = await createUser({ role: "staff", displayName: "Staff Sam" });
    const open = await createTestSpace();
    const hidden = await createTestSpace({ visibility: "private" });
    const quoted = await createUser({ displayName: "Quoted Quinn" });
    const source = await createTestThread(quoted, open.id, { title: "How we run QBRs" });
    const secret = await createTestThread(staff, hidden.id, { title: "Private notes" });
    const reader = await createUser();

    const { references } = parseSourceReferences(
      `/p/${source.postId}\n/t/${secret.threadId}\n/t/${source.threadId}`,
    );
    // A member can't cite what they can't see: the private thread is unknown to them.
    expect((await resolveLearningSources(reader, references)).unknown).toEqual([
      `/t/${secret.threadId}`,
    ]);
    const { sources, unknown } = await resolveLearningSources(staff, references);
    expect(unknown).toEqual([]);
    expect(sources).toHaveLength(3);

    const learning = await createThread(staff, open.id, {
      kind: "learning",
      title: "Customers want QBR packs ready a week early",
      content: content("We heard that QBR packs arrive too late to prepare."),
      sources,
    });
    expect(await listCitedAuthorIds(learning.threadId)).toEqual(
      expect.arrayContaining([quoted.id, staff.id]),
    );
    await notifyAboutNewPost({
      actor: staff,
      threadId: learning.threadId,
      postId: learning.postId,
      mentionIds: [],
      direct: { kind: "cited", ids: await listCitedAuthorIds(learning.threadId) },
      isNewThread: true,
    });
    const { groups: notifications } = await listNotificationGroups(quoted, 1);
    expect(notifications.map((n) => [n.kind, n.threadTitle])).toEqual([
      ["cited", "Customers want QBR packs ready a week early"],
    ]);

    const forReader = await getLearning(reader, learning.threadId);
    expect(forReader.sources.map((s) => s.title)).toEqual(["How we run QBRs", "How we run QBRs"]);
    expect(JSON.stringify(forReader)).not.toContain("Private notes");
    expect((await getLearning(staff, learning.threadId)).sources).toHaveLength(3);
    // Found by search, with its kind, and by the kind filter.
    const found = await searchPosts(reader, { q: "QBR packs", kind: "learning", page: 1 });
    expect(found.results.map((r) => [r.threadId, r.kind])).toEqual([
      [learning.threadId, "learning"],
    ]);
  });

  it("counts confirmations once, and takes in an accepted correction as a revision", async () => {
    const staff = await createUser({ role: "staff" });
    const colleague = await createUser({ role: "staff" });
    const space = await createTestSpace();
    const learning = await createThread(staff, space.id, {
      kind: "learning",
      title: "Admins export data monthly",
      content: content("Most admins export their data once a month."),
    });
    const members = [await createUser(), await createUser()];
    for (const member of members) {
      await setConfirmation(member, learning.threadId, true);
      await setConfirmation(member, learning.threadId, true);
    }
    await setConfirmation(members[1], learning.threadId, false);
    expect(await getLearning(members[0], learning.threadId)).toMatchObject({
      confirmations: 1,
      confirmedByMe: true,
    });

    const corrector = await createUser({ displayName: "Corrector Cleo" });
    const reply = await createReply(corrector, learning.threadId, {
      content: content("Not quite: it is weekly for finance teams."),
      replyToPostId: null,
    });
    await recordCorrection(learning.threadId, reply.postId);
    const opening = await getPostForViewer(colleague, learning.postId);
    // Another staff member revises the learning, taking the correction in.
    await editPost(colleague, opening!, {
      title: "Admins export data monthly, finance weekly",
      content: content("Most admins export monthly; finance teams export weekly."),
      acceptsCorrection: reply.postId,
    });
    const after = await getLearning(corrector, learning.threadId);
    expect(after.corrections).toMatchObject([
      { postId: reply.postId, acceptedRevision: 2, authorName: "Corrector Cleo" },
    ]);
    expect(await listAcceptedCorrections(learning.threadId)).toMatchObject([
      { revision: 2, postId: reply.postId },
    ]);
    // Accepting it again (a second tab) is refused, and that revision is not written.
    const again = await getPostForViewer(staff, learning.postId);
    await expect(
      editPost(staff, again!, {
        title: "Admins export data monthly, finance weekly",
        content: content("A third version."),
        acceptsCorrection: reply.postId,
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await getPostForViewer(staff, learning.postId))?.bodyText).toContain("finance teams");
  });

  it("takes a correction in only by staff, whoever calls the model", async () => {
    const staff = await createUser({ role: "staff" });
    const learning = await createThread(staff, (await createTestSpace()).id, {
      kind: "learning",
      title: "Teams share one login",
      content: content("Most teams share one login."),
    });
    const reply = await createReply(await createUser(), learning.threadId, {
      content: content("Ours each have their own."),
      replyToPostId: null,
    });
    await recordCorrection(learning.threadId, reply.postId);
    for (const role of ["member", "moderator"] as const) {
      const actor = await createUser({ role });
      const accept = { learningId: learning.threadId, correctionPostId: reply.postId, revision: 2 };
      await expect(
        db.transaction((tx) => acceptCorrection(tx, actor, accept)),
        role,
      ).rejects.toMatchObject({ status: 403 });
    }
    expect(await listAcceptedCorrections(learning.threadId)).toEqual([]);
  });
});
