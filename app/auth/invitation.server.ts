import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { accounts, invitations, passwordHashes, users, type UserRole } from "#db/schema";
import { db, type Transaction } from "~/db.server";
import { recordAuditEvent } from "~/models/audit.server";
import { sendEmail } from "~/models/email.server";
import { isEmailRegistered } from "~/models/user.server";
import { generateToken, hashToken } from "~/utils/tokens.server";
import { hashPassword } from "./password.server";
import { can, type Viewer } from "./policy.server";
import { ssoSetup } from "./sso-provider.server";
import { isCompanyRole, staffMustUseSso } from "./sso-settings.server";
import { Refusal } from "~/models/refusal.server";

const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export async function inviteMember(input: {
  email: string;
  role: UserRole;
  accountId: string | null;
  /** Null when the operator invites from the command line (the very first admin). */
  inviter: { id: string; displayName: string } | null;
  origin: string;
}): Promise<string> {
  if (await isEmailRegistered(input.email)) {
    throw new Refusal("Someone with this email is already a member.", 400, "email");
  }

  let accountName: string | null = null;
  if (input.accountId) {
    const [account] = await db
      .select({ name: accounts.name })
      .from(accounts)
      .where(eq(accounts.id, input.accountId));
    if (!account) throw new Refusal("That account no longer exists.", 400);
    accountName = account.name;
  }

  const token = generateToken();
  await db.transaction(async (tx) => {
    // A new invitation replaces any earlier one still pending for the same address.
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    const [created] = await tx
      .insert(invitations)
      .values({
        tokenHash: hashToken(token),
        email: input.email,
        role: input.role,
        accountId: input.accountId,
        invitedById: input.inviter?.id ?? null,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning({ id: invitations.id });
    await recordAuditEvent(
      {
        actorId: input.inviter?.id ?? null,
        action: "invitation.sent",
        targetType: "invitation",
        targetId: created.id,
        details: { email: input.email, role: input.role, account: accountName },
      },
      tx,
    );
  });

  const link = `${input.origin}/invitations/${token}`;
  await sendEmail({
    to: input.email,
    kind: "invitation",
    sensitive: true,
    subject: "You're invited to the Vanguard community",
    text: [
      `${input.inviter?.displayName ?? "The community's operator"} invited you to join the Vanguard community${accountName ? ` as part of ${accountName}` : ""}.`,
      "",
      "Choose your name, handle and password here (the link works for 14 days, once):",
      link,
      "",
      "If you did not expect this, you can ignore this email.",
    ].join("\n"),
  });
  return link;
}

export type InvitationLookup =
  | {
      status: "valid";
      invitation: { id: string; email: string; role: UserRole; accountName: string | null };
    }
  | { status: "invalid" | "expired" | "used" | "revoked" };

export async function getInvitationByToken(token: string): Promise<InvitationLookup> {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      accountName: accounts.name,
    })
    .from(invitations)
    .leftJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return { status: "invalid" };
  if (row.acceptedAt) return { status: "used" };
  if (row.revokedAt) return { status: "revoked" };
  if (row.expiresAt.getTime() <= Date.now()) return { status: "expired" };
  return {
    status: "valid",
    invitation: { id: row.id, email: row.email, role: row.role, accountName: row.accountName },
  };
}

/** Creates the invitee's user; the invitation row is locked so a link works exactly once. */
export async function acceptInvitation(
  token: string,
  profile: { displayName: string; handle: string; password: string },
): Promise<string> {
  const passwordHash = await hashPassword(profile.password);
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.tokenHash, hashToken(token)), invitationOpen()))
      .for("update");
    if (!invitation) throw new Refusal("This invitation can no longer be used.", 400);
    if (isCompanyRole(invitation.role) && (await staffMustUseSso())) {
      throw new Refusal(
        `Staff join by signing in with ${ssoSetup()?.name ?? "single sign-on"}: use its button on the sign-in page, with the email this invitation went to.`,
        409,
      );
    }
    return createInvitedUser(tx, invitation, profile, passwordHash);
  });
}

/** Still usable: neither accepted, revoked nor expired. */
export const invitationOpen = () =>
  and(
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, new Date()),
  );

/**
 * The one way an invitation becomes a member, whether by its link (with a password) or by
 * single sign-on (without one). The caller holds the invitation's row lock.
 */
export async function createInvitedUser(
  tx: Transaction,
  invitation: typeof invitations.$inferSelect,
  profile: { displayName: string; handle: string },
  passwordHash: string | null,
): Promise<string> {
  const [handleOwner] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.handle}) = lower(${profile.handle})`);
  if (handleOwner) throw new Refusal("This handle is taken. Choose another.", 400, "handle");
  const [emailOwner] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${invitation.email})`);
  if (emailOwner)
    throw new Refusal("Someone with this email is already a member. Sign in instead.", 400);

  const [user] = await tx
    .insert(users)
    .values({
      email: invitation.email,
      displayName: profile.displayName,
      handle: profile.handle,
      role: invitation.role,
      accountId: invitation.accountId,
    })
    .returning({ id: users.id });
  if (passwordHash) await tx.insert(passwordHashes).values({ userId: user.id, hash: passwordHash });
  await tx
    .update(invitations)
    .set({ acceptedAt: new Date(), acceptedUserId: user.id })
    .where(eq(invitations.id, invitation.id));
  await recordAuditEvent(
    {
      actorId: user.id,
      action: "invitation.accepted",
      targetType: "invitation",
      targetId: invitation.id,
    },
    tx,
  );
  return user.id;
}

export async function listPendingInvitations() {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      accountName: accounts.name,
      invitedBy: users.displayName,
    })
    .from(invitations)
    .leftJoin(accounts, eq(accounts.id, invitations.accountId))
    .leftJoin(users, eq(users.id, invitations.invitedById))
    .where(invitationOpen())
    .orderBy(desc(invitations.createdAt))
    .limit(100);
}

export async function revokeInvitation(actor: Viewer, invitationId: string): Promise<void> {
  // As the invite page asks: whoever may invite may take an invitation back.
  if (!can(actor, "invite:member:any")) {
    throw new Refusal("Only those who invite members take invitations back.", 403);
  }
  await db.transaction(async (tx) => {
    const revoked = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, invitationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (revoked.length === 0) return;
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "invitation.revoked",
        targetType: "invitation",
        targetId: invitationId,
      },
      tx,
    );
  });
}
