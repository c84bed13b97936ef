import { describe, expect, it } from "vitest";
import { hashPassword, NewPasswordSchema, verifyPassword } from "./password.server";

describe("NewPasswordSchema", () => {
  it("accepts a long, uncommon password", () => {
    expect(NewPasswordSchema.safeParse("lantern-orchard-42").success).toBe(true);
  });
  it("refuses fewer than 10 characters", () => {
    const result = NewPasswordSchema.safeParse("short1!");
    expect(result.error?.issues[0].message).toBe("Use at least 10 characters.");
  });
  it("refuses more than 256 characters", () => {
    expect(NewPasswordSchema.safeParse("x".repeat(257)).success).toBe(false);
  });
  it("refuses one of the 10,000 most common passwords", () => {
    const result = NewPasswordSchema.safeParse("1234567890");
    expect(result.error?.issues[0].message).toMatch(/most common/);
  });
});

describe("argon2id hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("lantern-orchard-42");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "lantern-orchard-42")).toBe(true);
    expect(await verifyPassword(hash, "lantern-orchard-43")).toBe(false);
  });
  it("treats a malformed hash as a mismatch, not a crash", async () => {
    expect(await verifyPassword("not-a-hash", "whatever")).toBe(false);
  });
});
