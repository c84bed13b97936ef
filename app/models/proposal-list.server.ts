import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import {
  posts,
  proposalCoauthors,
  proposals,
  spaces,
  threads,
  users,
  type ProposalStage,
} from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { threadVisibleTo } from "./space-access.server";
import { readerReplyCount } from "./thread-list-columns.server";

// Proposals as lists show them: the proposals page, the API, an idea's page; each under the
// thread rule its page uses.

export const PROPOSALS_PAGE_SIZE = 20;

type ProposalListFilters = {
  stage?: ProposalStage;
  sort: "updated" | "endorsed" | "new";
  show?: "mine" | "coauthor";
  spaceId?: string;
  /** One proposal by its id (the API's single read), under the same rule as the list. */
  id?: string;
  page: number;
};

/** Proposals the viewer may see (drafts only their own, or all for staff), filtered and paged. */
export async function listProposals(viewer: Viewer, filters: ProposalListFilters) {
  const conditions: (SQL | undefined)[] = [
    threadVisibleTo(viewer),
    filters.stage ? eq(proposals.stage, filters.stage) : undefined,
    filters.spaceId ? eq(threads.spaceId, filters.spaceId) : undefined,
    filters.id ? eq(threads.id, filters.id) : undefined,
    filters.show === "mine" ? eq(threads.authorId, viewer.id) : undefined,
    filters.show === "coauthor"
      ? sql`exists (select 1 from ${proposalCoauthors} where ${and(eq(proposalCoauthors.threadId, proposals.threadId), eq(proposalCoauthors.userId, viewer.id), eq(proposalCoauthors.status, "accepted"))})`
      : undefined,
  ];
  const where = and(...conditions);
  const order =
    filters.sort === "endorsed"
      ? [desc(proposals.endorsementCount), desc(proposals.updatedAt)]
      : filters.sort === "new"
        ? [desc(threads.createdAt)]
        : [desc(proposals.updatedAt)];
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: threads.id,
        title: threads.title,
        stage: proposals.stage,
        endorsementCount: proposals.endorsementCount,
        revision: proposals.revision,
        updatedAt: proposals.updatedAt,
        replyCount: readerReplyCount,
        moderation: threads.moderation,
        spaceName: spaces.name,
        spaceSlug: spaces.slug,
        authors: sql<string[]>`(
          select array_agg(${users.displayName} order by ${users.id} = ${threads.authorId} desc, ${proposalCoauthors.invitedAt})
          from ${proposalCoauthors} join ${users} on ${users.id} = ${proposalCoauthors.userId}
          where ${proposalCoauthors.threadId} = ${proposals.threadId} and ${proposalCoauthors.status} = 'accepted'
        )`,
      })
      .from(proposals)
      .innerJoin(threads, eq(threads.id, proposals.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(where)
      .orderBy(...order, asc(threads.id))
      .limit(PROPOSALS_PAGE_SIZE)
      .offset((filters.page - 1) * PROPOSALS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(proposals)
      .innerJoin(threads, eq(threads.id, proposals.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(where),
  ]);
  return { proposals: rows.map((row) => ({ ...row, authors: row.authors ?? [] })), total };
}

/** What a proposal started from an idea begins with: its title, space and words. */
export async function getIdeaToPropose(viewer: Viewer, ideaThreadId: string) {
  const [row] = await db
    .select({
      id: threads.id,
      title: threads.title,
      spaceId: threads.spaceId,
      body: posts.body,
    })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .innerJoin(posts, and(eq(posts.threadId, threads.id), eq(posts.position, 1)))
    .where(and(eq(threads.id, ideaThreadId), eq(threads.kind, "idea"), threadVisibleTo(viewer)));
  return row ?? null;
}

/** The proposals started from an idea that the viewer may see, for the idea's page. */
export async function listProposalsFromIdea(viewer: Viewer, ideaThreadId: string) {
  return db
    .select({ id: threads.id, title: threads.title, stage: proposals.stage })
    .from(proposals)
    .innerJoin(threads, eq(threads.id, proposals.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(and(eq(proposals.sourceIdeaId, ideaThreadId), threadVisibleTo(viewer)))
    .orderBy(asc(threads.createdAt))
    .limit(20);
}
