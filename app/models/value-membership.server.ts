import { eq, sql, type SQL } from "drizzle-orm";
import {
  accounts,
  communitySettings,
  invitations,
  membershipInvitations,
  notifications,
  spaces,
  users,
  VALUE_MEMBERSHIP_MODES,
  type EmailMode,
} from "#db/schema";
import { can, rolesWith, type Viewer } from "~/auth/policy.server";
import { db, type Database } from "~/db.server";
import { recordAuditEvent } from "./audit.server";
import { recordTierChanges, type TierChange } from "./account-standing.server";
import { emailModeFor } from "./notification-preferences.server";
import { queueImmediateEmails } from "./notification.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";
import {
  MAX_INVITATIONS_SENT_AT_ONCE,
  sendPreparedInvitations,
} from "./membership-invitation.server";
import { emitWebhookEvents } from "./webhook-event.server";

/**
 * Value-based membership: what an account's tier change means for its people. Rising into the
 * top tiers prepares (or sends) invitations for its contact emails and gives alumni their access
 * back; leaving them makes its people alumni. Either way they are told, so nobody is cut off
 * silently — tier-gated access itself always follows the live tier.
 */

export type ValueMembershipMode = (typeof VALUE_MEMBERSHIP_MODES)[number];

type Executor = Pick<Database, "execute">;

export type Settled = {
  changes: TierChange[];
  /** Notifications made, for their emails once the transaction has committed. */
  notified: { id: string; email_mode: EmailMode }[];
  /** Prepared invitations to send at once (the setting says "send"), at most the cap. */
  toSend: string[];
  /** Prepared invitations left for review because one change may send only so many. */
  heldBack: number;
};

export async function getValueMembershipMode(
  executor: Executor = db,
): Promise<ValueMembershipMode> {
  const [row] = await executor.execute<{ mode: ValueMembershipMode }>(
    sql`select ${communitySettings.valueMembership} as mode from ${communitySettings} where ${communitySettings.id} = 1`,
  );
  return row?.mode ?? "off";
}

export async function setValueMembershipMode(actor: Viewer, mode: ValueMembershipMode) {
  // A community setting, asked as the tiers page's other settings are.
  if (!can(actor, "manage:settings:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ mode: communitySettings.valueMembership })
      .from(communitySettings)
      .where(eq(communitySettings.id, 1));
    if (before?.mode === mode) return;
    await tx
      .insert(communitySettings)
      .values({ id: 1, valueMembership: mode })
      .onConflictDoUpdate({
        target: communitySettings.id,
        set: { valueMembership: mode, updatedAt: new Date() },
      });
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "settings.value_membership_changed",
        targetType: "settings",
        targetId: "value_membership",
        details: { from: before?.mode ?? "off", to: mode },
      },
      tx,
    );
  });
}

/** Whether a tier opens a space gated at `minTier`, as SQL (the rule of space-access.server.ts). */
const opens = (tier: SQL, minTier: SQL) =>
  sql`(${tier} = 'top1' or (${tier} = 'top10' and ${minTier} = 'top10'))`;

/**
 * Records the accounts whose tier changed since last settled and acts on each, inside the
 * caller's transaction: the one call every value write makes, so none records a change without
 * acting on it. Emails go out after the commit, through `afterSettling`.
 */
