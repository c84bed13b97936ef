import { sql } from "drizzle-orm";
import { VALUE_TIERS, type ValueTier } from "#db/schema";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { requireAccountReader } from "./account-profile.server";

/**
 * The top 1%, the top 10% and the rest of accounts side by side on how their people take part:
 * members per account, the share active lately, what they do per member per month, how many
 * stay active month after month (retention), and in which months of the year (seasonality).
 * Read from the per-account activity the hourly job keeps (account-activity.server.ts), grouped
 * by each account's live tier: three queries whatever the number of accounts.
 */

/** Rates per member per month are averaged over this many complete months. */
export const RATE_MONTHS = 6;
export const RETENTION_MONTHS = 6;
export const ACTIVITY_KINDS = ["posts", "ideas", "replies", "votes"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export type GroupSummary = {
  tier: ValueTier;
  accounts: number;
  members: number;
  membersPerAccount: number;
  active30Share: number;
  active90Share: number;
  /** Per member per month, over the last RATE_MONTHS complete months. */
  rates: Record<ActivityKind, number>;
};

export type GroupComparison = {
  summaries: GroupSummary[];
  /** The last RETENTION_MONTHS complete months, oldest first, and each group's share active in each. */
  retention: { months: string[]; shares: Record<ValueTier, number[]> };
  /** Actions (posts, ideas, replies, votes, reactions) per member in each month of the year, Jan–Dec. */
  seasonality: Record<ValueTier, number[]>;
  computedAt: string | null;
};

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

export async function compareValueGroups(viewer: Viewer): Promise<GroupComparison> {
  requireAccountReader(viewer);
  const [summaryRows, monthRows, seasonRows] = await Promise.all([
    db.execute<{
      tier: ValueTier;
      accounts: number;
      members: number;
      active_30: number;
      active_90: number;
      computed_at: string | null;
    }>(sql`
      select t.tier, count(*)::int as accounts, coalesce(sum(r.members), 0)::int as members,
        coalesce(sum(r.active_30), 0)::int as active_30,
        coalesce(sum(r.active_90), 0)::int as active_90, max(r.computed_at) as computed_at
      from account_tiers t left join account_activity_recent r on r.account_id = t.account_id
      group by t.tier`),
    db.execute<{
      tier: ValueTier;
      month: string;
      active_members: number;
      posts: number;
      ideas: number;
      replies: number;
      votes: number;
    }>(sql`
      select t.tier, to_char(m.month, 'YYYY-MM') as month,
        sum(m.active_members)::int as active_members, sum(m.posts)::int as posts,
        sum(m.ideas)::int as ideas, sum(m.replies)::int as replies, sum(m.votes)::int as votes
      from account_activity_months m join account_tiers t on t.account_id = m.account_id
      where m.month >= (date_trunc('month', now()) - make_interval(months => ${RATE_MONTHS}))::date
        and m.month < date_trunc('month', now())::date
      group by t.tier, m.month`),
    db.execute<{ tier: ValueTier; month_of_year: number; actions: number }>(sql`
      select t.tier, extract(month from m.month)::int as month_of_year,
        sum(m.posts + m.ideas + m.replies + m.votes + m.reactions)::int as actions
      from account_activity_months m join account_tiers t on t.account_id = m.account_id
      group by t.tier, extract(month from m.month)`),
  ]);

  const months = lastCompleteMonths(RETENTION_MONTHS);
  const memberCount = new Map(summaryRows.map((row) => [row.tier, row.members]));
  const summaries = VALUE_TIERS.map((tier): GroupSummary => {
    const row = summaryRows.find((r) => r.tier === tier);
    const members = row?.members ?? 0;
    const inWindow = monthRows.filter((r) => r.tier === tier);
    const total = (kind: ActivityKind) => inWindow.reduce((sum, r) => sum + r[kind], 0);
    return {
      tier,
      accounts: row?.accounts ?? 0,
      members,
      membersPerAccount: ratio(members, row?.accounts ?? 0),
      active30Share: ratio(row?.active_30 ?? 0, members),
      active90Share: ratio(row?.active_90 ?? 0, members),
      rates: Object.fromEntries(
        ACTIVITY_KINDS.map((kind) => [kind, ratio(total(kind), members * RATE_MONTHS)]),
      ) as Record<ActivityKind, number>,
    };
  });
  const byTier = <T>(make: (tier: ValueTier) => T) =>
    Object.fromEntries(VALUE_TIERS.map((tier) => [tier, make(tier)])) as Record<ValueTier, T>;
  return {
    summaries,
    retention: {
      months,
      shares: byTier((tier) =>
        months.map((month) =>
          ratio(
            monthRows.find((r) => r.tier === tier && r.month === month)?.active_members ?? 0,
            memberCount.get(tier) ?? 0,
          ),
        ),
      ),
    },
    seasonality: byTier((tier) =>
      Array.from({ length: 12 }, (_, index) =>
        ratio(
          seasonRows.find((r) => r.tier === tier && r.month_of_year === index + 1)?.actions ?? 0,
          memberCount.get(tier) ?? 0,
        ),
      ),
    ),
    computedAt: summaryRows.reduce<string | null>(
      (latest, row) =>
        row.computed_at && (!latest || row.computed_at > latest) ? row.computed_at : latest,
      null,
    ),
  };
}

/** "YYYY-MM" of the last `count` complete months (UTC), oldest first. */
function lastCompleteMonths(count: number): string[] {
  const now = new Date();
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - count + index, 1));
    return date.toISOString().slice(0, 7);
  });
}
