import { createTestSpace, createTestThread, createUser, expect, test } from "./fixtures";

// A reader on a slow phone clicks and types while the page is still starting up. With single
// fetch, Remix decodes the page's data before React can hydrate; a click in that moment made
// React 18 hydrate synchronously, suspend, throw "Root did not complete" (minified #345), and
// leave the page dead.

test("clicks and keys while a page starts up raise no error, and the page comes alive", async ({
  page,
  signIn,
}) => {
  // Three loads on a slowed-down processor: the moment is short, and not the same in each.
  test.slow();
  const reader = await createUser({ displayName: "Early Ezra" });
  const space = await createTestSpace({ name: `Early ${Date.now()}` });
  const { threadId } = await createTestThread(reader, space.id, { title: "Starting up" });
  await signIn(page, reader);
  // From the first moment of each page, a click and a key press, again and again for 5 s.
  await page.addInitScript(() => {
    const until = Date.now() + 5000;
    const press = () => {
      document.body?.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      document.body?.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, key: "a" }));
      if (Date.now() < until) setTimeout(press, 0);
    };
    setTimeout(press, 0);
  });
  const cdp = await page.context().newCDPSession(page);
  for (const rate of [4, 6, 8]) {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    await page.goto(`/t/${threadId}`);
    await expect
      .poll(() => page.evaluate(() => "__remixRouter" in window), { timeout: 20_000 })
      .toBe(true);
  }
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  // Alive: a link is followed by the router, without a new document.
  await page.evaluate(() => ((window as { stayed?: boolean }).stayed = true));
  await page.getByRole("link", { name: space.name }).first().click();
  await expect(page).toHaveURL(/\/spaces\//);
  expect(await page.evaluate(() => (window as { stayed?: boolean }).stayed)).toBe(true);
});
