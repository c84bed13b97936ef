import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, membershipInvitations, notifications, users } from "#db/schema";
import { createAccount, createTestSpace, createUser, emailsTo } from "#db/testing/factories";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { updateAccount } from "./account.server";
import {
  dismissPreparedInvitation,
  listPreparedInvitations,
  MAX_INVITATIONS_SENT_AT_ONCE,
  sendAccountInvitations,
  sendPreparedInvitations,
} from "./membership-invitation.server";
import { sendNotificationEmail } from "./notification-email.server";
import { Refusal } from "./refusal.server";
import {
  getAlumniNotice,
  getLostSpaceAccess,
  setValueMembershipMode,
  settleTierChanges,
  type ValueMembershipMode,
} from "./value-membership.server";

const unique = () => Math.random().toString(36).slice(2, 8);

let admin: Viewer;

async function refusalOf(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (error instanceof Refusal) return error.status;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** An account with revenue `dollars`, its tier settled as the app last acted on it. */
async function account(dollars: number, contactEmails: string[] = []) {
  const created = await createAccount({ revenueCents: dollars * 100, contactEmails });
  await db.transaction((tx) => settleTierChanges(tx, null));
  return created;
}

/** An admin's edit of an account's revenue: the app's own path for a tier change. */
async function setRevenue(id: string, dollars: number) {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  await updateAccount(admin, id, {
    name: row.name,
    externalId: row.externalId,
    segment: row.segment,
    revenue: dollars * 100,
    grossProfit: row.grossProfitCents,
    lifetimeValue: row.lifetimeValueCents,
    customerSince: row.customerSince,
  });
}

async function setMode(mode: ValueMembershipMode) {
  await setValueMembershipMode(admin, mode);
}

const notificationsOf = (userId: string) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, "membership_change")));

const preparedFor = (accountId: string) =>
  db.select().from(membershipInvitations).where(eq(membershipInvitations.accountId, accountId));

beforeAll(async () => {
  admin = await createUser({ role: "admin" });
  // Twenty accounts of distinct revenue, so the top 1% is one account and the top 10% two.
  for (let i = 1; i <= 20; i++) await createAccount({ revenueCents: i * 1_000_00 });
  await db.transaction((tx) => settleTierChanges(tx, null));
});

describe("the value-based membership setting", () => {
  it("is off by default, changes only for those who change settings, and is audited", async () => {
    const [row] = await db.execute<{ mode: string }>(
      sql`select value_membership as mode from community_settings where id = 1`,
    );
    expect(row?.mode ?? "off").toBe("off");
    for (const role of ["member", "moderator", "staff"] as const) {
      const someone = await createUser({ role });
      expect(await refusalOf(() => setValueMembershipMode(someone, "send"))).toBe(403);
    }
    await setMode("review");
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "settings.value_membership_changed"));
    expect(events.at(-1)?.details).toEqual({ from: "off", to: "review" });
    await setMode("off");
  });
});

