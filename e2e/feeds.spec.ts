import { request as playwrightRequest } from "@playwright/test";
import { parseFeed } from "@rowanmanning/feed-parser";
import {
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  snapshot,
  test,
} from "./fixtures";

test("a member turns on feeds and a feed reader, with no cookie, reads only what they may see", async ({
  page,
  signIn,
  baseURL,
}) => {
  const run = Date.now().toString(36);
  const open = await createTestSpace({ name: `Lounge ${run}` });
  const secret = await createTestSpace({ name: `Board room ${run}`, visibility: "private" });
  const author = await createUser();
  await createTestThread(author, open.id, { title: `Close the books faster ${run}` });
  await createTestThread(author, secret.id, { title: `Acquisition talks ${run}` });
  const member = await createUser({ displayName: "Feed Fiona" });
  await signIn(page, member);

  await page.goto("/settings");
  await page.getByRole("link", { name: "feed addresses" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Feeds" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Turn feeds on" }).click();
  await expect(page.getByText("Your feed addresses are ready")).toBeVisible();
  await expect(page.getByRole("textbox", { name: `Board room ${run}` })).toHaveCount(0);
  await expectAccessible(page);
  await snapshot(page, "feeds-on");
  const address = await page.getByRole("textbox", { name: "New in your spaces" }).inputValue();

  // A feed reader: a fresh client that never signed in.
  const reader = await playwrightRequest.newContext({ baseURL });
  const path = new URL(address).pathname;
  const response = await reader.get(path);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/atom+xml");
  const feed = parseFeed(await response.text());
  const titles = feed.items.map((item) => item.title ?? "");
  expect(titles).toContain(`Close the books faster ${run} (Lounge ${run})`);
  expect(titles.some((title) => title.includes(`Acquisition talks ${run}`))).toBe(false);

  // New addresses: the old one stops answering.
  await page.getByRole("button", { name: "Make new addresses" }).click();
  await expect(page.getByText("New addresses made")).toBeVisible();
  expect((await reader.get(path)).status()).toBe(404);
  await reader.dispose();
});
