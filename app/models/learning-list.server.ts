import { and, desc, eq, isNull, sql } from "drizzle-orm";
import {
  learningConfirmations,
  learningCorrections,
  posts,
  spaces,
  threads,
  users,
} from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { getLearning } from "./learning.server";
import { Refusal } from "./refusal.server";
import { threadVisibleTo } from "./space-access.server";

export const LEARNINGS_PAGE_SIZE = 50;

/** The learnings the viewer may read, newest first, with how members answered each. */
export async function listLearnings(viewer: Viewer, page: number) {
  const where = and(
    eq(threads.kind, "learning"),
    threadVisibleTo(viewer),
    isNull(threads.moderation),
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: threads.id,
        title: threads.title,
        createdAt: threads.createdAt,
        space: { slug: spaces.slug, name: spaces.name },
        author: users.displayName,
        confirmations: db.$count(
          learningConfirmations,
          eq(learningConfirmations.learningId, threads.id),
        ),
        corrections: db.$count(learningCorrections, eq(learningCorrections.learningId, threads.id)),
      })
      .from(threads)
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(users, eq(users.id, threads.authorId))
      .where(where)
      .orderBy(desc(threads.createdAt), desc(threads.id))
      .limit(LEARNINGS_PAGE_SIZE)
      .offset((page - 1) * LEARNINGS_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(threads)
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(where),
  ]);
  return { learnings: rows, total };
}

/**
 * One learning the viewer may read: what staff heard (its text), the sources they may see and
 * that may be quoted, and how members confirmed or corrected it.
 */
export async function getLearningDetail(viewer: Viewer, learningId: string) {
  const [row] = await db
    .select({
      id: threads.id,
      title: threads.title,
      createdAt: threads.createdAt,
      space: { slug: spaces.slug, name: spaces.name },
      author: users.displayName,
      text: posts.bodyText,
    })
    .from(threads)
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(users, eq(users.id, threads.authorId))
    .leftJoin(
      posts,
      and(
        eq(posts.threadId, threads.id),
        eq(posts.position, 1),
        isNull(posts.deletedAt),
        isNull(posts.moderation),
      ),
    )
    .where(
      and(
        eq(threads.id, learningId),
        eq(threads.kind, "learning"),
        threadVisibleTo(viewer),
        isNull(threads.moderation),
      ),
    );
  if (!row) throw new Refusal("No learning with this id that you can see.", 404);
  return { ...row, ...(await getLearning(viewer, learningId)) };
}
