import { and, desc, eq, gt, sql, type SQL } from "drizzle-orm";
import { ideas, ideaVotes, spaces, threads, type IdeaStatus } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import type { IdeaSort } from "~/utils/labels";
import { getIdea, ideaBoardConditions, ideaSortFor, trendingSince } from "./idea.server";
import { Refusal } from "./refusal.server";
import { threadVisibleTo } from "./space-access.server";
import { listThreadTags } from "./tag.server";

// Ideas for the API: the board's rule (`ideaBoardConditions`) read in pages that follow a cursor
// instead of page numbers: a page costs the same however deep it is, and new ideas don't shift
// the pages after them. Sorts by votes or activity move an idea whose count changes between two
// pages; a client that must see every idea exactly once walks `sort=new`.

export type IdeaCursorQuery = {
  sort: IdeaSort;
  status?: IdeaStatus;
  spaceSlug?: string;
  tagId?: string;
  limit: number;
  cursor?: string;
};

/** A cursor: the sort's key values of the last idea returned, then its id. */
type CursorKeys = { keys: string[]; id: string };

export function encodeCursor(cursor: CursorKeys): string {
  return Buffer.from(JSON.stringify([cursor.keys, cursor.id])).toString("base64url");
}

function decodeCursor(cursor: string, keyCount: number): CursorKeys {
  const invalid = () =>
    new Refusal(
      "This cursor is not one we gave out for this sort: start from the first page.",
      400,
      "cursor",
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  // Up to 18 digits: always inside bigint (times in microseconds have 16).
  const decimal = /^-?\d{1,18}$/;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Array.isArray(parsed[0]) ||
    parsed[0].length !== keyCount ||
    !parsed[0].every((key) => typeof key === "string" && decimal.test(key)) ||
    typeof parsed[1] !== "string" ||
    !uuid.test(parsed[1])
  ) {
    throw invalid();
  }
  return { keys: parsed[0] as string[], id: parsed[1] };
}

// Whole numbers only (times in microseconds), so a cursor compares exactly what was sorted.
const micros = (column: SQL | typeof threads.createdAt) =>
  sql`(extract(epoch from ${column}) * 1000000)::bigint`;

/** One page of the ideas the viewer can see, after `cursor`, and the cursor of the next page. */
export async function listIdeasByCursor(viewer: Viewer, query: IdeaCursorQuery) {
  const sort = ideaSortFor(viewer, query.sort);
  // Counted once over the recent votes (an index on their time), not once per idea.
  const recent = db
    .select({ ideaId: ideaVotes.ideaId, votes: sql<number>`count(*)`.as("recent_votes") })
    .from(ideaVotes)
    .where(gt(ideaVotes.createdAt, trendingSince()))
    .groupBy(ideaVotes.ideaId)
    .as("recent");
  const keys: SQL[] = {
    top: [sql`${ideas.voteCount}::bigint`, micros(threads.createdAt)],
    value: [sql`${ideas.valueCents}::bigint`, sql`${ideas.voteCount}::bigint`],
    trending: [sql`coalesce(${recent.votes}, 0)::bigint`, sql`${ideas.voteCount}::bigint`],
    new: [micros(threads.createdAt)],
    updated: [micros(sql`${threads.lastActivityAt}`)],
  }[sort];
  const conditions = ideaBoardConditions(viewer, query);
  if (query.cursor) {
    const after = decodeCursor(query.cursor, keys.length);
    const theirs = sql.join([...keys, sql`${threads.id}`], sql`, `);
    const ours = sql.join(
      [...after.keys.map((key) => sql`${key}::bigint`), sql`${after.id}::uuid`],
      sql`, `,
    );
    conditions.push(sql`(${theirs}) < (${ours})`);
  }
  const staffView = can(viewer, "read:account:any");
  const selected = db
    .select({
      id: threads.id,
      title: threads.title,
      status: ideas.status,
      voteCount: ideas.voteCount,
      replyCount: threads.replyCount,
      createdAt: threads.createdAt,
      lastActivityAt: threads.lastActivityAt,
      space: { slug: spaces.slug, name: spaces.name },
      myImportance: ideaVotes.importance,
      valueCents: staffView ? ideas.valueCents : sql<null>`null`,
      keys: sql<string[]>`array[${sql.join(keys, sql`, `)}]::text[]`,
    })
    .from(ideas)
    .innerJoin(threads, eq(threads.id, ideas.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .leftJoin(ideaVotes, and(eq(ideaVotes.ideaId, ideas.threadId), eq(ideaVotes.userId, viewer.id)))
    .$dynamic();
  const rows = await (
    sort === "trending" ? selected.leftJoin(recent, eq(recent.ideaId, ideas.threadId)) : selected
  )
    .where(and(...conditions))
    .orderBy(...keys.map((key) => desc(key)), desc(threads.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const tagsByThread = await listThreadTags(
    viewer,
    page.map((row) => row.id),
  );
  return {
    sort,
    ideas: page.map(({ keys: _keys, ...row }) => ({ ...row, tags: tagsByThread[row.id] ?? [] })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ keys: last.keys, id: last.id }) : null,
  };
}

/** One idea the viewer may see, as the API gives it: the idea, its votes, tags and history. */
export async function getIdeaDetail(viewer: Viewer, ideaId: string) {
  const [row] = await db
    .select({
      id: threads.id,
      title: threads.title,
      replyCount: threads.replyCount,
      createdAt: threads.createdAt,
      lastActivityAt: threads.lastActivityAt,
      space: { slug: spaces.slug, name: spaces.name },
      valueCents: can(viewer, "read:account:any") ? ideas.valueCents : sql<null>`null`,
    })
    .from(ideas)
    .innerJoin(threads, eq(threads.id, ideas.threadId))
    .innerJoin(spaces, eq(spaces.id, threads.spaceId))
    .where(and(eq(ideas.threadId, ideaId), threadVisibleTo(viewer)));
  if (!row) throw new Refusal("No idea with this id that you can see.", 404);
  const [idea, tagsByThread] = await Promise.all([
    getIdea(viewer, ideaId),
    listThreadTags(viewer, [ideaId]),
  ]);
  if (!idea) throw new Refusal("No idea with this id that you can see.", 404);
  return { ...row, idea, tags: tagsByThread[ideaId] ?? [] };
}
