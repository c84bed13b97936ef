import { sql, type SQL } from "drizzle-orm";
import type { IdeaStatus, ThreadKind } from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { threadVisibleTo } from "./space-access.server";

import { MATCH_END, MATCH_START, SEARCH_PAGE_SIZE } from "~/utils/search-marks";

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

/**
 * Full-text search over titles and posts with web-search syntax ("quotes", OR, -minus), ranked,
 * with highlighted snippets. Visibility is part of the WHERE clause, so results and counts never
 * include anything in a space the viewer may not see.
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
  const order =
    filters.sort === "newest" ? sql`p.created_at desc` : sql`rank desc, p.created_at desc`;
  const where = sql.join(conditions, sql` and `);
  const from = sql`posts p join threads on threads.id = p.thread_id join spaces on spaces.id = threads.space_id left join users u on u.id = p.author_id left join ideas i on i.thread_id = threads.id`;

  const [rows, [{ total }]] = await Promise.all([
    db.execute<{
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
      with hits as (
        select p.id, ts_rank(p.search, websearch_to_tsquery('english', ${filters.q})) as rank
        from ${from}
        where ${where}
        order by ${order}
        limit ${SEARCH_PAGE_SIZE} offset ${(filters.page - 1) * SEARCH_PAGE_SIZE}
      )
      select p.id as post_id, p.position, threads.id as thread_id, threads.title, threads.kind, i.status as idea_status,
        spaces.name as space_name,
        spaces.slug as space_slug, u.display_name as author_name, p.created_at,
        ts_headline('english', p.body_text, websearch_to_tsquery('english', ${filters.q}),
          ${`StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
      from hits join posts p on p.id = hits.id join threads on threads.id = p.thread_id
        join spaces on spaces.id = threads.space_id left join users u on u.id = p.author_id
        left join ideas i on i.thread_id = threads.id
      order by ${filters.sort === "newest" ? sql`p.created_at desc` : sql`hits.rank desc, p.created_at desc`}
    `),
    db.execute<{ total: number }>(sql`
      select count(*)::int as total from (select 1 from ${from} where ${where} limit 1000) capped
    `),
  ]);
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
    capped: total >= 1000,
  };
}
