import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { statusOf } from "#db/testing/requests";
import { dismissFirstRun, getFirstRun, setWelcomeThread } from "./first-run.server";
import { defaultEmailModes, setEmailPreferences } from "./notification-preferences.server";
import { createReply } from "./post.server";
import { readPostContent } from "./post-content.server";
import { updateProfile } from "./profile.server";
import { updateSpace } from "./space.server";

function content(text: string) {
  const result = readPostContent(undefined, text);
  if (!result.ok) throw new Error(result.message);
  return result.content;
}

async function communityWithWelcomeThread() {
  const host = await createUser({ role: "admin" });
  const lounge = await createTestSpace({ name: "Lounge" });
  const welcome = await createTestThread(host, lounge.id, { title: "Introduce yourself" });
  await setWelcomeThread(host, welcome.threadId);
  return { lounge, welcomeThreadId: welcome.threadId };
}

describe("a new member's first run", () => {
  it("offers three steps, ticks each off from the data, and goes once all are done", async () => {
    const { lounge, welcomeThreadId } = await communityWithWelcomeThread();
    const member = await createUser({ displayName: "Nadia Brooks" });

    const fresh = await getFirstRun(member);
    expect(fresh).toMatchObject({
      welcomeThread: { id: welcomeThreadId, title: "Introduce yourself" },
      steps: { introduce: false, profile: false, email: false },
    });
    expect(fresh?.spaces.map((space) => space.slug)).toContain(lounge.slug);

    await createReply(member, welcomeThreadId, {
      content: content("Hi, I run support operations at Finch."),
      replyToPostId: null,
    });
    await updateProfile(member.id, {
      displayName: "Nadia Brooks",
      bio: "Support lead, Finch",
      showVotes: false,
    });
    expect((await getFirstRun(member))?.steps).toEqual({
      introduce: true,
      profile: true,
      email: false,
    });

    await setEmailPreferences(member.id, defaultEmailModes);
    expect(await getFirstRun(member)).toBeNull();
  });

  it("names the welcome thread's space first, however many spaces come before it", async () => {
    for (let index = 0; index < 7; index++) await createTestSpace({ name: `Aardvarks ${index}` });
    const { lounge } = await communityWithWelcomeThread();
    const member = await createUser();
    const welcome = await getFirstRun(member);
    expect(welcome?.spaces[0]?.slug).toBe(lounge.slug);
    expect(welcome?.moreSpaces).toBe(true);
  });

  it("goes when dismissed, and never shows to staff", async () => {
    await communityWithWelcomeThread();
    const member = await createUser();
    await dismissFirstRun(member);
    expect(await getFirstRun(member)).toBeNull();
    for (const role of ["staff", "moderator", "admin"] as const) {
      expect(await getFirstRun(await createUser({ role }))).toBeNull();
    }
  });

  it("never points a member into a space they cannot open", async () => {
    const host = await createUser({ role: "admin" });
    const hidden = await createTestSpace();
    const thread = await createTestThread(host, hidden.id);
    await setWelcomeThread(host, thread.threadId);
    // The space is closed after its thread was chosen (choosing one in it is refused, below).
    await updateSpace(hidden.admin, hidden.id, {
      name: hidden.name,
      slug: hidden.slug,
      description: "",
      visibility: "private",
      minTier: null,
      ideasEnabled: false,
    });
    const member = await createUser();
    const firstRun = await getFirstRun(member);
    expect(firstRun).toMatchObject({ welcomeThread: null, steps: { introduce: null } });
    expect(firstRun?.spaces.map((space) => space.slug)).not.toContain(hidden.slug);
  });

  it("lets only admins choose the welcome thread, and only in a space open to all members", async () => {
    const open = await createTestSpace();
    const thread = await createTestThread(await createUser(), open.id);
    for (const role of ["member", "moderator", "staff"] as const) {
      const actor = await createUser({ role });
      expect(await statusOf(() => setWelcomeThread(actor, thread.threadId)), role).toBe(403);
      expect(await statusOf(() => setWelcomeThread(actor, null)), role).toBe(403);
    }
    expect(await getFirstRun(await createUser())).toMatchObject({ welcomeThread: null });

    const admin = await createUser({ role: "admin" });
    const hidden = await createTestSpace({ visibility: "private" });
    const inside = await createTestThread(admin, hidden.id);
    expect(await statusOf(() => setWelcomeThread(admin, inside.threadId))).toBe(409);
    await setWelcomeThread(admin, thread.threadId);
    expect(await getFirstRun(await createUser())).toMatchObject({
      welcomeThread: { id: thread.threadId },
    });
  });
});
