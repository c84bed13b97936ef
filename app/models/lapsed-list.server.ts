import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { accounts, lapsedEntries, lapsedEntryEvents, users } from "#db/schema";
import { can, rolesWith, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import type { LapsedAction, LapsedSignal, LapsedState } from "~/utils/lapsed-labels";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/** The lapsed list and one entry's page: reads, for staff and admins only. */

export const LAPSED_PAGE_SIZE = 25;
/** The list counts matching entries up to here, so a broad filter never counts them all. */
export const LAPSED_COUNT_CAP = 10_000;
/** An account's people offered as an email's recipient; more than this is not one account. */
const RECIPIENTS_SHOWN = 200;
const EVENTS_SHOWN = 200;

export function mayReadLapsed(viewer: Viewer) {
  return can(viewer, "read:account:any");
}

export function requireLapsedReader(viewer: Viewer) {
  if (!mayReadLapsed(viewer)) throw new Refusal(NOT_YOUR_ROLE, 403);
}

export type LapsedFilter = {
  state: LapsedState;
  signal?: LapsedSignal;
  /** "mine": the viewer owns it; "nobody": no owner yet. */
  owner?: "mine" | "nobody";
  /** Words of the account's or the member's name. */
  q?: string;
  page: number;
};

const member = alias(users, "lapsed_member");
const owner = alias(users, "lapsed_owner");
const handler = alias(users, "lapsed_handler");

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterWhere(viewer: Viewer, filter: LapsedFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.state === "open") {
    conditions.push(isNull(lapsedEntries.handledAt), eq(lapsedEntries.active, true));
  } else if (filter.state === "handled") {
    conditions.push(isNotNull(lapsedEntries.handledAt));
  } else if (filter.state === "passed") {
    conditions.push(isNull(lapsedEntries.handledAt), eq(lapsedEntries.active, false));
  }
  if (filter.signal) conditions.push(eq(lapsedEntries.signal, filter.signal));
  if (filter.owner === "mine") conditions.push(eq(lapsedEntries.ownerId, viewer.id));
  if (filter.owner === "nobody") conditions.push(isNull(lapsedEntries.ownerId));
  const q = filter.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(
      sql`(${accounts.name} ilike ${pattern} or ${member.displayName} ilike ${pattern})`,
    );
  }
  return conditions.length ? and(...conditions) : undefined;
}

const latestEvent = sql<{
  action: LapsedAction;
  createdAt: string;
  actorName: string | null;
} | null>`(select jsonb_build_object('action', ev.action, 'createdAt', ev.created_at,
    'actorName', actor.display_name)
  from ${lapsedEntryEvents} ev left join ${users} actor on actor.id = ev.actor_id
  where ev.entry_id = ${lapsedEntries.id} order by ev.created_at desc limit 1)`;

const entryColumns = {
  id: lapsedEntries.id,
  signal: lapsedEntries.signal,
  signalSince: lapsedEntries.signalSince,
  details: lapsedEntries.details,
  active: lapsedEntries.active,
  handledAt: lapsedEntries.handledAt,
  handledByName: handler.displayName,
  detectedAt: lapsedEntries.detectedAt,
  accountId: accounts.id,
  accountName: accounts.name,
  memberId: member.id,
  memberName: member.displayName,
  memberHandle: member.handle,
  ownerId: owner.id,
  ownerName: owner.displayName,
  latestAction: latestEvent,
};

function entriesFrom() {
  return db
    .select(entryColumns)
    .from(lapsedEntries)
    .innerJoin(accounts, eq(accounts.id, lapsedEntries.accountId))
    .leftJoin(member, eq(member.id, lapsedEntries.userId))
    .leftJoin(owner, eq(owner.id, lapsedEntries.ownerId))
    .leftJoin(handler, eq(handler.id, lapsedEntries.handledById))
    .$dynamic();
}

export type LapsedEntryRow = Awaited<ReturnType<typeof getLapsedEntry>> & {};

/**
 * One page of entries, the most valuable accounts first, and how many match (up to the cap):
 * two queries whatever the page holds.
 */
