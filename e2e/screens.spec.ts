import type { Page } from "@playwright/test";
import {
  castTestVote,
  createTestAnnouncedReply,
  createTestBacklogItem,
  createTestProposal,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  flagTestPost,
  reviseTestProposal,
  test,
} from "./fixtures";
import {
  DESKTOP,
  PHONE,
  expectNavigationReachable,
  hydrated,
  layoutProblems,
  preloadAxe,
  preloadedAxeViolations,
} from "./layout";

// Each role's main pages at a laptop's width and a phone's (issue 20): none may scroll sideways
// or put one control on top of another, and axe must pass. Every page is saved to
// e2e/.screenshots/screens-<role>-<page>-<width>.png for a person to look at.

type Person = Awaited<ReturnType<typeof createUser>>;

/** A space with something on every page: a discussion with replies, an idea, a proposal with history. */
async function community(viewer: Person) {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Field operations ${run}`, ideasEnabled: true });
  const other = await createUser({ displayName: `Priya Partner ${run}` });
  const thread = await createTestThread(other, space.id, {
    title: `Offline inspections in tunnels ${run}`,
    body: "Our inspectors lose signal for hours. Paper forms get retyped later, and some are lost.",
    replies: 3,
  });
  await createTestReply(viewer, thread.threadId, "Same for us: we queue the forms on the device.");
  const reply = await createTestAnnouncedReply(
    other,
    thread.threadId,
    `@${viewer.handle} how do you sync them afterwards?`,
    [viewer.id],
  );
  const idea = await createTestThread(other, space.id, {
    kind: "idea",
    title: `Fill in forms without signal ${run}`,
    body: "Let field crews fill in forms offline and send them when they are back in range.",
  });
  await castTestVote(other, idea.threadId, "critical");
  const proposal = await createTestProposal(other, space.id, {
    title: `Scheduled exports ${run}`,
    sections: { problem: "Exports are manual.", proposal: "Schedule them." },
    open: true,
  });
  await reviseTestProposal(other, proposal.threadId, `Scheduled exports ${run}`, {
    problem:
      "Exports are manual, and finance waits for them every month: see https://example.com/reports/monthly-finance-export-instructions-for-the-operations-team.",
    proposal: "Schedule them daily or weekly, and email a link when each is ready.",
    who_benefits: "Finance and operations teams.",
  });
  return { run, space, other, thread, reply, idea, proposal };
}

type Screen = { name: string; path: string };

/** A full-page picture for a person to look at. */
async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/.screenshots/screens-${name}.png`, fullPage: true });
}

/** Opens each page at both widths: its layout problems and axe's findings, and a screenshot of each. */
async function walk(page: Page, role: string, screens: Screen[]) {
  await preloadAxe(page);
  const problems: string[] = [];
  for (const screen of screens) {
    await page.setViewportSize(DESKTOP);
    const response = await page.goto(screen.path);
    expect(response?.status(), screen.path).toBeLessThan(400);
    await hydrated(page);
    await expect(page.locator("h1").first()).toBeVisible();
    for (const width of [DESKTOP, PHONE]) {
      await page.setViewportSize(width);
      const where = `${role} ${screen.name} (${screen.path}) at ${width.width}px`;
      problems.push(...(await layoutProblems(page)).map((problem) => `${where}: ${problem}`));
      // axe once, on the phone: the width where sizes and spacing are tightest.
      if (width === PHONE) {
        problems.push(...(await preloadedAxeViolations(page)).map((v) => `${where}: ${v}`));
      }
      await shoot(page, `${role}-${screen.name}-${width.width}`);
    }
  }
  expect(problems).toEqual([]);
}

/** On a phone, the Menu reaches every main link; a picture of it open. */
async function checkPhoneMenu(page: Page, role: string) {
  await page.setViewportSize(PHONE);
  await expectNavigationReachable(page, MAIN_LINKS, async () => shoot(page, `${role}-menu-390`));
}

const MAIN_LINKS = ["Home", "Spaces", "Ideas", "Proposals", "Roadmap", "Search"];

test("a signed-out visitor's pages fit a laptop and a phone", async ({ page }) => {
  await walk(page, "guest", [
    { name: "sign-in", path: "/login" },
    { name: "forgot-password", path: "/forgot-password" },
    { name: "not-found", path: "/no-such-page" },
  ]);
});

