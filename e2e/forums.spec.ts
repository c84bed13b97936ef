import {
  createAccount,
  createTestSpace,
  createTestThread,
  createUser,
  emailsTo,
  expect,
  expectAccessible,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

test("a member writes a formatted thread with a mention; the mentioned member is notified in the app and by email", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace({ name: `Operations ${Date.now()}` });
  const author = await createUser({ displayName: "Author Ana" });
  const mentioned = await createUser({ displayName: `Mira Mentioned${Date.now() % 1000}` });
  await signIn(page, author);

  await page.getByRole("link", { name: "Spaces", exact: true }).click();
  await page.getByRole("link", { name: space.name }).click();
  await page.getByRole("link", { name: "New thread" }).click();
  await expect(page.getByRole("heading", { name: `New thread in ${space.name}` })).toBeVisible();
  await page.getByLabel("Insight").check();
  await page.getByLabel("Title").fill("How we cut onboarding to nine days");
  const editor = page.getByRole("textbox", { name: "Post" });
  await editor.click();
  // The editor takes over from the textarea (keeping the focus) as soon as it is ready.
  await expect(page.locator("#body[contenteditable]")).toBeFocused();
  await page.getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type("Nine days");
  await page.getByRole("button", { name: "Bold" }).click();
  await page.keyboard.type(" instead of six weeks. Thanks @Mira");
  await page.getByRole("option", { name: new RegExp(mentioned.displayName) }).click();
  await page.keyboard.type(" for the checklist.");
  await expectAccessible(page);
  await snapshot(page, "thread-editor");
  await page.getByRole("button", { name: "Post thread" }).click();

  await expect(
    page.getByRole("heading", { level: 1, name: "How we cut onboarding to nine days" }),
  ).toBeVisible();
  const opening = page.getByRole("article").first();
  await expect(opening.locator("strong")).toHaveText("Nine days");
  await expect(opening.getByRole("link", { name: `@${mentioned.handle}` })).toHaveAttribute(
    "href",
    `/u/${mentioned.handle}`,
  );
  await expectAccessible(page);
  await snapshot(page, "thread-new");

  const other = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const otherPage = await other.newPage();
  await signIn(otherPage, mentioned);
  await expect(otherPage.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
  await otherPage.getByRole("link", { name: "Notifications, 1 unread" }).click();
  await otherPage
    .getByRole("link", { name: "Author Ana mentioned you in “How we cut onboarding to nine days”" })
    .click();
  await expect(
    otherPage.getByRole("heading", { level: 1, name: "How we cut onboarding to nine days" }),
  ).toBeVisible();
  await expect(otherPage.getByRole("link", { name: "Notifications" })).toBeVisible();
  await other.close();

  // The email goes out through the job queue, a moment later.
  await expect
    .poll(async () => (await emailsTo(mentioned.email)).map((email) => email.subject), {
      timeout: 15_000,
    })
    .toContain("Author Ana mentioned you in “How we cut onboarding to nine days”");
});

test("replying, reacting, quoting, editing with history and deleting", async ({ page, signIn }) => {
  const space = await createTestSpace();
  const starter = await createUser({ displayName: "Starter Sol" });
  const member = await createUser({ displayName: "Replier Rae" });
  const thread = await createTestThread(starter, space.id, {
    title: "Weekly metrics we keep",
    body: "We keep three numbers: activation, retention and support load.",
  });
  await signIn(page, member);
  await page.goto(`/t/${thread.threadId}`);

  const opening = page.getByRole("article", { name: "Starter Sol" });
  await opening.getByRole("button", { name: "Helpful, 0" }).click();
  await expect(opening.getByRole("button", { name: "Helpful, 1, including you" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  await opening.getByRole("link", { name: "Reply" }).click();
  await expect(page.getByRole("heading", { name: "Reply to Starter Sol" })).toBeVisible();
  await opening.locator(".post-body").getByText("activation, retention").selectText();
  await opening.getByRole("button", { name: "Quote" }).click();
  const editor = page.getByRole("textbox", { name: "Your reply" });
  await expect(editor.locator("blockquote")).toContainText("activation, retention");
  await editor.press("End");
  await page.keyboard.type("We track the same, plus time to first value.");
  await page.getByRole("button", { name: "Post reply" }).click();

  const reply = page.getByRole("article", { name: "Replier Rae" });
  await expect(reply).toContainText("time to first value");
  await expect(reply.locator("blockquote")).toContainText("activation, retention");
  await expect(reply.getByRole("link", { name: "Starter Sol's post" })).toBeVisible();
  await expect(page).toHaveURL(/#post-/);

  await reply.getByRole("link", { name: "Edit" }).click();
  const editEditor = page.getByRole("textbox", { name: "Post" });
  await expect(editEditor).toBeVisible();
  await expectAccessible(page);
  await editEditor.click();
  await editEditor.press("End");
  await page.keyboard.type(" And churn.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(reply).toContainText("And churn.");
  await reply.getByRole("link", { name: "edited" }).click();
  await expect(page.getByRole("heading", { name: "History of this post" })).toBeVisible();
  await expect(page.locator(".diff ins")).toContainText("And churn.");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Back to the post" }).click();

  await reply.getByText("Delete…").click();
  await reply.getByRole("button", { name: "Yes, delete my post" }).click();
  await expect(page.getByText("This post was deleted by its author.")).toBeVisible();
  await expect(page.getByRole("article", { name: "Starter Sol" })).toBeVisible();
});

test("a second reader sees a new reply appear without reloading", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace();
  const writer = await createUser({ displayName: "Writer Wes" });
  const reader = await createUser({ displayName: "Reader Rio" });
  const thread = await createTestThread(writer, space.id, { title: "Live thread" });

  const readerContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, reader);
  await readerPage.goto(`/t/${thread.threadId}`);
  await expect(readerPage.getByRole("article")).toHaveCount(1);
  await expect(readerPage.locator('[data-live="connected"]')).toHaveCount(1);

  await signIn(page, writer);
  await page.goto(`/t/${thread.threadId}`);
  await page
    .getByRole("textbox", { name: "Your reply" })
    .fill("This should appear live for everyone reading.");
  await page.getByRole("button", { name: "Post reply" }).click();
  await expect(page.getByRole("article")).toHaveCount(2);

  await expect(readerPage.getByRole("article").nth(1)).toContainText(
    "This should appear live for everyone reading.",
    { timeout: 10_000 },
  );
  await readerContext.close();
});

test("search finds posts with highlights, and never what the reader may not see", async ({
  page,
  signIn,
}) => {
  const big = await createAccount({ name: `Giant ${Date.now()}`, revenueCents: 5_000_000_000_00 });
  const insider = await createUser({ accountId: big.id });
  // No revenue: never in a top tier, whatever other tests' accounts do to the ranking.
  const outsider = await createUser({ accountId: (await createAccount({ revenueCents: 0 })).id });
  const open = await createTestSpace({ name: "Open floor" });
  const council = await createTestSpace({
    name: "Council room",
    visibility: "tier",
    minTier: "top1",
  });
  const word = `marmalade${Date.now()}`;
  await createTestThread(insider, open.id, {
    title: `Public ${word}`,
    body: `An open note about ${word} pricing.`,
  });
  const secret = await createTestThread(insider, council.id, {
    title: `Secret ${word}`,
    body: `Confidential ${word} plans.`,
  });

  await signIn(page, outsider);
  await page.goto("/search");
  await page.getByLabel("Search for").fill(word);
  await page.getByRole("button", { name: "Search" }).click();
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("listitem")).toHaveCount(1);
  await expect(results).toContainText(`Public ${word}`);
  await expect(results.locator("mark").first()).toHaveText(word);
  await expect(page.getByText("1 result")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "search");

  expect((await page.goto(`/t/${secret.threadId}`))?.status()).toBe(404);
  expect((await page.goto(`/spaces/${council.slug}`))?.status()).toBe(404);
  expect((await page.goto(`/p/${secret.postId}`))?.status()).toBe(404);
  const mentions = await page.request.get(`/resources/mentions?space=${council.id}&q=`);
  expect(mentions.status()).toBe(404);
});

test("without JavaScript a reply posts from the plain text box", async ({ browser, signIn }) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const page = await context.newPage();
  const space = await createTestSpace();
  const member = await createUser({ displayName: "Plain Pat" });
  const thread = await createTestThread(member, space.id, { title: "No script thread" });
  await signIn(page, member);
  await page.goto(`/t/${thread.threadId}`);
  await page.getByLabel("Your reply").fill("First paragraph.\n\nSecond <b>paragraph</b>.");
  await page.getByRole("button", { name: "Post reply" }).click();
  const reply = page.getByRole("article").nth(1);
  await expect(reply.locator(".post-body p")).toHaveCount(2);
  await expect(reply.locator(".post-body p").nth(1)).toHaveText("Second <b>paragraph</b>.");
  await context.close();
});

test("spaces, profiles, notifications and settings pages have no axe violations", async ({
  page,
  signIn,
}) => {
  const staff = await createUser({ role: "staff", displayName: "Observer Oli" });
  const admin = await createUser({ role: "admin" });
  await signIn(page, admin);
  await page.goto("/admin/spaces/new");
  await page.getByLabel("Name").fill(`Council ${Date.now()}`);
  await page.getByLabel("Address").fill(`council-${Date.now()}`);
  await page.getByLabel("Who can see and post").selectOption("tier");
  await page.getByLabel("Lowest tier that may enter").selectOption("top1");
  await page.getByRole("button", { name: "Create space" }).click();
  await expect(page.getByText("Space created.")).toBeVisible();
  await page.getByLabel("Staff member's handle or email").fill(staff.handle);
  await page.getByRole("button", { name: "Add observer" }).click();
  await expect(page.getByText("Observer Oli now observes this space")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "admin-space");
  await page.getByRole("link", { name: "Open the space" }).click();
  await expect(page.locator(".observers")).toContainText("Observed by staff: Observer Oli");
  await expectAccessible(page);
  await snapshot(page, "space");

  for (const [path, name] of [
    ["/spaces", "spaces"],
    ["/notifications", "notifications"],
    ["/settings", "settings"],
    [`/u/${staff.handle}`, "profile"],
    ["/admin/spaces", "admin-spaces"],
  ] as const) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(/went wrong/);
    await expectAccessible(page);
    await snapshot(page, name);
  }
});

test("a long thread opens where you left off, with a marker before what's new", async ({
  page,
  signIn,
}) => {
  const space = await createTestSpace();
  const writer = await createUser({ displayName: "Prolific Pia" });
  const reader = await createUser({ displayName: "Returning Ray" });
  const thread = await createTestThread(writer, space.id, {
    title: "A long conversation",
    replies: 35,
  });

  await signIn(page, reader);
  await page.goto(`/t/${thread.threadId}?page=1`);
  await expect(
    page.getByRole("navigation", { name: "Pages, top" }).locator('[aria-current="page"]'),
  ).toHaveText("Page 1");
  // Page 1 is read, so on page 2 the marker sits before the first post not yet seen.
  await page.goto(`/t/${thread.threadId}?page=2`);
  await expect(page.getByRole("separator", { name: "New since your last visit" })).toHaveCount(1);

  // Page 1 and 2 are now read; the reader leaves (an open page would show new replies live and
  // count them as read), and three more replies arrive.
  await page.goto("/spaces");
  const { readPostContent } = await import("../app/models/post-content.server");
  const { createReply } = await import("../app/models/post.server");
  for (const text of [
    "Reply A after the visit",
    "Reply B after the visit",
    "Reply C after the visit",
  ]) {
    const content = readPostContent(undefined, text);
    if (!content.ok) throw new Error(content.message);
    await createReply(writer, thread.threadId, { content: content.content, replyToPostId: null });
  }
  await page.goto("/");
  await expect(page.getByRole("list", { name: "Latest threads" })).toContainText("3 unread");
  await page.getByRole("link", { name: "A long conversation" }).click();
  await expect(
    page.getByRole("navigation", { name: "Pages, top" }).locator('[aria-current="page"]'),
  ).toHaveText("Page 2");
  const marker = page.getByRole("separator", { name: "New since your last visit" });
  await expect(marker).toBeInViewport();
  await expect(
    page.getByRole("article").filter({ hasText: "Reply A after the visit" }),
  ).toBeVisible();
});
