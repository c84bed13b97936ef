import { sql, type SQL } from "drizzle-orm";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { getMyData } from "./my-data.server";
import { threadVisibleTo } from "./space-access.server";

/** The export's format name and version, as docs/data-export-format.md describes them. */
export const EXPORT_FORMAT = "vanguard-member-data";
export const EXPORT_FORMAT_VERSION = 1;

/** Rows read per query: a member with 10,000 posts is read in ten steps, never all at once. */
const PAGE = 1_000;
/**
 * The most rows one list of the file holds (years of anyone's activity), so the file stays a size
 * a job can build and a person can open; the file names any list cut there (`truncated`).
 */
export const MAX_ROWS_PER_LIST = 100_000;

/**
 * Reads every row of one of the person's lists in pages of PAGE by `key` (a unique, ordered
 * column), so a long history costs bounded memory per query and no query grows without end.
 */
async function readAll<Row extends Record<string, unknown>>(
  query: (after: string | null) => SQL,
  key: keyof Row & string,
): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const page = [...(await db.execute(sql`${query(after)} limit ${PAGE}`))] as Row[];
    rows.push(...page);
    if (page.length < PAGE || rows.length >= MAX_ROWS_PER_LIST) return rows;
    after = String(page[page.length - 1][key]);
  }
}

/** A thread's title only where the person may still see the thread (it is others' words too). */
function titleIfVisible(viewer: Viewer): SQL {
  return sql`case when ${threadVisibleTo(viewer)} then threads.title end`;
}

/**
 * Everything the community holds about a person, as one JSON document in the documented format:
 * what "My data" shows, with every post, vote, reaction, endorsement, comment, bookmark, draft and
 * notification in full, and the whole consent ledger. Others' words appear only as the titles of
 * threads the person may still see.
 */
export async function buildMemberExport(viewer: Viewer): Promise<string> {
  const visibleTitle = titleIfVisible(viewer);
  const id = viewer.id;
  const [overview, posts, votes, reactions, endorsements, comments, bookmarks, drafts, notes] =
    await Promise.all([
      getMyData(viewer, ""),
      readAll<{ id: string }>(
        (after) => sql`
          select p.id, p.thread_id as "threadId", ${visibleTitle} as "threadTitle",
            threads.kind as "threadKind", p.position, p.created_at as "createdAt",
            p.edited_at as "editedAt", p.deleted_at as "deletedAt", p.moderation,
            p.body_text as text, p.body as document
          from posts p join threads on threads.id = p.thread_id join spaces on spaces.id = threads.space_id
          where p.author_id = ${id} ${after ? sql`and p.id > ${after}` : sql``}
          order by p.id`,
        "id",
      ),
      readAll<{ ideaId: string }>(
        (after) => sql`
          select v.idea_id as "ideaId", ${visibleTitle} as "ideaTitle", v.importance,
            v.added_by_id is not null as "recordedByStaff",
            v.created_at as "createdAt", v.updated_at as "updatedAt"
          from idea_votes v join threads on threads.id = v.idea_id join spaces on spaces.id = threads.space_id
          where v.user_id = ${id} ${after ? sql`and v.idea_id > ${after}` : sql``}
          order by v.idea_id`,
        "ideaId",
      ),
      readAll<{ key: string }>(
        (after) => sql`
          select r.post_id || ':' || r.kind as key, r.post_id as "postId",
            ${visibleTitle} as "threadTitle", r.kind, r.created_at as "createdAt"
          from post_reactions r join posts p on p.id = r.post_id
            join threads on threads.id = p.thread_id join spaces on spaces.id = threads.space_id
          where r.user_id = ${id} ${after ? sql`and r.post_id || ':' || r.kind > ${after}` : sql``}
          order by r.post_id || ':' || r.kind`,
        "key",
      ),
      readAll<{ threadId: string }>(
        (after) => sql`
          select e.thread_id as "threadId", ${visibleTitle} as "proposalTitle", e.reason,
            e.created_at as "createdAt", e.updated_at as "updatedAt"
          from proposal_endorsements e join threads on threads.id = e.thread_id
            join spaces on spaces.id = threads.space_id
          where e.user_id = ${id} ${after ? sql`and e.thread_id > ${after}` : sql``}
          order by e.thread_id`,
        "threadId",
      ),
      readAll<{ id: string }>(
        (after) => sql`
          select c.id, c.thread_id as "threadId", ${visibleTitle} as "proposalTitle", c.section,
            c.body as text, c.created_at as "createdAt"
          from proposal_comments c join threads on threads.id = c.thread_id
            join spaces on spaces.id = threads.space_id
          where c.author_id = ${id} ${after ? sql`and c.id > ${after}` : sql``}
          order by c.id`,
        "id",
      ),
      readAll<{ id: string }>(
        (after) => sql`
          select b.id, b.thread_id as "threadId", ${visibleTitle} as "threadTitle",
            b.post_id as "postId", b.note, b.remind_at as "remindAt", b.created_at as "createdAt"
          from bookmarks b join threads on threads.id = b.thread_id join spaces on spaces.id = threads.space_id
          where b.user_id = ${id} ${after ? sql`and b.id > ${after}` : sql``}
          order by b.id`,
        "id",
      ),
      readAll<{ id: string }>(
        (after) => sql`
          select d.id, d.place, d.thread_kind as "threadKind", d.title, d.body as document,
            d.updated_at as "updatedAt"
          from drafts d where d.user_id = ${id} ${after ? sql`and d.id > ${after}` : sql``}
          order by d.id`,
        "id",
      ),
      readAll<{ id: string }>(
        (after) => sql`
          select n.id, n.kind, n.thread_id as "threadId", n.post_id as "postId",
            n.created_at as "createdAt", n.read_at as "readAt", n.emailed_at as "emailedAt"
          from notifications n where n.user_id = ${id} ${after ? sql`and n.id > ${after}` : sql``}
          order by n.id`,
        "id",
      ),
    ]);
  const consentLedger = await readAll<{ id: string }>(
    (after) => sql`
      select e.id, e.purpose, e.answer, e.version, e.source, e.recorded_at as "recordedAt"
      from consent_events e where e.user_id = ${id} ${after ? sql`and e.id > ${after}` : sql``}
      order by e.id`,
    "id",
  );
  const { person, counts, sessions, signIns, ssoLinks, consents, staffHolds, volunteered } =
    overview;
  const lists = { posts, votes, reactions, endorsements, comments, bookmarks, drafts, notes };
  const truncated = Object.entries(lists)
    .filter(([, rows]) => rows.length >= MAX_ROWS_PER_LIST)
    .map(([name]) => name);
  const document = {
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    generatedAt: new Date().toISOString(),
    truncated,
    profile: {
      displayName: person.displayName,
      handle: person.handle,
      email: person.email,
      bio: person.bio,
      role: person.role,
      joinedAt: person.createdAt,
      lastSeenAt: person.lastSeenAt,
      trustLevel: person.trustLevel,
      showVotes: person.showVotes,
      alumniSince: person.alumniSince,
    },
    account: person.accountName
      ? { name: person.accountName, segment: person.segment, tier: person.tier }
      : null,
    counts,
    posts,
    votes,
    reactions,
    endorsements,
    proposalComments: comments,
    bookmarks,
    drafts,
    notifications: notes,
    consents: consents
      ? { current: consents.states, ledger: consentLedger }
      : { current: [], ledger: [] },
    sessions: sessions.map(({ current: _current, ...session }) => session),
    signIns,
    singleSignOn: ssoLinks,
    volunteeredFields: volunteered,
    heldByStaff: staffHolds,
  };
  return JSON.stringify(document, null, 1);
}
