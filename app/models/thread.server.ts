import { and, asc, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import {
  communitySettings,
  postRevisions,
  posts,
  spaces,
  threadReads,
  threads,
  threadWatches,
  users,
  type ProposalSections,
  type ThreadKind,
  type UserRole,
} from "#db/schema";
import { type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { holdContent } from "./content-moderation.server";
import { clearDraftIn } from "./draft.server";
import { startIdea } from "./idea.server";
import { startLearning, type LearningSource } from "./learning.server";
import { startProposal } from "./proposal.server";
import type { PostContent } from "./post-content.server";
import { refusePost } from "./post.server";
import { requirePostingAllowed } from "./posting-check.server";
import { threadVisibleTo } from "./space-access.server";
import {
  listedIdeaStatus,
  listedIdeaVotes,
  listedProposalStage,
  readerReplyCount,
} from "./thread-list-columns.server";

export const THREADS_PAGE_SIZE = 30;
export type ThreadSort = "latest" | "new" | "top";

/** A space's threads for one viewer: pinned first, then by the chosen order, with unread counts. */
export async function listThreadsInSpace(
  viewer: Viewer,
  spaceId: string,
  options: { sort: ThreadSort; kind?: ThreadKind; page: number },
) {
  const where = and(
    eq(threads.spaceId, spaceId),
    options.kind ? eq(threads.kind, options.kind) : undefined,
    threadVisibleTo(viewer),
  );
  const order: SQL[] =
    options.sort === "new"
      ? [desc(threads.createdAt)]
      : options.sort === "top"
        ? [desc(threads.replyCount), desc(threads.lastActivityAt)]
        : [desc(threads.lastActivityAt)];
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: threads.id,
        title: threads.title,
        kind: threads.kind,
        replyCount: readerReplyCount,
        lastPosition: threads.lastPosition,
        moderation: threads.moderation,
        ideaStatus: listedIdeaStatus,
        voteCount: listedIdeaVotes,
        proposalStage: listedProposalStage,
        pinned: isNotNull(threads.pinnedAt),
        locked: isNotNull(threads.lockedAt),
        createdAt: threads.createdAt,
        lastActivityAt: threads.lastActivityAt,
        authorName: users.displayName,
        authorHandle: users.handle,
        lastReadPosition: threadReads.lastReadPosition,
      })
      .from(threads)
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(users, eq(users.id, threads.authorId))
      .leftJoin(
        threadReads,
        and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, viewer.id)),
      )
      .where(where)
      .orderBy(sql`${threads.pinnedAt} is null`, ...order, asc(threads.id))
      .limit(THREADS_PAGE_SIZE)
      .offset((options.page - 1) * THREADS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(threads)
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(where),
  ]);
  return {
    threads: rows.map(({ lastReadPosition, ...thread }) => ({
      ...thread,
      unread:
        lastReadPosition === null ? null : Math.max(0, thread.lastPosition - lastReadPosition),
    })),
    total,
  };
}

/** The role of whoever started the thread, for the moderation matrix (null: a former member). */
export const authorRoleOfThread = sql<UserRole | null>`(select ${users.role} from ${users} where ${users.id} = ${threads.authorId})`;

/** A thread with its space, if the viewer may see the space; null otherwise. */
export async function getThreadForViewer(viewer: Viewer, threadId: string) {
  const [row] = await db
    .select({
      id: threads.id,
      title: threads.title,
      kind: threads.kind,
      replyCount: readerReplyCount,
      lastPosition: threads.lastPosition,
      locked: sql<boolean>`${threads.lockedAt} is not null`,
      pinned: sql<boolean>`${threads.pinnedAt} is not null`,
      createdAt: threads.createdAt,
      authorId: threads.authorId,
      authorRole: authorRoleOfThread,
      space: { id: spaces.id, slug: spaces.slug, name: spaces.name, visibility: spaces.visibility },
      isWelcomeThread: sql<boolean>`exists (select 1 from ${communitySettings} where ${eq(communitySettings.welcomeThreadId, threads.id)})`,
      watching: sql<boolean>`exists (select 1 from ${threadWatches} where ${and(eq(threadWatches.threadId, threads.id), eq(threadWatches.userId, viewer.id))})`,
      lastReadPosition: sql<
        number | null
      >`(select ${threadReads.lastReadPosition} from ${threadReads} where ${and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, viewer.id))})`,
    })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(and(eq(threads.id, threadId), threadVisibleTo(viewer)));
  return row ?? null;
}

export type NewThread = {
  kind: ThreadKind;
  title: string;
  content: PostContent;
  /** The form's one-time key, so a repeated submission makes one thread. */
  creationKey?: string;
  /** A learning's sources, already resolved to what the author may see. */
  sources?: LearningSource[];
  /** A proposal's document and the idea it started from. */
  proposal?: { sections: ProposalSections; sourceIdeaId: string | null };
  /** Test fixtures only, as for `createReply`: no route passes it (server-imports.test.ts). */
  bypassPostingCheck?: "fixture";
};

/**
 * Opens a thread with its first post, after the posting check on its title and words: a held
 * word keeps a thread (an idea, a learning) for the moderators; a proposal, written and revised
 * together, is refused instead (docs/decisions/0010). The author watches it and has read it.
 */
