import { asc, desc, eq, ilike, sql, type SQL, and } from "drizzle-orm";
import { accounts, accountTiers, communitySettings, users, type ValueTier } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db, violatedConstraint } from "~/db.server";
import type { AccountInput } from "~/validation/admin";
import { snapshotAccountToday } from "./account-snapshot.server";
import { lockAccountValues, refreshAccountStandings } from "./account-standing.server";
import { afterSettling, settleTierChanges, type Settled } from "./value-membership.server";
import { recordAuditEvent } from "./audit.server";
import { refreshAllDemand } from "./backlog-demand.server";
import { refreshIdeaValuesForAccount } from "./idea.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

export type AccountSort = "revenue" | "name" | "ltv";
export const ACCOUNTS_PAGE_SIZE = 50;

/**
 * A page of accounts as the filters select them, for those who manage accounts (the admin
 * pages, the API); each row carries the matching total.
 */
export async function listAccountsWithTiers(
  viewer: Viewer,
  filter: {
    q?: string;
    tier?: ValueTier;
    sort: AccountSort;
    page?: number;
    /** One account by its id (the API's single read). */
    id?: string;
  },
) {
  if (!can(viewer, "manage:account:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
  const conditions: SQL[] = [];
  if (filter.q)
    conditions.push(ilike(accounts.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.tier) conditions.push(eq(accountTiers.tier, filter.tier));
  if (filter.id) conditions.push(eq(accounts.id, filter.id));
  const order =
    filter.sort === "name"
      ? [asc(accounts.name)]
      : filter.sort === "ltv"
        ? [desc(accounts.lifetimeValueCents), asc(accounts.name)]
        : [desc(accounts.revenueCents), asc(accounts.name)];
  return db
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
      // Counted for the page's rows only, after the sort and limit.
      members: sql<number>`(select count(*)::int from ${users} where ${users.accountId} = ${accounts.id})`,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(accounts)
    .innerJoin(accountTiers, eq(accountTiers.accountId, accounts.id))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...order, asc(accounts.id))
    .limit(ACCOUNTS_PAGE_SIZE)
    .offset(((filter.page ?? 1) - 1) * ACCOUNTS_PAGE_SIZE);
}

export async function getAccount(id: string) {
  const [row] = await db
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
    })
    .from(accounts)
    .innerJoin(accountTiers, eq(accountTiers.accountId, accounts.id))
    .where(eq(accounts.id, id));
  return row ?? null;
}

export async function listAccountOptions() {
  return db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .orderBy(asc(accounts.name));
}

function toColumns(input: AccountInput) {
  return {
    name: input.name,
    externalId: input.externalId,
    segment: input.segment,
    revenueCents: input.revenue,
    grossProfitCents: input.grossProfit,
    lifetimeValueCents: input.lifetimeValue,
    customerSince: input.customerSince,
  };
}

function asConflict(error: unknown): never {
  const constraint = violatedConstraint(error);
  if (constraint === "accounts_name_key") {
    throw new Refusal("Another account already has this name.", 400, "name");
  }
  if (constraint === "accounts_external_id_key") {
    throw new Refusal("Another account already uses this external id.", 400, "externalId");
  }
  throw error;
}

