import { randomInt } from "node:crypto";
import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { invitations, ssoIdentities, users, type UserRole } from "#db/schema";
import { db, type Transaction } from "~/db.server";
import { HANDLE_MAX, HANDLE_MIN } from "~/editor/policy";
import { recordAuditEvent } from "~/models/audit.server";
import { sendEmail } from "~/models/email.server";
import { Refusal } from "~/models/refusal.server";
import { DisplayNameSchema } from "~/validation/common";
import { createInvitedUser, invitationOpen } from "./invitation.server";
import { isSuspended } from "./session.server";
import { ssoSetup } from "./sso-provider.server";
import { getSsoSettings, isCompanyRole } from "./sso-settings.server";

// Who someone signing in through the identity provider is here: the person already linked to
// their subject at that provider, else the member with their verified email, else the person
// a pending invitation to that email allows. Never anyone else: no invitation, no member.

export type SsoClaims = {
  issuer: string;
  subject: string;
  /** Verified by the provider (the caller refuses an unverified one), lower-cased. */
  email: string;
  name: string | undefined;
};

export type SsoPersonResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "no-invitation" | "members-not-allowed" | "other-person" }
  | { ok: false; reason: "suspended"; suspendedUntil: Date | null };

/**
 * Finds (or, from an invitation, creates) the person and links them to their subject. A member
 * linked for the first time is told by email (and it is audited): if the provider gave their
 * address to someone else, they hear of it.
 */
export async function findSsoPerson(claims: SsoClaims): Promise<SsoPersonResult> {
  const { memberSsoAllowed } = await getSsoSettings();
  const allowed = (role: UserRole) => memberSsoAllowed || isCompanyRole(role);
  const result = await db.transaction(async (tx) => {
    const person = await linkedPerson(tx, claims);
    if (person && "otherPerson" in person) return { ok: false, reason: "other-person" } as const;
    if (person) {
      if (!allowed(person.role)) return { ok: false, reason: "members-not-allowed" } as const;
      if (person.deletedAt) return { ok: false, reason: "no-invitation" } as const;
      if (isSuspended(person)) {
        return { ok: false, reason: "suspended", suspendedUntil: person.suspendedUntil } as const;
      }
      const linkedNow = await link(tx, claims, person.id);
      return { ok: true, userId: person.id, linkedNow } as const;
    }

    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.email, claims.email), invitationOpen()))
      .orderBy(desc(invitations.createdAt))
      .limit(1)
      .for("update");
    if (!invitation) return { ok: false, reason: "no-invitation" } as const;
    if (!allowed(invitation.role)) return { ok: false, reason: "members-not-allowed" } as const;
    const userId = await createInvitedUser(
      tx,
      invitation,
      { displayName: displayNameFrom(claims), handle: await freeHandle(tx, claims.email) },
      null,
    );
    await link(tx, claims, userId);
    return { ok: true, userId, linkedNow: false } as const;
  });
  if (!result.ok) return result;
  // A new link is always made by email, so the address is theirs here too.
  if (result.linkedNow) await tellOfNewLink(claims);
  return { ok: true, userId: result.userId };
}

async function tellOfNewLink(claims: SsoClaims) {
  const setup = ssoSetup();
  await sendEmail({
    to: claims.email,
    kind: "sso-linked",
    subject: `You signed in to Vanguard with ${setup?.name ?? "single sign-on"}`,
    text: [
      `Your Vanguard account now also signs in through ${setup?.name ?? "your company's identity provider"} (${claims.issuer}).`,
      "",
      "If this wasn't you, tell an admin of the community at once: someone else may hold your address there.",
    ].join("\n"),
  });
}

/** Who the person is at the identity providers they signed in through: theirs to see. */
export async function listSsoLinksOf(userId: string) {
  return db
    .select({
      issuer: ssoIdentities.issuer,
      subject: ssoIdentities.subject,
      linkedAt: ssoIdentities.createdAt,
      lastUsedAt: ssoIdentities.lastUsedAt,
    })
    .from(ssoIdentities)
    .where(eq(ssoIdentities.userId, userId))
    .orderBy(ssoIdentities.createdAt)
    .limit(20);
}

