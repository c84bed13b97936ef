import {
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  newClientAddress,
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
