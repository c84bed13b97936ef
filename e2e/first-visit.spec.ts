import {
  createAccount,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  lockTestThread,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

// What a new member meets, role by role (issue 7): each test drives one case as a person would.

test("a new member's first run: what the place is for, who sees what, three steps that tick off", async ({
  page,
  signIn,
}) => {
  const host = await createUser({ role: "admin", displayName: "Host Hana" });
  const lounge = await createTestSpace({ name: `Lounge ${Date.now()}` });
  const welcome = await createTestThread(host, lounge.id, { title: "Say hello here" });
  const member = await createUser({ displayName: "Newcomer Nell" });

  // The admin makes the thread the welcome thread from the thread page.
  await signIn(page, host);
  await page.goto(`/t/${welcome.threadId}`);
  await page.getByRole("button", { name: "Make this the welcome thread" }).click();
  await expect(page.getByRole("button", { name: "Stop sending new members here" })).toBeVisible();
  await page.context().clearCookies();

  await signIn(page, member);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Newcomer" })).toBeVisible();
  await expect(page.getByText("Member since")).toHaveCount(0);
  const start = page.getByRole("region", { name: "Start here" });
  await expect(start).toContainText("Staff");
  await expect(start.getByRole("link", { name: lounge.name })).toBeVisible();
  await expect(start.getByRole("link", { name: "Say hello here" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "first-run");

  await start.getByRole("link", { name: "Fill in your profile" }).click();
  await page.getByLabel("About you").fill("Head of support operations at Finch.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await page.goto("/");
  const profileStep = start.getByRole("listitem").filter({ hasText: "Fill in your profile" });
  await expect(profileStep).toContainText("Done");

  await start.getByRole("button", { name: "Hide this welcome" }).click();
  await expect(start).toHaveCount(0);
  await page.reload();
  await expect(
    page.getByRole("heading", { level: 1, name: "Welcome back, Newcomer" }),
  ).toBeVisible();
});

test("a locked thread offers no Reply or Quote; a moderator still sees Unlock", async ({
  page,
  signIn,
}) => {
  const author = await createUser();
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id, { replies: 2 });
  await lockTestThread(threadId);

  await signIn(page, await createUser());
  await page.goto(`/t/${threadId}`);
  await expect(page.getByRole("article")).toHaveCount(3);
  await expect(page.getByRole("link", { name: "Reply", exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Quote/ })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Your reply" })).toHaveCount(0);
  await expect(page.getByText("This thread is locked: it takes no new replies.")).toBeVisible();
  await expectAccessible(page);

  await page.context().clearCookies();
  await signIn(page, await createUser({ role: "moderator" }));
  await page.goto(`/t/${threadId}`);
  await expect(page.getByRole("button", { name: "Unlock thread" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Reply", exact: true })).toHaveCount(0);
});

test("spaces show their own thread counts", async ({ page, signIn }) => {
  const author = await createUser();
  const busy = await createTestSpace({ name: `Busy ${Date.now()}` });
  const quiet = await createTestSpace({ name: `Quiet ${Date.now()}` });
  await createTestThread(author, busy.id);
  await createTestThread(author, busy.id);
  await createTestThread(author, busy.id);
  await createTestThread(author, quiet.id);

  await signIn(page, await createUser());
  await page.goto("/spaces");
  const rowOf = (name: string) => page.getByRole("listitem").filter({ hasText: name });
  await expect(rowOf(busy.name)).toContainText("3 threads");
  await expect(rowOf(quiet.name)).toContainText("1 thread");
});

test("an opened notification stops counting at once and its post is highlighted; your own reply is not news", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace();
  const member = await createUser({ displayName: "Watcher Wen" });
  const { threadId } = await createTestThread(member, space.id, {
    title: "Who else exports to BigQuery?",
    replies: 58,
  });

  const other = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const otherPage = await other.newPage();
  await signIn(otherPage, await createUser({ displayName: "Replier Rui" }));
  await otherPage.goto(`/t/${threadId}?page=2`);
  await otherPage.getByRole("textbox", { name: "Your reply" }).click();
  await expect(otherPage.locator("#reply-body[contenteditable]")).toBeFocused();
  await otherPage.keyboard.type("We do, nightly, through the export API.");
  await otherPage.getByRole("button", { name: "Post reply" }).click();
  await expect(otherPage.getByText("We do, nightly, through the export API.")).toBeVisible();
  await other.close();

  await signIn(page, member);
  await page.getByRole("link", { name: "Notifications, 1 unread" }).click();
  await page.getByRole("link", { name: /Replier Rui replied/ }).click();
  const notified = page.getByRole("article").filter({ hasText: "through the export API" });
  await expect(notified).toHaveClass(/is-highlighted/);
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  await snapshot(page, "notification-highlight");

  // Rui's reply was post 60, the last on page 2: the member's own reply opens page 3, and is
  // not announced to them as news.
  await page.getByRole("textbox", { name: "Your reply" }).click();
  await expect(page.locator("#reply-body[contenteditable]")).toBeFocused();
  await page.keyboard.type("Thanks, that settles it for us.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByText("Thanks, that settles it for us.")).toBeVisible();
  await expect(
    page.getByRole("navigation", { name: "Pages, top" }).locator('[aria-current="page"]'),
  ).toHaveText("Page 3");
  // The live-update event for the reply arrives within moments if it is going to.
  await page.waitForTimeout(1500);
  await expect(page.getByText(/new repl/)).toHaveCount(0);
});

test("a long thread has page numbers and jumps to the first unread and the last post", async ({
  page,
  signIn,
}) => {
  const author = await createUser();
  const reader = await createUser();
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id, {
    title: "Quarterly reviews, compared",
    replies: 125,
  });
  await signIn(page, reader);
  await page.goto(`/t/${threadId}?page=1`);
  const pages = page.getByRole("navigation", { name: "Pages, top" });
  const current = pages.locator('[aria-current="page"]');
  await expect(current).toHaveText("Page 1");
  for (const number of ["2", "3", "4", "5"]) {
    await expect(pages.getByRole("link", { name: `Page ${number}`, exact: true })).toBeVisible();
  }
  await pages.getByRole("link", { name: "Page 3", exact: true }).click();
  await expect(current).toHaveText("Page 3");
  await expectAccessible(page);

  await page
    .getByRole("navigation", { name: "Jump to" })
    .getByRole("link", { name: "Last post" })
    .click();
  await expect(current).toHaveText("Page 5");
  await expect(page.getByRole("article").filter({ hasText: "Reply number 125" })).toBeInViewport();

  // Another reader read page 1 only; back on it later, they jump to where they stopped.
  await page.context().clearCookies();
  await signIn(page, await createUser());
  await page.goto(`/t/${threadId}?page=1`);
  await page.goto("/spaces");
  await page.goto(`/t/${threadId}?page=1`);
  await page
    .getByRole("navigation", { name: "Jump to" })
    .getByRole("link", { name: "First unread post" })
    .click();
  await expect(current).toHaveText("Page 2");
  await expect(page.getByRole("separator", { name: "New since your last visit" })).toBeInViewport();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the breadcrumb stays on one line", async ({ page, signIn }) => {
    const author = await createUser();
    const space = await createTestSpace({ name: "Customer operations and support leaders" });
    const { threadId } = await createTestThread(author, space.id, {
      title: "How do you hand over accounts when a customer success manager leaves the company?",
    });
    await signIn(page, author);
    await page.goto(`/t/${threadId}`);
    const crumbs = page.getByRole("navigation", { name: "Breadcrumbs" });
    const box = await crumbs.boundingBox();
    const lineHeight = await crumbs.evaluate(
      (nav) => parseFloat(getComputedStyle(nav).lineHeight) || 24,
    );
    expect(box!.height).toBeLessThanOrEqual(lineHeight * 1.6);
    await snapshot(page, "thread-phone");
  });
});

test("the invite form reports every problem at once and can start from an account", async ({
  page,
  signIn,
}) => {
  const account = await createAccount({ name: `Finch ${Date.now()}` });
  await signIn(page, await createUser({ role: "admin" }));
  await page.goto("/admin/members/invite");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Members belong to an account: choose one.")).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/admin/accounts/${account.id}`);
  await page.getByRole("link", { name: "Invite someone from it" }).click();
  await expect(page.getByLabel("Account", { exact: true })).toHaveValue(account.id);
});

test("the editor: its toolbar is there before it loads, the label focuses it, links get a panel", async ({
  page,
  signIn,
}) => {
  const author = await createUser();
  const space = await createTestSpace();
  const { threadId } = await createTestThread(author, space.id);
  await signIn(page, author);
  await page.goto(`/t/${threadId}`);

  const replyBox = page.locator("#reply");
  const toolbarPreview = replyBox.getByRole("toolbar");
  await expect(toolbarPreview).toBeVisible();
  const before = await replyBox.boundingBox();

  await page.getByText("Your reply", { exact: true }).click();
  const toolbar = page.getByRole("toolbar", { name: "Your reply formatting" });
  await expect(toolbar).toBeVisible();
  await expect(page.locator("#reply-body[contenteditable]")).toBeFocused();
  const after = await replyBox.boundingBox();
  expect(Math.abs(after!.height - before!.height)).toBeLessThan(4);

  await page.keyboard.type("Our runbook");
  await page.keyboard.press("Shift+Home");
  await toolbar.getByRole("button", { name: "Link" }).click();
  const address = page.getByRole("textbox", { name: "Link address" });
  await address.fill("example.com/runbook");
  await expectAccessible(page);
  await snapshot(page, "editor-link-panel");
  await address.press("Enter");
  await expect(address).toHaveCount(0);
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("link", { name: "Our runbook" })).toHaveAttribute(
    "href",
    "https://example.com/runbook",
  );
});
