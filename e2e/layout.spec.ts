import {
  createTestBacklogItem,
  createTestProposal,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  reviseTestProposal,
  snapshot,
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

// Issue 20, case 15: layout and access, each case as a person meets it.

test("an admin's top bar stays one line on a laptop; Staff, Moderation and Admin are menus that open by keyboard", async ({
  page,
  signIn,
}) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, await createUser({ role: "admin", displayName: "Ada Admin" }));
  const bar = page.getByRole("banner");
  const brand = bar.getByRole("link", { name: "Vanguard" });
  const account = page.getByLabel("Account menu for Ada Admin");
  // One line: the last control sits level with the first.
  const first = (await brand.boundingBox())!;
  const last = (await account.boundingBox())!;
  expect(Math.abs(last.y + last.height / 2 - (first.y + first.height / 2))).toBeLessThan(4);
  expect((await bar.boundingBox())!.height).toBeLessThan(70);

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const section of ["Staff", "Moderation", "Admin"]) {
    await expect(nav.locator("summary", { hasText: section })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Backlog" })).toBeHidden();
  await nav.locator("summary", { hasText: "Staff" }).focus();
  await page.keyboard.press("Enter");
  await expect(nav.getByRole("link", { name: "Backlog" })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(nav.getByRole("link", { name: "Backlog" })).toBeHidden();
  await expect(nav.locator("summary", { hasText: "Staff" })).toBeFocused();

  await nav.locator("summary", { hasText: "Admin" }).click();
  await nav.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  // Following a link closes the menu it was in.
  await expect(nav.getByRole("link", { name: "Members" })).toBeHidden();
});

test("on a phone the top navigation folds into a Menu that reaches Roadmap and Search, with and without JavaScript", async ({
  page,
  browser,
  signIn,
}) => {
  const staff = await createUser({ role: "staff", displayName: "Sam Staff" });
  await page.setViewportSize(PHONE);
  await signIn(page, staff);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expectNavigationReachable(page, [
    "Home",
    "Spaces",
    "Ideas",
    "Proposals",
    "Roadmap",
    "Search",
  ]);
  expect(await layoutProblems(page)).toEqual([]);

  const menu = page.locator("summary", { hasText: /^Menu$/ });
  await menu.focus();
  await page.keyboard.press("Enter");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(
    nav.getByRole("group", { name: "Staff" }).getByRole("link", { name: "Backlog" }),
  ).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  await expectAccessible(page);
  await snapshot(page, "phone-menu-open");
  await nav.getByRole("link", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(nav).toBeHidden();

  // Without JavaScript the menu is the same <details>: it opens, and its links are plain links.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const plain = await context.newPage();
  await signIn(plain, staff);
  await plain.locator("summary", { hasText: /^Menu$/ }).click();
  await plain
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Roadmap" })
    .click();
  await expect(plain.getByRole("heading", { level: 1, name: "Roadmap" })).toBeVisible();
  await context.close();
});

test("the search form's date fields and Order sit side by side without touching, on a laptop and a phone", async ({
  page,
  signIn,
}) => {
  await signIn(page, await createUser());
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.goto("/search?q=exports");
    await hydrated(page);
    expect(await layoutProblems(page)).toEqual([]);
    const order = (await page.getByLabel("Order").boundingBox())!;
    for (const label of ["From", "To"]) {
      const date = (await page.getByLabel(label, { exact: true }).boundingBox())!;
      const apart =
        date.x + date.width <= order.x ||
        order.x + order.width <= date.x ||
        date.y + date.height <= order.y ||
        order.y + order.height <= date.y;
      expect(apart, `${label} and Order at ${size.width}px`).toBe(true);
    }
  }
  await expectAccessible(page);
});

test("a proposal's history with a long title and a long link fits a phone without scrolling sideways", async ({
  page,
  signIn,
}) => {
  const author = await createUser();
  const space = await createTestSpace();
  const title =
    "Scheduled exports of every finance and operations report, delivered before the monthly close";
  const { threadId } = await createTestProposal(author, space.id, { title });
  await reviseTestProposal(author, threadId, title, {
    problem:
      "Exports are manual: https://example.com/reports/monthly-finance-export-instructions-for-the-operations-team",
    proposal: "Schedule them daily or weekly.",
  });
  await page.setViewportSize(PHONE);
  await signIn(page, author);
  await page.goto(`/proposals/${threadId}/revisions`);
  await expect(
    page.getByRole("heading", { name: "Changes from revision 1 to revision 2" }),
  ).toBeVisible();
  await hydrated(page);
  expect(await layoutProblems(page)).toEqual([]);
  await expectAccessible(page);
  await snapshot(page, "revisions-phone");
});

test("thread pages name every control by what it shows (label in name), on a laptop and a phone", async ({
  page,
  signIn,
}) => {
  const author = await createUser({ displayName: "Priya Partner" });
  const space = await createTestSpace({ ideasEnabled: true });
  const { threadId } = await createTestThread(author, space.id, { replies: 3 });
  const idea = await createTestThread(author, space.id, { kind: "idea" });
  await preloadAxe(page);
  for (const role of ["member", "moderator", "staff"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    for (const id of [threadId, idea.threadId]) {
      await page.setViewportSize(PHONE);
      await page.goto(`/t/${id}`);
      await hydrated(page);
      expect(await preloadedAxeViolations(page), `${role} on /t/${id}`).toEqual([]);
    }
  }
  await page.setViewportSize(DESKTOP);
  await expectAccessible(page);
});

test("a backlog item and the new-item page have touch targets of 24 px or more on a phone", async ({
  page,
  signIn,
}) => {
  const staff = await createUser({ role: "staff" });
  const space = await createTestSpace({ ideasEnabled: true });
  const idea = await createTestThread(await createUser(), space.id, { kind: "idea" });
  const item = await createTestBacklogItem(staff, { fromThreadId: idea.threadId });
  await page.setViewportSize(PHONE);
  await signIn(page, staff);
  for (const path of [`/staff/backlog/${item.id}`, "/staff/backlog/new"]) {
    await page.goto(path);
    await hydrated(page);
    await expect(page.getByRole("navigation", { name: "Breadcrumbs" })).toBeVisible();
    expect(await layoutProblems(page)).toEqual([]);
    await expectAccessible(page);
  }
  const crumb = (await page
    .getByRole("navigation", { name: "Breadcrumbs" })
    .getByRole("link", { name: "Backlog" })
    .boundingBox())!;
  expect(crumb.height).toBeGreaterThanOrEqual(24);
});
