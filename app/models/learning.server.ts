import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  learningConfirmations,
  learningCorrections,
  learningSources,
  posts,
  spaces,
  threads,
  users,
  UUID_PATTERN,
} from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { LEARNING_SOURCES_MAX } from "~/validation/forums";
import { recordAuditEvent } from "./audit.server";
import { postShownTo, threadVisibleTo } from "./space-access.server";
import { consentWithdrawnSql, listWithdrawn } from "./consent.server";
import { Refusal } from "./refusal.server";
import { emitWebhookEvent } from "./webhook-event.server";

export { LEARNING_SOURCES_MAX };
export const CORRECTIONS_SHOWN = 50;

export type SourceReference = { line: string; kind: "thread" | "post"; id: string };
export type LearningSource = { threadId: string; postId: string | null };

const UUID = UUID_PATTERN;
// Fixed-width pieces only, so matching stays linear however long the line.
const POST_IN_LINE = new RegExp(`(?:/p/|#post-)(${UUID})`, "i");
const THREAD_IN_LINE = new RegExp(`(?:/t/)?(${UUID})`, "i");

/**
 * Reads the addresses staff paste, one per line: a post's (…/p/<id>, or a thread address ending
 * in #post-<id>) or a thread's (…/t/<id>). Blank lines are skipped; anything else is `invalid`.
 */
export function parseSourceReferences(text: string) {
  const references: SourceReference[] = [];
  const invalid: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const post = POST_IN_LINE.exec(line);
    const thread = post ? null : THREAD_IN_LINE.exec(line);
    if (post) references.push({ line, kind: "post", id: post[1].toLowerCase() });
    else if (thread) references.push({ line, kind: "thread", id: thread[1].toLowerCase() });
    else invalid.push(line);
  }
  return { references, invalid };
}

/**
 * The threads and posts the references point to, that the viewer may see (in three queries); the
 * lines that point nowhere the viewer can go; and those whose author said no to being quoted.
 */
export async function resolveLearningSources(viewer: Viewer, references: SourceReference[]) {
  const postIds = references.filter((r) => r.kind === "post").map((r) => r.id);
  const threadIds = references.filter((r) => r.kind === "thread").map((r) => r.id);
  const [foundPosts, foundThreads] = await Promise.all([
    postIds.length
      ? db
          .select({ id: posts.id, threadId: posts.threadId, authorId: posts.authorId })
          .from(posts)
          .innerJoin(threads, eq(threads.id, posts.threadId))
          .innerJoin(spaces, eq(spaces.id, threads.spaceId))
          .where(
            and(
              inArray(posts.id, postIds),
              isNull(posts.deletedAt),
              threadVisibleTo(viewer),
              postShownTo(viewer),
            ),
          )
      : [],
    threadIds.length
      ? db
          .select({ id: threads.id, authorId: threads.authorId })
          .from(threads)
          .innerJoin(spaces, eq(spaces.id, threads.spaceId))
          .where(and(inArray(threads.id, threadIds), threadVisibleTo(viewer)))
      : [],
  ]);
  const withdrawn = await listWithdrawn(
    "quote",
    [...foundPosts, ...foundThreads].flatMap((found) => (found.authorId ? [found.authorId] : [])),
  );
  const sources: LearningSource[] = [];
  const unknown: string[] = [];
  const notQuotable: string[] = [];
  const seen = new Set<string>();
  for (const reference of references) {
    const post = reference.kind === "post" && foundPosts.find((p) => p.id === reference.id);
    const thread = reference.kind === "thread" && foundThreads.find((t) => t.id === reference.id);
    const found = post || thread;
    const source = post
      ? { threadId: post.threadId, postId: post.id }
      : thread
        ? { threadId: thread.id, postId: null }
        : undefined;
    if (!source) unknown.push(reference.line);
    else if (found && (!found.authorId || withdrawn.has(found.authorId))) {
      notQuotable.push(reference.line);
    } else if (!seen.has(`${source.threadId}:${source.postId}`)) {
      seen.add(`${source.threadId}:${source.postId}`);
      sources.push(source);
    }
  }
  return { sources, unknown, notQuotable };
}

