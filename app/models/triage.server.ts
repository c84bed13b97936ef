import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { posts, threads, triageStates, worthALookFlags, type TRIAGE_KINDS } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { recordAuditEvents } from "./audit.server";
import { linkEvidence, requireStaffOwner } from "./backlog.server";
import { requirePostingAllowed } from "./posting-check.server";
import { tagThreads } from "./tag.server";
import { Refusal } from "./refusal.server";
import type { CONTENT_MODERATION_STATES } from "#db/schema/values";

export type TriageKind = (typeof TRIAGE_KINDS)[number];

/** Staff (and admins) triage; nobody else learns the inbox exists. */
export function mayTriage(viewer: Viewer) {
  return can(viewer, "triage:inbox:any");
}

function requireTriage(viewer: Viewer) {
  if (!mayTriage(viewer)) throw new Refusal("The triage inbox is for staff.", 403);
}

/** The inbox looks back this far: older entries are history, not triage. */
export const INBOX_WINDOW_DAYS = 90;
export const INBOX_PAGE_SIZE = 50;
/** One bulk action changes at most this many entries. */
export const TRIAGE_BULK_MAX = 100;

/**
 * Everything that asks for staff's attention, as rows (entry_key, kind, thread_id, post_id, at,
 * note, flagged_by_id): new ideas and insights, proposals opened for feedback, corrections to
 * learnings not yet taken in, and posts staff flagged "worth a look".
 */
const inboxEntries = sql`
  select 'thread:' || t.id as entry_key, t.kind::text as kind, t.id as thread_id,
    t.space_id, null::uuid as post_id, t.created_at as at, null::text as note,
    null::uuid as flagged_by_id
  from threads t
  where t.kind in ('idea', 'insight')
    and t.created_at > now() - make_interval(days => ${INBOX_WINDOW_DAYS})
  union all
  select 'thread:' || p.thread_id, 'proposal', p.thread_id, t.space_id, null, opened.at, null,
    null
  from proposals p
  join threads t on t.id = p.thread_id
  cross join lateral (
    select coalesce(min(sc.created_at), p.stage_changed_at) as at from proposal_stage_changes sc
    where sc.thread_id = p.thread_id and sc.to_stage = 'open'
  ) opened
  where p.stage <> 'draft' and opened.at > now() - make_interval(days => ${INBOX_WINDOW_DAYS})
  union all
  select 'post:' || c.post_id, 'correction', c.learning_id, t.space_id, c.post_id, c.created_at,
    null, null
  from learning_corrections c
  join threads t on t.id = c.learning_id
  where c.accepted_at is null
    and c.created_at > now() - make_interval(days => ${INBOX_WINDOW_DAYS})
  union all
  select 'post:' || w.post_id, 'worth_a_look', w.thread_id, t.space_id, w.post_id, w.created_at,
    w.note, w.flagged_by_id
  from worth_a_look_flags w
  join threads t on t.id = w.thread_id
  where w.created_at > now() - make_interval(days => ${INBOX_WINDOW_DAYS})`;

/** The entries with their triage state (owner, review) as columns. */
const withState = sql`
  select entries.*, ts.owner_id, ts.reviewed_at, ts.reviewed_by_id
  from (${inboxEntries}) entries
    left join triage_states ts on ts.entry_key = entries.entry_key`;

export type InboxQuery = {
  show: "open" | "mine" | "reviewed";
  kind?: TriageKind;
  spaceId?: string;
  page: number;
};

export type InboxEntry = {
  key: string;
  kind: TriageKind;
  at: string;
  threadId: string;
  postId: string;
  postPosition: number;
  threadTitle: string;
  spaceName: string;
  spaceSlug: string;
  preview: string;
  authorName: string | null;
  accountName: string | null;
  tier: "top1" | "top10" | "rest" | null;
  ownerId: string | null;
  ownerName: string | null;
  reviewedAt: string | null;
  reviewedByName: string | null;
  note: string | null;
  flaggedByName: string | null;
  moderation: (typeof CONTENT_MODERATION_STATES)[number] | null;
};

/**
 * One page of the inbox, with counts of what is still open per kind and per space: three
 * queries whatever its length.
 */
