import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { ideas, ideaVotes, posts, spaces, threads } from "#db/schema";
import { type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { threadVisibleTo } from "./space-access.server";

// Ideas like the one being typed, so duplicates are found before they are posted.

export const SIMILAR_IDEAS_SHOWN = 5;
/** Longer text adds nothing to finding a match and only costs time. */
export const SIMILAR_QUERY_MAX = 150;
/** How many matches of each kind are ranked before the best five are kept. */
const CANDIDATES = 200;
const CANDIDATES_BY_TITLE = 20;

/**
 * Up to five ideas the viewer may see that resemble what they are typing: titles close by
 * trigram similarity (typos, word order), or opening posts matching its words.
 */
export async function suggestSimilarIdeas(viewer: Viewer, text: string) {
  const query = text.trim().slice(0, SIMILAR_QUERY_MAX);
  if (query.length < 3) return [];
  const words = sql`plainto_tsquery('english', ${query})`;
  // Each way of matching uses its own index and is capped, then the few candidates are ranked:
  // an OR of the two would scan every idea.
  const candidates = sql`(
    select id, max(score) as score from (
      (select ${threads.id} as id, similarity(${threads.title}, ${query}) as score
        from ${threads}
        where ${threads.kind} = 'idea' and ${threads.title} % ${query}
        -- Nearest first, straight from the GiST index, instead of rechecking every near miss.
        order by ${threads.title} <-> ${query}
        limit ${CANDIDATES_BY_TITLE})
      union all
      (select ${posts.threadId} as id, ts_rank(${posts.search}, ${words}) as score
        from ${posts} join ${ideas} on ${eq(ideas.threadId, posts.threadId)}
        where ${posts.position} = 1 and ${posts.search} @@ ${words}
        limit ${CANDIDATES})
    ) found group by id
  )`;
  return db
    .select({
      id: threads.id,
      title: threads.title,
      status: ideas.status,
      voteCount: ideas.voteCount,
      spaceName: spaces.name,
      myImportance: ideaVotes.importance,
    })
    .from(sql`${candidates} as candidates`)
    .innerJoin(threads, sql`${threads.id} = candidates.id`)
    .innerJoin(ideas, eq(ideas.threadId, threads.id))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(ideaVotes, and(eq(ideaVotes.ideaId, ideas.threadId), eq(ideaVotes.userId, viewer.id)))
    .where(and(threadVisibleTo(viewer), isNull(ideas.mergedIntoId)))
    .orderBy(sql`candidates.score desc`, desc(ideas.voteCount))
    .limit(SIMILAR_IDEAS_SHOWN);
}
