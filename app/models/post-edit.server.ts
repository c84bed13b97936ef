// Editing a post: each save is a new revision, checked like a new post, and a moderator's edit of
// someone else's words carries a reason that is audited and told to the author.
import { desc, eq, sql } from "drizzle-orm";
import { postRevisions, posts, threads } from "#db/schema";
import { editNeedsReason, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { cutText } from "~/utils/storable-text";
import { recordAuditEvent } from "./audit.server";
import { holdContent } from "./content-moderation.server";
import { acceptCorrection } from "./learning.server";
import { recordNotice, sendNotice } from "./moderation-notice.server";
import type { PostContent } from "./post-content.server";
import {
  authorRoleOfPost,
  postState,
  refusePost,
  requirePostAction,
  type VisiblePost,
} from "./post.server";
import { requirePostingAllowed } from "./posting-check.server";
import { Refusal } from "./refusal.server";
import { diffRevisionTexts } from "./revision-diff.server";

/**
 * Saves a new version of a post (and the thread's title, for an opening post) as a revision.
 * A moderator editing someone else's post gives a reason, kept with the revision and audited,
 * and may redact: the earlier versions (a phone number, an address) are then shown to moderators
 * and above only (see `listRevisionsPage` in post-history.server.ts).
 */
export async function editPost(
  viewer: Viewer,
  post: VisiblePost,
  input: {
    title?: string;
    content: PostContent;
    reason?: string;
    /** Keep the earlier versions from everyone below moderators: a moderator's edit only. */
    redact?: boolean;
    acceptsCorrection?: string;
  },
) {
  requirePostAction(viewer, postState(post), "edit");
  const reason = editNeedsReason(viewer, postState(post)) ? input.reason?.trim() : undefined;
  if (editNeedsReason(viewer, postState(post)) && !reason)
    throw new Refusal("Say why you are editing someone else's post.", 400);
  if (input.redact && !reason)
    throw new Refusal(
      "Only a moderator's edit of someone else's post redacts its earlier versions.",
      400,
    );
  const redacts = Boolean(input.redact);
  const title = post.position === 1 ? input.title : undefined;
  // A watched word in the new text sends the post back to the moderators.
  const holdReason = await requirePostingAllowed(
    viewer,
    {
      action: "edit",
      content: input.content,
      mentions: { threadId: post.thread.id },
      place: { threadId: post.thread.id },
      title,
      held: "hold",
    },
    refusePost,
  );
  const notice = await db.transaction(async (tx) => {
    // The row lock makes simultaneous edits (author and moderator, a double submit) take turns,
    // and an edit that lost a race with a delete does not bring the text back.
    const [current] = await tx
      .select({
        deleted: sql<boolean>`${posts.deletedAt} is not null`,
        threadLocked: sql<boolean>`${threads.lockedAt} is not null`,
        // A role changed since the page was read counts as it is now.
        authorRole: authorRoleOfPost,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .where(eq(posts.id, post.id))
      .for("update", { of: posts });
    if (!current) throw new Refusal("That post was deleted.", 409);
    // Deleted, or locked, while the author was typing.
    requirePostAction(viewer, { ...postState(post), ...current }, "edit");
    const [previous] = await tx
      .select({ revision: postRevisions.revision, bodyText: postRevisions.bodyText })
      .from(postRevisions)
      .where(eq(postRevisions.postId, post.id))
      .orderBy(desc(postRevisions.revision))
      .limit(1);
    const revision = (previous?.revision ?? 0) + 1;
    await tx.insert(postRevisions).values({
      postId: post.id,
      revision,
      title: title ?? null,
      body: input.content.body,
      bodyText: input.content.bodyText,
      // Diffed once here, so the history page only reads, however long or often edited.
      changes: previous ? diffRevisionTexts(previous.bodyText, input.content.bodyText) : null,
      editorId: viewer.id,
      reason: reason ?? null,
      redacts,
    });
    if (reason)
      await recordAuditEvent(
        {
          actorId: viewer.id,
          action: "post.edited_by_moderator",
          targetType: "post",
          targetId: post.id,
          details: {
            reason,
            authorId: post.authorId,
            revision: (previous?.revision ?? 0) + 1,
            ...(redacts ? { redacted: true } : {}),
            // What it said and says, for the log; the full versions are in the post's history.
            before: previous ? cutText(previous.bodyText, AUDIT_TEXT_LIMIT) : undefined,
            after: cutText(input.content.bodyText, AUDIT_TEXT_LIMIT),
          },
        },
        tx,
      );
    await tx
      .update(posts)
      .set({
        body: input.content.body,
        bodyHtml: input.content.bodyHtml,
        bodyText: input.content.bodyText,
        editedAt: new Date(),
        ...(title ? { searchTitle: title } : {}),
      })
      .where(eq(posts.id, post.id));
    if (title) await tx.update(threads).set({ title }).where(eq(threads.id, post.thread.id));
    if (input.acceptsCorrection && post.position === 1 && post.thread.kind === "learning") {
      await acceptCorrection(tx, viewer, {
        learningId: post.thread.id,
        correctionPostId: input.acceptsCorrection,
        revision,
      });
    }
    if (holdReason && !post.moderation) {
      await holdContent(
        tx,
        {
          postId: post.id,
          position: post.position,
          threadId: post.thread.id,
          authorId: post.authorId,
        },
        holdReason,
      );
    }
    if (!reason || !post.authorId) return null;
    return recordNotice(tx, {
      userId: post.authorId,
      actorId: viewer.id,
      action: "edited",
      reason,
      subject:
        post.position === 1
          ? `your thread “${title ?? post.thread.title}”`
          : `your reply in “${post.thread.title}”`,
      postId: post.id,
      threadId: post.thread.id,
    });
  });
  if (notice) await sendNotice(notice);
}

/** The log keeps this much of a moderated text before and after; the history keeps it whole. */
const AUDIT_TEXT_LIMIT = 2_000;
