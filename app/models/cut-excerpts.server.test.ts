import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema";
import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  recordTestNotice,
} from "#db/testing/factories";
import { db } from "~/db.server";
import { cutText, isStorableText } from "~/utils/storable-text";
import { postNoticeMessage } from "./moderation-notice.server";
import { readPostContent } from "./post-content.server";
import { getPostForViewer } from "./post.server";
import { editPost } from "./post-edit.server";

// Excerpts stored in JSON (audit details, notification details) are cut to a length. Cutting
// an emoji in two leaves half a surrogate pair, which PostgreSQL refuses in JSON: whoever
// places an emoji at the cut makes the write fail. Every cut goes through cutText.

/** `count` letters, then emoji: a cut at `count + 1` units would split the first emoji. */
const emojiAt = (count: number) => `${"a".repeat(count)}${"😀".repeat(10)}`;

describe("excerpts cut at a length", () => {
  it("never end on half an emoji", () => {
    expect(cutText(emojiAt(4), 5)).toBe("aaaa");
    expect(cutText(emojiAt(4), 6)).toBe("aaaa😀");
    expect(cutText("short", 100)).toBe("short");
    for (let max = 1; max < 30; max++) expect(isStorableText(cutText(emojiAt(3), max))).toBe(true);
  });

  it("let a moderator edit a post whose text has an emoji at the audit excerpt's cut", async () => {
    const space = await createTestSpace();
    const author = await createUser();
    const { threadId } = await createTestThread(author, space.id);
    const { postId } = await createTestReply(author, threadId, emojiAt(1_999));
    const moderator = await createUser({ role: "moderator" });
    const post = await getPostForViewer(moderator, postId);
    const read = readPostContent(undefined, emojiAt(1_999).replace("a", "b"));
    if (!read.ok) throw new Error(read.message);
    await editPost(moderator, post!, { content: read.content, reason: "Tidy" });
    const [event] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "post.edited_by_moderator"), eq(auditEvents.targetId, postId)),
      );
    const details = event.details as { before: string; after: string };
    expect(details.before).toBe("a".repeat(1_999));
    expect(isStorableText(details.after)).toBe(true);
  });

  it("let a member appeal with an emoji at the logged excerpt's cut", async () => {
    const member = await createUser();
    const moderator = await createUser({ role: "moderator" });
    const notice = await recordTestNotice({
      userId: member.id,
      actorId: moderator.id,
      action: "silenced",
      reason: "Heated",
      subject: "your account",
    });
    await postNoticeMessage(member, notice.id, { body: emojiAt(499) });
    const [event] = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "notice.appealed"), eq(auditEvents.targetId, notice.id)));
    expect((event.details as { message: string }).message).toBe("a".repeat(499));
  });
});
