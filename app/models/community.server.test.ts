import { describe, expect, it } from "vitest";
import { createAccount, createTestSpace, createUser } from "#db/testing/factories";
import { getAdminOverview } from "./community.server";
import { suspendUser } from "./user.server";

describe("admin overview", () => {
  it("counts what the admin pages list", async () => {
    const before = await getAdminOverview();
    const account = await createAccount();
    const member = await createUser({ accountId: account.id });
    await createUser({ accountId: account.id });
    await createTestSpace();
    const admin = await createUser({ role: "admin" });
    await suspendUser(admin, member.id, "Testing the count");
    const after = await getAdminOverview();
    // createTestSpace creates an admin of its own, and createUser an account per member.
    expect(after.accounts - before.accounts).toBeGreaterThanOrEqual(1);
    expect(after.spaces - before.spaces).toBe(1);
    expect(after.suspendedMembers - before.suspendedMembers).toBe(1);
    expect(after.activeMembers - before.activeMembers).toBe(3);
  });
});
