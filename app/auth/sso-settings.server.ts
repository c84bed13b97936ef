import { and, eq, inArray, isNull, max } from "drizzle-orm";
import {
  apiTokens,
  communitySettings,
  sessions,
  ssoIdentities,
  users,
  type SignInMethod,
  type UserRole,
} from "#db/schema";
import { db } from "~/db.server";
import { publishAccessChange } from "~/live.server";
import { recordAuditEvent } from "~/models/audit.server";
import { NOT_YOUR_ROLE, Refusal } from "~/models/refusal.server";
import { can, type Viewer } from "./policy.server";
import { ssoSetup } from "./sso-provider.server";

/** The company's own people, whom an admin may require to sign in through its identity provider. */
export const COMPANY_ROLES: readonly UserRole[] = ["staff", "admin"];

export const isCompanyRole = (role: UserRole) => COMPANY_ROLES.includes(role);

export type SsoSettings = { staffSsoRequired: boolean; memberSsoAllowed: boolean };

/** The admin's choices as stored (they only take effect while single sign-on is configured). */
export async function getSsoSettings(): Promise<SsoSettings> {
  const [row] = await db
    .select({
      staffSsoRequired: communitySettings.staffSsoRequired,
      memberSsoAllowed: communitySettings.memberSsoAllowed,
    })
    .from(communitySettings)
    .where(eq(communitySettings.id, 1));
  return row ?? { staffSsoRequired: false, memberSsoAllowed: false };
}

/**
 * What applies now. Without a configured provider nothing is required, so an operator who
 * removes the configuration (a broken provider) lets staff use their passwords again.
 */
export async function effectiveSsoSettings(): Promise<SsoSettings> {
  if (!ssoSetup()) return { staffSsoRequired: false, memberSsoAllowed: false };
  return getSsoSettings();
}

/** Whether staff and admins must sign in through the identity provider now. */
export async function staffMustUseSso(): Promise<boolean> {
  return (await effectiveSsoSettings()).staffSsoRequired;
}

/**
 * Changes who signs in through the identity provider. Requiring it of staff is taken only from
 * an admin whose own session came through it (proof that it works, so nobody is locked out),
 * and ends the staff's password sessions at once.
 */
export async function updateSsoSettings(
  actor: Viewer,
  actorSessionMethod: SignInMethod,
  settings: SsoSettings,
): Promise<void> {
  if (!can(actor, "manage:settings:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
  const setup = ssoSetup();
  if (!setup && (settings.staffSsoRequired || settings.memberSsoAllowed)) {
    throw new Refusal(
      "Single sign-on is not configured on this server. Set OIDC_ISSUER and OIDC_CLIENT_ID first.",
      409,
    );
  }
  const before = await getSsoSettings();
  if (settings.staffSsoRequired && !before.staffSsoRequired && actorSessionMethod !== "sso") {
    throw new Refusal(
      `Sign in with ${setup?.name ?? "single sign-on"} yourself first, so you know it works, then require it.`,
      409,
      "staffSsoRequired",
    );
  }
  const ended = await db.transaction(async (tx) => {
    await tx
      .insert(communitySettings)
      .values({ id: 1, ...settings })
      .onConflictDoUpdate({
        target: communitySettings.id,
        set: { ...settings, updatedAt: new Date() },
      });
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "settings.sso_changed",
        targetType: "settings",
        targetId: "sso",
        details: { ...settings },
      },
      tx,
    );
    if (!settings.staffSsoRequired || before.staffSsoRequired) return [];
    // Tokens made before may have been made from a password session: made again after a sign-in
    // through the provider.
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          isNull(apiTokens.revokedAt),
          inArray(
            apiTokens.userId,
            tx
              .select({ id: users.id })
              .from(users)
              .where(inArray(users.role, [...COMPANY_ROLES])),
          ),
        ),
      );
    return tx
      .delete(sessions)
      .where(
        and(
          eq(sessions.method, "password"),
          inArray(
            sessions.userId,
            tx
              .select({ id: users.id })
              .from(users)
              .where(inArray(users.role, [...COMPANY_ROLES])),
          ),
        ),
      )
      .returning({ userId: sessions.userId });
  });
  if (ended.length > 0) {
    await publishAccessChange({ userIds: [...new Set(ended.map((row) => row.userId))] });
  }
}

/** How many of the company's people the readiness list names at most. */
export const COMPANY_PEOPLE_LISTED = 200;

/**
 * The staff and admins, each with when they last signed in through the identity provider, so
 * an admin sees who would be ready before requiring it.
 */
export async function listCompanySignIns(actor: Viewer) {
  if (!can(actor, "manage:settings:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      role: users.role,
      lastSsoAt: max(ssoIdentities.lastUsedAt),
    })
    .from(users)
    .leftJoin(ssoIdentities, eq(ssoIdentities.userId, users.id))
    .where(and(inArray(users.role, [...COMPANY_ROLES]), isNull(users.deletedAt)))
    .groupBy(users.id)
    .orderBy(users.displayName, users.id)
    .limit(COMPANY_PEOPLE_LISTED);
}