export async function listInbox(viewer: Viewer, query: InboxQuery) {
  requireTriage(viewer);
  // Over the entries with their triage state as columns (`withState`).
  const shown: SQL =
    query.show === "reviewed"
      ? sql`e.reviewed_at is not null`
      : query.show === "mine"
        ? sql`e.reviewed_at is null and e.owner_id = ${viewer.id}`
        : sql`e.reviewed_at is null`;
  const filters = sql.join(
    [
      shown,
      query.kind ? sql`e.kind = ${query.kind}` : sql`true`,
      query.spaceId ? sql`e.space_id = ${query.spaceId}` : sql`true`,
    ],
    sql` and `,
  );
  const pageOrder =
    query.show === "reviewed" ? sql`e.reviewed_at desc, e.entry_key` : sql`e.at desc, e.entry_key`;
  const [rows, [summary]] = await Promise.all([
    // The page's entries are chosen first, then only they are joined to what the page shows.
    db.execute<Record<string, unknown>>(sql`
      with e as (${withState}),
      chosen as (
        select * from e where ${filters}
        order by ${pageOrder}
        limit ${INBOX_PAGE_SIZE} offset ${(query.page - 1) * INBOX_PAGE_SIZE}
      )
      select e.entry_key as key, e.kind, e.at, e.thread_id as "threadId", p.id as "postId",
        p.position as "postPosition", t.title as "threadTitle", s.name as "spaceName",
        s.slug as "spaceSlug", left(p.body_text, 280) as preview, p.moderation,
        author.display_name as "authorName", a.name as "accountName", at.tier,
        e.owner_id as "ownerId", owner.display_name as "ownerName",
        e.reviewed_at as "reviewedAt", reviewer.display_name as "reviewedByName",
        e.note, flagger.display_name as "flaggedByName"
      from chosen e
        join threads t on t.id = e.thread_id
        join spaces s on s.id = t.space_id
        join posts p on p.id = coalesce(e.post_id,
          (select op.id from posts op where op.thread_id = e.thread_id and op.position = 1))
        left join users author on author.id = p.author_id
        left join accounts a on a.id = author.account_id
        left join account_tiers at on at.account_id = a.id
        left join users owner on owner.id = e.owner_id
        left join users reviewer on reviewer.id = e.reviewed_by_id
        left join users flagger on flagger.id = e.flagged_by_id
      order by ${pageOrder}`),
    // The total and the counts in one pass over the entries (the CTE is read three times, so
    // PostgreSQL computes it once).
    db.execute<{
      total: number;
      by_kind: { kind: TriageKind; open: number }[] | null;
      by_space: { id: string; name: string; open: number }[] | null;
      last_reviewed_at: string | null;
    }>(sql`
      with e as (${withState})
      select
        (select count(*)::int from e where ${filters}) as total,
        (select max(reviewed_at) from triage_states where reviewed_by_id = ${viewer.id})
          as last_reviewed_at,
        (select jsonb_agg(jsonb_build_object('kind', kind, 'open', open)) from (
          select kind, count(*)::int as open from e where reviewed_at is null group by kind) k
        ) as by_kind,
        (select jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'open', open)) from (
          select space_id, count(*)::int as open from e where reviewed_at is null group by space_id) c
          join spaces s on s.id = c.space_id
        ) as by_space`),
  ]);
  const byKind: Partial<Record<TriageKind, number>> = {};
  for (const row of summary.by_kind ?? []) byKind[row.kind] = row.open;
  const bySpace = (summary.by_space ?? []).sort((a, b) => a.name.localeCompare(b.name));
  const total = summary.total;
  return {
    entries: rows as unknown as InboxEntry[],
    total,
    byKind,
    bySpace,
    // What arrived after this staff member's own latest review is new to them.
    lastReviewedAt: summary.last_reviewed_at,
  };
}

type EntryRef = { key: string; threadId: string; postId: string | null; title: string };

/** What a triage change did: how many entries, and the one entry's title when it was one. */
export type TriageChange = { count: number; title: string | null };

/**
 * Reads "thread:<id>" / "post:<id>" keys into what they point at, with the thread's title for
 * saying what was done (posts resolved in one query).
 */
async function resolveEntries(keys: string[]): Promise<EntryRef[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) throw new Refusal("Select at least one entry.", 400, "entries");
  if (unique.length > TRIAGE_BULK_MAX) {
    throw new Refusal(`Select at most ${TRIAGE_BULK_MAX} entries at once.`, 400, "entries");
  }
  const ids = (prefix: string) =>
    unique.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  const [postIds, threadIds] = [ids("post:"), ids("thread:")];
  const [foundPosts, foundThreads] = await Promise.all([
    postIds.length
      ? db
          .select({ id: posts.id, threadId: posts.threadId, title: threads.title })
          .from(posts)
          .innerJoin(threads, eq(threads.id, posts.threadId))
          .where(inArray(posts.id, postIds))
      : [],
    threadIds.length
      ? db
          .select({ id: threads.id, title: threads.title })
          .from(threads)
          .where(inArray(threads.id, threadIds))
      : [],
  ]);
  const entries: EntryRef[] = [
    ...foundThreads.map((thread) => ({
      key: `thread:${thread.id}`,
      threadId: thread.id,
      postId: null,
      title: thread.title,
    })),
    ...foundPosts.map((post) => ({
      key: `post:${post.id}`,
      threadId: post.threadId,
      postId: post.id,
      title: post.title,
    })),
  ];
  if (entries.length === 0) throw new Refusal("Those entries aren't there any more.", 404);
  return entries;
}