/** Records a new learning's sources, inside the transaction that creates it. */
export async function startLearning(
  tx: Transaction,
  learningId: string,
  sources: LearningSource[],
) {
  await emitWebhookEvent("learning.published", learningId, {}, tx);
  if (sources.length === 0) return;
  await tx
    .insert(learningSources)
    .values(sources.map((source, index) => ({ learningId, ...source, position: index + 1 })));
}

/**
 * The people a learning cites: the author of each cited post, or of a cited thread's opening
 * post, unless they withdrew their consent to be quoted. They are told, so nobody's words are
 * used without them knowing.
 */
export async function listCitedAuthorIds(learningId: string): Promise<string[]> {
  const rows = await db.execute<{ author_id: string }>(sql`
    select distinct p.author_id from ${learningSources} s
    join ${posts} p on (s.post_id is not null and p.id = s.post_id)
      or (s.post_id is null and p.thread_id = s.thread_id and p.position = 1)
    where s.learning_id = ${learningId} and p.author_id is not null
      and not ${consentWithdrawnSql("quote", sql`p.author_id`)}`);
  return rows.map((row) => row.author_id);
}

const correctionAuthors = alias(users, "correction_authors");
const acceptors = alias(users, "acceptors");
const sourceAuthors = alias(users, "source_authors");
const sourcePosts = alias(posts, "source_posts");

/**
 * What a learning page shows beyond its posts: its sources the viewer may see (but none whose
 * author withdrew their consent to be quoted: those only counted), how many members confirmed it
 * (and whether the viewer did), and the corrections with what became of them.
 */
