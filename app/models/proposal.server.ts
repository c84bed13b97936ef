import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  posts,
  proposalCoauthors,
  proposalComments,
  proposalEndorsements,
  proposalRevisions,
  proposals,
  proposalStageChanges,
  threads,
  users,
  PROPOSAL_SECTIONS,
  type ProposalSection,
  type ProposalSections,
} from "#db/schema";
import { type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import {
  documentAsPost,
  documentMentions,
  mergeDocuments,
  renderSectionsHtml,
  type DocumentState,
  type MergePart,
} from "./proposal-document.server";
import { threadIdVisibleTo } from "./space-access.server";
import { Refusal } from "./refusal.server";
import {
  requireProposalWords,
  requireProposalAction,
  partOf,
  readProposalState,
} from "./proposal-rules.server";

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
