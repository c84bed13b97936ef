// Comments on a proposal's sections: conversations that are opened, answered and resolved.
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { proposalCoauthors, proposalComments, users, type ProposalSection } from "#db/schema";
import { type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { Refusal } from "./refusal.server";
import {
  requireProposalWords,
  requireProposalAction,
  readProposalState,
} from "./proposal-rules.server";

/**
 * Comments on one section, or on a passage of it, which must be in the section as it is now.
 * A reply joins its root comment's conversation.
 */
export async function addSectionComment(
  viewer: Viewer,
  threadId: string,
  input: { section: ProposalSection; body: string; quote: string | null; parentId: string | null },
) {
  await requireProposalWords(
    viewer,
    {
      action: "comment",
      text: input.body,
      noun: "comment",
      held: "refuse",
      place: { threadId },
    },
    "comment",
  );
  return db.transaction(async (tx) => {
    const state = await readProposalState(tx, viewer, threadId);
    requireProposalAction(viewer, state, "comment");
    let section = input.section;
    let quote = input.quote;
    if (input.parentId) {
      const [parent] = await tx
        .select({ section: proposalComments.section, parentId: proposalComments.parentId })
        .from(proposalComments)
        .where(
          and(eq(proposalComments.id, input.parentId), eq(proposalComments.threadId, threadId)),
        );
      if (!parent || parent.parentId) {
        throw new Refusal("That comment isn't there to reply to.", 404);
      }
      section = parent.section;
      quote = null;
    } else if (quote && !(state.sections[section]?.text ?? "").includes(quote)) {
      throw new Refusal(
        "That passage isn't in the section any more; select it again or comment on the whole section.",
        409,
        "quote",
      );
    }
    const [comment] = await tx
      .insert(proposalComments)
      .values({
        threadId,
        section,
        parentId: input.parentId,
        authorId: viewer.id,
        body: input.body,
        quote,
        revision: state.revision,
      })
      .returning({ id: proposalComments.id });
    return comment;
  });
}

/** Who hears of a new section comment: the co-authors, and for a reply the conversation's starter. */
export async function listCommentAudience(threadId: string, parentId: string | null) {
  const rows = await db.execute<{ user_id: string }>(sql`
    select ${proposalCoauthors.userId} as user_id from ${proposalCoauthors}
      where ${proposalCoauthors.threadId} = ${threadId} and ${proposalCoauthors.status} = 'accepted'
    union
    select ${proposalComments.authorId} from ${proposalComments}
      where ${proposalComments.id} = ${parentId} and ${proposalComments.authorId} is not null
  `);
  return rows.map((row) => row.user_id);
}

/** Resolves or reopens a comment's conversation; a reply's resolves its root. */
export async function setCommentResolved(
  viewer: Viewer,
  threadId: string,
  commentId: string,
  resolved: boolean,
) {
  const state = await readProposalState(db, viewer, threadId);
  requireProposalAction(viewer, state, "resolve-comment");
  const updated = await db
    .update(proposalComments)
    .set(
      resolved
        ? { resolvedAt: new Date(), resolvedById: viewer.id }
        : { resolvedAt: null, resolvedById: null },
    )
    .where(
      and(
        eq(proposalComments.id, commentId),
        eq(proposalComments.threadId, threadId),
        isNull(proposalComments.parentId),
      ),
    )
    .returning({ id: proposalComments.id });
  if (updated.length === 0) throw new Refusal("No such comment.", 404);
}

/** Conversations shown per section and state (open, resolved) unless the reader asks for all. */
export const COMMENTS_SHOWN = 10;

/**
 * A proposal's section comments: the latest COMMENTS_SHOWN open and resolved conversations of each
 * section (or all of them), with their replies, and how many each section has. Two queries
 * whatever their number.
 */
export async function listSectionComments(threadId: string, options: { all?: boolean } = {}) {
  const resolver = alias(users, "resolver");
  const isRoot = and(eq(proposalComments.threadId, threadId), isNull(proposalComments.parentId));
  const ranked = db.$with("ranked").as(
    db
      .select({
        id: proposalComments.id,
        rank: sql<number>`row_number() over (partition by ${proposalComments.section}, ${proposalComments.resolvedAt} is null order by ${proposalComments.createdAt} desc)`.as(
          "rank",
        ),
      })
      .from(proposalComments)
      .where(isRoot),
  );
  const shown = db
    .select({ id: ranked.id })
    .from(ranked)
    .where(options.all ? undefined : lte(ranked.rank, COMMENTS_SHOWN));
  const [comments, counts] = await Promise.all([
    db
      .with(ranked)
      .select({
        id: proposalComments.id,
        section: proposalComments.section,
        parentId: proposalComments.parentId,
        body: proposalComments.body,
        quote: proposalComments.quote,
        createdAt: proposalComments.createdAt,
        resolvedAt: proposalComments.resolvedAt,
        outdated: sql<boolean>`${proposalComments.outdatedAt} is not null`,
        authorName: users.displayName,
        authorHandle: users.handle,
        resolverName: resolver.displayName,
      })
      .from(proposalComments)
      .leftJoin(users, eq(users.id, proposalComments.authorId))
      .leftJoin(resolver, eq(resolver.id, proposalComments.resolvedById))
      .where(
        and(
          eq(proposalComments.threadId, threadId),
          or(inArray(proposalComments.id, shown), inArray(proposalComments.parentId, shown)),
        ),
      )
      .orderBy(asc(proposalComments.createdAt))
      .limit(5_000),
    db
      .select({
        section: proposalComments.section,
        open: sql<number>`count(*) filter (where ${proposalComments.resolvedAt} is null)::int`,
        resolved: sql<number>`count(*) filter (where ${proposalComments.resolvedAt} is not null)::int`,
      })
      .from(proposalComments)
      .where(isRoot)
      .groupBy(proposalComments.section),
  ]);
  const totals: Partial<Record<ProposalSection, { open: number; resolved: number }>> = {};
  for (const row of counts) totals[row.section] = { open: row.open, resolved: row.resolved };
  return { comments, totals };
}