export async function getLearning(viewer: Viewer, learningId: string) {
  const [sources, [counts], corrections] = await Promise.all([
    db
      .select({
        threadId: threads.id,
        title: threads.title,
        kind: threads.kind,
        postId: learningSources.postId,
        postPosition: sourcePosts.position,
        authorName: sourceAuthors.displayName,
        spaceName: spaces.name,
        withdrawn: consentWithdrawnSql(
          "quote",
          sql`coalesce(${sourcePosts.authorId}, case when ${learningSources.postId} is null then ${threads.authorId} end)`,
        ),
      })
      .from(learningSources)
      .innerJoin(threads, eq(threads.id, learningSources.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(sourcePosts, eq(sourcePosts.id, learningSources.postId))
      .leftJoin(sourceAuthors, eq(sourceAuthors.id, sourcePosts.authorId))
      .where(and(eq(learningSources.learningId, learningId), threadVisibleTo(viewer)))
      .orderBy(asc(learningSources.position)),
    db
      .select({
        confirmations: db.$count(
          learningConfirmations,
          eq(learningConfirmations.learningId, learningId),
        ),
        openingPostId: sql<string>`(select ${posts.id} from ${posts} where ${and(eq(posts.threadId, learningId), eq(posts.position, 1))})`,
        confirmedByMe: sql<boolean>`exists (select 1 from ${learningConfirmations} where ${and(eq(learningConfirmations.learningId, learningId), eq(learningConfirmations.userId, viewer.id))})`,
      })
      .from(sql`(select 1) as one`),
    db
      .select({
        postId: learningCorrections.postId,
        position: posts.position,
        excerpt: sql<string>`left(${posts.bodyText}, 280)`,
        // A correction a moderator took away reads as gone, like one its author deleted.
        deleted: sql<boolean>`${posts.deletedAt} is not null or (${posts.moderation} is not null and not ${postShownTo(viewer)})`,
        authorName: correctionAuthors.displayName,
        createdAt: learningCorrections.createdAt,
        acceptedAt: learningCorrections.acceptedAt,
        acceptedByName: acceptors.displayName,
        acceptedRevision: learningCorrections.acceptedRevision,
      })
      .from(learningCorrections)
      .innerJoin(posts, eq(posts.id, learningCorrections.postId))
      .leftJoin(correctionAuthors, eq(correctionAuthors.id, posts.authorId))
      .leftJoin(acceptors, eq(acceptors.id, learningCorrections.acceptedById))
      .where(eq(learningCorrections.learningId, learningId))
      .orderBy(desc(learningCorrections.createdAt))
      .limit(CORRECTIONS_SHOWN),
  ]);
  return {
    sources: sources
      .filter((source) => !source.withdrawn)
      .map(({ withdrawn: _withdrawn, ...source }) => source),
    sourcesWithdrawn: sources.filter((source) => source.withdrawn).length,
    openingPostId: counts.openingPostId,
    confirmations: counts.confirmations,
    confirmedByMe: counts.confirmedByMe,
    corrections: corrections.map((correction) => ({
      ...correction,
      // Cut at 280 characters; say so rather than end mid-word.
      excerpt: correction.deleted
        ? ""
        : correction.excerpt.length >= 280
          ? `${correction.excerpt.trimEnd()}…`
          : correction.excerpt,
    })),
  };
}

/** A member says the learning is right, or takes that back. */
export async function setConfirmation(viewer: Viewer, learningId: string, confirmed: boolean) {
  if (confirmed) {
    await db
      .insert(learningConfirmations)
      .values({ learningId, userId: viewer.id })
      .onConflictDoNothing();
  } else {
    await db
      .delete(learningConfirmations)
      .where(
        and(
          eq(learningConfirmations.learningId, learningId),
          eq(learningConfirmations.userId, viewer.id),
        ),
      );
  }
}

/** Marks a reply to a learning as a correction of it. */
export async function recordCorrection(learningId: string, postId: string) {
  await db.insert(learningCorrections).values({ learningId, postId }).onConflictDoNothing();
}

/**
 * The correction to accept with a revision of the learning, checked before the revision is
 * written (so a stale link doesn't lose the edit): it must be an open correction of this learning.
 */
export async function getOpenCorrection(learningId: string, correctionPostId: string) {
  const [correction] = await db
    .select({
      postId: learningCorrections.postId,
      acceptedAt: learningCorrections.acceptedAt,
      authorName: users.displayName,
      excerpt: sql<string>`left(${posts.bodyText}, 600)`,
    })
    .from(learningCorrections)
    .innerJoin(posts, eq(posts.id, learningCorrections.postId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(
      and(
        eq(learningCorrections.postId, correctionPostId),
        eq(learningCorrections.learningId, learningId),
        isNull(posts.deletedAt),
      ),
    );
  return correction ?? null;
}

/**
 * Marks a correction accepted by the revision that took it in, in the transaction that writes
 * that revision. Two staff accepting one correction at once: the second is told, and rolls back.
 */
export async function acceptCorrection(
  tx: Transaction,
  actor: Viewer,
  input: { learningId: string; correctionPostId: string; revision: number },
) {
  // Staff accept corrections (the learning rule's "accept-correction"); a moderator may revise a
  // learning's words, but not take a correction in.
  if (!can(actor, "publish:learning:any")) {
    throw new Refusal("Only staff publish learnings and accept corrections.", 403);
  }
  const accepted = await tx
    .update(learningCorrections)
    .set({ acceptedAt: new Date(), acceptedById: actor.id, acceptedRevision: input.revision })
    .where(
      and(
        eq(learningCorrections.postId, input.correctionPostId),
        eq(learningCorrections.learningId, input.learningId),
        isNull(learningCorrections.acceptedAt),
      ),
    )
    .returning({ postId: learningCorrections.postId });
  if (accepted.length === 0) {
    throw new Refusal("That correction was already accepted, or is gone.", 409);
  }
  await recordAuditEvent(
    {
      actorId: actor.id,
      action: "learning.correction_accepted",
      targetType: "thread",
      targetId: input.learningId,
      details: { correction: input.correctionPostId, revision: input.revision },
    },
    tx,
  );
}

/** For a learning's history: which correction each revision took in. */
export async function listAcceptedCorrections(learningId: string) {
  return db
    .select({
      revision: learningCorrections.acceptedRevision,
      postId: learningCorrections.postId,
      authorName: users.displayName,
      excerpt: sql<string>`left(${posts.bodyText}, 400)`,
    })
    .from(learningCorrections)
    .innerJoin(posts, eq(posts.id, learningCorrections.postId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(
      and(
        eq(learningCorrections.learningId, learningId),
        sql`${learningCorrections.acceptedRevision} is not null`,
      ),
    )
    .limit(CORRECTIONS_SHOWN);
}
