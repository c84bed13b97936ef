import {
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

test("a moderator pins and locks a thread; members see it first and can no longer reply", async ({
  page,
  browser,
  signIn,
  baseURL,
}) => {
  const space = await createTestSpace({ name: `Pinboard ${Date.now()}` });
  const member = await createUser({ displayName: "Member Max" });
  const moderator = await createUser({ role: "moderator", displayName: "Mod Mo" });
  const older = await createTestThread(member, space.id, { title: "House rules" });
  await createTestThread(member, space.id, { title: "A newer conversation" });

  await signIn(page, moderator);
  await page.goto(`/t/${older.threadId}`);
  await page.getByRole("button", { name: "Pin thread" }).click();
  await expect(page.getByText("Pinned", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Lock thread" }).click();
  await expect(page.getByText("This thread is locked: it takes no new replies.")).toBeVisible();

  const memberContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member);
  await memberPage.goto(`/spaces/${space.slug}`);
  const titles = memberPage.getByRole("list", { name: "Threads" }).locator("a.thread-title");
  await expect(titles.first()).toHaveText("House rules");
  await memberPage.goto(`/t/${older.threadId}`);
  await expect(memberPage.getByRole("button", { name: "Lock thread" })).toHaveCount(0);
  await expect(memberPage.getByRole("textbox", { name: "Your reply" })).toHaveCount(0);
  const refused = await memberPage.request.post(`/t/${older.threadId}`, {
    form: { intent: "reply", body: "Sneaking a reply in" },
    headers: { Origin: baseURL! },
  });
  expect(refused.status()).toBe(409);
  const notAllowed = await memberPage.request.post(`/t/${older.threadId}`, {
    form: { intent: "lock", locked: "off" },
    headers: { Origin: baseURL! },
  });
  expect(notAllowed.status()).toBe(403);
  await memberContext.close();
});

test("a moderator's redacting edit keeps the removed words out of the history for members", async ({
  page,
  browser,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Redactions ${run}` });
  const author = await createUser({ displayName: `Rita Writer ${run}` });
  const moderator = await createUser({ role: "moderator", displayName: "Mod Mara" });
  const reader = await createUser({ displayName: "Reader Rob" });
  const { threadId } = await createTestThread(author, space.id, { title: `Call me ${run}` });
  const reply = await createTestReply(author, threadId, "Call me on 555 0199 about the rollout");

  await signIn(page, moderator);
  await page.goto(`/p/${reply.postId}/edit`);
  const post = page.getByRole("textbox", { name: "Post" });
  await post.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Call me about the rollout");
  await page.getByLabel("Reason for editing").fill("Removed a phone number");
  await page.getByLabel("Redact the earlier versions").check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${threadId}`));
  await expect(page.getByText("Call me about the rollout")).toBeVisible();

  // The moderator still reads what was removed, and the history says it was redacted.
  await page.goto(`/p/${reply.postId}/history`);
  await expect(page.getByText("This edit redacted the earlier versions")).toBeVisible();
  await expect(page.getByText("555 0199").first()).toBeVisible();

  const readerContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, reader);
  await readerPage.goto(`/p/${reply.postId}/history`);
  await expect(
    readerPage.getByText("An earlier version was redacted by a moderator.").first(),
  ).toBeVisible();
  await expect(readerPage.getByText("Removed a phone number")).toBeVisible();
  expect(await readerPage.content()).not.toContain("555 0199");
  // Nor in the page's data request.
  const data = await readerPage.request.get(`/p/${reply.postId}/history.data`);
  expect(await data.text()).not.toContain("555 0199");
  await expectAccessible(readerPage);
  await snapshot(readerPage, "history-redacted");
  await readerContext.close();
});