test("a member's pages fit a laptop and a phone", async ({ page, signIn }) => {
  test.slow();
  const member = await createUser({ displayName: "Morgan Member" });
  const world = await community(member);
  await createTestBacklogItem(await createUser({ role: "staff" }), {
    title: `Offline forms ${world.run}`,
    fromThreadId: world.idea.threadId,
    isPublic: true,
    target: "Q3",
    status: "planned",
  });
  await signIn(page, member);
  await checkPhoneMenu(page, "member");
  await walk(page, "member", [
    { name: "home", path: "/" },
    { name: "spaces", path: "/spaces" },
    { name: "space", path: `/spaces/${world.space.slug}` },
    { name: "thread", path: `/t/${world.thread.threadId}` },
    { name: "new-thread", path: `/spaces/${world.space.slug}/new` },
    { name: "ideas", path: "/ideas" },
    { name: "idea", path: `/t/${world.idea.threadId}` },
    { name: "proposals", path: "/proposals" },
    { name: "proposal", path: `/t/${world.proposal.threadId}` },
    { name: "revisions", path: `/proposals/${world.proposal.threadId}/revisions` },
    { name: "roadmap", path: "/roadmap" },
    { name: "changelog", path: "/changelog" },
    { name: "search", path: `/search?q=${encodeURIComponent("offline")}` },
    { name: "notifications", path: "/notifications" },
    { name: "settings", path: "/settings" },
    { name: "profile", path: `/u/${member.handle}` },
  ]);
});

test("a moderator's pages fit a laptop and a phone", async ({ page, signIn }) => {
  const moderator = await createUser({ role: "moderator", displayName: "Mo Moderator" });
  const world = await community(moderator);
  await flagTestPost(await createUser(), world.reply);
  await signIn(page, moderator);
  await checkPhoneMenu(page, "moderator");
  await walk(page, "moderator", [
    { name: "home", path: "/" },
    { name: "thread", path: `/t/${world.thread.threadId}` },
    { name: "queue", path: "/mod/queue" },
    { name: "log", path: "/mod/log" },
    { name: "watched-words", path: "/mod/watched-words" },
  ]);
});

test("staff's pages fit a laptop and a phone", async ({ page, signIn }) => {
  test.slow();
  const staff = await createUser({ role: "staff", displayName: "Sam Staff" });
  const world = await community(staff);
  const item = await createTestBacklogItem(staff, {
    title: `Offline forms ${world.run}`,
    fromThreadId: world.idea.threadId,
  });
  await signIn(page, staff);
  await checkPhoneMenu(page, "staff");
  await walk(page, "staff", [
    { name: "home", path: "/" },
    { name: "workspace", path: "/staff" },
    { name: "inbox", path: "/staff/inbox" },
    { name: "backlog", path: "/staff/backlog" },
    { name: "backlog-item", path: `/staff/backlog/${item.id}` },
    { name: "new-backlog-item", path: "/staff/backlog/new" },
    { name: "tags", path: "/staff/tags" },
    { name: "exports", path: "/staff/exports" },
    { name: "idea", path: `/t/${world.idea.threadId}` },
    { name: "thread", path: `/t/${world.thread.threadId}` },
  ]);
});

test("an admin's pages fit a laptop and a phone", async ({ page, signIn }) => {
  const admin = await createUser({ role: "admin", displayName: "Ada Admin" });
  const member = await createUser({ displayName: "Morgan Member" });
  const space = await createTestSpace({ name: `Field operations ${Date.now().toString(36)}` });
  await signIn(page, admin);
  await checkPhoneMenu(page, "admin");
  await walk(page, "admin", [
    { name: "home", path: "/" },
    { name: "admin", path: "/admin" },
    { name: "members", path: "/admin/members" },
    { name: "member", path: `/admin/members/${member.id}` },
    { name: "accounts", path: "/admin/accounts" },
    { name: "account", path: `/admin/accounts/${member.accountId}` },
    { name: "spaces", path: "/admin/spaces" },
    { name: "space", path: `/admin/spaces/${space.id}` },
    { name: "tiers", path: "/admin/tiers" },
    { name: "integrations", path: "/admin/integrations" },
    { name: "sign-in", path: "/admin/sign-in" },
    { name: "outbox", path: "/admin/outbox" },
  ]);
});
