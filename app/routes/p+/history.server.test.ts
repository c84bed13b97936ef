import { describe, expect, it } from "vitest";
import type { UserRole } from "#db/schema";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { outcome, routeContext, signedIn, statusOf } from "#db/testing/requests";
import { listAuditLog } from "~/models/audit.server";
import { readPostContent } from "~/models/post-content.server";
import { getPostForViewer } from "~/models/post.server";
import { editPost } from "~/models/post-edit.server";
import { action as editAction } from "./$postId.edit";
import { loader as historyLoader } from "./$postId.history";

const PHONE = "555-0134";

function content(text: string) {
  const result = readPostContent(undefined, text);
  if (!result.ok) throw new Error(result.message);
  return result.content;
}

/**
 * A member's reply with a phone number in it, edited once by its author (the number still
 * there); then a moderator edits the number out through the edit page, redacting or not.
 */
async function replyEditedByModerator(fields: { redact?: "on" }) {
  const author = await createUser();
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id, { title: "Meet-up" });
  const { postId } = await createTestReply(author, threadId, `Call me on ${PHONE} tomorrow`);
  await editPost(author, (await getPostForViewer(author, postId))!, {
    content: content(`Call me on ${PHONE} tomorrow, or at the office`),
  });
  const moderator = await createUser({ role: "moderator" });
  const { post } = await signedIn(moderator);
  const edited = await outcome(() =>
    editAction({
      request: post(`/p/${postId}/edit`, {
        body: "Call me tomorrow, or at the office",
        reason: "Removed a personal phone number",
        ...fields,
      }),
      params: { postId },
      context: routeContext,
    }),
  );
  expect(edited.status).toBe(302);
  // The author writes again afterwards: that version and its diff are nobody's secret.
  await editPost(author, (await getPostForViewer(author, postId))!, {
    content: content("Call me tomorrow, or at the office after ten"),
  });
  return { author, postId, moderator };
}

/** The history page's data (what its data request sends), as the page receives it. */
async function historyAs(who: UserRole | { id: string }, postId: string) {
  const { get } = await signedIn(who);
  const answer = await outcome(() =>
    historyLoader({
      request: get(`/p/${postId}/history`),
      params: { postId },
      context: routeContext,
    }),
  );
  expect(answer.status).toBe(200);
  return answer.body as Awaited<ReturnType<typeof historyLoader>>;
}

const shown = (data: Awaited<ReturnType<typeof historyLoader>>) =>
  data.versions.map((version) => ({
    revision: version.revision,
    redacted: version.redacted,
    text: version.changes.map((part) => `${part.change}:${part.text}`).join("|"),
  }));

describe("a moderator's redacting edit", () => {
  it("keeps the earlier versions from members and the author, in the page's data", async () => {
    const { author, postId } = await replyEditedByModerator({ redact: "on" });
    for (const reader of ["member", author] as const) {
      const data = await historyAs(reader, postId);
      expect(JSON.stringify(data)).not.toContain(PHONE);
      expect(data.total).toBe(4);
      expect(shown(data)).toEqual([
        {
          revision: 4,
          redacted: false,
          text: "same:Call me tomorrow, or at the office |added:after ten",
        },
        // What the redacting edit kept and added, never what it took out.
        { revision: 3, redacted: false, text: "same:Call me |same:tomorrow, or at the office" },
        { revision: 2, redacted: true, text: "" },
        { revision: 1, redacted: true, text: "" },
      ]);
      expect(data.versions[1]).toMatchObject({
        redacts: true,
        reason: "Removed a personal phone number",
      });
    }
  });

  it("still shows every version to moderators, staff and admins", async () => {
    const { postId } = await replyEditedByModerator({ redact: "on" });
    for (const role of ["moderator", "staff", "admin"] as const) {
      const data = await historyAs(role, postId);
      expect(data.versions.map((version) => version.redacted)).toEqual([
        false,
        false,
        false,
        false,
      ]);
      expect(data.versions[1].changes).toContainEqual({ text: `on ${PHONE} `, change: "removed" });
      expect(data.versions[3].changes).toEqual([
        { text: `Call me on ${PHONE} tomorrow`, change: "same" },
      ]);
    }
  });

  it("is the moderator's choice: an edit that doesn't redact leaves the history open", async () => {
    const { postId } = await replyEditedByModerator({});
    const data = await historyAs("member", postId);
    expect(data.versions.every((version) => !version.redacted && !version.redacts)).toBe(true);
    expect(JSON.stringify(data)).toContain(PHONE);
  });

  it("is recorded in the log, where moderators read what was removed", async () => {
    const { postId, moderator } = await replyEditedByModerator({ redact: "on" });
    const { entries } = await listAuditLog(moderator, {
      targetType: "post",
      targetId: postId,
      page: 1,
    });
    expect(entries[0]).toMatchObject({
      action: "post.edited_by_moderator",
      details: { redacted: true, before: `Call me on ${PHONE} tomorrow, or at the office` },
    });
  });

  it("is a moderator's act: an author can't redact their own history", async () => {
    const author = await createUser();
    const space = await createTestSpace();
    const { postId } = await createTestThread(author, space.id);
    await expect(
      editPost(author, (await getPostForViewer(author, postId))!, {
        content: content("Changed"),
        redact: true,
      }),
    ).rejects.toMatchObject({ status: 400 });
    // The author's form has no such field: a hand-made one is ignored, not obeyed.
    const { post } = await signedIn(author);
    expect(
      await statusOf(() =>
        editAction({
          request: post(`/p/${postId}/edit`, {
            title: "A thread",
            body: "Changed again",
            redact: "on",
          }),
          params: { postId },
          context: routeContext,
        }),
      ),
    ).toBe(302);
    const data = await historyAs("member", postId);
    expect(data.versions.some((version) => version.redacted || version.redacts)).toBe(false);
  });
});
