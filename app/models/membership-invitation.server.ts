import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  accounts,
  accountTierChanges,
  accountImports,
  invitations,
  membershipInvitations,
  users,
} from "#db/schema";
import { inviteMember } from "~/auth/invitation.server";
import { can, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { logger } from "~/utils/logger.server";
import { publicOrigin } from "~/utils/request.server";
import { recordAuditEvents } from "./audit.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/**
 * Invitations prepared when an account entered the top tiers: an admin reviews them, sends
 * them (each address once) or puts them aside. Every decision is audited.
 */

/** Accounts are the admins' records of customers; so are the invitations to their people. */
function requireAccountManager(actor: Viewer) {
  if (!can(actor, "manage:account:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
}

/** The review page lists at most this many prepared invitations (oldest first). */
export const REVIEW_PAGE_LIMIT = 100;

/** Prepared invitations, with their account and the tier change that prepared them, in one query. */
export async function listPreparedInvitations(actor: Viewer) {
  requireAccountManager(actor);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: membershipInvitations.id,
        email: membershipInvitations.email,
        createdAt: membershipInvitations.createdAt,
        accountId: accounts.id,
        accountName: accounts.name,
        fromTier: accountTierChanges.fromTier,
        toTier: accountTierChanges.toTier,
        changedAt: accountTierChanges.changedAt,
        importFile: accountImports.fileName,
      })
      .from(membershipInvitations)
      .innerJoin(accounts, eq(accounts.id, membershipInvitations.accountId))
      .leftJoin(accountTierChanges, eq(accountTierChanges.id, membershipInvitations.tierChangeId))
      .leftJoin(accountImports, eq(accountImports.id, accountTierChanges.importId))
      .where(eq(membershipInvitations.state, "prepared"))
      .orderBy(asc(accounts.name), asc(membershipInvitations.email))
      .limit(REVIEW_PAGE_LIMIT),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(membershipInvitations)
      .where(eq(membershipInvitations.state, "prepared")),
  ]);
  const groups = new Map<
    string,
    {
      accountId: string;
      accountName: string;
      change: {
        fromTier: string;
        toTier: string;
        changedAt: Date;
        importFile: string | null;
      } | null;
      invitations: { id: string; email: string; createdAt: Date }[];
    }
  >();
  for (const row of rows) {
    let group = groups.get(row.accountId);
    if (!group) {
      group = {
        accountId: row.accountId,
        accountName: row.accountName,
        change:
          row.fromTier && row.toTier && row.changedAt
            ? {
                fromTier: row.fromTier,
                toTier: row.toTier,
                changedAt: row.changedAt,
                importFile: row.importFile,
              }
            : null,
        invitations: [],
      };
      groups.set(row.accountId, group);
    }
    group.invitations.push({ id: row.id, email: row.email, createdAt: row.createdAt });
  }
  return { groups: [...groups.values()], total };
}

/** How many invitations wait for review (for the accounts page's link). */
export async function countPreparedInvitations(actor: Viewer): Promise<number> {
  requireAccountManager(actor);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(membershipInvitations)
    .where(eq(membershipInvitations.state, "prepared"));
  return total;
}

/**
 * Sends prepared invitations: each is claimed first (prepared → sent) so a replay or a second
 * admin at the same moment sends nothing twice. An address that became a member meanwhile is put
 * aside; one that could not be sent goes back to prepared. `automatic`: the setting sends them
 * as part of the acting admin's own change, already allowed.
 */
