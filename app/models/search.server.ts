import { sql, type SQL } from "drizzle-orm";
import type { IdeaStatus, ThreadKind } from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { threadVisibleTo } from "./space-access.server";

import { MATCH_END, MATCH_START, SEARCH_PAGE_SIZE } from "~/utils/search-marks";
import { uuidArray } from "~/utils/uuid-array";

export type SearchFilters = {
  q: string;
  spaceSlug?: string;
  kind?: ThreadKind;
  /** Ideas in this status only. */
  status?: IdeaStatus;
  author?: string;
  from?: string;
  to?: string;
  /** "relevance" ranks by how well posts match; "newest" puts recent posts first. */
  sort?: "relevance" | "newest";
  page: number;
};

/** At most this many matches are counted, ranked and paged through (50 pages of 20). */
const MAX_MATCHES = 1000;
/** A word too common to rank every match of is ranked among its matches in the newest posts. */
const RECENT_POSTS = 20_000;

let cutoff: { since: string | null; readAt: number } | null = null;

/**
 * Where the newest 20,000 posts begin, read from the index on the time (newest first) at most
 * once a minute: a minute's new posts only widen the window a little.
 */
async function recentCutoff(tx: Transaction): Promise<string | null> {
  if (cutoff && Date.now() - cutoff.readAt < 60_000) return cutoff.since;
  await tx.execute(sql`select set_config('enable_indexscan', 'on', true)`);
  // The offset written out: as a parameter, the planner can't tell it is small and sorts all.
  const [row] = await tx.execute<{ created_at: string }>(
    sql`select created_at::text from posts order by created_at desc offset ${sql.raw(String(RECENT_POSTS - 1))} limit 1`,
  );
  await tx.execute(sql`select set_config('enable_indexscan', 'off', true)`);
  cutoff = { since: row?.created_at ?? null, readAt: Date.now() };
  return cutoff.since;
}

/**
 * Full-text search over titles and posts with web-search syntax ("quotes", OR, -minus), ranked,
 * with highlighted snippets. Visibility is part of the WHERE clause, so results and counts never
 * include anything in a space the viewer may not see.
 *
 * Over a million posts, what costs is visiting matches: a common word matches a tenth of them.
 * So at most 1,001 matches are read, through the full-text index only (a bitmap scan, whatever
 * the planner guesses: it takes a phrase of two common words for common, and would walk the
 * table for it). Up to 1,000 matches, all of them are ranked (or sorted by time): exact. Past
 * that, the word is common: its newest matches among the newest 20,000 posts (up to 1,000) are
 * ranked instead, and the total reads "more than 1,000". Then one query reads the page's 20 with
 * their snippets.
 */
export async function searchPosts(viewer: Viewer, filters: SearchFilters) {
  const conditions: SQL[] = [
    sql`p.search @@ websearch_to_tsquery('english', ${filters.q})`,
    sql`p.deleted_at is null`,
    threadVisibleTo(viewer),
    // Held, hidden and removed posts are found by nobody; moderators work from the queue.
    sql`p.moderation is null`,
  ];
  if (filters.spaceSlug) conditions.push(sql`spaces.slug = ${filters.spaceSlug}`);
  if (filters.kind) conditions.push(sql`threads.kind = ${filters.kind}`);
  if (filters.status) conditions.push(sql`i.status = ${filters.status}`);
  if (filters.author) conditions.push(sql`lower(u.handle) = lower(${filters.author})`);
  if (filters.from) conditions.push(sql`p.created_at >= ${filters.from}::date`);
  if (filters.to) conditions.push(sql`p.created_at < ${filters.to}::date + 1`);
  const where = sql.join(conditions, sql` and `);
  const from = sql`posts p join threads on threads.id = p.thread_id join spaces on spaces.id = threads.space_id left join users u on u.id = p.author_id left join ideas i on i.thread_id = threads.id`;
  // Ranking reads each match's whole search vector: not done when the newest come first.
  const rank =
    filters.sort === "newest"
      ? sql`0`
      : sql`ts_rank(p.search, websearch_to_tsquery('english', ${filters.q}))`;
  const matches = (since: string | null, limit: number) =>
    sql`select p.id, p.created_at, ${rank} as rank
      from ${from}
      where ${where}${since ? sql` and p.created_at >= ${since} order by p.created_at desc` : sql``}
      limit ${limit}`;

  type Match = { id: string; created_at: string; rank: number };
  const { ranked, total } = await db.transaction(async (tx) => {
    // Bitmap scans of the indexes only, for the matches: never the table in full.
    await tx.execute(
      sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`,
    );
    const all = await tx.execute<Match>(matches(null, MAX_MATCHES + 1));
    if (all.length <= MAX_MATCHES) return { ranked: [...all], total: all.length };
    const recent = await tx.execute<Match>(matches(await recentCutoff(tx), MAX_MATCHES));
    // A common word can be missing from the newest posts: the first thousand found, then.
    return { ranked: recent.length > 0 ? [...recent] : [...all], total: MAX_MATCHES };
  });
  const newestFirst = (a: Match, b: Match) =>
    new Date(b.created_at).getTime() - new Date(a.created_at).getTime();
  ranked.sort(
    filters.sort === "newest" ? newestFirst : (a, b) => b.rank - a.rank || newestFirst(a, b),
  );
  const pageIds = ranked
    .slice((filters.page - 1) * SEARCH_PAGE_SIZE, filters.page * SEARCH_PAGE_SIZE)
    .map((match) => match.id);
  const rows =
    pageIds.length === 0
      ? []
      : await db.execute<{
          post_id: string;
          position: number;
          thread_id: string;
          title: string;
          kind: ThreadKind;
          idea_status: IdeaStatus | null;
          space_name: string;
          space_slug: string;
          author_name: string | null;
          created_at: string;
          snippet: string;
        }>(sql`
      select p.id as post_id, p.position, threads.id as thread_id, threads.title, threads.kind, i.status as idea_status,
        spaces.name as space_name,
        spaces.slug as space_slug, u.display_name as author_name, p.created_at,
        ts_headline('english', p.body_text, websearch_to_tsquery('english', ${filters.q}),
          ${`StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
      from posts p join threads on threads.id = p.thread_id
        join spaces on spaces.id = threads.space_id left join users u on u.id = p.author_id
        left join ideas i on i.thread_id = threads.id
      where p.id = any(${uuidArray(pageIds)}::uuid[])
    `);
  const order = new Map(pageIds.map((id, index) => [id, index]));
  rows.sort((a, b) => order.get(a.post_id)! - order.get(b.post_id)!);
  return {
    results: rows.map((row) => ({
      postId: row.post_id,
      position: row.position,
      threadId: row.thread_id,
      title: row.title,
      kind: row.kind,
      ideaStatus: row.idea_status,
      spaceName: row.space_name,
      spaceSlug: row.space_slug,
      authorName: row.author_name,
      createdAt: new Date(row.created_at),
      snippet: row.snippet,
    })),
    total,
    capped: total >= MAX_MATCHES,
  };
}
