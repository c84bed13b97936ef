import { and, asc, desc, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import {
  accountInfluence,
  accounts,
  accountTiers,
  ideas,
  ideaVotes,
  influenceRuns,
  spaces,
  tags,
  threads,
  threadTags,
  users,
  type StaffExportKind,
} from "#db/schema";
import { can, type Permission, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import type { Cell } from "~/utils/csv.server";
import {
  backlogStatusLabels,
  ideaStatusLabels,
  moderationStateLabels,
  tierLabels,
} from "~/utils/labels";
import { publicOrigin } from "~/utils/request.server";
import { exportBacklog } from "./backlog-list.server";
import { countMemberDirectory, listMemberDirectory } from "./member-directory.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";
import { threadVisibleTo } from "./space-access.server";
import { tagVisibleTo } from "./tag.server";

/**
 * What each staff export holds, read as the person who asked for it through the rules their
 * pages use (the board's visibility, the backlog's, the accounts' permission), a page at a time
 * in a stable order so a large list is written in steps with its progress shown.
 */
export type ExportRow = Record<string, Cell>;
type Page = { rows: ExportRow[]; last: string | null };

export type ExportSource = {
  label: string;
  /** Every permission the export needs of its requester, asked again when it is built. */
  permissions: Permission[];
  columns: { key: string; header: string }[];
  count(viewer: Viewer): Promise<number>;
  /** The rows after `after` (null: from the start), at most `limit`, and the last one's key. */
  page(viewer: Viewer, after: string | null, limit: number): Promise<Page>;
};

const dollars = (cents: number | null) => (cents === null ? null : Math.round(cents / 100));
const threadUrl = (id: string) => `${publicOrigin()}/t/${id}`;

const visibleIdeas = (viewer: Viewer) =>
  and(threadVisibleTo(viewer), isNull(ideas.mergedIntoId), eq(threads.kind, "idea"));

const ideasSource: ExportSource = {
  label: "Ideas with votes",
  permissions: ["read:account:any"],
  columns: [
    { key: "id", header: "Id" },
    { key: "title", header: "Title" },
    { key: "space", header: "Space" },
    { key: "status", header: "Status" },
    { key: "moderation", header: "Moderation" },
    { key: "votes", header: "Votes" },
    { key: "critical", header: "Critical" },
    { key: "important", header: "Important" },
    { key: "niceToHave", header: "Nice to have" },
    { key: "value", header: "Revenue of voters' accounts (USD)" },
    { key: "tags", header: "Tags" },
    { key: "author", header: "Author" },
    { key: "createdAt", header: "Created" },
    { key: "url", header: "Address" },
  ],
  async count(viewer) {
    const [{ total }] = await db
      .select({ total: sql<number>`count(*)::int` })
      .from(ideas)
      .innerJoin(threads, eq(threads.id, ideas.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .where(visibleIdeas(viewer));
    return total;
  },
  async page(viewer, after, limit) {
    const byImportance = (importance: string) =>
      sql<number>`(select count(*)::int from ${ideaVotes} v
        where v.idea_id = ${ideas.threadId} and v.importance = ${importance})`;
    const rows = await db
      .select({
        id: threads.id,
        title: threads.title,
        space: spaces.name,
        status: ideas.status,
        moderation: threads.moderation,
        votes: ideas.voteCount,
        critical: byImportance("critical"),
        important: byImportance("important"),
        niceToHave: byImportance("nice_to_have"),
        valueCents: ideas.valueCents,
        tags: sql<string>`coalesce((select string_agg(${tags.name}, '; ' order by lower(${tags.name}))
          from ${threadTags} join ${tags} on ${tags.id} = ${threadTags.tagId}
          where ${threadTags.threadId} = ${threads.id} and ${tagVisibleTo(viewer)}), '')`,
        author: users.displayName,
        createdAt: threads.createdAt,
      })
      .from(ideas)
      .innerJoin(threads, eq(threads.id, ideas.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(users, eq(users.id, threads.authorId))
      .where(and(visibleIdeas(viewer), after ? gt(threads.id, after) : undefined))
      .orderBy(asc(threads.id))
      .limit(limit);
    return {
      rows: rows.map(({ valueCents, status, moderation, ...row }) => ({
        ...row,
        status: ideaStatusLabels[status],
        moderation: moderation ? moderationStateLabels[moderation] : null,
        value: dollars(valueCents),
        url: threadUrl(row.id),
      })),
      last: rows.at(-1)?.id ?? null,
    };
  },
};

const backlogSource: ExportSource = {
  label: "Backlog with demand",
  permissions: ["manage:backlog:any"],
  columns: [
    { key: "id", header: "Id" },
    { key: "title", header: "Title" },
    { key: "status", header: "Status" },
    { key: "public", header: "On the roadmap" },
    { key: "owner", header: "Owner" },
    { key: "target", header: "Target" },
    { key: "members", header: "Members" },
    { key: "accounts", header: "Accounts" },
    { key: "revenue", header: "Revenue (USD)" },
    { key: "lifetimeValue", header: "Lifetime value (USD)" },
    { key: "top1Revenue", header: "Revenue from top 1% (USD)" },
    { key: "critical", header: "Critical votes" },
    { key: "weighted", header: "Value-weighted" },
    { key: "influenceWeighted", header: "Influence-weighted" },
    { key: "evidence", header: "Evidence" },
    { key: "tags", header: "Tags" },
    { key: "createdAt", header: "Created" },
    { key: "shippedAt", header: "Shipped" },
  ],
  async count(viewer) {
    return (await exportBacklog(viewer, { sort: "weighted" })).length;
  },
  // The backlog is hundreds of items, bounded by the list's own export cap: one page.
  async page(viewer, after) {
    if (after) return { rows: [], last: null };
    const items = await exportBacklog(viewer, { sort: "weighted" });
    return {
      rows: items.map((item) => ({
        id: item.id,
        title: item.title,
        status: backlogStatusLabels[item.status],
        public: item.isPublic,
        owner: item.ownerName,
        target: item.target,
        members: item.memberCount,
        accounts: item.accountCount,
        revenue: dollars(item.revenueCents),
        lifetimeValue: dollars(item.lifetimeValueCents),
        top1Revenue: dollars(item.top1RevenueCents),
        critical: item.criticalCount,
        weighted: item.weightedScore,
        influenceWeighted: item.influenceWeighted,
        evidence: item.evidenceCount,
        tags: item.tags,
        createdAt: item.createdAt,
        shippedAt: item.shippedAt,
      })),
      last: items.at(-1)?.id ?? null,
    };
  },
};

const membersSource: ExportSource = {
  label: "Members with activity",
  permissions: ["read:account:any"],
  columns: [
    { key: "id", header: "Id" },
    { key: "displayName", header: "Name" },
    { key: "handle", header: "Handle" },
    { key: "email", header: "Email" },
    { key: "role", header: "Role" },
    { key: "account", header: "Account" },
    { key: "tier", header: "Tier" },
    { key: "trustLevel", header: "Trust level" },
    { key: "posts", header: "Posts" },
    { key: "ideas", header: "Ideas" },
    { key: "votes", header: "Votes" },
    { key: "suspended", header: "Suspended" },
    { key: "alumni", header: "Alumni" },
    { key: "joinedAt", header: "Joined" },
    { key: "lastSeenAt", header: "Last seen" },
  ],
  count: (viewer) => countMemberDirectory(viewer),
  async page(viewer, after, limit) {
    const { people: rows } = await listMemberDirectory(viewer, { page: 1, walk: { after, limit } });
    return {
      rows: rows.map(({ account, ...row }) => ({
        ...row,
        account: account?.name ?? null,
        tier: account?.tier ? tierLabels[account.tier] : null,
      })),
      last: rows.at(-1)?.id ?? null,
    };
  },
};

/** The latest finished influence run's figures for an account (none before the first run). */
const latestRun = sql`(select ${influenceRuns.id} from ${influenceRuns}
  where ${isNotNull(influenceRuns.completedAt)} order by ${desc(influenceRuns.completedAt)} limit 1)`;

const accountsSource: ExportSource = {
  label: "Accounts with tiers and influence",
  permissions: ["read:account:any", "read:tier:any", "read:influence:any"],
  columns: [
    { key: "id", header: "Id" },
    { key: "name", header: "Name" },
    { key: "externalId", header: "External id" },
    { key: "segment", header: "Segment" },
    { key: "revenue", header: "Revenue, 12 months (USD)" },
    { key: "grossProfit", header: "Gross profit, 12 months (USD)" },
    { key: "lifetimeValue", header: "Lifetime value (USD)" },
    { key: "customerSince", header: "Customer since" },
    { key: "tier", header: "Tier" },
    { key: "revenueRank", header: "Revenue rank" },
    { key: "members", header: "People" },
    { key: "influence", header: "Influence" },
    { key: "influenceRank", header: "Influence rank" },
    { key: "reachAccounts", header: "Accounts reached" },
  ],
  async count() {
    const [{ total }] = await db
      .select({ total: sql<number>`count(*)::int` })
      .from(accounts)
      .innerJoin(accountTiers, eq(accountTiers.accountId, accounts.id));
    return total;
  },
  async page(_viewer, after, limit) {
    const rows = await db
      .select({
        id: accounts.id,
        name: accounts.name,
        externalId: accounts.externalId,
        segment: accounts.segment,
        revenueCents: accounts.revenueCents,
        grossProfitCents: accounts.grossProfitCents,
        lifetimeValueCents: accounts.lifetimeValueCents,
        customerSince: accounts.customerSince,
        tier: accountTiers.tier,
        revenueRank: accountTiers.revenueRank,
        members: sql<number>`(select count(*)::int from ${users}
          where ${users.accountId} = ${accounts.id} and ${users.deletedAt} is null)`,
        influence: accountInfluence.score,
        influenceRank: accountInfluence.rank,
        reachAccounts: accountInfluence.reachAccounts,
      })
      .from(accounts)
      .innerJoin(accountTiers, eq(accountTiers.accountId, accounts.id))
      .leftJoin(
        accountInfluence,
        and(
          eq(accountInfluence.accountId, accounts.id),
          sql`${accountInfluence.runId} = ${latestRun}`,
        ),
      )
      .where(after ? gt(accounts.id, after) : undefined)
      .orderBy(asc(accounts.id))
      .limit(limit);
    return {
      rows: rows.map(({ revenueCents, grossProfitCents, lifetimeValueCents, tier, ...row }) => ({
        ...row,
        revenue: dollars(revenueCents),
        grossProfit: dollars(grossProfitCents),
        lifetimeValue: dollars(lifetimeValueCents),
        tier: tierLabels[tier],
      })),
      last: rows.at(-1)?.id ?? null,
    };
  },
};

/** A source that asks its permissions itself before reading anything. */
function guarded(source: ExportSource): ExportSource {
  const require = (viewer: Viewer) => {
    if (!source.permissions.every((permission) => can(viewer, permission))) {
      throw new Refusal(NOT_YOUR_ROLE, 403);
    }
  };
  return {
    ...source,
    count: (viewer) => (require(viewer), source.count(viewer)),
    page: (viewer, after, limit) => (require(viewer), source.page(viewer, after, limit)),
  };
}

export const exportSources: Record<StaffExportKind, ExportSource> = {
  ideas: guarded(ideasSource),
  backlog: guarded(backlogSource),
  members: guarded(membersSource),
  accounts: guarded(accountsSource),
};

/** Whether the viewer may have this export, by every permission it needs. */
export const mayExport = (viewer: Viewer, kind: StaffExportKind) =>
  exportSources[kind].permissions.every((permission) => can(viewer, permission));