type Person = {
  id: string;
  role: UserRole;
  status: "active" | "suspended";
  suspendedUntil: Date | null;
  deletedAt: Date | null;
};

const personColumns = {
  id: users.id,
  role: users.role,
  status: users.status,
  suspendedUntil: users.suspendedUntil,
  deletedAt: users.deletedAt,
};

/**
 * The person their subject is linked to; else the one with their email, unless that person is
 * already linked to another subject at the same provider (a reused address, a new colleague).
 */
async function linkedPerson(
  tx: Transaction,
  claims: SsoClaims,
): Promise<Person | { otherPerson: true } | null> {
  const [bySubject] = await tx
    .select(personColumns)
    .from(ssoIdentities)
    .innerJoin(users, eq(users.id, ssoIdentities.userId))
    .where(and(eq(ssoIdentities.issuer, claims.issuer), eq(ssoIdentities.subject, claims.subject)));
  if (bySubject) return bySubject;
  const [byEmail] = await tx
    .select({
      ...personColumns,
      linkedElsewhere: sql<boolean>`exists (
        select 1 from ${ssoIdentities}
        where ${ssoIdentities.userId} = ${users.id}
          and ${and(eq(ssoIdentities.issuer, claims.issuer), ne(ssoIdentities.subject, claims.subject))})`,
    })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${claims.email}`, isNull(users.deletedAt)));
  if (!byEmail) return null;
  if (byEmail.linkedElsewhere) return { otherPerson: true };
  return byEmail;
}

/** Links (or touches) the subject; true when the link is new, which is audited. */
async function link(tx: Transaction, claims: SsoClaims, userId: string): Promise<boolean> {
  const [row] = await tx
    .insert(ssoIdentities)
    .values({ issuer: claims.issuer, subject: claims.subject, userId })
    .onConflictDoUpdate({
      target: [ssoIdentities.issuer, ssoIdentities.subject],
      set: { lastUsedAt: new Date() },
    })
    .returning({ created: sql<boolean>`xmax = 0` });
  if (!row?.created) return false;
  await recordAuditEvent(
    {
      actorId: userId,
      action: "sso.linked",
      targetType: "user",
      targetId: userId,
      details: { issuer: claims.issuer },
    },
    tx,
  );
  return true;
}

function displayNameFrom(claims: SsoClaims): string {
  const fromProvider = DisplayNameSchema.safeParse(claims.name ?? "");
  return fromProvider.success ? fromProvider.data : claims.email.split("@")[0].slice(0, 80);
}

/**
 * A handle from the email's local part: the first of it, it with 2 to 50, or with five random
 * digits, that nobody has (one exact query).
 */
async function freeHandle(tx: Transaction, email: string): Promise<string> {
  let base = "";
  for (const character of email.split("@")[0].toLowerCase()) {
    if (/[a-z0-9_-]/.test(character)) base += character;
    if (base.length === HANDLE_MAX - 5) break;
  }
  if (base.length < HANDLE_MIN) base = `member${base}`;
  const candidates = [base];
  for (let n = 2; n <= 50; n++) candidates.push(`${base}${n}`);
  for (let n = 0; n < 5; n++) candidates.push(`${base}${randomInt(10_000, 100_000)}`);
  const taken = await tx
    .select({ handle: sql<string>`lower(${users.handle})` })
    .from(users)
    .where(inArray(sql`lower(${users.handle})`, candidates));
  const used = new Set(taken.map((row) => row.handle));
  const free = candidates.find((candidate) => !used.has(candidate));
  if (!free)
    throw new Refusal(
      "We couldn't choose a handle for you. Ask an admin to invite you again.",
      409,
    );
  return free;
}
