import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  flags,
  moderationReviews,
  notifications,
  posts,
  sessions,
  users,
  type UserRole,
} from "#db/schema";
import {
  createTestSpace,
  createTestThread,
  createUser,
  TEST_PASSWORD,
} from "#db/testing/factories";
import { getCurrentSession, startSession } from "~/auth/session.server";
import { signIn } from "~/auth/sign-in.server";
import { db } from "~/db.server";
import { listAuditEventsFor } from "./audit.server";
import { flagContent } from "./flag.server";
import {
  getPersonForModeration,
  liftRestriction,
  silenceMember,
  suspendMember,
} from "./member-moderation.server";
import { listNoticesFor } from "./moderation-notice.server";
import { checkPosting } from "./posting-check.server";
import { Refusal } from "./refusal.server";

const HOUR = 60 * 60 * 1000;
const inADay = () => new Date(Date.now() + 24 * HOUR);
const anHourAgo = () => new Date(Date.now() - HOUR);

let ipCounter = 0;
const nextIp = () => `10.40.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;

function requestWith(cookie: string) {
  return new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } });
}

async function sessionCount(userId: string) {
  return (await db.select().from(sessions).where(eq(sessions.userId, userId))).length;
}

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof Refusal) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("Expected a refusal");
}

describe("silencing", () => {
  it("stops them posting, with the reason, until the end passes", async () => {
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser();
    const until = inADay();
    await silenceMember(moderator, member.id, { reason: "Heated replies all week", until });

    const check = await checkPosting(member, "reply");
    expect(check.ok).toBe(false);
    expect(check).toMatchObject({ status: 403 });
    expect(!check.ok && check.message).toContain("Heated replies all week");

    const [event] = await listAuditEventsFor("user", [member.id]);
    expect(event).toMatchObject({
      action: "user.silenced",
      details: { reason: "Heated replies all week", until: until.toISOString() },
    });
    const [notice] = await listNoticesFor(member, member.id);
    expect(notice).toMatchObject({ action: "silenced", reason: "Heated replies all week" });
    const told = await db.select().from(notifications).where(eq(notifications.userId, member.id));
    expect(told.map((n) => n.noticeId)).toEqual([notice.id]);

    await db.update(users).set({ silencedUntil: anHourAgo() }).where(eq(users.id, member.id));
    expect(await checkPosting(member, "reply")).toMatchObject({ ok: true });
  });

  it("records an indefinite silence with a null end, and can be lifted early", async () => {
    const staff = await createUser({ role: "staff" });
    const member = await createUser();
    await silenceMember(staff, member.id, { reason: "Cooling off", until: null });
    expect((await checkPosting(member, "reply")).ok).toBe(false);
    const [silenced] = await listAuditEventsFor("user", [member.id]);
    expect(silenced.details).toEqual({ reason: "Cooling off", until: null });

    await liftRestriction(staff, member.id, "silence", "Talked it through");
    expect(await checkPosting(member, "reply")).toMatchObject({ ok: true });
    const [lifted] = await listAuditEventsFor("user", [member.id]);
    expect(lifted).toMatchObject({
      action: "user.silence_lifted",
      details: { reason: "Talked it through" },
    });
    expect(await refusal(liftRestriction(staff, member.id, "silence"))).toMatchObject({
      status: 409,
    });
  });

  it("wants a reason and an end in the future", async () => {
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser();
    expect(
      await refusal(silenceMember(moderator, member.id, { reason: "  no ", until: null })),
    ).toMatchObject({ status: 400 });
    expect(
      await refusal(
        silenceMember(moderator, member.id, { reason: "Spam links", until: anHourAgo() }),
      ),
    ).toMatchObject({ status: 400 });
    expect(await listAuditEventsFor("user", [member.id])).toEqual([]);
    expect(await checkPosting(member, "reply")).toMatchObject({ ok: true });
  });
});

describe("suspending", () => {
  it("ends their sessions and refuses sign-in with the end and the reason", async () => {
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser();
    await startSession(member.id);
    const until = inADay();
    await suspendMember(moderator, member.id, { reason: "Harassing another member", until });

    expect(await sessionCount(member.id)).toBe(0);
    expect(await signIn(member.email, TEST_PASSWORD, { ip: nextIp(), userAgent: "" })).toEqual({
      ok: false,
      reason: "suspended",
      suspendedUntil: until,
      suspensionReason: "Harassing another member",
    });
    const [event] = await listAuditEventsFor("user", [member.id]);
    expect(event).toMatchObject({
      action: "user.suspended",
      details: { reason: "Harassing another member", until: until.toISOString() },
    });
    // Kept for the record; a suspended person gets no notification.
    const [notice] = await listNoticesFor(member, member.id);
    expect(notice).toMatchObject({ action: "suspended", reason: "Harassing another member" });
    expect(
      await db.select().from(notifications).where(eq(notifications.userId, member.id)),
    ).toEqual([]);
  });

  it("lets them back in once the end has passed, and keeps their session", async () => {
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser();
    await suspendMember(moderator, member.id, { reason: "Three days out", until: inADay() });
    await db.update(users).set({ suspendedUntil: anHourAgo() }).where(eq(users.id, member.id));

    expect(await signIn(member.email, TEST_PASSWORD, { ip: nextIp(), userAgent: "" })).toEqual({
      ok: true,
      userId: member.id,
    });
    const cookie = await startSession(member.id);
    const current = await getCurrentSession(requestWith(cookie));
    expect(current.user).toMatchObject({ id: member.id, status: "active" });
    expect(await sessionCount(member.id)).toBe(1);
  });

  it("signs out a suspended person on their next request while it lasts", async () => {
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser();
    await suspendMember(moderator, member.id, { reason: "Until we talk", until: null });
    // A session that outlived the suspension somehow (started by another process meanwhile).
    const cookie = await startSession(member.id);
    expect((await getCurrentSession(requestWith(cookie))).user).toBeNull();
    expect(await sessionCount(member.id)).toBe(0);
    expect(await signIn(member.email, TEST_PASSWORD, { ip: nextIp(), userAgent: "" })).toEqual({
      ok: false,
      reason: "suspended",
      suspensionReason: "Until we talk",
    });
  });

  it("can be lifted early", async () => {
    const staff = await createUser({ role: "staff" });
    const member = await createUser();
    await suspendMember(staff, member.id, { reason: "Spam wave", until: null });
    await liftRestriction(staff, member.id, "suspension");
    expect(await signIn(member.email, TEST_PASSWORD, { ip: nextIp(), userAgent: "" })).toEqual({
      ok: true,
      userId: member.id,
    });
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    expect(row).toMatchObject({ status: "active", suspendedUntil: null, suspensionReason: null });
    const [lifted] = await listAuditEventsFor("user", [member.id]);
    expect(lifted).toMatchObject({
      action: "user.suspension_lifted",
      details: { reason: null, until: null },
    });
  });
});

describe("who may act on whom", () => {
  const attempt = async (actorRole: UserRole, personRole: UserRole) => {
    const actor = await createUser({ role: actorRole });
    const person = await createUser({ role: personRole });
    try {
      await silenceMember(actor, person.id, { reason: "Testing roles", until: inADay() });
      await liftRestriction(actor, person.id, "silence");
      await suspendMember(actor, person.id, { reason: "Testing roles", until: inADay() });
      return "allowed";
    } catch (error) {
      if (error instanceof Refusal) return error.status;
      throw error;
    }
  };

  it.each([
    ["moderator", "member", "allowed"],
    ["moderator", "moderator", 403],
    ["moderator", "staff", 403],
    ["moderator", "admin", 403],
    ["staff", "moderator", "allowed"],
    ["staff", "staff", 403],
    ["staff", "admin", 403],
    ["admin", "staff", "allowed"],
    ["admin", "admin", 403],
    ["member", "member", 403],
  ] as const)("a %s acting on a %s: %s", async (actorRole, personRole, expected) => {
    expect(await attempt(actorRole, personRole)).toBe(expected);
  });

  it("nobody acts on themselves, and a refusal changes nothing", async () => {
    const moderator = await createUser({ role: "moderator" });
    expect(
      await refusal(suspendMember(moderator, moderator.id, { reason: "Oops", until: null })),
    ).toMatchObject({ status: 403 });
    const admin = await createUser({ role: "admin" });
    expect(
      await refusal(silenceMember(moderator, admin.id, { reason: "Nope", until: null })),
    ).toEqual({ status: 403, message: "Nobody silences or suspends an admin." });
    expect(await listAuditEventsFor("user", [moderator.id, admin.id])).toEqual([]);
    expect(await listNoticesFor(admin, admin.id)).toEqual([]);
  });
});

describe("a pending review of their profile", () => {
  it("is resolved and its flags upheld when a moderator acts on them", async () => {
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser();
    const flagger = await createUser();
    await flagContent(flagger, { userId: member.id, reason: "spam" });
    await silenceMember(moderator, member.id, { reason: "Spam profile", until: null });

    const [review] = await db
      .select()
      .from(moderationReviews)
      .where(eq(moderationReviews.targetKey, `user:${member.id}`));
    expect(review).toMatchObject({
      status: "resolved",
      resolution: "Silenced",
      resolvedById: moderator.id,
    });
    expect(review.resolvedAt).toBeInstanceOf(Date);
    const [flag] = await db.select().from(flags).where(eq(flags.reviewId, review.id));
    expect(flag.status).toBe("upheld");
  });
});

describe("getPersonForModeration", () => {
  it("shows standing, figures, history and recent posts", async () => {
    const moderator = await createUser({ role: "moderator" });
    const member = await createUser({ displayName: "Mona Member" });
    const space = await createTestSpace();
    const { threadId } = await createTestThread(member, space.id, { replies: 2 });
    const [reply] = await db
      .select({ id: posts.id })
      .from(posts)
      .where(eq(posts.threadId, threadId))
      .orderBy(posts.position)
      .offset(1)
      .limit(1);
    await db.update(posts).set({ moderation: "hidden" }).where(eq(posts.id, reply.id));
    await silenceMember(moderator, member.id, { reason: "Off-topic floods", until: inADay() });

    const page = await getPersonForModeration(moderator, member.handle.toUpperCase());
    expect(page?.person).toMatchObject({
      id: member.id,
      name: "Mona Member",
      role: "member",
      postCount: 3,
      moderatedPostCount: 1,
      silence: { active: true, reason: "Off-topic floods" },
      suspension: { active: false },
    });
    expect(page?.recentPosts).toHaveLength(3);
    expect(page?.notices.map((n) => n.action)).toEqual(["silenced"]);
    expect(page?.trust).not.toBeNull();
    expect(page?.permissions).toEqual({ silence: true, suspend: true, lift: true });
    expect(page?.refusal).toBeNull();

    // An expired silence is no longer active.
    await db.update(users).set({ silencedUntil: anHourAgo() }).where(eq(users.id, member.id));
    expect((await getPersonForModeration(moderator, member.handle))?.person.silence.active).toBe(
      false,
    );
  });

  it("sends the policy's refusal, and null for nobody", async () => {
    const moderator = await createUser({ role: "moderator" });
    const admin = await createUser({ role: "admin" });
    const page = await getPersonForModeration(moderator, admin.handle);
    expect(page?.permissions).toEqual({ silence: false, suspend: false, lift: false });
    expect(page?.refusal).toBe("Nobody silences or suspends an admin.");
    expect(await getPersonForModeration(moderator, "no_such_person")).toBeNull();
  });
});
