import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { failureBackoffs } from "#db/schema";
import { createUser, emailsTo, linkIn, TEST_PASSWORD } from "#db/testing/factories";
import { db } from "~/db.server";
import { backoffKeys } from "~/models/backoff.server";
import { resetPassword, sendPasswordResetEmail } from "./password-reset.server";
import { signIn } from "./sign-in.server";

describe("signIn", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    const user = await createUser();
    const result = await signIn(user.email.toUpperCase(), TEST_PASSWORD, {
      ip: "10.0.0.1",
      userAgent: "",
    });
    expect(result).toEqual({ ok: true, userId: user.id });
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const user = await createUser();
    const wrong = await signIn(user.email, "wrong-password-123", { ip: "10.0.0.2", userAgent: "" });
    const unknown = await signIn("nobody@example.test", "wrong-password-123", {
      ip: "10.0.0.2",
      userAgent: "",
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses a suspended person even with the right password", async () => {
    const user = await createUser({ status: "suspended" });
    expect(await signIn(user.email, TEST_PASSWORD, { ip: "10.0.0.3", userAgent: "" })).toEqual({
      ok: false,
      reason: "suspended",
    });
  });

  it("lets five failures through, then makes the account wait longer after each failure", async () => {
    const user = await createUser();
    const fail = (ip: string) =>
      signIn(user.email, "wrong-password-123", { ip: ip, userAgent: "" });
    for (let attempt = 0; attempt < 6; attempt++) {
      expect(await fail(`10.1.0.${attempt}`)).toEqual({ ok: false, reason: "invalid" });
    }
    // From anywhere, and even with the right password: nothing is checked while it waits.
    expect(await signIn(user.email, TEST_PASSWORD, { ip: "10.2.0.1", userAgent: "" })).toEqual({
      ok: false,
      reason: "account-waiting",
      retryInMinutes: 1,
    });
    await endWait(user.email);
    expect(await fail("10.2.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect(
      await signIn(user.email, TEST_PASSWORD, { ip: "10.2.0.3", userAgent: "" }),
    ).toMatchObject({
      reason: "account-waiting",
      retryInMinutes: 2,
    });
    await endWait(user.email);
    expect(await signIn(user.email, TEST_PASSWORD, { ip: "10.2.0.4", userAgent: "" })).toEqual({
      ok: true,
      userId: user.id,
    });
    // A success forgets the failures: five free attempts again.
    for (let attempt = 0; attempt < 6; attempt++) {
      expect(await fail(`10.2.1.${attempt}`)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("delays an unknown email exactly like a member's", async () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      await signIn("nobody-here@example.test", "wrong-password-123", {
        ip: `10.5.0.${attempt}`,
        userAgent: "",
      });
    }
    expect(
      await signIn("nobody-here@example.test", "x-password-123", { ip: "10.5.1.1", userAgent: "" }),
    ).toEqual({
      ok: false,
      reason: "account-waiting",
      retryInMinutes: 1,
    });
  });

  it("caps the delay at an hour and forgets failures after a day", async () => {
    const user = await createUser();
    const key = backoffKeys.signIn(user.email);
    await db.insert(failureBackoffs).values({
      key,
      failures: 40,
      blockedUntil: new Date(Date.now() - 1_000),
      lastFailureAt: new Date(Date.now() - 60_000),
    });
    await signIn(user.email, "wrong-password-123", { ip: "10.6.0.1", userAgent: "" });
    expect(
      await signIn(user.email, TEST_PASSWORD, { ip: "10.6.0.1", userAgent: "" }),
    ).toMatchObject({
      retryInMinutes: 60,
    });
    await db
      .update(failureBackoffs)
      .set({
        blockedUntil: new Date(Date.now() - 1_000),
        lastFailureAt: new Date(Date.now() - 25 * 3600_000),
      })
      .where(eq(failureBackoffs.key, key));
    expect(
      await signIn(user.email, "wrong-password-123", { ip: "10.6.0.2", userAgent: "" }),
    ).toMatchObject({
      reason: "invalid",
    });
    const [row] = await db.select().from(failureBackoffs).where(eq(failureBackoffs.key, key));
    expect(row.failures).toBe(1);
  });

  it("a stranger's failures don't keep a member out for good: a password reset clears them", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < 8; attempt++) {
      await signIn(user.email, "wrong-password-123", { ip: `10.7.0.${attempt}`, userAgent: "" });
    }
    expect(
      await signIn(user.email, TEST_PASSWORD, { ip: "10.7.1.1", userAgent: "" }),
    ).toMatchObject({
      reason: "account-waiting",
    });
    await sendPasswordResetEmail(user.email);
    const [message] = await emailsTo(user.email);
    const token = linkIn(message.text, "/reset-password/").split("/reset-password/")[1];
    await resetPassword(token, "a-fresh-passphrase-42");
    expect(
      await signIn(user.email, "a-fresh-passphrase-42", { ip: "10.7.1.2", userAgent: "" }),
    ).toEqual({
      ok: true,
      userId: user.id,
    });
  });

  it("one person's typos don't lock out their office: an address allows 100 failures", async () => {
    const colleague = await createUser();
    const office = { ip: "10.3.0.1", userAgent: "" };
    for (let attempt = 0; attempt < 99; attempt++) {
      await signIn(`typo${attempt}@example.test`, "wrong-password-123", office);
    }
    expect(await signIn(colleague.email, TEST_PASSWORD, office)).toEqual({
      ok: true,
      userId: colleague.id,
    });
    await signIn("typo-again@example.test", "wrong-password-123", office);
    expect(await signIn(colleague.email, TEST_PASSWORD, office)).toMatchObject({
      reason: "address-limited",
    });
    expect(await signIn("nobody@example.test", "x-password-123", office)).toMatchObject({
      reason: "address-limited",
    });
    expect(await signIn(colleague.email, TEST_PASSWORD, { ip: "10.3.0.2", userAgent: "" })).toEqual(
      {
        ok: true,
        userId: colleague.id,
      },
    );
    // A hundred password checks (argon2, on purpose slow) take 20 s and more on a busy machine:
    // this test is about counting, not speed.
  }, 120_000);

  it("counts parallel guesses: at most six are even checked", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        signIn(user.email, `parallel-guess-${i}`, { ip: `10.4.0.${i}`, userAgent: "" }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(6);
    expect(results.filter((r) => !r.ok && r.reason === "account-waiting")).toHaveLength(19);
  });
});

/** Moves the account's waiting time into the past, as if the minutes had gone by. */
async function endWait(email: string) {
  await db
    .update(failureBackoffs)
    .set({ blockedUntil: new Date(Date.now() - 1_000) })
    .where(eq(failureBackoffs.key, backoffKeys.signIn(email)));
}