describe("an account entering the top tiers", () => {
  it("prepares nothing while the setting is off", async () => {
    await setMode("off");
    const rising = await account(1, [`off-${unique()}@example.test`]);
    await setRevenue(rising.id, 1_000_000);
    expect(await preparedFor(rising.id)).toEqual([]);
  });

  it("prepares an invitation per new contact email for review, skipping members and pending ones", async () => {
    await setMode("review");
    const member = `member-${unique()}@example.test`;
    const fresh = `fresh-${unique()}@example.test`;
    const rising = await account(1, [fresh, member, fresh.toUpperCase(), "not-an-email"]);
    await createUser({ accountId: rising.id, email: member });
    await setRevenue(rising.id, 2_000_000);
    const prepared = await preparedFor(rising.id);
    expect(prepared.map((row) => [row.email.toLowerCase(), row.state])).toEqual([
      [fresh, "prepared"],
    ]);
    expect(prepared[0].tierChangeId).not.toBeNull();
    expect(await emailsTo(fresh)).toEqual([]);

    const review = await listPreparedInvitations(admin);
    const group = review.groups.find((g) => g.accountId === rising.id);
    expect(group?.invitations.map((i) => i.email)).toEqual([prepared[0].email]);
    expect(group?.change).toMatchObject({ fromTier: "rest", toTier: "top1" });

    // Sent once; a replay of the same id is refused and sends nothing more.
    expect(await sendPreparedInvitations(admin, [prepared[0].id])).toEqual({ sent: 1, skipped: 0 });
    expect(await refusalOf(() => sendPreparedInvitations(admin, [prepared[0].id]))).toBe(409);
    expect(await emailsTo(prepared[0].email)).toHaveLength(1);
    const [sent] = await preparedFor(rising.id);
    expect(sent).toMatchObject({ state: "sent", decidedById: admin.id });
    expect(sent.invitationId).not.toBeNull();

    // Falling out and coming back does not prepare the pending address again.
    await setRevenue(rising.id, 0);
    await setRevenue(rising.id, 2_000_000);
    expect((await preparedFor(rising.id)).filter((row) => row.state === "prepared")).toEqual([]);
    await setMode("off");
  });

  it("sends at once when the setting says so", async () => {
    await setMode("send");
    const address = `send-${unique()}@example.test`;
    const rising = await account(1, [address]);
    await setRevenue(rising.id, 3_000_000);
    const [row] = await preparedFor(rising.id);
    expect(row.state).toBe("sent");
    const mails = await emailsTo(address);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain("/invitations/");
    await setMode("off");
    expect(MAX_INVITATIONS_SENT_AT_ONCE).toBe(500);
  });

  it("sends at most 500 at once and leaves the rest prepared, saying so", async () => {
    await setMode("send");
    const run = unique();
    const many = Array.from(
      { length: MAX_INVITATIONS_SENT_AT_ONCE + 2 },
      (_, i) => `m${i}-${run}@example.test`,
    );
    const rising = await account(1, many);
    await setRevenue(rising.id, 6_000_000);
    await setMode("off");
    const rows = await preparedFor(rising.id);
    expect(rows.filter((row) => row.state === "sent")).toHaveLength(MAX_INVITATIONS_SENT_AT_ONCE);
    expect(rows.filter((row) => row.state === "prepared")).toHaveLength(2);
    const [held] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "membership_invitation.held_back"));
    expect(held.details).toMatchObject({ count: 2 });
    await setRevenue(rising.id, 1);
  }, 120_000);
});

describe("an account leaving the top tiers", () => {
  it("makes its members alumni, tells them once, and gives it back when the account returns", async () => {
    const gated = await createTestSpace({
      visibility: "tier",
      minTier: "top10",
      name: `Circle ${unique()}`,
    });
    const open = await createTestSpace({ name: `Open ${unique()}` });
    const leaving = await account(1);
    await setRevenue(leaving.id, 4_000_000);
    const alumnus = await createUser({ accountId: leaving.id });
    const staffer = await createUser({ role: "staff", accountId: leaving.id });
    const outsider = await createUser();

    await setRevenue(leaving.id, 0);
    const [me] = await db.select().from(users).where(eq(users.id, alumnus.id));
    expect(me.alumniSince).not.toBeNull();
    const [staffRow] = await db.select().from(users).where(eq(users.id, staffer.id));
    expect(staffRow.alumniSince).toBeNull();
    const told = await notificationsOf(alumnus.id);
    expect(told).toHaveLength(1);
    expect(told[0].details).toMatchObject({ change: "alumni", accountName: leaving.name });
    expect((told[0].details as unknown as { spaces: string[] }).spaces).toContain(gated.name);
    expect((told[0].details as unknown as { spaces: string[] }).spaces).not.toContain(open.name);
    expect(await notificationsOf(staffer.id)).toEqual([]);
    // Emailed at once by default, in plain words.
    expect(await sendNotificationEmail(told[0].id)).toBe(true);
    const [mail] = await emailsTo(alumnus.email);
    expect(mail.subject).toBe(
      `${leaving.name} left the top tiers: you no longer see the top-tier spaces`,
    );
    expect(mail.text).toContain(`“${gated.name}”`);
    expect(mail.text).toContain(
      "You keep everything you wrote, your profile, and every space open to all members.",
    );

    // An unrelated write settles nothing more: told once.
    await setRevenue(leaving.id, 0);
    expect(await notificationsOf(alumnus.id)).toHaveLength(1);

    // The alumnus sees why on the home page and on the gated space; nobody else learns its name.
    expect(await getAlumniNotice(alumnus)).toMatchObject({ accountName: leaving.name });
    expect(await getLostSpaceAccess(alumnus, gated.slug)).toMatchObject({ name: gated.name });
    expect(await getLostSpaceAccess(alumnus, open.slug)).toBeNull();
    expect(await getLostSpaceAccess(outsider, gated.slug)).toBeNull();
    expect(await getAlumniNotice(outsider)).toBeNull();

    await setRevenue(leaving.id, 4_000_000);
    const [back] = await db.select().from(users).where(eq(users.id, alumnus.id));
    expect(back.alumniSince).toBeNull();
    const after = await notificationsOf(alumnus.id);
    expect(
      after.map((row) => (row.details as unknown as { change: string }).change).sort(),
    ).toEqual(["alumni", "back"]);
    expect(await getAlumniNotice(alumnus)).toBeNull();
  });

  it("tells members of an account falling from top 1% to top 10% which spaces they lose, without making alumni", async () => {
    const top1Only = await createTestSpace({
      visibility: "tier",
      minTier: "top1",
      name: `Inner ${unique()}`,
    });
    const falling = await account(1);
    await setRevenue(falling.id, 9_000_000);
    const member = await createUser({ accountId: falling.id });
    const rival = await account(1);
    await setRevenue(rival.id, 10_000_000);
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    expect(row.alumniSince).toBeNull();
    const told = await notificationsOf(member.id);
    expect(told).toHaveLength(1);
    expect(told[0].details).toMatchObject({ change: "fewer_spaces", spaces: [top1Only.name] });
    expect(await getLostSpaceAccess(member, top1Only.slug)).toMatchObject({ name: top1Only.name });
    await setRevenue(rival.id, 1);
  });

  it("names only tier spaces that existed when the account left: a later one stays unknown", async () => {
    const leaving = await account(1);
    await setRevenue(leaving.id, 4_000_000);
    const alumnus = await createUser({ accountId: leaving.id });
    await setRevenue(leaving.id, 0);
    // Made after the account left: its members never saw it, so its name is not theirs to learn.
    const later = await createTestSpace({
      visibility: "tier",
      minTier: "top10",
      name: `Later ${unique()}`,
    });
    expect(await getLostSpaceAccess(alumnus, later.slug)).toBeNull();
  });
});

