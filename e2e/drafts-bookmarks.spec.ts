import {
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  sendTestBookmarkRemindersNow,
  test,
} from "./fixtures";

const shots = process.env.E2E_SHOTS;

test("a reply typed on one device is there on another until it is posted", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace();
  const starter = await createUser();
  const writer = await createUser({ displayName: `Dana Drafts${Date.now() % 1000}` });
  const { threadId } = await createTestThread(starter, space.id, { title: "Renewal pricing" });
  await signIn(page, writer);

  await page.goto(`/t/${threadId}`);
  const box = page.getByRole("textbox", { name: "Your reply" });
  await box.click();
  await page.keyboard.type("We renew in March and the new tiers would help");
  const status = page.locator(".reply-box").getByRole("status").filter({ hasText: "Draft" });
  await expect(status).toContainText("Draft saved");
  await expectAccessible(page);
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.locator(".reply-box").scrollIntoViewIfNeeded();
    if (shots) await page.screenshot({ path: `${shots}/reply-draft-${width}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 900 });

  // Another device: a new browser, signed in afresh.
  const phone = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const phonePage = await phone.newPage();
  await signIn(phonePage, writer);
  await phonePage.goto(`/t/${threadId}`);
  await expect(phonePage.getByRole("textbox", { name: "Your reply" })).toContainText(
    "We renew in March and the new tiers would help",
  );
  await phonePage.getByLabel(/Account menu/).click();
  await phonePage.getByRole("link", { name: "Drafts" }).click();
  await expect(phonePage.getByRole("heading", { level: 1, name: "Drafts" })).toBeVisible();
  await expect(
    phonePage.getByRole("link", { name: "Reply in “Renewal pricing”", exact: true }),
  ).toBeVisible();
  await expectAccessible(phonePage);
  await phonePage.getByRole("link", { name: "Reply in “Renewal pricing”", exact: true }).click();
  const phoneBox = phonePage.getByRole("textbox", { name: "Your reply" });
  await phoneBox.click();
  await phonePage.keyboard.press("End");
  await phonePage.keyboard.type(".");
  await phonePage.getByRole("button", { name: "Post reply" }).click();
  await expect(
    phonePage.getByRole("article").filter({ hasText: "the new tiers would help." }),
  ).toBeVisible();
  await phone.close();

  // Posted: the draft is gone here too.
  await page.goto(`/t/${threadId}`);
  await expect(page.getByRole("textbox", { name: "Your reply" })).toHaveText("");
  await page.goto("/me/drafts");
  await expect(page.getByText("No drafts.")).toBeVisible();
});

test("a discarded reply draft is gone, here and after a reload", async ({ page, signIn }) => {
  const space = await createTestSpace();
  const starter = await createUser();
  const writer = await createUser();
  const other = await createTestThread(starter, space.id, { title: "Holiday schedule" });
  await signIn(page, writer);
  await page.goto(`/t/${other.threadId}`);
  await page.getByRole("textbox", { name: "Your reply" }).click();
  await page.keyboard.type("Not sure yet");
  await expect(
    page.locator(".reply-box").getByRole("status").filter({ hasText: "Draft" }),
  ).toContainText("Draft saved");
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByRole("textbox", { name: "Your reply" })).toHaveText("");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Your reply" })).toHaveText("");
  await expectAccessible(page);
});

test("a new idea's title and words are kept as a draft until it is posted", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace({ ideasEnabled: true });
  const member = await createUser();
  await signIn(page, member);
  await page.goto(`/spaces/${space.slug}/new?kind=idea`);
  await page.getByLabel("Title").fill("Export the roadmap as a PDF");
  await page.getByRole("textbox", { name: "Post" }).click();
  await page.keyboard.type("Our board wants it on paper every quarter.");
  await expect(page.getByRole("status").filter({ hasText: "Draft" })).toContainText("Draft saved");

  const laptop = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const laptopPage = await laptop.newPage();
  await signIn(laptopPage, member);
  await laptopPage.goto(`/spaces/${space.slug}/new`);
  await expect(laptopPage.getByLabel("Title")).toHaveValue("Export the roadmap as a PDF");
  await expect(laptopPage.getByLabel("Idea", { exact: false }).first()).toBeChecked();
  await expect(laptopPage.getByRole("textbox", { name: "Post" })).toContainText(
    "Our board wants it on paper every quarter.",
  );
  await expectAccessible(laptopPage);
  await laptopPage.getByRole("button", { name: "Post thread" }).click();
  await expect(
    laptopPage.getByRole("heading", { level: 1, name: "Export the roadmap as a PDF" }),
  ).toBeVisible();
  await laptop.close();

  await page.goto(`/spaces/${space.slug}/new`);
  await expect(page.getByLabel("Title")).toHaveValue("");

  // Started again, and thrown away: the form starts afresh.
  await page.getByLabel("Title").fill("Second thoughts");
  await expect(page.getByRole("status").filter({ hasText: "Draft" })).toContainText("Draft saved");
  await page.getByRole("button", { name: "Discard draft" }).click();
  await expect(page.getByLabel("Title")).toHaveValue("");
  await page.reload();
  await expect(page.getByLabel("Title")).toHaveValue("");
});

test("a member bookmarks a post with a reminder, finds it on their page, is reminded, and removes it", async ({
  page,
  signIn,
}) => {
  const space = await createTestSpace();
  const starter = await createUser();
  const reader = await createUser();
  const { threadId } = await createTestThread(starter, space.id, {
    title: "Quarterly review checklist",
    replies: 2,
  });
  await signIn(page, reader);
  await page.goto(`/t/${threadId}`);

  const post = page.getByRole("article").nth(1);
  await post.getByText("Bookmark…").click();
  await post.getByLabel("Remind me").selectOption("tomorrow");
  await post.getByRole("button", { name: "Bookmark post 2" }).click();
  await expect(post.getByText("Bookmarked")).toBeVisible();
  await expectAccessible(page);

  // The thread itself, without a reminder.
  await page.locator(".page-header").getByText("Bookmark…").click();
  await page.getByRole("button", { name: "Bookmark thread" }).click();
  await expect(page.locator(".page-header").getByText("Bookmarked")).toBeVisible();

  await page.getByLabel(/Account menu/).click();
  await page.getByRole("link", { name: "Bookmarks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bookmarks" })).toBeVisible();
  const list = page.getByRole("list", { name: "Your bookmarks" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const postItem = list.getByRole("listitem").filter({ hasText: "Post 2" });
  await expect(postItem).toContainText("Quarterly review checklist");
  await expect(postItem).toContainText("Reply number 1");
  await expect(postItem).toContainText("Reminder:");
  // Closes the account menu it was reached from.
  await page.reload();
  await expectAccessible(page);
  for (const width of [1366, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (shots) await page.screenshot({ path: `${shots}/bookmarks-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 900 });

  // The reminder comes due.
  expect(await sendTestBookmarkRemindersNow(reader.id)).toBe(1);
  await page.goto("/notifications");
  await expect(
    page.getByRole("link", { name: "Reminder: “Quarterly review checklist”" }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.goto("/me/bookmarks");
  await expect(postItem).toContainText("Reminded you");
  await postItem.getByRole("button", { name: /^Remove/ }).click();
  await expect(page.getByText("Bookmark removed.")).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(1);
});
