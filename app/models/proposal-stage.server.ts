// A proposal's stage: who moves it and why, the rationale posted as a reply, and who hears of it.
import { eq, sql } from "drizzle-orm";
import {
  proposalCoauthors,
  proposalEndorsements,
  proposals,
  proposalStageChanges,
  type ProposalStage,
} from "#db/schema";
import { decideProposalAction, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { publishAccessChange } from "~/live.server";
import { proposalStageLabels } from "~/utils/labels";
import { recordAuditEvent } from "./audit.server";
import { readPostContent } from "./post-content.server";
import { writeReply } from "./post.server";
import { documentMentions } from "./proposal-document.server";
import {
  readProposalState,
  requireProposalAction,
  requireProposalWords,
} from "./proposal-rules.server";
import { Refusal } from "./refusal.server";
import { emitWebhookEvent } from "./webhook-event.server";

/**
 * Moves a proposal to another stage, with the rationale shown on it. Co-authors only open their
 * draft; staff make every other move. The rationale is also posted as the mover's reply (in the
 * same transaction), so it meets the posting check first; the caller tells people of the reply.
 */
export async function setProposalStage(
  viewer: Viewer,
  threadId: string,
  input: { to: ProposalStage; rationale: string },
) {
  const rationale = input.rationale.trim();
  const announce = rationale
    ? readPostContent(undefined, `${proposalStageLabels[input.to]}: ${rationale}`)
    : null;
  if (announce && !announce.ok) throw new Refusal(announce.message, 400, "rationale");
  if (announce) {
    await requireProposalWords(
      viewer,
      {
        action: "reply",
        content: announce.content,
        mentions: { threadId },
        place: { threadId },
        noun: "rationale",
        duplicates: true,
        held: "refuse",
      },
      "rationale",
    );
  }
  return db.transaction(async (tx) => {
    const state = await readProposalState(tx, viewer, threadId, true);
    if (state.stage === input.to) {
      throw new Refusal("The proposal is already at that stage.", 409);
    }
    // Co-authors (staff among them) open their own draft with no rationale; every other move
    // is staff's, and says why.
    const coauthorOpens =
      state.stage === "draft" &&
      input.to === "open" &&
      decideProposalAction(viewer, state, "open").ok;
    if (!coauthorOpens) {
      requireProposalAction(viewer, state, "set-stage");
      if (!input.rationale.trim()) {
        throw new Refusal("Say why: the rationale is shown on the proposal.", 400, "rationale");
      }
    }
    await tx
      .update(proposals)
      .set({ stage: input.to, stageChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(proposals.threadId, threadId));
    // Back to draft, it is its co-authors' and staff's again: other readers' live pages close.
    if (input.to === "draft") await publishAccessChange({ threadIds: [threadId] }, tx);
    await tx.insert(proposalStageChanges).values({
      threadId,
      fromStage: state.stage,
      toStage: input.to,
      actorId: viewer.id,
      rationale: input.rationale.trim(),
    });
    await emitWebhookEvent("proposal.stage_changed", threadId, { previousStage: state.stage }, tx);
    // Staff's decisions go in the log; co-authors opening their own draft is their writing.
    if (!coauthorOpens) {
      await recordAuditEvent(
        {
          actorId: viewer.id,
          action: "proposal.stage_changed",
          targetType: "thread",
          targetId: threadId,
          details: { from: state.stage, to: input.to, reason: input.rationale.trim() },
        },
        tx,
      );
    }
    const reply = announce
      ? await writeReply(tx, viewer, threadId, {
          content: announce.content,
          replyToPostId: null,
          holdReason: null,
        })
      : null;
    return {
      from: state.stage,
      to: input.to,
      opened: state.stage === "draft",
      mentionIds: documentMentions(state.sections),
      announcement:
        reply && announce
          ? { postId: reply.postId, mentionIds: announce.content.mentionIds }
          : null,
    };
  });
}

/** Who hears of a stage change by name: accepted co-authors and endorsers. */
export async function listProposalAudience(threadId: string) {
  const rows = await db.execute<{ user_id: string }>(sql`
    select ${proposalCoauthors.userId} as user_id from ${proposalCoauthors}
      where ${proposalCoauthors.threadId} = ${threadId} and ${proposalCoauthors.status} = 'accepted'
    union
    select ${proposalEndorsements.userId} from ${proposalEndorsements}
      where ${proposalEndorsements.threadId} = ${threadId}
  `);
  return rows.map((row) => row.user_id);
}
