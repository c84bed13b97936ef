import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import {
  castTestVote,
  createAccount,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  TEST_PASSWORD,
} from "#db/testing/factories";
import { startSession, getCurrentSession } from "~/auth/session.server";
import { db } from "~/db.server";
import { deleteAccount } from "./account-deletion.server";
import { addEvidence, createBacklogItem } from "./backlog.server";
import { reactivateUser } from "./user.server";
import { answerConsent } from "./consent.server";
import { getProfile } from "./profile.server";
import { searchPosts } from "./search.server";

async function one<Row extends Record<string, unknown>>(query: ReturnType<typeof sql>) {
  const [row] = await db.execute<Row>(query);
  return row;
}

describe("leaving", () => {
  it("erases the person, keeps their posts unnamed and their votes counted, and ends their sessions", async () => {
    const account = await createAccount({
      contactEmails: ["leaving.lee@example.test", "boss@example.test"],
    });
    const leaver = await createUser({
      accountId: account.id,
      displayName: "Leaving Lee",
      email: "leaving.lee@example.test",
    });
    const space = await createTestSpace({ ideasEnabled: true });
    const other = await createUser();
    const idea = await createTestThread(other, space.id, { kind: "idea", title: "Dark mode" });
    await castTestVote(leaver, idea.threadId, "critical");
    const thread = await createTestThread(leaver, space.id, {
      title: "Quarterly planning rituals",
      body: "We plan every quarter with a one-page brief.",
    });
    await createTestReply(other, thread.threadId, "Thanks, Lee.");
    await answerConsent(leaver, "quote", "yes", "my_data");
    const cookie = (await startSession(leaver.id)).split(";")[0];
    const votesBefore = await one<{ n: number }>(
      sql`select count(*)::int as n from idea_votes where idea_id = ${idea.threadId}`,
    );
    const reader = await createUser();

    await expect(
      deleteAccount(leaver, leaver.id, { removePosts: false, password: "not-it-at-all" }),
    ).rejects.toMatchObject({ status: 400 });
    await deleteAccount(leaver, leaver.id, { removePosts: false, password: TEST_PASSWORD });

    const row = await one<{ email: string; display_name: string; bio: string; deleted: boolean }>(
      sql`select email, display_name, bio, deleted_at is not null as deleted from users where id = ${leaver.id}`,
    );
    expect(row).toMatchObject({ display_name: "A former member", bio: "", deleted: true });
    expect(row.email).not.toContain("leaving.lee");
    expect(await getProfile(reader, leaver.handle)).toBeNull();
    // Their words stay, naming nobody; search finds the words but not the name.
    const post = await one<{ author_id: string | null; body_text: string }>(
      sql`select author_id, body_text from posts where id = ${thread.postId}`,
    );
    expect(post).toEqual({
      author_id: null,
      body_text: "We plan every quarter with a one-page brief.",
    });
    const found = await searchPosts(reader, { q: "one-page brief", page: 1 });
    expect(JSON.stringify(found)).not.toContain("Leaving Lee");
    expect((await searchPosts(reader, { q: "Leaving Lee", page: 1 })).results).toEqual([]);
    // Their vote still counts.
    const votes = await one<{ n: number }>(
      sql`select count(*)::int as n from idea_votes where idea_id = ${idea.threadId}`,
    );
    expect(votes.n).toBe(votesBefore.n);
    // Sessions, consents and their address are gone.
    const request = new Request("http://localhost/", { headers: { Cookie: cookie } });
    expect((await getCurrentSession(request)).user).toBeNull();
    const left = await one<{ consents: number; contacts: string[]; hash: number }>(sql`
      select (select count(*)::int from consent_events where user_id = ${leaver.id}) as consents,
        (select contact_emails from accounts where id = ${account.id}) as contacts,
        (select count(*)::int from password_hashes where user_id = ${leaver.id}) as hash`);
    expect(left).toEqual({ consents: 0, contacts: ["boss@example.test"], hash: 0 });
    const audit = await one<{ details: Record<string, unknown> }>(
      sql`select details from audit_events where action = 'user.deleted' and target_id = ${leaver.id}`,
    );
    expect(audit.details).toEqual({ byThemselves: true, postsRemoved: false });

    // Nobody is left to agree to their words being used: staff can't link or cite them any more.
    const staff = await createUser({ role: "staff" });
    const itemId = await createBacklogItem(
      staff,
      {
        title: "Planning briefs",
        description: null,
        ownerId: null,
        target: "",
        externalUrl: null,
        isPublic: false,
        tagIds: [],
      },
      null,
    );
    await expect(addEvidence(staff, itemId, { postId: thread.postId })).rejects.toMatchObject({
      status: 403,
    });
    // Nor can anyone bring the emptied row back.
    const admin = await createUser({ role: "admin" });
    await expect(reactivateUser(admin, leaver.id)).rejects.toMatchObject({ status: 404 });
  });

  it("empties their posts and thread titles when they ask", async () => {
    const leaver = await createUser();
    const space = await createTestSpace();
    const thread = await createTestThread(leaver, space.id, {
      title: "Our secret migration plan",
      body: "Step one: move the billing database.",
    });
    await deleteAccount(leaver, leaver.id, { removePosts: true, password: TEST_PASSWORD });
    const after = await one<{ title: string; body_text: string; deleted: boolean }>(sql`
      select t.title, p.body_text, p.deleted_at is not null as deleted
      from threads t join posts p on p.thread_id = t.id and p.position = 1
      where t.id = ${thread.threadId}`);
    expect(after).toEqual({ title: "Removed by its author", body_text: "", deleted: true });
  });

  it("is the person's own, or an admin's on request, never another admin's", async () => {
    const target = await createUser();
    for (const role of ["member", "moderator", "staff"] as const) {
      const actor = await createUser({ role });
      await expect(
        deleteAccount(actor, target.id, { removePosts: false, reason: "asked" }),
      ).rejects.toMatchObject({ status: 403 });
    }
    const admin = await createUser({ role: "admin" });
    await expect(
      deleteAccount(admin, target.id, { removePosts: false, reason: "" }),
    ).rejects.toMatchObject({ status: 400 });
    await deleteAccount(admin, target.id, {
      removePosts: false,
      reason: "Emailed support on 3 May",
    });
    const audit = await one<{ actor_id: string; details: Record<string, unknown> }>(
      sql`select actor_id, details from audit_events where action = 'user.deleted' and target_id = ${target.id}`,
    );
    expect(audit).toEqual({
      actor_id: admin.id,
      details: { byThemselves: false, postsRemoved: false, reason: "Emailed support on 3 May" },
    });
    await expect(
      deleteAccount(admin, target.id, { removePosts: false, reason: "again" }),
    ).rejects.toMatchObject({ status: 404 });

    const otherAdmin = await createUser({ role: "admin" });
    await expect(
      deleteAccount(admin, otherAdmin.id, { removePosts: false, reason: "asked" }),
    ).rejects.toMatchObject({ status: 403 });
  });
});
