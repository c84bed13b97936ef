import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startOidcProvider } from "#db/testing/oidc-provider";
import {
  ageTestSession,
  createAccount,
  createUser,
  emailsTo,
  readTestUser,
  relinkTestSsoSubject,
  setTestEmail,
  TEST_PASSWORD,
} from "#db/testing/factories";
import { listSignIns } from "~/models/sign-in-history.server";
import { inviteMember } from "./invitation.server";
import { getCurrentSession } from "./session.server";
import { signIn } from "./sign-in.server";
import { finishSsoSignIn, startSsoSignIn } from "./sso.server";
import { updateSsoSettings } from "./sso-settings.server";

// A real OpenID provider on loopback (oidc-provider), configured as the environment would be.
const provider = await startOidcProvider({ redirectUris: ["http://localhost:3000/sso/callback"] });
process.env.OIDC_ISSUER = provider.issuer;
process.env.OIDC_CLIENT_ID = provider.clientId;
process.env.OIDC_CLIENT_SECRET = provider.clientSecret;
process.env.OIDC_NAME = "Acme ID";

afterAll(() => provider.close());

const client = { ip: "10.9.0.1", userAgent: "vitest" };

/**
 * Starts a sign-in as a browser would, signs in at the provider as `email` and follows its
 * redirects back: the callback address the browser arrives at, and the cookie it carries.
 */
async function signInAtProvider(email: string, redirectTo = "/ideas") {
  const start = await startSsoSignIn({ redirectTo, client });
  if (!start.ok) throw new Error(`start refused: ${start.reason}`);
  const cookie = start.setCookie.split(";")[0];
  const jar = new Map<string, string>();
  let url = `${start.location}&login_hint=${encodeURIComponent(email)}`;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      redirect: "manual",
      headers: { Cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get("Location");
    if (!location) throw new Error(`the provider stopped at ${url}: ${await response.text()}`);
    url = new URL(location, url).href;
    if (url.startsWith("http://localhost:3000/sso/callback")) return { url, cookie };
  }
  throw new Error("too many redirects");
}

const callback = (arrival: { url: string; cookie: string }) =>
  finishSsoSignIn(new Request(arrival.url, { headers: { Cookie: arrival.cookie } }), client);

async function sessionUserOf(sessionCookie: string) {
  const request = new Request("http://localhost:3000/", {
    headers: { Cookie: sessionCookie.split(";")[0] },
  });
  const current = await getCurrentSession(request);
  return current.user ? { id: current.user.id, method: current.session.method } : null;
}

let admin: Awaited<ReturnType<typeof createUser>>;
beforeEach(async () => {
  admin ??= await createUser({ role: "admin" });
  await updateSsoSettings(admin, "sso", { staffSsoRequired: false, memberSsoAllowed: true });
  provider.issueExpiredIdTokens(false);
});

