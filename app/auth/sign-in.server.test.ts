import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD } from "#db/testing/factories";
import { signIn } from "./sign-in.server";

describe("signIn", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    const user = await createUser();
    const result = await signIn(user.email.toUpperCase(), TEST_PASSWORD, "10.0.0.1");
    expect(result).toEqual({ ok: true, userId: user.id });
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const user = await createUser();
    const wrong = await signIn(user.email, "wrong-password-123", "10.0.0.2");
    const unknown = await signIn("nobody@example.test", "wrong-password-123", "10.0.0.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses a suspended person even with the right password", async () => {
    const user = await createUser({ status: "suspended" });
    expect(await signIn(user.email, TEST_PASSWORD, "10.0.0.3")).toEqual({
      ok: false,
      reason: "suspended",
    });
  });

  it("blocks an email after 10 failures, even with the right password and from elsewhere", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < 10; attempt++) {
      await signIn(user.email, "wrong-password-123", `10.1.0.${attempt}`);
    }
    const result = await signIn(user.email, TEST_PASSWORD, "10.2.0.1");
    expect(result).toEqual({ ok: false, reason: "rate-limited", retryInMinutes: 15 });
  });

  it("blocks an IP after 10 failures, for every email, with the same message for unknown ones", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < 10; attempt++) {
      await signIn(`guess${attempt}@example.test`, "wrong-password-123", "10.3.0.1");
    }
    expect(await signIn(user.email, TEST_PASSWORD, "10.3.0.1")).toMatchObject({
      reason: "rate-limited",
    });
    expect(await signIn("nobody@example.test", "x-password-123", "10.3.0.1")).toMatchObject({
      reason: "rate-limited",
    });
    expect(await signIn(user.email, TEST_PASSWORD, "10.3.0.2")).toEqual({
      ok: true,
      userId: user.id,
    });
  });

  it("counts parallel guesses: at most 10 are even checked", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        signIn(user.email, `parallel-guess-${i}`, `10.4.0.${i}`),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.reason === "rate-limited")).toHaveLength(15);
  });
});
