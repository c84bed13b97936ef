import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passwordResetTokens, sessions } from "#db/schema";
import { createUser, emailsTo, linkIn } from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import { db } from "~/db.server";
import {
  getResetTokenStatus,
  requestPasswordReset,
  resetPassword,
  sendPasswordResetEmail,
} from "./password-reset.server";
import { TEST_PASSWORD } from "#db/testing/factories";
import { suspendMember } from "~/models/member-moderation.server";
import { changePassword } from "~/models/profile.server";
import { changeUserRole, suspendUser } from "~/models/user.server";
import { signIn } from "./sign-in.server";
import { startSession } from "./session.server";

const NO_CLIENT = { ip: "", userAgent: "" };

async function resetTokenFor(email: string) {
  await sendPasswordResetEmail(email);
  const [message] = await emailsTo(email);
  return linkIn(message.text, "/reset-password/").split("/reset-password/")[1];
}

describe("password reset", () => {
  it("sends nothing for an unknown email", async () => {
    await sendPasswordResetEmail("nobody@example.test");
    expect(await emailsTo("nobody@example.test")).toHaveLength(0);
  });

  it("does the same work in the request for a member's email as for an unknown one", async () => {
    const user = await createUser();
    const forMember = await countQueries(() => requestPasswordReset(user.email, "10.8.0.1"));
    const forStranger = await countQueries(() =>
      requestPasswordReset("stranger@example.test", "10.8.0.1"),
    );
    expect(forMember).toBe(forStranger);
    // The lookup, the link and the email happen in the job, after the answer.
    expect(await emailsTo(user.email)).toHaveLength(0);
    expect(
      await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)),
    ).toHaveLength(0);
    expect(await queuedResetsFor(user.email)).toBe(1);
    expect(await queuedResetsFor("stranger@example.test")).toBe(1);
  });

  it("changes the password once and ends every session", async () => {
    const user = await createUser();
    await startSession(user.id);
    await startSession(user.id);
    const token = await resetTokenFor(user.email);
    expect(await getResetTokenStatus(token)).toBe("valid");

    expect(await resetPassword(token, "a-brand-new-passphrase")).toBe(user.id);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(
      await signIn(user.email, "a-brand-new-passphrase", { ip: "10.9.0.1", userAgent: "" }),
    ).toEqual({
      ok: true,
      userId: user.id,
    });

    expect(await getResetTokenStatus(token)).toBe("used");
    expect(await resetPassword(token, "yet-another-passphrase")).toBeNull();
  });

  it("refuses a link older than an hour", async () => {
    const user = await createUser();
    const token = await resetTokenFor(user.email);
    await db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(passwordResetTokens.userId, user.id));
    expect(await getResetTokenStatus(token)).toBe("expired");
    expect(await resetPassword(token, "a-brand-new-passphrase")).toBeNull();
  });

  it("sends at most 5 reset emails an hour to one address", async () => {
    const user = await createUser();
    for (let i = 0; i < 7; i++) {
      expect(await requestPasswordReset(user.email, `10.8.1.${i}`)).toEqual({ ok: true });
    }
    expect(await queuedResetsFor(user.email)).toBe(5);
  });

  it("takes at most 30 requests an hour from one client address", async () => {
    for (let i = 0; i < 30; i++) {
      expect(await requestPasswordReset(`someone${i}@example.test`, "10.8.2.1")).toEqual({
        ok: true,
      });
    }
    expect(await requestPasswordReset("one-more@example.test", "10.8.2.1")).toEqual({
      ok: false,
      retryInMinutes: 60,
    });
    expect(await queuedResetsFor("one-more@example.test")).toBe(0);
  });
});

async function queuedResetsFor(email: string): Promise<number> {
  const [row] = await db.execute<{ count: number }>(
    sql`select count(*)::int as count from pgboss.job where name = 'password-reset-email' and data->>'email' = ${email}`,
  );
  return row.count;
}

describe("a reset link emailed before a change of password, role or standing", () => {
  it.each([
    [
      "the password is changed in Settings",
      (user: { id: string }) =>
        changePassword(user.id, TEST_PASSWORD, "another-long-passphrase-9", NO_CLIENT),
    ],
    [
      "an admin changes their role",
      async (user: { id: string }) => {
        const admin = await createUser({ role: "admin" });
        await changeUserRole(admin, user.id, "moderator");
      },
    ],
    [
      "an admin suspends them",
      async (user: { id: string }) => {
        const admin = await createUser({ role: "admin" });
        await suspendUser(admin, user.id, "Checking the account");
      },
    ],
    [
      "a moderator suspends them",
      async (user: { id: string }) => {
        const moderator = await createUser({ role: "moderator" });
        await suspendMember(moderator, user.id, { reason: "Cooling off", until: null });
      },
    ],
  ])("stops working when %s", async (_change, change) => {
    const user = await createUser();
    const token = await resetTokenFor(user.email);
    await change(user);
    expect(await getResetTokenStatus(token)).toBe("used");
    expect(await resetPassword(token, "taken-over-passphrase-7")).toBeNull();
  });
});
