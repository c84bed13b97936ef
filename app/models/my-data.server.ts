import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { accounts, accountTiers, posts, spaces, threads, users, type ValueTier } from "#db/schema";
import { listSessionsOf } from "~/auth/session.server";
import { listSsoLinksOf } from "~/auth/sso-account.server";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { getMyConsents } from "./consent.server";
import { listMyProfileFields } from "./profile-field.server";
import { listSignIns } from "./sign-in-history.server";
import { threadVisibleTo } from "./space-access.server";

export const RECENT_POSTS_LISTED = 10;

/**
 * Everything the community holds about the signed-in person, as "My data" shows it: their
 * profile and account (with its tier: their own data), how much of each kind of thing they made,
 * their latest posts, sessions, sign-ins, consents, and what staff hold about them. A fixed set of
 * queries however much they wrote; only ever for the person themselves (the id is the viewer's).
 */
export async function getMyData(viewer: Viewer, currentSessionId: string) {
  const [[person], counts, recentPosts, sessions, signIns, consents, staffHolds, fields, ssoLinks] =
    await Promise.all([
      db
        .select({
          displayName: users.displayName,
          handle: users.handle,
          email: users.email,
          bio: users.bio,
          role: users.role,
          createdAt: users.createdAt,
          lastSeenAt: users.lastSeenAt,
          trustLevel: users.trustLevel,
          showVotes: users.showVotes,
          alumniSince: users.alumniSince,
          accountName: accounts.name,
          segment: accounts.segment,
          tier: sql<ValueTier | null>`case when ${accounts.id} is not null then coalesce(${accountTiers.tier}, 'rest') end`,
        })
        .from(users)
        .leftJoin(accounts, eq(accounts.id, users.accountId))
        .leftJoin(accountTiers, eq(accountTiers.accountId, users.accountId))
        .where(eq(users.id, viewer.id)),
      countWhatTheyMade(viewer.id),
      db
        .select({
          id: posts.id,
          threadId: posts.threadId,
          // Only where they may still see the thread (its title is others' words too).
          threadTitle: sql<
            string | null
          >`case when ${threadVisibleTo(viewer)} then ${threads.title} end`,
          opening: sql<boolean>`${posts.position} = 1`,
          createdAt: posts.createdAt,
        })
        .from(posts)
        .innerJoin(threads, eq(threads.id, posts.threadId))
        .innerJoin(spaces, eq(spaces.id, threads.spaceId))
        .where(and(eq(posts.authorId, viewer.id), isNull(posts.deletedAt)))
        .orderBy(desc(posts.createdAt))
        .limit(RECENT_POSTS_LISTED),
      listSessionsOf(viewer.id, currentSessionId),
      listSignIns(viewer.id),
      getMyConsents(viewer),
      countWhatStaffHold(viewer),
      listMyProfileFields(viewer),
      listSsoLinksOf(viewer.id),
    ]);
  const volunteered = fields.flatMap((field) =>
    field.value === null
      ? []
      : [
          {
            label: field.label,
            value: field.value,
            visibility: field.visibility!,
            updatedAt: field.updatedAt!,
          },
        ],
  );
  return {
    person,
    counts,
    recentPosts,
    sessions,
    signIns,
    ssoLinks,
    consents,
    staffHolds,
    volunteered,
  };
}

async function countWhatTheyMade(userId: string) {
  const [row] = await db.execute<{
    threads: number;
    replies: number;
    votes: number;
    reactions: number;
    proposals: number;
    endorsements: number;
    comments: number;
    confirmations: number;
    bookmarks: number;
    drafts: number;
    watches: number;
    notifications: number;
    flags: number;
  }>(sql`
    select
      (select count(*)::int from posts where author_id = ${userId} and deleted_at is null
        and position = 1) as threads,
      (select count(*)::int from posts where author_id = ${userId} and deleted_at is null
        and position > 1) as replies,
      (select count(*)::int from idea_votes where user_id = ${userId}) as votes,
      (select count(*)::int from post_reactions where user_id = ${userId}) as reactions,
      (select count(*)::int from proposal_coauthors where user_id = ${userId}
        and status = 'accepted') as proposals,
      (select count(*)::int from proposal_endorsements where user_id = ${userId}) as endorsements,
      (select count(*)::int from proposal_comments where author_id = ${userId}) as comments,
      (select count(*)::int from learning_confirmations where user_id = ${userId}) as confirmations,
      (select count(*)::int from bookmarks where user_id = ${userId}) as bookmarks,
      (select count(*)::int from drafts where user_id = ${userId}) as drafts,
      (select count(*)::int from thread_watches where user_id = ${userId}) as watches,
      (select count(*)::int from notifications where user_id = ${userId}) as notifications,
      (select count(*)::int from flags where flagger_id = ${userId}) as flags`);
  return row;
}

/**
 * What staff hold about the person beyond what they wrote, as counts and facts (never the staff's
 * words): their account's value data, votes staff recorded for them, notes about their account,
 * whether the lapsed list names them, their place in the influence ranking, moderation notices.
 */
async function countWhatStaffHold(viewer: Viewer) {
  const [row] = await db.execute<{
    value_snapshots: number;
    proxy_votes: number;
    account_notes: number;
    lapsed: boolean;
    influence_ranked: boolean;
    notices: number;
  }>(sql`
    select
      (select count(*)::int from account_snapshots
        where account_id = ${viewer.accountId}) as value_snapshots,
      (select count(*)::int from idea_votes where user_id = ${viewer.id}
        and added_by_id is not null) as proxy_votes,
      (select count(*)::int from internal_notes
        where account_id = ${viewer.accountId}) as account_notes,
      exists (select 1 from lapsed_entries where user_id = ${viewer.id} and active) as lapsed,
      exists (select 1 from member_influence mi
        join influence_runs r on r.id = mi.run_id and r.completed_at is not null
        where mi.user_id = ${viewer.id}) as influence_ranked,
      (select count(*)::int from moderation_notices where user_id = ${viewer.id}) as notices`);
  return row;
}
