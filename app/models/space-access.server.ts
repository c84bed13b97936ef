import { Column, is, sql, type SQL } from "drizzle-orm";
import {
  accountTiers,
  moderationNotices,
  posts,
  proposalCoauthors,
  proposals,
  spaceMembers,
  spaces,
  threads,
  users,
} from "#db/schema";
import { can, rolesWith, type Viewer } from "~/auth/policy.server";

type Person = { id: SQL; role: SQL; accountId: SQL };

/**
 * The one rule for who sees a space, as SQL over the `spaces` table, for a person given as SQL
 * expressions, so lists, counts, search and notification recipients are all filtered inside the
 * database by the same words. Seeing a space also means posting in it. Staff and admins see all.
 */
function visibleToPerson(person: Person): SQL {
  return sql`(
    ${person.role} in ${rolesWith("read:space:any")}
    or ${spaces.visibility} = 'members'
    or (${spaces.visibility} = 'tier' and exists (
      select 1 from ${accountTiers}
      where ${accountTiers.accountId} = ${person.accountId}
        and (${accountTiers.tier} = 'top1' or (${spaces.minTier} = 'top10' and ${accountTiers.tier} = 'top10'))
    ))
    or (${spaces.visibility} = 'private' and exists (
      select 1 from ${spaceMembers}
      where ${spaceMembers.spaceId} = ${spaces.id} and ${spaceMembers.userId} = ${person.id}
    ))
  )`;
}

export function spaceVisibleTo(viewer: Viewer): SQL {
  if (can(viewer, "read:space:any")) return sql`true`;
  return visibleToPerson({
    id: sql`${viewer.id}::uuid`,
    role: sql`${viewer.role}::user_role`,
    accountId: sql`${viewer.accountId}::uuid`,
  });
}

/** The same rule for every row of `users` in the query (e.g. choosing who to notify). */
export function spaceVisibleToUsersRow(): SQL {
  return visibleToPerson({
    id: sql`${users.id}`,
    role: sql`${users.role}`,
    accountId: sql`${users.accountId}`,
  });
}

/**
 * A draft proposal is seen only by its co-authors (invited ones too, to decide) and staff, as SQL
 * over the `threads` table for a person given as SQL: every other thread passes.
 */
function draftVisibleToPerson(person: Person): SQL {
  return sql`(
    ${threads.kind} <> 'proposal'
    or ${person.role} in ${rolesWith("read:draft-proposal:any")}
    or not exists (
      select 1 from ${proposals}
      where ${proposals.threadId} = ${threads.id} and ${proposals.stage} = 'draft'
        and not exists (
          select 1 from ${proposalCoauthors}
          where ${proposalCoauthors.threadId} = ${proposals.threadId}
            and ${proposalCoauthors.userId} = ${person.id}
            and ${proposalCoauthors.status} in ('invited', 'accepted')
        )
    )
  )`;
}

/**
 * Who sees a thread (and its posts): whoever sees its space, except that a draft proposal is
 * its co-authors' and staff's alone. Needs `threads` and `spaces` in the query.
 */
export function threadVisibleTo(viewer: Viewer): SQL {
  // A merged thread's posts live in the thread it went into; its own row only redirects there.
  const notMerged = sql`${threads.mergedIntoId} is null`;
  if (can(viewer, "read:space:any") && can(viewer, "read:draft-proposal:any")) return notMerged;
  return sql`(${notMerged} and ${spaceVisibleTo(viewer)} and ${draftVisibleToPerson({
    id: sql`${viewer.id}::uuid`,
    role: sql`${viewer.role}::user_role`,
    accountId: sql`${viewer.accountId}::uuid`,
  })} and ${moderatedThreadVisibleTo(viewer)})`;
}

/**
 * Whether the thread with this id passes `threadVisibleTo`, for a query that names a thread it
 * does not list (a proposal's source idea, a backlog contribution): `threadId` is a column of
 * another table or an alias, never of `threads` itself, which the subquery shadows.
 */
export function threadIdVisibleTo(viewer: Viewer, threadId: SQL | Column): SQL {
  refuseShadowedColumn(threadId);
  return sql`exists (select 1 from ${threads} join ${spaces} on ${spaces.id} = ${threads.spaceId}
    where ${threads.id} = ${threadId} and ${threadVisibleTo(viewer)})`;
}

/**
 * Whether the post with this id is shown to the viewer (its thread visible, the post itself not
 * moderated away from them), for a query that names a post it does not list.
 */
export function postIdShownTo(viewer: Viewer, postId: SQL | Column): SQL {
  refuseShadowedColumn(postId);
  return sql`exists (select 1 from ${posts} join ${threads} on ${threads.id} = ${posts.threadId}
    join ${spaces} on ${spaces.id} = ${threads.spaceId}
    where ${posts.id} = ${postId} and ${threadVisibleTo(viewer)} and ${postShownTo(viewer)})`;
}

