import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions } from "#db/schema";
import { createUser } from "#db/testing/factories";
import { statusOf } from "#db/testing/requests";
import { startSession } from "~/auth/session.server";
import { db } from "~/db.server";
import { listAuditEventsFor } from "./audit.server";
import { changeUserRole, listUsersForAdmin, reactivateUser, suspendUser } from "./user.server";
import { Refusal } from "./refusal.server";

describe("member administration", () => {
  it("records who changed a role, from what to what", async () => {
    const admin = await createUser({ role: "admin", displayName: "Ada Admin" });
    const member = await createUser();
    await changeUserRole(admin, member.id, "moderator");
    const [event] = await listAuditEventsFor("user", [member.id]);
    expect(event).toMatchObject({
      action: "user.role_changed",
      actorName: "Ada Admin",
      details: { from: "member", to: "moderator" },
    });
  });

  it("suspends with a reason, ends sessions, and reactivates", async () => {
    const admin = await createUser({ role: "admin" });
    const member = await createUser();
    await startSession(member.id);
    await suspendUser(admin, member.id, "Spam");
    expect(await db.select().from(sessions).where(eq(sessions.userId, member.id))).toHaveLength(0);
    await reactivateUser(admin, member.id);
    const events = await listAuditEventsFor("user", [member.id]);
    expect(events.map((e) => e.action).sort()).toEqual(["user.reactivated", "user.suspended"]);
  });

  it("is the admins' to do, whoever calls the model", async () => {
    const member = await createUser();
    const suspended = await createUser({ status: "suspended" });
    for (const role of ["member", "moderator", "staff"] as const) {
      const actor = await createUser({ role });
      expect(await statusOf(() => changeUserRole(actor, member.id, "admin")), role).toBe(403);
      expect(await statusOf(() => suspendUser(actor, member.id, "Because")), role).toBe(403);
      expect(await statusOf(() => reactivateUser(actor, suspended.id)), role).toBe(403);
    }
    expect(await listAuditEventsFor("user", [member.id, suspended.id])).toEqual([]);
  });

  it("won't let an admin lock themselves out", async () => {
    const admin = await createUser({ role: "admin" });
    await expect(changeUserRole(admin, admin.id, "member")).rejects.toThrow(Refusal);
    await expect(suspendUser(admin, admin.id, "oops")).rejects.toThrow(Refusal);
  });

  it("filters by name or email, role and status in SQL", async () => {
    await createUser({ displayName: "Zelda Quux", role: "staff" });
    await createUser({ displayName: "Zelda Other", status: "suspended" });
    expect((await listUsersForAdmin({ q: "zelda", page: 1 })).total).toBe(2);
    expect(
      (await listUsersForAdmin({ q: "zelda", role: "staff", page: 1 })).users[0].displayName,
    ).toBe("Zelda Quux");
    expect(
      (await listUsersForAdmin({ q: "zelda", status: "suspended", page: 1 })).users[0].displayName,
    ).toBe("Zelda Other");
    expect((await listUsersForAdmin({ q: "%", page: 1 })).total).toBe(0);
  });
});