/** Marks entries reviewed (or open again), or gives them an owner, in one statement. */
export async function updateTriage(
  actor: Viewer,
  keys: string[],
  change: { reviewed: boolean } | { ownerId: string | null },
): Promise<TriageChange> {
  requireTriage(actor);
  if ("ownerId" in change) await requireStaffOwner(change.ownerId);
  const entries = await resolveEntries(keys);
  const now = new Date();
  const set =
    "reviewed" in change
      ? {
          reviewedAt: change.reviewed ? now : null,
          reviewedById: change.reviewed ? actor.id : null,
        }
      : { ownerId: change.ownerId };
  await db.transaction(async (tx) => {
    await tx
      .insert(triageStates)
      .values(
        entries.map((entry) => ({
          entryKey: entry.key,
          threadId: entry.threadId,
          postId: entry.postId,
          ...set,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: triageStates.entryKey,
        set:
          "reviewed" in change
            ? {
                reviewedAt: sql`excluded.reviewed_at`,
                reviewedById: sql`excluded.reviewed_by_id`,
                updatedAt: now,
              }
            : { ownerId: sql`excluded.owner_id`, updatedAt: now },
      });
    await recordAuditEvents(
      entries.map((entry) => ({
        actorId: actor.id,
        action: "reviewed" in change ? "triage.reviewed" : "triage.assigned",
        targetType: "triage",
        targetId: entry.key,
        details: change,
      })),
      tx,
    );
  });
  return { count: entries.length, title: entries.length === 1 ? entries[0].title : null };
}

/** The acting staff member takes the entries on as their owner ("assign to me"). */
export function takeTriage(actor: Viewer, keys: string[]) {
  return updateTriage(actor, keys, { ownerId: actor.id });
}

/** Tags the threads of the selected entries (each thread once). */
export async function tagEntries(actor: Viewer, keys: string[], tagName: string) {
  requireTriage(actor);
  if (!can(actor, "tag:thread:any")) throw new Refusal("You can't tag threads.", 403);
  const entries = await resolveEntries(keys);
  const threadIds = [...new Set(entries.map((entry) => entry.threadId))];
  const tag = await tagThreads(actor, threadIds, tagName);
  return { tagName: tag.name, threads: threadIds.length };
}

/**
 * Links the selected entries to a backlog item: a thread entry as its whole thread, a post
 * entry as that post. Already-linked ones are skipped, not an error.
 */
export async function linkEntries(actor: Viewer, keys: string[], itemId: string) {
  requireTriage(actor);
  const entries = await resolveEntries(keys);
  return linkEvidence(
    actor,
    itemId,
    entries.map((entry) =>
      entry.postId ? { postId: entry.postId } : { threadId: entry.threadId },
    ),
  );
}

/** Staff flag a post for the team's attention; flagging again updates the note. */
export async function flagWorthALook(actor: Viewer, postId: string, note: string) {
  requireTriage(actor);
  const [post] = await db
    .select({ id: posts.id, threadId: posts.threadId })
    .from(posts)
    .where(sql`${posts.id} = ${postId} and ${posts.deletedAt} is null`);
  if (!post) throw new Refusal("That post isn't there.", 404);
  // A staff note, checked as internal notes are (silence, blocked words, the team's rate).
  await requirePostingAllowed(
    actor,
    { action: "comment", text: note, noun: "note", held: "pass" },
    (refusal) => new Refusal(refusal.message, refusal.status),
  );
  await db
    .insert(worthALookFlags)
    .values({ postId, threadId: post.threadId, flaggedById: actor.id, note })
    .onConflictDoUpdate({
      target: worthALookFlags.postId,
      set: { note, flaggedById: actor.id },
    });
}

/** How many inbox entries nobody has reviewed yet: the staff home page's first question. */
export async function countOpenTriage(viewer: Viewer) {
  if (!mayTriage(viewer)) return null;
  const [row] = await db.execute<{ open: number }>(sql`
    with e as (${withState})
    select count(*)::int as open from e where e.reviewed_at is null`);
  return row.open;
}
