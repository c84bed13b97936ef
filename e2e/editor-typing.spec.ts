import type { Page } from "@playwright/test";
import {
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  test,
} from "./fixtures";

/** A quick typist: 90 ms a key, from the moment the box is clicked. */
const KEY_DELAY_MS = 90;

/**
 * Types "- first item", Enter, "second item", then Ctrl+B "bold words" Ctrl+B, wherever the focus
 * is: in the plain text box while the editor loads, in the editor once it has taken over.
 */
async function typeFormattedList(page: Page) {
  await page.keyboard.type("- first item", { delay: KEY_DELAY_MS });
  await page.keyboard.press("Enter", { delay: KEY_DELAY_MS });
  await page.keyboard.type("second item", { delay: KEY_DELAY_MS });
  await page.keyboard.press("Control+B", { delay: KEY_DELAY_MS });
  await page.keyboard.type("bold words", { delay: KEY_DELAY_MS });
  await page.keyboard.press("Control+B", { delay: KEY_DELAY_MS });
}

/**
 * Notes in the report whether typing began in the plain text box or in the editor: which one a
 * run gets depends on the machine's speed, and both must end the same.
 */
async function noteWhereTypingStarts(page: Page) {
  const tag = await page.evaluate(() => document.activeElement?.tagName ?? "none");
  const where = tag === "TEXTAREA" ? "the plain text box" : `the editor (${tag})`;
  test.info().annotations.push({ type: "typing started in", description: where });
  console.log(`${test.info().title}: typing started in ${where}`);
}

/** Slows the page's CPU `rate` times, as on a cheap phone, through the DevTools protocol. */
async function throttleCpu(page: Page, rate: number) {
  const session = await page.context().newCDPSession(page);
  await session.send("Emulation.setCPUThrottlingRate", { rate });
  return async () => {
    await session.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await session.detach();
  };
}

for (const cpu of [
  { name: "a fast CPU", rate: 1 },
  { name: "a CPU throttled six times", rate: 6 },
]) {
  test(`a quick typist's reply keeps its list and bold on ${cpu.name}`, async ({
    page,
    signIn,
  }) => {
    test.slow();
    const space = await createTestSpace();
    const starter = await createUser({ displayName: "Starter Sky" });
    const member = await createUser({ displayName: "Typist Tam" });
    const thread = await createTestThread(starter, space.id, { title: "Fast fingers" });
    await signIn(page, member);

    const unthrottle = cpu.rate > 1 ? await throttleCpu(page, cpu.rate) : null;
    await page.goto(`/t/${thread.threadId}`);
    // Straight away: the box may still be the plain text box that the server sent.
    await page.getByRole("textbox", { name: "Your reply" }).click();
    await noteWhereTypingStarts(page);
    await typeFormattedList(page);

    const editor = page.locator("#reply-body[contenteditable]");
    await expect(editor).toBeFocused();
    await expect(editor.locator("ul > li")).toHaveCount(2);
    await expect(editor.locator("ul > li").nth(0)).toHaveText("first item");
    await expect(editor.locator("ul > li").nth(1)).toHaveText("second itembold words");
    await expect(editor.locator("li strong")).toHaveText("bold words");
    // Nothing of the markdown-like shortcuts is left behind as text.
    await expect(editor).not.toContainText("**");
    await expect(editor).not.toContainText("- ");
    // Typing carries on where it was, no longer bold.
    await page.keyboard.type(" and more", { delay: KEY_DELAY_MS });
    await expect(editor.locator("ul > li").nth(1)).toHaveText("second itembold words and more");
    await expect(editor.locator("li strong")).toHaveText("bold words");
    if (unthrottle) await unthrottle();
    await expect(page.getByRole("toolbar", { name: "Your reply formatting" })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: `/tmp/helpereditor-reply-${cpu.rate}x.png` });

    await page.getByRole("button", { name: "Post reply" }).click();
    const reply = page.getByRole("article", { name: "Typist Tam" });
    await expect(reply.locator(".post-body ul > li")).toHaveCount(2);
    await expect(reply.locator(".post-body li strong")).toHaveText("bold words");
    await expect(reply).not.toContainText("**");
  });
}