describe("the review of prepared invitations", () => {
  it("is the admins' alone, and each decision is made once", async () => {
    await setMode("review");
    const a = `a-${unique()}@example.test`;
    const b = `b-${unique()}@example.test`;
    const c = `c-${unique()}@example.test`;
    const rising = await account(1, [a, b, c]);
    await setRevenue(rising.id, 5_000_000);
    await setMode("off");
    const rows = await preparedFor(rising.id);
    const byEmail = new Map(rows.map((row) => [row.email, row.id]));
    for (const role of ["member", "moderator", "staff"] as const) {
      const someone = await createUser({ role });
      expect(await refusalOf(() => listPreparedInvitations(someone))).toBe(403);
      expect(await refusalOf(() => sendPreparedInvitations(someone, [byEmail.get(a)!]))).toBe(403);
      expect(await refusalOf(() => sendAccountInvitations(someone, rising.id))).toBe(403);
      expect(await refusalOf(() => dismissPreparedInvitation(someone, byEmail.get(a)!))).toBe(403);
    }
    await dismissPreparedInvitation(admin, byEmail.get(a)!);
    expect(await refusalOf(() => dismissPreparedInvitation(admin, byEmail.get(a)!))).toBe(409);
    expect(await refusalOf(() => sendPreparedInvitations(admin, [byEmail.get(a)!]))).toBe(409);
    expect(await refusalOf(() => dismissPreparedInvitation(admin, crypto.randomUUID()))).toBe(409);

    // One click sends at most a bounded number, the oldest first, and says how many still wait.
    expect(await sendAccountInvitations(admin, rising.id, 1)).toEqual({
      sent: 1,
      skipped: 0,
      waiting: 1,
    });
    expect(await sendAccountInvitations(admin, rising.id)).toEqual({
      sent: 1,
      skipped: 0,
      waiting: 0,
    });
    expect(await refusalOf(() => sendAccountInvitations(admin, rising.id))).toBe(409);
    expect(await emailsTo(a)).toEqual([]);
    expect(await emailsTo(b)).toHaveLength(1);
    expect(await emailsTo(c)).toHaveLength(1);
    const audited = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, rising.id));
    expect(audited.map((e) => e.action).sort()).toEqual([
      "account.updated",
      "membership_invitation.dismissed",
      "membership_invitation.sent",
      "membership_invitation.sent",
    ]);
  });
});