export async function settleTierChanges(tx: Executor, importId: string | null): Promise<Settled> {
  const changes = await recordTierChanges(tx, importId);
  const settled: Settled = { changes, notified: [], toSend: [], heldBack: 0 };
  if (changes.length === 0) return settled;
  for (const [type, crossed] of [
    ["account.tier_entered", (c: TierChange) => c.fromTier === "rest"],
    ["account.tier_left", (c: TierChange) => c.toTier === "rest"],
  ] as const) {
    await emitWebhookEvents(
      type,
      changes.filter(crossed).map((change) => ({
        subjectId: change.accountId,
        data: { previousTier: change.fromTier, tier: change.toTier },
      })),
      tx,
    );
  }
  const moved = sql`(select * from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb)
    as c(id uuid, "accountId" uuid, "fromTier" text, "toTier" text))`;
  // Staff and admins see every space whatever their account: no tier change concerns them.
  const affected = sql`u.status = 'active' and u.role not in ${rolesWith("read:space:any")}`;
  const lostSpaces = sql`(select coalesce(jsonb_agg(s.name order by s.name), '[]'::jsonb)
    from ${spaces} s where s.visibility = 'tier'
      and ${opens(sql`c."fromTier"`, sql`s.min_tier`)} and not ${opens(sql`c."toTier"`, sql`s.min_tier`)})`;
  const gainedSpaces = sql`(select coalesce(jsonb_agg(s.name order by s.name), '[]'::jsonb)
    from ${spaces} s where s.visibility = 'tier' and ${opens(sql`c."toTier"`, sql`s.min_tier`)})`;

  // Leaving the top tiers makes alumni, and coming back ends it; both are told, in one statement.
  const created = await tx.execute<{ id: string; email_mode: EmailMode }>(sql`
    with moved as ${moved},
    became_alumni as (
      update ${users} u set alumni_since = now()
      from moved c
      where u.account_id = c."accountId" and c."toTier" = 'rest' and u.alumni_since is null
        and ${affected}
      returning u.id
    ),
    came_back as (
      update ${users} u set alumni_since = null
      from moved c
      where u.account_id = c."accountId" and c."fromTier" = 'rest' and u.alumni_since is not null
      returning u.id
    ),
    told as (
      select u.id as user_id, jsonb_build_object(
          'change', case when c."toTier" = 'rest' then 'alumni' else 'fewer_spaces' end,
          'accountName', a.name, 'spaces', ${lostSpaces}, 'at', now()) as details
        from moved c join ${accounts} a on a.id = c."accountId"
        join ${users} u on u.account_id = c."accountId" and u.deleted_at is null
        where ${affected} and c."fromTier" <> 'rest'
          and (c."toTier" = 'rest' or (c."fromTier" = 'top1' and jsonb_array_length(${lostSpaces}) > 0))
      union all
      select u.id, jsonb_build_object('change', 'back', 'accountName', a.name,
          'spaces', ${gainedSpaces}, 'at', now())
        from moved c join ${accounts} a on a.id = c."accountId"
        join ${users} u on u.account_id = c."accountId" and u.deleted_at is null
        where u.id in (select id from came_back)
    ),
    inserted as (
      insert into ${notifications} (user_id, kind, details)
      select user_id, 'membership_change', details from told
      returning id, user_id, kind
    )
    select inserted.id, ${emailModeFor(sql`inserted.kind`, sql`np.email`)} as email_mode
    from inserted
    left join notification_preferences np on np.user_id = inserted.user_id and np.kind = inserted.kind
    -- The alumni updates run whether or not anyone is told (a CTE that changes data always runs).
  `);
  settled.notified = [...created];

  const mode = await getValueMembershipMode(tx);
  if (mode === "off") return settled;
  // Each contact email of an account that entered the top tiers, once, unless it already
  // belongs to someone, waits in an invitation, or waits for review.
  const prepared = await tx.execute<{ id: string }>(sql`
    with moved as ${moved}
    insert into ${membershipInvitations} (account_id, email, tier_change_id)
    select distinct on (lower(e.email)) c."accountId", e.email, c.id
    from moved c join ${accounts} a on a.id = c."accountId"
    cross join lateral unnest(a.contact_emails) as e(email)
    where c."fromTier" = 'rest' and c."toTier" <> 'rest' and e.email like '%@%'
      and not exists (select 1 from ${users} where lower(${users.email}) = lower(e.email))
      and not exists (select 1 from ${invitations} i where lower(i.email) = lower(e.email)
        and i.accepted_at is null and i.revoked_at is null and i.expires_at > now())
      and not exists (select 1 from ${membershipInvitations} m
        where lower(m.email) = lower(e.email) and m.state = 'prepared')
    order by lower(e.email), c.id
    on conflict do nothing
    returning id`);
  if (mode === "send") {
    const ids = [...prepared].map((row) => row.id);
    settled.toSend = ids.slice(0, MAX_INVITATIONS_SENT_AT_ONCE);
    settled.heldBack = ids.length - settled.toSend.length;
  }
  return settled;
}

/**
 * After the change committed: the notifications' immediate emails, and the invitations the
 * setting sends at once (as the acting admin). What could not be sent stays prepared for review.
 */
export async function afterSettling(actor: Viewer, settled: Settled) {
  await queueImmediateEmails(settled.notified);
  const { sent } =
    settled.toSend.length > 0
      ? await sendPreparedInvitations(actor, settled.toSend, { automatic: true })
      : { sent: 0 };
  const heldBack = settled.heldBack + settled.toSend.length - sent;
  if (heldBack > 0) {
    // Said where admins look: the audit log, and the review page where they wait.
    await recordAuditEvent({
      actorId: actor.id,
      action: "membership_invitation.held_back",
      targetType: "settings",
      targetId: "value_membership",
      details: { count: heldBack, limit: MAX_INVITATIONS_SENT_AT_ONCE },
    });
  }
  return { sent, heldBack };
}

/** What a home page says to an alumnus, or null: when their account left and what they keep. */
export async function getAlumniNotice(viewer: Viewer) {
  const [row] = await db
    .select({ since: users.alumniSince, accountName: accounts.name })
    .from(users)
    .leftJoin(accounts, eq(accounts.id, users.accountId))
    .where(eq(users.id, viewer.id));
  if (!row?.since) return null;
  return { since: row.since, accountName: row.accountName };
}

/**
 * Why a tier-gated space the viewer can't see was theirs once: their account's latest tier
 * change took it away while they were a member. Null for anyone who never had it, a space made
 * since included (they get the usual "no such space", so private names never reach them).
 */
export async function getLostSpaceAccess(viewer: Viewer, slug: string) {
  if (!viewer.accountId) return null;
  const [row] = await db.execute<{ name: string; min_tier: string; changed_at: string }>(sql`
    select s.name, s.min_tier, c.changed_at
    from ${spaces} s
    cross join lateral (
      select from_tier, to_tier, changed_at from account_tier_changes
      where account_id = ${viewer.accountId} order by changed_at desc limit 1
    ) c
    join ${users} u on u.id = ${viewer.id}
    where s.slug = ${slug} and s.visibility = 'tier'
      and ${opens(sql`c.from_tier`, sql`s.min_tier`)} and not ${opens(sql`c.to_tier`, sql`s.min_tier`)}
      and u.created_at <= c.changed_at and s.created_at <= c.changed_at`);
  if (!row) return null;
  return { name: row.name, minTier: row.min_tier, changedAt: new Date(row.changed_at) };
}