/** Accounts are the admins' records of customers; refused as the admin pages refuse (403). */
function requireAccountManager(actor: Viewer) {
  if (!can(actor, "manage:account:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
}

export async function createAccount(actor: Viewer, input: AccountInput): Promise<string> {
  requireAccountManager(actor);
  let settled: Settled | null = null;
  try {
    const id = await db.transaction(async (tx) => {
      await lockAccountValues(tx);
      const [created] = await tx
        .insert(accounts)
        .values(toColumns(input))
        .returning({ id: accounts.id });
      await snapshotAccountToday(tx, created.id);
      settled = await settleTierChanges(tx, null);
      // One more account can move the tier cut points.
      await refreshAllDemand(tx);
      await recordAuditEvent(
        {
          actorId: actor.id,
          action: "account.created",
          targetType: "account",
          targetId: created.id,
          details: { name: input.name },
        },
        tx,
      );
      return created.id;
    });
    if (settled) await afterSettling(actor, settled);
    return id;
  } catch (error) {
    asConflict(error);
  }
}

export async function updateAccount(actor: Viewer, id: string, input: AccountInput): Promise<void> {
  requireAccountManager(actor);
  let settled: Settled | null = null;
  try {
    await db.transaction(async (tx) => {
      await lockAccountValues(tx);
      await tx
        .update(accounts)
        .set({ ...toColumns(input), updatedAt: new Date() })
        .where(eq(accounts.id, id));
      await snapshotAccountToday(tx, id);
      settled = await settleTierChanges(tx, null);
      await refreshIdeaValuesForAccount(tx, id);
      // Revenue moves tiers for every account, so every item's weighted demand may change.
      await refreshAllDemand(tx);
      await recordAuditEvent(
        {
          actorId: actor.id,
          action: "account.updated",
          targetType: "account",
          targetId: id,
          details: { name: input.name },
        },
        tx,
      );
    });
  } catch (error) {
    asConflict(error);
  }
  if (settled) await afterSettling(actor, settled);
}

export type TierSummaryRow = {
  tier: ValueTier;
  accounts: number;
  revenueCents: number;
  revenueShare: number;
  lifetimeValueCents: number;
};

/** Accounts per tier and the share of total revenue each tier holds, in one query. */
export async function getTierSummary(): Promise<TierSummaryRow[]> {
  const rows = await db
    .select({
      tier: accountTiers.tier,
      accounts: sql<number>`count(*)::int`,
      revenueCents: sql<number>`coalesce(sum(${accounts.revenueCents}), 0)::float8`,
      lifetimeValueCents: sql<number>`coalesce(sum(${accounts.lifetimeValueCents}), 0)::float8`,
      totalRevenue: sql<number>`sum(sum(${accounts.revenueCents})) over ()::float8`,
    })
    .from(accountTiers)
    .innerJoin(accounts, eq(accounts.id, accountTiers.accountId))
    .groupBy(accountTiers.tier);
  const byTier = new Map(rows.map((row) => [row.tier, row]));
  return (["top1", "top10", "rest"] as const).map((tier) => {
    const row = byTier.get(tier);
    return {
      tier,
      accounts: row?.accounts ?? 0,
      revenueCents: row?.revenueCents ?? 0,
      lifetimeValueCents: row?.lifetimeValueCents ?? 0,
      revenueShare: row && row.totalRevenue > 0 ? row.revenueCents / row.totalRevenue : 0,
    };
  });
}

export async function getTierSettings() {
  const [row] = await db.select().from(communitySettings).where(eq(communitySettings.id, 1));
  return { topTierPercent: row?.topTierPercent ?? 1, highTierPercent: row?.highTierPercent ?? 10 };
}

export async function updateTierSettings(
  actor: Viewer,
  settings: { topTierPercent: number; highTierPercent: number },
) {
  // The cut points are a community setting, as the tiers page's action asks.
  if (!can(actor, "manage:settings:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
  let settled: Settled | null = null;
  await db.transaction(async (tx) => {
    await lockAccountValues(tx);
    await tx
      .insert(communitySettings)
      .values({ id: 1, ...settings })
      .onConflictDoUpdate({
        target: communitySettings.id,
        set: { ...settings, updatedAt: new Date() },
      });
    await refreshAccountStandings(tx, null);
    settled = await settleTierChanges(tx, null);
    await refreshAllDemand(tx);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "settings.tiers_changed",
        targetType: "settings",
        targetId: "tiers",
        details: settings,
      },
      tx,
    );
  });
  if (settled) await afterSettling(actor, settled);
}