/** The same for every row of `users` in the query: would this post reach them? */
export function postIdShownToUsersRow(postId: SQL | Column): SQL {
  refuseShadowedColumn(postId);
  return sql`exists (select 1 from ${posts} join ${threads} on ${threads.id} = ${posts.threadId}
    join ${spaces} on ${spaces.id} = ${threads.spaceId}
    where ${posts.id} = ${postId} and ${posts.moderation} is null and ${threadVisibleToUsersRow()})`;
}

/** Inside the subqueries above, `threads`, `spaces` and `posts` name their own rows. */
function refuseShadowedColumn(id: SQL | Column) {
  if (is(id, Column) && [threads, spaces, posts].some((table) => id.table === table)) {
    throw new Error("Pass a column of another table (or an alias): this one would be shadowed.");
  }
}

/**
 * Whether the viewer may read a record about a thread (a log entry, a moderation notice): the
 * thread passes the thread rule; or it has since been merged, and both the thread it went into
 * and its own space pass (so no title leaks from a space the viewer can't see). False for a
 * thread that no longer exists. `threadId` as for `threadIdVisibleTo`.
 */
export function threadRecordVisibleTo(viewer: Viewer, threadId: SQL | Column): SQL {
  refuseShadowedColumn(threadId);
  if (can(viewer, "read:space:any") && can(viewer, "read:draft-proposal:any")) return sql`true`;
  return sql`exists (select 1 from threads record where record.id = ${threadId} and (
    (record.merged_into_id is null and ${threadIdVisibleTo(viewer, sql`record.id`)})
    or (record.merged_into_id is not null
      and ${threadIdVisibleTo(viewer, sql`record.merged_into_id`)}
      and exists (select 1 from ${spaces}
        where ${spaces.id} = record.space_id and ${spaceVisibleTo(viewer)}))))`;
}

/**
 * The one rule for who reads a moderation notice (what it was about, the reason, the appeal):
 * the person it was sent to; and moderators, as far as they see the thread it is about (see
 * `threadRecordVisibleTo`), while a notice about no thread (a silence, a suspension) is all
 * moderators'. Needs `moderation_notices` in the query.
 */
export function noticeShownTo(viewer: Viewer): SQL {
  const own = sql`${moderationNotices.userId} = ${viewer.id}::uuid`;
  if (!can(viewer, "moderate:content:any")) return own;
  // As SQL, not the column: this rule is read inside subqueries over moderation_notices.
  const threadId = sql`${moderationNotices.threadId}`;
  return sql`(${own} or ${threadId} is null or ${threadRecordVisibleTo(viewer, threadId)})`;
}

/**
 * A thread whose opening post is held, hidden or removed is out of every list, search and feed
 * except for moderators and (unless removed) its author, who is told why on the page.
 */
function moderatedThreadVisibleTo(viewer: Viewer): SQL {
  if (can(viewer, "moderate:content:any")) return sql`true`;
  return sql`(${threads.moderation} is null or (${threads.authorId} = ${viewer.id}::uuid and ${threads.moderation} <> 'removed'))`;
}

/** The same for one post inside a visible thread; needs `posts` in the query. */
export function postShownTo(viewer: Viewer): SQL {
  if (can(viewer, "moderate:content:any")) return sql`true`;
  return sql`(${posts.moderation} is null or (${posts.authorId} = ${viewer.id}::uuid and ${posts.moderation} <> 'removed'))`;
}

/** Whether a post's words are shown to this viewer, for rows already read (same rule as above). */
export function isPostShownTo(
  viewer: Viewer,
  post: { authorId: string | null; moderation: string | null },
): boolean {
  if (post.moderation === null || can(viewer, "moderate:content:any")) return true;
  return post.authorId === viewer.id && post.moderation !== "removed";
}

/**
 * The thread rule for a thread being opened in the space in `spaces` (it has no row yet), for
 * every row of `users`: whoever sees the space. Not for a proposal, born a draft that only its
 * co-authors and staff read; a new discussion, idea, insight or learning has no draft stage, no
 * moderation yet and no merge, so its space's rule is all of its rule.
 */
export function openingThreadVisibleToUsersRow(): SQL {
  return spaceVisibleToUsersRow();
}

/** The same rule for every row of `users` in the query (choosing who to notify or email). */
export function threadVisibleToUsersRow(): SQL {
  const person = {
    id: sql`${users.id}`,
    role: sql`${users.role}`,
    accountId: sql`${users.accountId}`,
  };
  // Nobody is told about held, hidden or removed content; approving held content tells them then.
  return sql`(${visibleToPerson(person)} and ${draftVisibleToPerson(person)} and ${threads.moderation} is null and ${threads.mergedIntoId} is null)`;
}
