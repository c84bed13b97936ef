import { eq, sql } from "drizzle-orm";
import { users } from "#db/schema";
import { decideAccountDeletion, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { publishAccessChange } from "~/live.server";
import { recordAuditEvent } from "./audit.server";
import { backoffKeys } from "./backoff.server";
import { requireCurrentPassword } from "./profile.server";
import { Refusal } from "./refusal.server";

/** What a former member's row says in place of their name wherever a name is shown. */
export const FORMER_MEMBER_NAME = "A former member";
const EMPTY_DOCUMENT = JSON.stringify({ type: "doc", content: [] });

export type AccountDeletion = {
  /** Their posts, threads' titles, comments and endorsement reasons go too (else they stay, unnamed). */
  removePosts: boolean;
  /** Someone deleting their own account confirms it with their password, or a fresh single sign-on. */
  password?: string;
  recentSsoSignIn?: boolean;
  /** An admin deleting someone's account on request says whose request, for the audit log. */
  reason?: string;
};

/**
 * Deletes a person's account: everything that names or describes them is erased (profile, email,
 * sessions, sign-ins, consents, drafts, bookmarks, notifications, answers, exports, invitations and
 * emails to their address, their address in account contacts and audit details), their posts stay
 * readable under "a former member" or are emptied too, as they choose, and their votes and
 * endorsements keep counting on a row that names nobody. The person themselves (with their
 * password) or an admin on their request (with the request's reason, audited) may do it.
 */
export async function deleteAccount(actor: Viewer, targetId: string, input: AccountDeletion) {
  const [target] = await db
    .select({ id: users.id, role: users.role, deletedAt: users.deletedAt })
    .from(users)
    .where(eq(users.id, targetId));
  if (!target || target.deletedAt) throw new Refusal("No such person.", 404);
  const decision = await decideAccountDeletion(actor, target);
  if (!decision.ok) throw new Refusal(decision.message, decision.status);
  const byThemselves = actor.id === target.id;
  if (target.role === "admin") await requireAnotherAdmin(db, target.id);
  if (byThemselves) {
    await requireCurrentPassword(target.id, {
      password: input.password ?? "",
      recentSsoSignIn: input.recentSsoSignIn ?? false,
    });
  }
  const reason = (input.reason ?? "").trim();
  if (!byThemselves && reason.length === 0) {
    throw new Refusal(
      "Say whose request this is and how it came, for the audit log.",
      400,
      "reason",
    );
  }

  await db.transaction(async (tx) => {
    const [locked] = await tx.execute<{ email: string; deleted: boolean }>(sql`
      select email, deleted_at is not null as deleted from users where id = ${target.id} for update`);
    if (!locked || locked.deleted) throw new Refusal("No such person.", 404);
    // Checked again with every admin row locked: two admins leaving at once can't both go.
    if (target.role === "admin") await requireAnotherAdmin(tx, target.id);
    const email = locked.email.toLowerCase();
    const id = target.id;
    if (input.removePosts) {
      await tx.execute(sql`
        delete from post_revisions where post_id in (select id from posts where author_id = ${id})`);
      await tx.execute(sql`
        update backlog_evidence set quote = null
        where post_id in (select id from posts where author_id = ${id})`);
      // Proposals they started: the document and its history go with the opening post.
      await tx.execute(sql`
        update proposals set sections = '{}'::jsonb, sections_html = '{}'::jsonb
        where thread_id in (select id from threads where author_id = ${id})`);
      await tx.execute(sql`
        update proposal_revisions set title = 'Removed by its author', sections = '{}'::jsonb
        where thread_id in (select id from threads where author_id = ${id})`);
      await tx.execute(sql`
        update posts set body = ${EMPTY_DOCUMENT}::jsonb, body_html = '', body_text = '',
          search_title = '', deleted_at = coalesce(deleted_at, now())
        where author_id = ${id}`);
      await tx.execute(sql`
        update threads set title = 'Removed by its author' where author_id = ${id}`);
      await tx.execute(sql`
        update proposal_comments set body = 'Removed by its author.', quote = null
        where author_id = ${id}`);
      await tx.execute(sql`
        update proposal_endorsements set reason = '' where user_id = ${id}`);
    }
    // What they wrote (kept or emptied) names nobody from now on.
    await tx.execute(sql`update posts set author_id = null where author_id = ${id}`);
    await tx.execute(sql`update threads set author_id = null where author_id = ${id}`);
    await tx.execute(sql`update post_revisions set editor_id = null where editor_id = ${id}`);
    await tx.execute(sql`update proposal_comments set author_id = null where author_id = ${id}`);
    await tx.execute(sql`update proposal_revisions set author_id = null where author_id = ${id}`);
    await tx.execute(sql`update notice_messages set author_id = null where author_id = ${id}`);
    await tx.execute(sql`update notifications set actor_id = null where actor_id = ${id}`);
    // What staff noted hearing from them, with their votes: it described them.
    await tx.execute(sql`update idea_votes set proxy_note = null where user_id = ${id}`);
    await tx.execute(sql`update idea_merge_votes set proxy_note = null where user_id = ${id}`);
    // Staff's exported lists that name people (a member's row, an idea's author, a backlog
    // item's owner) may name them: gone too; staff export again what they still need.
    await tx.execute(sql`delete from staff_exports where kind in ('members', 'ideas', 'backlog')`);

    // Their own records: gone.
    for (const table of PERSONAL_TABLES) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where user_id = ${id}`);
    }
    await tx.execute(sql`delete from moderation_notices where user_id = ${id}`);

    // Their address, wherever it was kept.
    await tx.execute(sql`
      delete from invitations where lower(email) = ${email} or accepted_user_id = ${id}`);
    await tx.execute(sql`delete from membership_invitations where lower(email) = ${email}`);
    await tx.execute(sql`delete from outbox_emails where lower("to") = ${email}`);
    await tx.execute(sql`
      update accounts set contact_emails = array(
        select e from unnest(contact_emails) as e where lower(e) <> ${email})
      where exists (select 1 from unnest(contact_emails) as e where lower(e) = ${email})`);
    await tx.execute(sql`
      update audit_events set details = details - 'email'
      where lower(details ->> 'email') = ${email}`);
    await tx.execute(sql`
      delete from failure_backoffs
      where key in (${backoffKeys.signIn(email)}, ${backoffKeys.currentPassword(id)})`);

    // The row stays for the votes and endorsements that still count: it names nobody, and as
    // an indefinite suspension it is left out of every list of active people (mentions, emails).
    await tx.execute(sql`
      update users set email = 'deleted-' || id::text || '@invalid',
        display_name = ${FORMER_MEMBER_NAME}, handle = 'former-' || left(md5(id::text), 12),
        bio = '', show_votes = false, last_seen_at = null, welcome_dismissed_at = null,
        silenced_at = null, silenced_until = null, silence_reason = null,
        status = 'suspended', suspended_until = null, suspension_reason = null,
        deleted_at = now()
      where id = ${id}`);
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "user.deleted",
        targetType: "user",
        targetId: id,
        details: {
          byThemselves,
          postsRemoved: input.removePosts,
          ...(byThemselves ? {} : { reason: reason.slice(0, 500) }),
        },
      },
      tx,
    );
  });
  // Their open pages and streams close at once.
  await publishAccessChange({ userIds: [target.id] });
}

/** Rows that are the person's own and nothing else's: deleted with them. */
const PERSONAL_TABLES = [
  "password_hashes",
  "sessions",
  "api_tokens",
  "feed_keys",
  "staff_exports",
  "password_reset_tokens",
  "sign_in_events",
  "sso_identities",
  "member_consents",
  "consent_events",
  "drafts",
  "bookmarks",
  "notifications",
  "notification_preferences",
  "thread_reads",
  "thread_watches",
  "space_watches",
  "space_members",
  "space_observers",
  "changelog_subscriptions",
  "profile_field_values",
  "data_exports",
  "user_visit_days",
  "lapsed_entries",
  "proposal_editors",
  "member_influence",
  "influence_role_models",
] as const;

/** A community always keeps an admin: the last one can't leave until they name another. */
async function requireAnotherAdmin(executor: Pick<typeof db, "execute">, adminId: string) {
  const others = await executor.execute<{ id: string }>(sql`
    select id from users
    where role = 'admin' and id <> ${adminId} and deleted_at is null and status = 'active'
    for update`);
  if (others.length === 0) {
    throw new Refusal("You are the community's only admin: make someone else an admin first.", 409);
  }
}

/** The signed-in person leaves: `deleteAccount` on themselves, confirmed with their password. */
export async function deleteOwnAccount(
  viewer: Viewer,
  input: { removePosts: boolean; password: string; recentSsoSignIn?: boolean },
) {
  await deleteAccount(viewer, viewer.id, input);
}
