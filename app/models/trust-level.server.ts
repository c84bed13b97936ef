import { sql, type SQL } from "drizzle-orm";
import {
  moderationNotices,
  postReactions,
  posts,
  threadReads,
  users,
  userVisitDays,
} from "#db/schema";
import { rolesWith } from "~/auth/policy.server";
import { db } from "~/db.server";
import {
  HELPFUL_REACTION_KINDS,
  RECENT_MODERATION_DAYS,
  TRUST_LEVEL_RULES,
  type TrustFigures,
  type TrustLevel,
} from "~/utils/trust-levels";

export { TRUST_LEVEL_NAMES, TRUST_LEVEL_RULES } from "~/utils/trust-levels";

// Moderators, staff and admins hold their level by hand: the people who moderate aren't measured
// by moderation, and their posting limits come with their role.
const computedRoles = sql`${users.role} not in ${rolesWith("moderate:content:any")}`;

const recentWindow = sql`now() - make_interval(days => ${RECENT_MODERATION_DAYS})`;

/**
 * One row per person in `scope` with the figures their level is earned from, as aggregate CTEs
 * (each table read once, grouped), ending in `figures`. Column names are the SQL spelling of
 * `TrustFigures`.
 */
function figuresCtes(scope: SQL) {
  return sql`
    people as (
      select ${users.id} as id, ${users.createdAt} as created_at, ${users.trustLevel} as trust_level,
        ${users.status} as status, ${users.silencedAt} as silenced_at,
        ${users.silencedUntil} as silenced_until
      from ${users} where ${scope}
    ),
    visits as (
      select ${userVisitDays.userId} as user_id, count(*)::int as n from ${userVisitDays}
      where ${userVisitDays.userId} in (select id from people) group by 1
    ),
    reads as (
      select ${threadReads.userId} as user_id, sum(${threadReads.lastReadPosition})::int as n
      from ${threadReads}
      where ${threadReads.userId} in (select id from people) group by 1
    ),
    replies as (
      select ${posts.authorId} as user_id, count(*)::int as n from ${posts}
      where ${posts.authorId} in (select id from people) and ${posts.position} > 1
        and ${posts.deletedAt} is null and ${posts.moderation} is null
      group by 1
    ),
    helpful as (
      select ${posts.authorId} as user_id, count(*)::int as n
      from ${postReactions} join ${posts} on ${posts.id} = ${postReactions.postId}
      where ${posts.authorId} in (select id from people)
        and ${postReactions.userId} <> ${posts.authorId}
        and ${postReactions.kind} in ${[...HELPFUL_REACTION_KINDS]}
        and ${posts.deletedAt} is null and ${posts.moderation} is null
      group by 1
    ),
    moderated as (
      select ${posts.authorId} as user_id from ${posts}
      where ${posts.authorId} in (select id from people)
        and ${posts.moderation} in ('hidden', 'removed') and ${posts.moderatedAt} > ${recentWindow}
      union
      -- A thread moved to a better space is housekeeping, not a mark against its author.
      select ${moderationNotices.userId} from ${moderationNotices}
      where ${moderationNotices.userId} in (select id from people)
        and ${moderationNotices.action} not in ('moved', 'merged') and ${moderationNotices.createdAt} > ${recentWindow}
    ),
    figures as (
      select p.id, p.trust_level,
        coalesce(visits.n, 0) as days_visited,
        coalesce(reads.n, 0) as posts_read,
        coalesce(replies.n, 0) as replies,
        coalesce(helpful.n, 0) as helpful_reactions_received,
        floor(extract(epoch from now() - p.created_at) / 86400)::int as days_since_joining,
        (
          moderated.user_id is not null
          or p.status <> 'active'
          -- Silenced now, or at any time in the window.
          or (p.silenced_at is not null and (p.silenced_until is null
            or p.silenced_until > ${recentWindow}))
        ) as recently_moderated
      from people p
      left join visits on visits.user_id = p.id
      left join reads on reads.user_id = p.id
      left join replies on replies.user_id = p.id
      left join helpful on helpful.user_id = p.id
      left join (select distinct user_id from moderated) moderated on moderated.user_id = p.id
    )`;
}

/**
 * The level `figures` (a row of the CTE above) earns: the highest whose requirements, and every
 * lower level's, all hold. Built from `TRUST_LEVEL_RULES`, so the rules live in one place.
 */
function earnedLevelSql(): SQL {
  const meets = (level: TrustLevel) =>
    sql.join(
      TRUST_LEVEL_RULES.filter((rule) => rule.level <= level).map(
        ({ requires }) =>
          sql`(f.days_visited >= ${requires.daysVisited}
            and f.posts_read >= ${requires.postsRead}
            and f.replies >= ${requires.replies}
            and f.helpful_reactions_received >= ${requires.helpfulReactionsReceived}
            and f.days_since_joining >= ${requires.daysSinceJoining}
            ${requires.noRecentModeration ? sql`and not f.recently_moderated` : sql``})`,
      ),
      sql` and `,
    );
  const levels = [...TRUST_LEVEL_RULES]
    .filter((rule) => rule.level > 0)
    .sort((a, b) => b.level - a.level);
  return sql`(case ${sql.join(
    levels.map((rule) => sql`when ${meets(rule.level)} then ${sql.raw(String(rule.level))}`),
    sql` `,
  )} else 0 end)::smallint`;
}

/**
 * Sets every member's trust level to the one their figures earn, in one statement, touching only
 * the rows whose level changes. Moderators, staff and admins keep theirs. Run hourly by the job
 * queue.
 */
export async function recalculateTrustLevels(): Promise<{ changed: number }> {
  const result = await db.execute(sql`
    with ${figuresCtes(computedRoles)},
    earned as (select f.id, ${earnedLevelSql()} as level from figures f)
    update ${users} set trust_level = earned.level
    from earned
    where ${users.id} = earned.id and ${users.trustLevel} <> earned.level`);
  return { changed: result.count };
}

export type TrustProgress = TrustFigures & {
  trustLevel: TrustLevel;
  /** What the figures earn now; the hourly job moves `trustLevel` to it (members only). */
  earnedLevel: TrustLevel;
  /** False for moderators, staff and admins, whose level the job leaves alone. */
  computed: boolean;
};

/** A person's trust figures and level, for moderators on their profile; null if no such person. */
export async function getTrustProgress(userId: string): Promise<TrustProgress | null> {
  const [row] = await db.execute<{
    trust_level: number;
    earned_level: number;
    computed: boolean;
    days_visited: number;
    posts_read: number;
    replies: number;
    helpful_reactions_received: number;
    days_since_joining: number;
    recently_moderated: boolean;
  }>(sql`
    with ${figuresCtes(sql`${users.id} = ${userId}`)}
    select f.*, ${earnedLevelSql()} as earned_level,
      exists (select from ${users} where ${users.id} = f.id and ${computedRoles}) as computed
    from figures f`);
  if (!row) return null;
  return {
    trustLevel: row.trust_level as TrustLevel,
    earnedLevel: row.earned_level as TrustLevel,
    computed: row.computed,
    daysVisited: row.days_visited,
    postsRead: row.posts_read,
    replies: row.replies,
    helpfulReactionsReceived: row.helpful_reactions_received,
    daysSinceJoining: row.days_since_joining,
    recentlyModerated: row.recently_moderated,
  };
}