export async function sendPreparedInvitations(
  actor: Viewer,
  ids: string[],
  options: { automatic?: boolean } = {},
) {
  if (!options.automatic) requireAccountManager(actor);
  if (ids.length === 0) return { sent: 0, skipped: 0 };
  const claimed = await db
    .update(membershipInvitations)
    .set({ state: "sent", decidedById: actor.id, decidedAt: new Date() })
    .where(and(inArray(membershipInvitations.id, ids), eq(membershipInvitations.state, "prepared")))
    .returning({
      id: membershipInvitations.id,
      email: membershipInvitations.email,
      accountId: membershipInvitations.accountId,
    });
  if (claimed.length === 0) {
    throw new Refusal("These invitations were already sent or put aside.", 409);
  }
  const [inviter] = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, actor.id));
  const origin = publicOrigin();
  const sent: typeof claimed = [];
  const skipped: string[] = [];
  // One email per address is the nature of sending; at most MAX_INVITATIONS_SENT_AT_ONCE.
  for (const row of claimed) {
    try {
      await inviteMember({
        email: row.email,
        role: "member",
        accountId: row.accountId,
        inviter: inviter ?? null,
        origin,
      });
      sent.push(row);
    } catch (error) {
      if (!(error instanceof Refusal)) logger.error({ err: error }, "membership invitation failed");
      skipped.push(row.id);
      // Already a member: nothing left to send. Anything else: back to review.
      await db
        .update(membershipInvitations)
        .set(
          error instanceof Refusal
            ? { state: "dismissed" }
            : { state: "prepared", decidedById: null, decidedAt: null },
        )
        .where(eq(membershipInvitations.id, row.id));
    }
  }
  if (sent.length > 0) {
    // Link each to the invitation it became, in one statement.
    await db.execute(sql`
      update ${membershipInvitations} m set invitation_id = (
        select i.id from ${invitations} i where lower(i.email) = lower(m.email)
          and i.accepted_at is null and i.revoked_at is null
        order by i.created_at desc limit 1)
      where m.id in ${sent.map((row) => row.id)}`);
    await recordAuditEvents(
      sent.map((row) => ({
        actorId: actor.id,
        action: "membership_invitation.sent",
        targetType: "account",
        targetId: row.accountId,
        details: { email: row.email, automatic: Boolean(options.automatic) },
      })),
    );
  }
  return { sent: sent.length, skipped: skipped.length };
}

/** At most this many invitations go out at once, from one change or one click; the rest wait. */
export const MAX_INVITATIONS_SENT_AT_ONCE = 500;

/**
 * "Send all for <account>": the invitations prepared for it, the oldest first, at most `limit`
 * in one request (each is an email); says how many still wait, to be sent by the next click.
 */
export async function sendAccountInvitations(
  actor: Viewer,
  accountId: string,
  limit = MAX_INVITATIONS_SENT_AT_ONCE,
) {
  requireAccountManager(actor);
  const prepared = and(
    eq(membershipInvitations.accountId, accountId),
    eq(membershipInvitations.state, "prepared"),
  );
  const rows = await db
    .select({ id: membershipInvitations.id })
    .from(membershipInvitations)
    .where(prepared)
    .orderBy(asc(membershipInvitations.createdAt), asc(membershipInvitations.id))
    .limit(limit);
  if (rows.length === 0) throw new Refusal("No invitation waits for this account.", 409);
  const result = await sendPreparedInvitations(
    actor,
    rows.map((row) => row.id),
  );
  const [{ waiting }] = await db
    .select({ waiting: sql<number>`count(*)::int` })
    .from(membershipInvitations)
    .where(prepared);
  return { ...result, waiting };
}

/** "Put aside": the invitation is not sent; the address may be prepared again by a later change. */
export async function dismissPreparedInvitation(actor: Viewer, id: string) {
  requireAccountManager(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(membershipInvitations)
      .set({ state: "dismissed", decidedById: actor.id, decidedAt: new Date() })
      .where(and(eq(membershipInvitations.id, id), eq(membershipInvitations.state, "prepared")))
      .returning({
        email: membershipInvitations.email,
        accountId: membershipInvitations.accountId,
      });
    if (!row) throw new Refusal("This invitation was already sent or put aside.", 409);
    await recordAuditEvents(
      [
        {
          actorId: actor.id,
          action: "membership_invitation.dismissed",
          targetType: "account",
          targetId: row.accountId,
          details: { email: row.email },
        },
      ],
      tx,
    );
  });
}
