import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "#db/schema";
import { createUser } from "#db/testing/factories";
import { db } from "~/db.server";
import { can } from "./policy.server";
import { requireUser, requireUserWithPermission } from "./current-user.server";
import { startSession } from "./session.server";

function requestWithCookie(cookie: string | null, path = "/admin/members") {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie.split(";")[0]);
  return new Request(`http://localhost${path}`, { headers });
}

async function thrownBy(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    const data = error as { type?: string; init?: { status?: number } };
    if (data.type === "DataWithResponseInit")
      return new Response(null, { status: data.init?.status });
    throw error;
  }
  throw new Error("expected a thrown response");
}

describe("policy", () => {
  it("gives admin pages to admins only", () => {
    expect(can({ role: "admin" }, "read:member:any")).toBe(true);
    for (const role of ["member", "moderator", "staff"] as const) {
      expect(can({ role }, "read:member:any")).toBe(false);
      expect(can({ role }, "update:member:any")).toBe(false);
      expect(can({ role }, "manage:account:any")).toBe(false);
    }
  });

  it("sends a signed-out visitor to sign in and back", async () => {
    const response = await thrownBy(
      requireUser(requestWithCookie(null, "/admin/members?role=staff")),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(
      "/login?redirectTo=%2Fadmin%2Fmembers%3Frole%3Dstaff",
    );
  });

  it("answers 403 to a member asking for an admin permission", async () => {
    const member = await createUser();
    const cookie = await startSession(member.id);
    const response = await thrownBy(
      requireUserWithPermission(requestWithCookie(cookie), "read:member:any"),
    );
    expect(response.status).toBe(403);
  });

  it("reads role and status fresh on every request", async () => {
    const person = await createUser({ role: "admin" });
    const cookie = await startSession(person.id);
    expect((await requireUser(requestWithCookie(cookie))).role).toBe("admin");

    await db
      .update(users)
      .set({ role: "member", accountId: (await createUser()).accountId })
      .where(eq(users.id, person.id));
    expect((await requireUser(requestWithCookie(cookie))).role).toBe("member");

    await db.update(users).set({ status: "suspended" }).where(eq(users.id, person.id));
    const response = await thrownBy(requireUser(requestWithCookie(cookie)));
    expect(response.headers.get("Location")).toMatch(/^\/login/);
  });
});