export async function listLapsedEntries(viewer: Viewer, filter: LapsedFilter) {
  requireLapsedReader(viewer);
  const where = filterWhere(viewer, filter);
  const order = [
    desc(accounts.revenueCents),
    asc(accounts.id),
    sql`${lapsedEntries.userId} nulls first`,
    desc(lapsedEntries.signalSince),
    asc(lapsedEntries.id),
  ];
  // The page's ids are chosen over narrow rows first; names, owners and the latest action are
  // joined for those 25 alone.
  const pageIds = db
    .select({ id: lapsedEntries.id })
    .from(lapsedEntries)
    .innerJoin(accounts, eq(accounts.id, lapsedEntries.accountId))
    .leftJoin(member, eq(member.id, lapsedEntries.userId))
    .where(where)
    .orderBy(...order)
    .limit(LAPSED_PAGE_SIZE)
    .offset((filter.page - 1) * LAPSED_PAGE_SIZE);
  const [entries, [{ total }]] = await Promise.all([
    entriesFrom()
      .where(inArray(lapsedEntries.id, pageIds))
      .orderBy(...order),
    db.select({ total: sql<number>`count(*)::int` }).from(
      db
        .select({ one: sql`1`.as("one") })
        .from(lapsedEntries)
        .innerJoin(accounts, eq(accounts.id, lapsedEntries.accountId))
        .leftJoin(member, eq(member.id, lapsedEntries.userId))
        .where(where)
        .limit(LAPSED_COUNT_CAP + 1)
        .as("matching"),
    ),
  ]);
  return { entries, total: Math.min(total, LAPSED_COUNT_CAP), capped: total > LAPSED_COUNT_CAP };
}

/** One entry, or null when there is no such entry. */
export async function getLapsedEntry(viewer: Viewer, entryId: string) {
  requireLapsedReader(viewer);
  const [entry] = await entriesFrom().where(eq(lapsedEntries.id, entryId));
  return entry ?? null;
}

/** What staff did about an entry, newest first. */
export async function listLapsedEntryEvents(viewer: Viewer, entryId: string) {
  requireLapsedReader(viewer);
  return db
    .select({
      id: lapsedEntryEvents.id,
      action: lapsedEntryEvents.action,
      details: lapsedEntryEvents.details,
      createdAt: lapsedEntryEvents.createdAt,
      actorName: users.displayName,
    })
    .from(lapsedEntryEvents)
    .leftJoin(users, eq(users.id, lapsedEntryEvents.actorId))
    .where(eq(lapsedEntryEvents.entryId, entryId))
    .orderBy(desc(lapsedEntryEvents.createdAt), desc(lapsedEntryEvents.id))
    .limit(EVENTS_SHOWN);
}

/** Who may own an entry: staff and admins who can sign in. */
export async function listLapsedOwners(viewer: Viewer) {
  requireLapsedReader(viewer);
  return db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.role, rolesWith("read:account:any")), eq(users.status, "active")))
    .orderBy(asc(users.displayName))
    .limit(500);
}

/**
 * Whom an entry's email may go to: the member for a member's entry, else the account's members
 * who can sign in.
 */
export async function listLapsedRecipients(
  viewer: Viewer,
  entry: { accountId: string; memberId: string | null },
) {
  requireLapsedReader(viewer);
  return db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.accountId, entry.accountId),
        eq(users.role, "member"),
        eq(users.status, "active"),
        entry.memberId ? eq(users.id, entry.memberId) : undefined,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(RECIPIENTS_SHOWN);
}

/** An account's page lists its own entries and its members': the open ones first. */
const ACCOUNT_ENTRIES_SHOWN = 20;

/** The lapsed signals on an account and its members, open ones first, newest signal first. */
export async function listAccountLapsedEntries(viewer: Viewer, accountId: string) {
  requireLapsedReader(viewer);
  const order = [
    sql`${lapsedEntries.handledAt} is null and ${lapsedEntries.active} desc`,
    desc(lapsedEntries.signalSince),
    asc(lapsedEntries.id),
  ];
  // A large account has hundreds of quiet members: the 20 are chosen from the entries alone,
  // and only they are joined to names and their latest action.
  const shownIds = db
    .select({ id: lapsedEntries.id })
    .from(lapsedEntries)
    .where(eq(lapsedEntries.accountId, accountId))
    .orderBy(...order)
    .limit(ACCOUNT_ENTRIES_SHOWN);
  return entriesFrom()
    .where(inArray(lapsedEntries.id, shownIds))
    .orderBy(...order);
}