test("a quick typist's new thread keeps its list and bold, on a throttled CPU too", async ({
  page,
  signIn,
}) => {
  test.slow();
  const space = await createTestSpace();
  const member = await createUser({ displayName: "Speedy Sam" });
  await signIn(page, member);

  const unthrottle = await throttleCpu(page, 6);
  await page.goto(`/spaces/${space.slug}/new`);
  // The body first, straight after the page loads; the title after.
  await page.getByRole("textbox", { name: "Post" }).click();
  await noteWhereTypingStarts(page);
  await typeFormattedList(page);

  const editor = page.locator("#body[contenteditable]");
  await expect(editor).toBeFocused();
  await expect(editor.locator("ul > li")).toHaveCount(2);
  await expect(editor.locator("li strong")).toHaveText("bold words");
  await expect(editor).not.toContainText("**");
  await unthrottle();
  await expectAccessible(page);

  await page.getByLabel("Title").fill("Typed at speed");
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Typed at speed" })).toBeVisible();
  const opening = page.getByRole("article").first();
  await expect(opening.locator(".post-body ul > li")).toHaveCount(2);
  await expect(opening.locator(".post-body li strong")).toHaveText("bold words");
});

test("keys typed while the editor's code is on its way keep their formatting when it arrives", async ({
  page,
  signIn,
}) => {
  test.slow();
  const space = await createTestSpace();
  const member = await createUser({ displayName: "Waiting Wyn" });
  const thread = await createTestThread(member, space.id, { title: "Slow network" });
  await signIn(page, member);
  // Hold the editor's code back, as on a slow network, so every key goes to the plain text box.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/build\/.*rich-text-editor\.client-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`/t/${thread.threadId}`);
  const box = page.getByRole("textbox", { name: "Your reply" });
  await box.click();
  await page.keyboard.type("- first item", { delay: KEY_DELAY_MS });
  await page.keyboard.press("Enter");
  await page.keyboard.type("second item", { delay: KEY_DELAY_MS });
  await page.keyboard.press("Control+B");
  await page.keyboard.type("bold words", { delay: KEY_DELAY_MS });

  // The toolbar is there but off, and says why to a screen reader; Ctrl+B left its marker.
  const toolbar = page.getByRole("toolbar", { name: "Your reply formatting" });
  await expect(toolbar.getByRole("button", { name: "Bold" })).toBeDisabled();
  await expect(page.getByRole("status").filter({ hasText: "Loading editor…" })).toBeAttached();
  await expect(box).toHaveValue("- first item\nsecond item**bold words");
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/helpereditor-loading.png" });

  release();
  const editor = page.locator("#reply-body[contenteditable]");
  await expect(editor).toBeFocused();
  await expect(editor.locator("ul > li")).toHaveCount(2);
  await expect(editor.locator("li strong")).toHaveText("bold words");
  await expect(page.getByRole("status").filter({ hasText: "Loading editor…" })).toHaveCount(0);
  // Ctrl+B was pressed once: the editor carries on in bold, and the toolbar says so.
  await expect(toolbar.getByRole("button", { name: "Bold" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await page.keyboard.type(" too", { delay: KEY_DELAY_MS });
  await page.keyboard.press("Control+B");
  await page.keyboard.type(" plain", { delay: KEY_DELAY_MS });
  await expect(editor.locator("li strong")).toHaveText("bold words too");
  await expect(editor.locator("ul > li").nth(1)).toHaveText("second itembold words too plain");

  await page.getByRole("button", { name: "Post reply" }).click();
  const reply = page.getByRole("article").nth(1);
  await expect(reply.locator(".post-body ul > li")).toHaveCount(2);
  await expect(reply.locator(".post-body li strong")).toHaveText("bold words too");
});
