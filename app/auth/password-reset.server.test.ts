import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { passwordResetTokens, sessions } from "#db/schema";
import { createUser, emailsTo, linkIn } from "#db/testing/factories";
import { db } from "~/db.server";
import { getResetTokenStatus, requestPasswordReset, resetPassword } from "./password-reset.server";
import { signIn } from "./sign-in.server";
import { startSession } from "./session.server";

async function resetTokenFor(email: string) {
  await requestPasswordReset(email, "http://localhost:3000");
  const [message] = await emailsTo(email);
  return linkIn(message.text, "/reset-password/").split("/reset-password/")[1];
}

describe("password reset", () => {
  it("sends nothing for an unknown email", async () => {
    await requestPasswordReset("nobody@example.test", "http://localhost:3000");
    expect(await emailsTo("nobody@example.test")).toHaveLength(0);
  });

  it("changes the password once and ends every session", async () => {
    const user = await createUser();
    await startSession(user.id);
    await startSession(user.id);
    const token = await resetTokenFor(user.email);
    expect(await getResetTokenStatus(token)).toBe("valid");

    expect(await resetPassword(token, "a-brand-new-passphrase")).toBe(user.id);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await signIn(user.email, "a-brand-new-passphrase", "10.9.0.1")).toEqual({
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
    for (let i = 0; i < 7; i++) await requestPasswordReset(user.email, "http://x");
    expect(await emailsTo(user.email)).toHaveLength(5);
  });
});
