import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  posts,
  proposalCoauthors,
  proposalComments,
  proposalEditors,
  proposalEndorsements,
  proposalRevisions,
  proposals,
  proposalStageChanges,
  spaces,
  threads,
  threadWatches,
  users,
  PROPOSAL_SECTIONS,
  type ProposalSection,
  type ProposalSections,
  type ProposalStage,
} from "#db/schema";
import { decideProposalAction, type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { publishAccessChange } from "~/live.server";
import { proposalStageLabels } from "~/utils/labels";
import { recordAuditEvent } from "./audit.server";
import { refreshDemandForThreads } from "./backlog-demand.server";
import { readPostContent } from "./post-content.server";
import { writeReply } from "./post.server";
import {
  documentAsPost,
  documentMentions,
  mergeDocuments,
  renderSectionsHtml,
  type DocumentState,
  type MergePart,
} from "./proposal-document.server";
import { spaceVisibleToUsersRow, threadIdVisibleTo } from "./space-access.server";
import { Refusal } from "./refusal.server";
import { emitWebhookEvent } from "./webhook-event.server";
import {
  requireProposalWords,
  requireProposalAction,
  partOf,
  readProposalState,
} from "./proposal-rules.server";

/** A proposal has at most this many co-authors (the author included). */
export const MAX_COAUTHORS = 12;

/** Called by createThread for a new proposal: its document as revision 1, its author as co-author. */
export async function startProposal(
  tx: Transaction,
  viewer: Viewer,
  threadId: string,
  input: { title: string; sections: ProposalSections; sourceIdeaId: string | null },
) {
  await tx.insert(proposals).values({
    threadId,
    sections: input.sections,
    sectionsHtml: renderSectionsHtml(input.sections),
    sourceIdeaId: input.sourceIdeaId,
  });
  await tx.insert(proposalRevisions).values({
    threadId,
    revision: 1,
    authorId: viewer.id,
    title: input.title,
    sections: input.sections,
    changed: PROPOSAL_SECTIONS.filter((key) => input.sections[key]),
  });
  await tx.insert(proposalCoauthors).values({
    threadId,
    userId: viewer.id,
    status: "accepted",
    invitedById: viewer.id,
    respondedAt: new Date(),
  });
}

type SaveResult =
  | { status: "saved"; revision: number; newMentionIds: string[]; postId: string }
  | { status: "unchanged"; revision: number }
  | {
      status: "conflict";
      revision: number;
      conflicts: MergePart[];
      /** What the others saved since the base, part by part, for the side-by-side view. */
      theirs: DocumentState & { html: Partial<Record<ProposalSection, string>> };
      /** The document to continue from: merged where possible, the saver's text where not. */
      merged: DocumentState;
      savedBy: string[];
    };

/**
 * Saves a co-author's document, based on the revision they started from. If others saved in
 * between, parts only one side changed merge by themselves; a part both changed differently is
 * a conflict: nothing is saved and both versions go back to the editor to be resolved. Nothing
 * anyone saved is ever overwritten unseen.
 */
export async function saveProposal(
  viewer: Viewer,
  threadId: string,
  input: { baseRevision: number; title: string; sections: ProposalSections },
): Promise<SaveResult> {
  await requireProposalWords(
    viewer,
    {
      action: "edit",
      content: documentAsPost(input.sections),
      title: input.title,
      place: { threadId },
      noun: "proposal",
      held: "refuse",
    },
    "",
  );
  const result = await db.transaction(async (tx) => {
    const current = await readProposalState(tx, viewer, threadId, true);
    requireProposalAction(viewer, current, "edit");
    if (input.baseRevision > current.revision || input.baseRevision < 1) {
      throw new Refusal("That revision doesn't exist. Reload the editor.", 409);
    }
    const theirs: DocumentState = { title: current.title, sections: current.sections };
    let base = theirs;
    if (input.baseRevision < current.revision) {
      const [row] = await tx
        .select({ title: proposalRevisions.title, sections: proposalRevisions.sections })
        .from(proposalRevisions)
        .where(
          and(
            eq(proposalRevisions.threadId, threadId),
            eq(proposalRevisions.revision, input.baseRevision),
          ),
        );
      base = row;
    }
    const merge = mergeDocuments(base, theirs, { title: input.title, sections: input.sections });
    if (!merge.ok) {
      const savers = await tx
        .selectDistinct({ name: users.displayName })
        .from(proposalRevisions)
        .innerJoin(users, eq(users.id, proposalRevisions.authorId))
        .where(
          and(
            eq(proposalRevisions.threadId, threadId),
            gt(proposalRevisions.revision, input.baseRevision),
          ),
        );
      return {
        status: "conflict" as const,
        revision: current.revision,
        conflicts: merge.conflicts,
        theirs: { ...theirs, html: current.sectionsHtml },
        merged: merge.merged,
        savedBy: savers.map((saver) => saver.name),
      };
    }
    if (merge.changed.length === 0 && !merge.titleChanged) {
      return { status: "unchanged" as const, revision: current.revision };
    }
    const { merged, changed } = merge;
    const revision = current.revision + 1;
    const html = { ...current.sectionsHtml };
    const changedHtml = renderSectionsHtml(
      Object.fromEntries(changed.map((key) => [key, merged.sections[key]])),
    );
    for (const key of changed) {
      if (merged.sections[key]) html[key] = changedHtml[key];
      else delete html[key];
    }
    await tx
      .update(proposals)
      .set({ revision, sections: merged.sections, sectionsHtml: html, updatedAt: new Date() })
      .where(eq(proposals.threadId, threadId));
    await tx.insert(proposalRevisions).values({
      threadId,
      revision,
      authorId: viewer.id,
      title: merged.title,
      sections: merged.sections,
      changed,
    });
    await tx
      .update(threads)
      .set({ title: merged.title, lastActivityAt: new Date() })
      .where(eq(threads.id, threadId));
    const post = documentAsPost(merged.sections);
    const [opening] = await tx
      .update(posts)
      .set({
        body: post.body,
        bodyHtml: post.bodyHtml,
        bodyText: post.bodyText,
        searchTitle: merged.title,
        editedAt: new Date(),
      })
      .where(and(eq(posts.threadId, threadId), eq(posts.position, 1)))
      .returning({ id: posts.id });
    if (changed.length) {
      // A passage comment whose words left its section is outdated: marked, never dropped.
      const texts = Object.fromEntries(
        changed.map((key) => [key, merged.sections[key]?.text ?? ""]),
      );
      await tx
        .update(proposalComments)
        .set({ outdatedAt: new Date() })
        .where(
          and(
            eq(proposalComments.threadId, threadId),
            inArray(proposalComments.section, changed),
            isNull(proposalComments.outdatedAt),
            sql`${proposalComments.quote} is not null`,
            sql`strpos(${JSON.stringify(texts)}::jsonb ->> ${proposalComments.section}::text, ${proposalComments.quote}) = 0`,
          ),
        );
    }
    const [author] = await tx
      .select({ name: users.displayName })
      .from(users)
      .where(eq(users.id, viewer.id));
    await tx.execute(
      sql`select pg_notify('thread_events', ${JSON.stringify({ type: "revision", threadId, revision, authorId: viewer.id, authorName: author?.name ?? "A co-author" })})`,
    );
    const before = new Set(documentMentions(current.sections));
    return {
      status: "saved" as const,
      revision,
      postId: opening.id,
      newMentionIds: documentMentions(merged.sections).filter((id) => !before.has(id)),
    };
  });
  return result;
}

/** A proposal for its page: document, stage and its history, co-authors, the viewer's part. */
export async function getProposal(viewer: Viewer, threadId: string) {
  const sourceIdea = alias(threads, "source_idea");
  const [row] = await db
    .select({
      stage: proposals.stage,
      revision: proposals.revision,
      sections: proposals.sections,
      sectionsHtml: proposals.sectionsHtml,
      updatedAt: proposals.updatedAt,
      endorsementCount: proposals.endorsementCount,
      locked: sql<boolean>`${threads.lockedAt} is not null`,
      part: partOf(viewer.id),
      myEndorsement: sql<
        string | null
      >`(select ${proposalEndorsements.reason} from ${proposalEndorsements} where ${and(eq(proposalEndorsements.threadId, proposals.threadId), eq(proposalEndorsements.userId, viewer.id))})`,
      sourceIdea: { id: sourceIdea.id, title: sourceIdea.title },
    })
    .from(proposals)
    .innerJoin(threads, eq(threads.id, proposals.threadId))
    // The idea it started from is named only to readers who may see that idea.
    .leftJoin(
      sourceIdea,
      and(
        eq(sourceIdea.id, proposals.sourceIdeaId),
        threadIdVisibleTo(viewer, proposals.sourceIdeaId),
      ),
    )
    .where(eq(proposals.threadId, threadId));
  if (!row) return null;
  const [coauthors, stageChanges] = await Promise.all([
    db
      .select({
        id: users.id,
        displayName: users.displayName,
        handle: users.handle,
        role: users.role,
        status: proposalCoauthors.status,
        isAuthor: sql<boolean>`${threads.authorId} = ${users.id}`,
      })
      .from(proposalCoauthors)
      .innerJoin(users, eq(users.id, proposalCoauthors.userId))
      .innerJoin(threads, eq(threads.id, proposalCoauthors.threadId))
      .where(
        and(
          eq(proposalCoauthors.threadId, threadId),
          inArray(proposalCoauthors.status, ["accepted", "invited"]),
        ),
      )
      .orderBy(sql`${threads.authorId} = ${users.id} desc`, asc(proposalCoauthors.invitedAt)),
    db
      .select({
        id: proposalStageChanges.id,
        fromStage: proposalStageChanges.fromStage,
        toStage: proposalStageChanges.toStage,
        rationale: proposalStageChanges.rationale,
        createdAt: proposalStageChanges.createdAt,
        actorName: users.displayName,
      })
      .from(proposalStageChanges)
      .leftJoin(users, eq(users.id, proposalStageChanges.actorId))
      .where(eq(proposalStageChanges.threadId, threadId))
      .orderBy(desc(proposalStageChanges.createdAt))
      .limit(20),
  ]);
  const { sourceIdea: idea, ...proposal } = row;
  return {
    ...proposal,
    sourceIdea: idea?.id ? idea : null,
    coauthors: coauthors.filter((person) => person.status === "accepted"),
    invited: coauthors.filter((person) => person.status === "invited"),
    stageChanges,
  };
}

/** The editor's starting point: the current document, at its revision. */
export async function getProposalForEditing(viewer: Viewer, threadId: string) {
  const state = await readProposalState(db, viewer, threadId);
  requireProposalAction(viewer, state, "edit");
  return state;
}

/** Invites a member who can see the proposal's space, or a staff member, to co-author it. */
export async function inviteCoauthor(viewer: Viewer, threadId: string, handle: string) {
  return db.transaction(async (tx) => {
    const state = await readProposalState(tx, viewer, threadId, true);
    requireProposalAction(viewer, state, "invite");
    const [person] = await tx
      .select({
        id: users.id,
        displayName: users.displayName,
        canSee: sql<boolean>`${spaceVisibleToUsersRow()}`,
        status: proposalCoauthors.status,
      })
      .from(users)
      .innerJoin(threads, eq(threads.id, threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(
        proposalCoauthors,
        and(eq(proposalCoauthors.threadId, threadId), eq(proposalCoauthors.userId, users.id)),
      )
      .where(and(sql`lower(${users.handle}) = lower(${handle})`, eq(users.status, "active")));
    if (!person || !person.canSee) {
      throw new Refusal(`No member called @${handle} can see this space.`, 400, "handle");
    }
    if (person.status === "accepted") {
      throw new Refusal(`${person.displayName} already co-authors this.`, 409, "handle");
    }
    if (person.status === "invited") {
      throw new Refusal(`${person.displayName} is already invited.`, 409, "handle");
    }
    const count = await tx.$count(
      proposalCoauthors,
      and(
        eq(proposalCoauthors.threadId, threadId),
        inArray(proposalCoauthors.status, ["accepted", "invited"]),
      ),
    );
    if (count >= MAX_COAUTHORS) {
      throw new Refusal(`A proposal has at most ${MAX_COAUTHORS} co-authors.`, 409, "handle");
    }
    await tx
      .insert(proposalCoauthors)
      .values({ threadId, userId: person.id, status: "invited", invitedById: viewer.id })
      .onConflictDoUpdate({
        target: [proposalCoauthors.threadId, proposalCoauthors.userId],
        set: {
          status: "invited",
          invitedById: viewer.id,
          invitedAt: new Date(),
          respondedAt: null,
        },
      });
    return person;
  });
}

/** The invited person accepts (and watches the proposal) or declines. */
export async function answerInvitation(viewer: Viewer, threadId: string, accept: boolean) {
  await db.transaction(async (tx) => {
    const state = await readProposalState(tx, viewer, threadId, true);
    requireProposalAction(viewer, state, "respond-invite");
    await tx
      .update(proposalCoauthors)
      .set({ status: accept ? "accepted" : "declined", respondedAt: new Date() })
      .where(
        and(eq(proposalCoauthors.threadId, threadId), eq(proposalCoauthors.userId, viewer.id)),
      );
    if (accept) {
      await tx.insert(threadWatches).values({ userId: viewer.id, threadId }).onConflictDoNothing();
      await refreshDemandForThreads(tx, [threadId]);
    } else {
      // Declining a draft's invitation ends reading it.
      await publishAccessChange({ userIds: [viewer.id] }, tx);
    }
  });
}

/**
 * The author removes a co-author or withdraws an invitation; a co-author may also step down.
 * Removal takes effect at once: the next save they try is refused.
 */
export async function removeCoauthor(viewer: Viewer, threadId: string, userId: string) {
  await db.transaction(async (tx) => {
    const state = await readProposalState(tx, viewer, threadId, true);
    if (userId === state.authorId) {
      throw new Refusal("The proposal's author can't be removed.", 409);
    }
    if (userId !== viewer.id && state.part !== "author") {
      throw new Refusal("Only the proposal's author removes co-authors.", 403);
    }
    await tx
      .delete(proposalCoauthors)
      .where(and(eq(proposalCoauthors.threadId, threadId), eq(proposalCoauthors.userId, userId)));
    await tx
      .delete(proposalEditors)
      .where(and(eq(proposalEditors.threadId, threadId), eq(proposalEditors.userId, userId)));
    await refreshDemandForThreads(tx, [threadId]);
    // Their open pages stop hearing its revisions and editors (and a draft, at all) now.
    await publishAccessChange({ userIds: [userId] }, tx);
  });
}

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