export async function createThread(viewer: Viewer, spaceId: string, input: NewThread) {
  // Sent again after the first one was made (a double click): the same thread, checked once.
  const made = input.creationKey ? await findThreadMadeWith(viewer, input.creationKey) : null;
  if (made) return { ...made, repeated: true, held: false };
  const proposal = input.kind === "proposal";
  const holdReason =
    input.bypassPostingCheck === "fixture"
      ? null
      : await requirePostingAllowed(
          viewer,
          {
            action: "thread",
            content: input.content,
            place: { spaceId },
            // A proposal is born a draft, read by fewer: its document keeps typed handles as text.
            mentions: proposal ? undefined : { spaceId },
            title: input.title,
            noun: proposal ? "proposal" : "post",
            duplicates: true,
            held: proposal ? "refuse" : "hold",
          },
          refusePost,
        );
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .insert(threads)
      .values({
        spaceId,
        authorId: viewer.id,
        kind: input.kind,
        title: input.title,
        creationKey: input.creationKey,
      })
      .onConflictDoNothing({ target: threads.creationKey })
      .returning({ id: threads.id });
    if (!thread) {
      // Sent twice at once: the first submission made it (and it is the same person's, or nothing).
      const made = await findThreadMadeWith(viewer, input.creationKey!, tx);
      if (!made) throw new Error("A thread creation key was reused by someone else");
      return { ...made, repeated: true, held: false };
    }
    const [post] = await tx
      .insert(posts)
      .values({
        threadId: thread.id,
        authorId: viewer.id,
        position: 1,
        body: input.content.body,
        bodyHtml: input.content.bodyHtml,
        bodyText: input.content.bodyText,
        searchTitle: input.title,
      })
      .returning({ id: posts.id });
    await tx.insert(postRevisions).values({
      postId: post.id,
      revision: 1,
      title: input.title,
      body: input.content.body,
      bodyText: input.content.bodyText,
      editorId: viewer.id,
    });
    await tx.insert(threadWatches).values({ userId: viewer.id, threadId: thread.id });
    await tx
      .insert(threadReads)
      .values({ userId: viewer.id, threadId: thread.id, lastReadPosition: 1 });
    // Posted from the new-thread form: the draft kept for it ends with the write.
    if (input.kind !== "proposal") {
      await clearDraftIn(tx, viewer.id, { kind: "thread", spaceId });
    }
    if (input.kind === "idea") await startIdea(tx, viewer, thread.id);
    if (input.kind === "learning") await startLearning(tx, thread.id, input.sources ?? []);
    if (input.kind === "proposal" && input.proposal) {
      await startProposal(tx, viewer, thread.id, { title: input.title, ...input.proposal });
    }
    if (holdReason) {
      await holdContent(
        tx,
        { postId: post.id, position: 1, threadId: thread.id, authorId: viewer.id },
        holdReason,
      );
    }
    return {
      threadId: thread.id,
      postId: post.id,
      repeated: false,
      held: Boolean(holdReason),
    };
  });
}

/** The thread (and its opening post) this person made with this form's one-time key, if any. */
async function findThreadMadeWith(
  viewer: Viewer,
  creationKey: string,
  executor: Pick<typeof db, "select"> = db,
) {
  const [made] = await executor
    .select({ threadId: threads.id, postId: posts.id })
    .from(threads)
    .innerJoin(posts, and(eq(posts.threadId, threads.id), eq(posts.position, 1)))
    .where(and(eq(threads.creationKey, creationKey), eq(threads.authorId, viewer.id)));
  return made ?? null;
}

export async function setThreadWatch(viewer: Viewer, threadId: string, watching: boolean) {
  if (watching) {
    await db.insert(threadWatches).values({ userId: viewer.id, threadId }).onConflictDoNothing();
  } else {
    await db
      .delete(threadWatches)
      .where(and(eq(threadWatches.userId, viewer.id), eq(threadWatches.threadId, threadId)));
  }
}

/** Moves the viewer's read marker forward (never back) to `position`. */
export async function markThreadRead(viewer: Viewer, threadId: string, position: number) {
  await db
    .insert(threadReads)
    .values({ userId: viewer.id, threadId, lastReadPosition: position })
    .onConflictDoUpdate({
      target: [threadReads.userId, threadReads.threadId],
      set: {
        lastReadPosition: sql`greatest(${threadReads.lastReadPosition}, excluded.last_read_position)`,
        updatedAt: new Date(),
      },
    });
}

/** The latest active threads across every space the viewer sees, for the home page. */
export async function listRecentThreadsForViewer(viewer: Viewer, limit = 10) {
  const rows = await db
    .select({
      id: threads.id,
      title: threads.title,
      kind: threads.kind,
      replyCount: readerReplyCount,
      lastPosition: threads.lastPosition,
      moderation: threads.moderation,
      ideaStatus: listedIdeaStatus,
      voteCount: listedIdeaVotes,
      proposalStage: listedProposalStage,
      lastActivityAt: threads.lastActivityAt,
      spaceName: spaces.name,
      spaceSlug: spaces.slug,
      lastReadPosition: threadReads.lastReadPosition,
    })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(
      threadReads,
      and(eq(threadReads.threadId, threads.id), eq(threadReads.userId, viewer.id)),
    )
    .where(threadVisibleTo(viewer))
    .orderBy(desc(threads.lastActivityAt))
    .limit(limit);
  return rows.map(({ lastReadPosition, ...thread }) => ({
    ...thread,
    unread: lastReadPosition === null ? null : Math.max(0, thread.lastPosition - lastReadPosition),
  }));
}
