import type { Page } from "@playwright/test";
import {
  createTestSpace,
  createTestTag,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  test,
} from "./fixtures";
import { hydrated } from "./layout";

/** Five new ideas in a space of their own, listed newest first as "<run> 1" … "<run> 5". */
async function inboxOfFive(run: string) {
  const space = await createTestSpace({ name: `Triage flow ${run}`, ideasEnabled: true });
  const author = await createUser({ displayName: `Author ${run}` });
  for (const n of [5, 4, 3, 2, 1]) {
    await createTestThread(author, space.id, { kind: "idea", title: `Idea ${run} ${n}` });
  }
  return space;
}

/** Whether the page is still the document it was when `markPage` ran: no reload happened. */
async function markPage(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { inboxMarker: string }).inboxMarker = "still here";
  });
}
async function samePage(page: Page) {
  return page.evaluate(() => ({
    marker: (window as unknown as { inboxMarker?: string }).inboxMarker,
    documents: performance.getEntriesByType("navigation").length,
  }));
}

test("working down the inbox with the keyboard keeps its place: each action moves on to the next entry, in place", async ({
  page,
  signIn,
}) => {
  test.slow();
  const run = Date.now().toString(36);
  const space = await inboxOfFive(run);
  const staff = await createUser({ role: "staff", displayName: `Tess Triage ${run}` });
  const tag = await createTestTag(staff, `Flow ${run}`);
  await signIn(page, staff);
  await page.goto(`/staff/inbox?space=${space.id}`);
  const address = page.url();
  const list = page.getByRole("list", { name: "Inbox entries, newest first" });
  const entry = (n: number) => list.getByRole("listitem").filter({ hasText: `Idea ${run} ${n}` });
  await expect(list.getByRole("listitem")).toHaveCount(5);
  // The shortcuts are JavaScript's: a key pressed before the page has hydrated does nothing.
  await hydrated(page);
  await markPage(page);

  // j j r: the second entry is reviewed, and the third is where the keyboard is at once.
  await page.keyboard.press("j");
  await expect(entry(1)).toBeFocused();
  await page.keyboard.press("j");
  await expect(entry(2)).toBeFocused();
  await page.keyboard.press("r");
  await expect(entry(3)).toBeFocused();
  await expect(page.getByRole("status")).toHaveText(`Marked reviewed: “Idea ${run} 2”`);
  await expect(list.getByRole("listitem")).toHaveCount(4);
  await expect(entry(3)).toBeFocused();
  // j goes on from there, not from the top.
  await page.keyboard.press("j");
  await expect(entry(4)).toBeFocused();

  // t: the tag field; Enter tags the current entry and moves on to the next.
  await page.keyboard.press("t");
  await expect(page.getByLabel("Tag", { exact: true })).toBeFocused();
  await page.keyboard.type(tag.name);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText(`Tagged 1 thread “${tag.name}”.`);
  await expect(entry(5)).toBeFocused();
  await expect(entry(4)).toContainText(tag.name);
  await expect(entry(4).getByRole("checkbox")).not.toBeChecked();
  await expect(page.getByLabel("Tag", { exact: true })).toHaveValue("");

  // m: assign to me, and on to the next.
  await page.keyboard.press("k");
  await expect(entry(4)).toBeFocused();
  await page.keyboard.press("m");
  await expect(entry(5)).toBeFocused();
  await expect(page.getByRole("status")).toHaveText(`Assigned to you: “Idea ${run} 4”`);
  await expect(entry(4)).toContainText(`Owner: Tess Triage ${run}`);

  // The last entry reviewed: the one before it takes the focus.
  await page.keyboard.press("r");
  await expect(page.getByRole("status")).toHaveText(`Marked reviewed: “Idea ${run} 5”`);
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await expect(entry(4)).toBeFocused();

  // x selects; r reviews the selection and lands after the entry the keyboard was on.
  await page.keyboard.press("k");
  await page.keyboard.press("x");
  await page.keyboard.press("k");
  await expect(entry(1)).toBeFocused();
  await page.keyboard.press("x");
  await page.keyboard.press("r");
  await expect(entry(4)).toBeFocused();
  await expect(page.getByRole("status")).toHaveText("Marked reviewed: 2 entries");
  await expect(list.getByRole("listitem")).toHaveCount(1);

  // A refused action gives the focus back where it was, and says why.
  await page.keyboard.press("l");
  await expect(page.getByLabel("Backlog item")).toBeFocused();
  await page.getByRole("button", { name: "Link", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toHaveText("Choose the backlog item.");
  await expect(page.getByRole("button", { name: "Link", exact: true })).toBeFocused();

  // All of it happened in this one page: no reload, no new address.
  expect(await samePage(page)).toEqual({ marker: "still here", documents: 1 });
  expect(page.url()).toBe(address);

  // The shortcuts are listed on the page, and ? opens the list.
  const help = page.locator("details#inbox-shortcuts");
  await expect(help.getByText("Keyboard shortcuts")).toBeVisible();
  await entry(4).focus();
  await page.keyboard.press("?");
  await expect(help).toHaveAttribute("open", "");
  await expect(
    help.getByText("Assign to me (the selected entries, or the current one)"),
  ).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: "/tmp/helperinbox-inbox-1366.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "/tmp/helperinbox-inbox-390.png", fullPage: true });
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the inbox's forms still work as plain posts", async ({ page, signIn }) => {
    const run = Date.now().toString(36);
    const space = await inboxOfFive(run);
    const staff = await createUser({ role: "staff", displayName: `Nojs Nell ${run}` });
    await signIn(page, staff);
    await page.goto(`/staff/inbox?space=${space.id}`);
    const list = page.getByRole("list", { name: "Inbox entries, newest first" });
    const entry = (n: number) => list.getByRole("listitem").filter({ hasText: `Idea ${run} ${n}` });
    await entry(2)
      .getByRole("button", { name: `Mark reviewed: “Idea ${run} 2”` })
      .click();
    await expect(page.getByRole("status")).toHaveText(`Marked reviewed: “Idea ${run} 2”`);
    await expect(list.getByRole("listitem")).toHaveCount(4);

    await entry(3).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Assign to me" }).click();
    await expect(page.getByRole("status")).toHaveText(`Assigned to you: “Idea ${run} 3”`);
    await expect(entry(3)).toContainText(`Owner: Nojs Nell ${run}`);
    expect(page.url()).toContain(`space=${space.id}`);
  });
});
