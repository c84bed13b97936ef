import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, users } from "#db/schema";
import { createAccount, createUser, emailsTo, linkIn } from "#db/testing/factories";
import { db } from "~/db.server";
import {
  acceptInvitation,
  getInvitationByToken,
  inviteMember,
  revokeInvitation,
} from "./invitation.server";

async function invite(email: string) {
  const admin = await createUser({ role: "admin" });
  const account = await createAccount();
  await inviteMember({
    email,
    role: "member",
    accountId: account.id,
    inviter: admin,
    origin: "http://localhost:3000",
  });
  const [message] = await emailsTo(email);
  const token = linkIn(message.text, "/invitations/").split("/invitations/")[1];
  return { token, account, message };
}

const profile = { displayName: "New Person", handle: "newperson", password: "lantern-orchard-42" };

describe("invitations", () => {
  it("emails a link that creates the member with the invited role and account", async () => {
    const { token, account, message } = await invite("new@example.test");
    expect(message.subject).toMatch(/invited/);
    expect(await getInvitationByToken(token)).toMatchObject({
      status: "valid",
      invitation: { email: "new@example.test", accountName: account.name },
    });

    const userId = await acceptInvitation(token, profile);
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({
      email: "new@example.test",
      role: "member",
      accountId: account.id,
      handle: "newperson",
    });
  });

  it("stores only a hash of the token", async () => {
    const { token } = await invite("hashed@example.test");
    const rows = await db
      .select()
      .from(invitations)
      .where(eq(invitations.email, "hashed@example.test"));
    expect(rows[0].tokenHash).not.toContain(token);
    expect(rows[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("works once", async () => {
    const { token } = await invite("once@example.test");
    await acceptInvitation(token, { ...profile, handle: "oncer" });
    expect((await getInvitationByToken(token)).status).toBe("used");
    await expect(acceptInvitation(token, { ...profile, handle: "twicer" })).rejects.toThrow();
  });

  it("refuses expired and tampered links", async () => {
    const { token } = await invite("late@example.test");
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, "late@example.test"));
    expect((await getInvitationByToken(token)).status).toBe("expired");
    await expect(acceptInvitation(token, { ...profile, handle: "latecomer" })).rejects.toThrow();
    expect((await getInvitationByToken(`${token}x`)).status).toBe("invalid");
  });

  it("replaces an earlier pending invitation to the same address", async () => {
    const first = await invite("twice@example.test");
    const admin = await createUser({ role: "admin" });
    await inviteMember({
      email: "twice@example.test",
      role: "staff",
      accountId: null,
      inviter: admin,
      origin: "http://x",
    });
    expect((await getInvitationByToken(first.token)).status).toBe("revoked");
  });

  it("refuses a taken handle with a field error and keeps the invitation usable", async () => {
    const existing = await createUser();
    const { token } = await invite("handle@example.test");
    await expect(
      acceptInvitation(token, { ...profile, handle: existing.handle.toUpperCase() }),
    ).rejects.toMatchObject({ field: "handle" });
    expect((await getInvitationByToken(token)).status).toBe("valid");
  });

  it("refuses to invite someone who is already a member", async () => {
    const existing = await createUser();
    const admin = await createUser({ role: "admin" });
    await expect(
      inviteMember({
        email: existing.email.toUpperCase(),
        role: "staff",
        accountId: null,
        inviter: admin,
        origin: "http://x",
      }),
    ).rejects.toMatchObject({ field: "email" });
  });

  it("are taken back only by those who may invite, whoever calls the model", async () => {
    const { token } = await invite("kept@example.test");
    const [{ id }] = await db
      .select({ id: invitations.id })
      .from(invitations)
      .where(eq(invitations.email, "kept@example.test"));
    for (const role of ["member", "moderator", "staff"] as const) {
      await expect(revokeInvitation(await createUser({ role }), id), role).rejects.toMatchObject({
        status: 403,
      });
    }
    expect(await getInvitationByToken(token)).toMatchObject({ status: "valid" });
    await revokeInvitation(await createUser({ role: "admin" }), id);
    expect((await getInvitationByToken(token)).status).not.toBe("valid");
  });
});