describe("single sign-on", () => {
  it("signs a staff member in by their verified email, marks the session, and records the sign-in", async () => {
    const staff = await createUser({ role: "staff" });
    const outcome = await callback(await signInAtProvider(staff.email, "/staff/backlog"));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.redirectTo).toBe("/staff/backlog");
    expect(outcome.setCookie).toContain("Max-Age=0");
    expect(await sessionUserOf(outcome.sessionCookie)).toEqual({ id: staff.id, method: "sso" });
    expect((await listSignIns(staff.id))[0]).toMatchObject({ succeeded: true });
    // Linked for the first time: they are told, in case someone else holds their address there.
    const told = await emailsTo(staff.email);
    expect(told.map((email) => email.subject)).toEqual(["You signed in to Vanguard with Acme ID"]);
    await callback(await signInAtProvider(staff.email));
    expect(await emailsTo(staff.email)).toHaveLength(1);
  });

  it("holds a sign-in through the provider for a day", async () => {
    const staff = await createUser({ role: "staff" });
    const outcome = await callback(await signInAtProvider(staff.email));
    if (!outcome.ok) throw new Error(outcome.reason);
    await ageTestSession(outcome.sessionCookie, 23);
    expect(await sessionUserOf(outcome.sessionCookie)).not.toBeNull();
    await ageTestSession(outcome.sessionCookie, 25);
    expect(await sessionUserOf(outcome.sessionCookie)).toBeNull();
  });

  it("finds the person again by their subject after their email changed here", async () => {
    const staff = await createUser({ role: "staff" });
    await callback(await signInAtProvider(staff.email));
    // The provider still knows them by the old address's subject.
    const arrival = await signInAtProvider(staff.email);
    await setTestEmail(staff.id, `renamed-${staff.email}`);
    const outcome = await callback(arrival);
    expect(outcome.ok && (await sessionUserOf(outcome.sessionCookie))?.id).toBe(staff.id);
  });

  it("refuses a replayed callback: the first one signs in, the second signs nobody in", async () => {
    const staff = await createUser({ role: "staff" });
    const arrival = await signInAtProvider(staff.email);
    expect((await callback(arrival)).ok).toBe(true);
    expect(await callback(arrival)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("refuses a callback in another browser (without the cookie of the one that started it)", async () => {
    const staff = await createUser({ role: "staff" });
    const arrival = await signInAtProvider(staff.email);
    const elsewhere = await finishSsoSignIn(new Request(arrival.url), client);
    expect(elsewhere).toMatchObject({ ok: false, reason: "expired" });
    const otherAttempt = await signInAtProvider(staff.email);
    // Another attempt's cookie with this answer: the state does not match.
    const mixed = await callback({ url: arrival.url, cookie: otherAttempt.cookie });
    expect(mixed).toMatchObject({ ok: false, reason: "provider-refused" });
  });

  it("refuses an unverified email, even one that belongs to a member", async () => {
    const staff = await createUser({ role: "staff", email: "pat+unverified@example.test" });
    const outcome = await callback(await signInAtProvider(staff.email));
    expect(outcome).toMatchObject({ ok: false, reason: "unverified-email" });
  });

  it("refuses an expired ID token", async () => {
    const staff = await createUser({ role: "staff" });
    const arrival = await signInAtProvider(staff.email);
    provider.issueExpiredIdTokens(true);
    expect(await callback(arrival)).toMatchObject({ ok: false, reason: "provider-refused" });
  });

  it("never creates a member that no invitation allowed, and creates one an invitation allows", async () => {
    const stranger = await callback(await signInAtProvider("stranger@example.test"));
    expect(stranger).toMatchObject({ ok: false, reason: "no-invitation" });

    const account = await createAccount();
    await inviteMember({
      email: "new.colleague@example.test",
      role: "member",
      accountId: account.id,
      inviter: { id: admin.id, displayName: "Admin" },
      origin: "http://localhost:3000",
    });
    const invited = await callback(await signInAtProvider("new.colleague@example.test"));
    if (!invited.ok) throw new Error(invited.reason);
    const person = await sessionUserOf(invited.sessionCookie);
    const user = await readTestUser(person!.id);
    expect(user).toMatchObject({
      email: "new.colleague@example.test",
      displayName: "New Colleague",
      role: "member",
      accountId: account.id,
    });
    // The invitation is spent: a second person can't use it, the first signs in as themselves.
    const again = await callback(await signInAtProvider("new.colleague@example.test"));
    expect(again.ok && (await sessionUserOf(again.sessionCookie))?.id).toBe(person!.id);
  });

  it("keeps members to their passwords unless an admin lets them sign in this way", async () => {
    const member = await createUser();
    await updateSsoSettings(admin, "sso", { staffSsoRequired: false, memberSsoAllowed: false });
    const refused = await callback(await signInAtProvider(member.email));
    expect(refused).toMatchObject({ ok: false, reason: "members-not-allowed" });
    await updateSsoSettings(admin, "sso", { staffSsoRequired: false, memberSsoAllowed: true });
    expect((await callback(await signInAtProvider(member.email))).ok).toBe(true);
  });

  it("refuses a suspended person", async () => {
    const staff = await createUser({ role: "staff", status: "suspended" });
    const outcome = await callback(await signInAtProvider(staff.email));
    expect(outcome).toMatchObject({ ok: false, reason: "suspended" });
  });

  it("doesn't hand a member to a different person at the provider who now has their email", async () => {
    const staff = await createUser({ role: "staff" });
    await callback(await signInAtProvider(staff.email));
    // As if the address had been given to a new colleague with a new subject.
    await relinkTestSsoSubject(staff.id, "subject:someone-earlier");
    const outcome = await callback(await signInAtProvider(staff.email));
    expect(outcome).toMatchObject({ ok: false, reason: "other-person" });
  });
});

describe("requiring single sign-on for staff", () => {
  it("is taken only from an admin signed in through it, and ends staff's password sessions", async () => {
    const staff = await createUser({ role: "staff" });
    const member = await createUser();
    const { startSession } = await import("./session.server");
    const staffPasswordSession = await startSession(staff.id, client, "password");
    const memberPasswordSession = await startSession(member.id, client, "password");

    await expect(
      updateSsoSettings(admin, "password", { staffSsoRequired: true, memberSsoAllowed: false }),
    ).rejects.toThrow(/Sign in with Acme ID yourself first/);
    await expect(
      updateSsoSettings(staff, "sso", { staffSsoRequired: true, memberSsoAllowed: false }),
    ).rejects.toThrow();

    await updateSsoSettings(admin, "sso", { staffSsoRequired: true, memberSsoAllowed: false });
    expect(await sessionUserOf(staffPasswordSession)).toBeNull();
    expect(await sessionUserOf(memberPasswordSession)).toEqual({
      id: member.id,
      method: "password",
    });

    // Staff's passwords stop working (told only after the right one); members' keep working.
    expect(await signIn(staff.email, TEST_PASSWORD, client)).toEqual({
      ok: false,
      reason: "sso-required",
      providerName: "Acme ID",
    });
    expect(await signIn(staff.email, "wrong-password-1", client)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await signIn(member.email, TEST_PASSWORD, client)).toMatchObject({ ok: true });
    expect((await callback(await signInAtProvider(staff.email))).ok).toBe(true);

    // A member made staff afterwards loses their password session on its next request, and
    // their tokens; a staff invitation can't be taken with a password.
    const promoted = await createUser();
    const promotedSession = await startSession(promoted.id, client, "password");
    const { changeUserRole } = await import("~/models/user.server");
    const { createApiToken, listOwnApiTokens } = await import("~/models/api-token.server");
    await createApiToken(promoted, {
      name: "Mine",
      scopes: ["read"],
      lifetimeDays: 30,
      password: TEST_PASSWORD,
    });
    await changeUserRole(admin, promoted.id, "staff");
    expect(await sessionUserOf(promotedSession)).toBeNull();
    const tokens = await listOwnApiTokens({ ...promoted, role: "staff" });
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);

    const account = await createAccount();
    const link = await inviteMember({
      email: "new.staff@example.test",
      role: "staff",
      accountId: account.id,
      inviter: { id: admin.id, displayName: "Admin" },
      origin: "http://localhost:3000",
    });
    const { acceptInvitation } = await import("./invitation.server");
    await expect(
      acceptInvitation(link.split("/").pop()!, {
        displayName: "New Staff",
        handle: "newstaff",
        password: "a-long-enough-password-1",
      }),
    ).rejects.toThrow(/Staff join by signing in with Acme ID/);
    expect((await callback(await signInAtProvider("new.staff@example.test"))).ok).toBe(true);
  });
});

describe("confirming it's them, for people who sign in through the provider", () => {
  it("takes a sign-in through the provider minutes ago instead of a password, never a password session", async () => {
    const account = await createAccount();
    await inviteMember({
      email: "grace.hopper@example.test",
      role: "staff",
      accountId: account.id,
      inviter: { id: admin.id, displayName: "Admin" },
      origin: "http://localhost:3000",
    });
    const joined = await callback(await signInAtProvider("grace.hopper@example.test"));
    if (!joined.ok) throw new Error(joined.reason);
    const asRequest = (cookie: string) =>
      new Request("http://localhost:3000/settings/tokens", {
        headers: { Cookie: cookie.split(";")[0] },
      });
    const { recentSsoSignIn } = await import("./current-user.server");
    const { createApiToken } = await import("~/models/api-token.server");
    expect(await recentSsoSignIn(asRequest(joined.sessionCookie))).toBe(true);
    const person = await readTestUser((await sessionUserOf(joined.sessionCookie))!.id);
    const viewer = { id: person.id, role: person.role, accountId: person.accountId };
    const token = { name: "Sync", scopes: ["read" as const], lifetimeDays: 30, password: "" };

    // Without a fresh sign-in through the provider: they have no password to give.
    await expect(createApiToken(viewer, token)).rejects.toThrow(/sign in with it again/);
    const made = await createApiToken(viewer, { ...token, recentSsoSignIn: true });
    expect(made.secret).toBeTruthy();

    const { startSession } = await import("./session.server");
    const passwordSession = await startSession(person.id, client, "password");
    expect(await recentSsoSignIn(asRequest(passwordSession))).toBe(false);
  });
});
