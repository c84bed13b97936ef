import type { Browser, Page } from "@playwright/test";
import {
  castTestVote,
  createAccount,
  createTestTag,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

type Person = Awaited<ReturnType<typeof createUser>>;

/** A second person's browser, signed in. */
async function openAs(
  browser: Browser,
  signIn: (page: Page, person: Person) => Promise<void>,
  person: Person,
) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const page = await context.newPage();
  await signIn(page, person);
  return { page, close: () => context.close() };
}

/** Selects `text` inside the post's body, as a person dragging over it would. */
async function selectInPost(page: Page, postId: string, text: string) {
  await page.evaluate(
    ({ postId, text }) => {
      const body = document.querySelector(`#post-${postId} .post-body`);
      const walker = document.createTreeWalker(body!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        body!.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
        return;
      }
      throw new Error(`“${text}” is not in the post`);
    },
    { postId, text },
  );
}

test("staff build an item from an idea and a quoted passage, weigh its demand and ship it; contributors hear and are credited as they chose", async ({
  page,
  browser,
  signIn,
}) => {
  // One journey through five people's browsers: on a busy machine it outlasts the default limit.
  test.slow();
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Field ops ${run}`, ideasEnabled: true });
  const big = await createAccount({ name: `Bigfleet ${run}`, revenueCents: 40_000_000_00 });
  const small = await createAccount({ name: `Smallshop ${run}`, revenueCents: 2_000_000_00 });
  const author = await createUser({ accountId: small.id, displayName: `Ada Author ${run}` });
  const voter = await createUser({ accountId: big.id, displayName: `Vic Voter ${run}` });
  const quoted = await createUser({ accountId: big.id, displayName: `Quinn Quoted ${run}` });
  const idea = await createTestThread(author, space.id, {
    kind: "idea",
    title: `Offline forms ${run}`,
    body: "Let field crews fill in forms without signal.",
  });
  await castTestVote(voter, idea.threadId, "critical");
  const discussion = await createTestThread(quoted, space.id, {
    title: `Tunnel inspections ${run}`,
    body: "Our inspectors lose signal for hours in tunnels. Paper forms get retyped later.",
  });

  const staff = await createUser({ role: "staff", displayName: `Sam Staff ${run}` });
  const colleague = await createUser({ role: "staff", displayName: `Cleo Colleague ${run}` });
  const tag = await createTestTag(staff, `Field work ${run}`);
  await signIn(page, staff);
  const desk = page.getByRole("region", { name: "For the product team" });
  await expect(desk).toContainText("in the triage inbox that nobody has reviewed yet.");
  await expect(desk.getByRole("link", { name: "Open the inbox" })).toBeVisible();
  await expectAccessible(page);

  // Triage from the inbox, with the keyboard: tag the idea, give it an owner, review it, open it.
  await page.goto(`/staff/inbox?space=${space.id}`);
  await expect(page.getByRole("heading", { name: "Triage inbox" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Idea \(\d+\)$/ })).toBeVisible();
  const entries = page.getByRole("list", { name: "Inbox entries, newest first" });
  await expect(entries.getByRole("listitem")).toHaveCount(1);
  await page.keyboard.press("j");
  await expect(entries.getByRole("listitem").first()).toBeFocused();
  await expect(entries.getByRole("listitem").first()).toContainText(`Offline forms ${run}`);
  await page.keyboard.press("t");
  await expect(page.getByLabel("Tag", { exact: true })).toBeFocused();
  await page.keyboard.type(tag.name);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText(`Tagged 1 thread “${tag.name}”.`);
  await expect(entries.getByRole("listitem").first()).toContainText(tag.name);
  await expectAccessible(page);
  await snapshot(page, "triage-inbox");
  await entries.getByRole("listitem").first().focus();
  await page.keyboard.press("r");
  await expect(page.getByRole("status")).toHaveText(`Marked reviewed: “Offline forms ${run}”`);
  await expect(page.getByText("Inbox zero")).toBeVisible();
  await page.getByRole("link", { name: "Reviewed" }).click();
  await expect(entries.getByRole("listitem").first()).toContainText(`Reviewed by Sam Staff ${run}`);
  await entries.getByRole("listitem").first().focus();
  await page.keyboard.press("o");
  await expect(page.getByRole("heading", { level: 1, name: `Offline forms ${run}` })).toBeVisible();

  // An internal note on the idea, for a colleague.
  const notes = page.getByRole("region", { name: /Internal notes/ });
  await notes.getByRole("textbox", { name: "New internal note" }).click();
  await expect(page.locator("#note-body[contenteditable]")).toBeFocused();
  await page.keyboard.type("Bigfleet's renewal depends on this, ask @Cleo");
  await page.getByRole("option", { name: new RegExp(colleague.displayName) }).click();
  await notes.getByRole("button", { name: "Add note" }).click();
  await expect(
    notes.getByRole("listitem").filter({ hasText: "renewal depends on this" }),
  ).toBeVisible();

  // From the idea: a new backlog item, on the public roadmap.
  const backlogCard = page.getByRole("region", { name: /Product team/ });
  await expect(backlogCard).toContainText("Not linked to any backlog item yet.");
  await backlogCard.getByRole("link", { name: "New item from this thread" }).click();
  await expect(page.getByRole("heading", { name: "New backlog item" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(`Offline forms ${run}`);
  await page.getByLabel("Title").fill("x");
  await page.getByLabel("Target (optional)").fill("Q3");
  await page.getByRole("button", { name: "Create item" }).click();
  await expect(page.getByText("Give the item a title of at least 3 characters.")).toBeVisible();
  await expect(page.getByLabel("Target (optional)")).toHaveValue("Q3");
  await page.getByLabel("Title").fill(`Offline field forms ${run}`);
  await page.getByLabel("Show on the public roadmap").check();
  await page.getByRole("button", { name: "Create item" }).click();
  await expect(page.getByRole("heading", { name: `Offline field forms ${run}` })).toBeVisible();
  const itemUrl = page.url();

  // The demand: the idea's author and its voter, from two accounts.
  const figures = page.getByRole("list", { name: "Demand figures" });
  const figure = (label: string) =>
    figures.getByRole("listitem").filter({ has: page.getByText(label, { exact: true }) });
  await expect(figure("Members (raw count)")).toContainText("2");
  await expect(figure("Accounts")).toContainText("2");
  await expect(figure("Revenue represented")).toContainText("$42M");

  // A passage selected in another thread's post becomes a quoted excerpt.
  await page.goto(`/t/${discussion.threadId}`);
  const card = page.getByRole("region", { name: /Product team/ });
  // Selecting words offers "Add to backlog item" beside them (once the page has hydrated:
  // select again until the page hears one).
  const beside = page.getByRole("region", { name: "Add the selected passage to the backlog" });
  await expect(async () => {
    await selectInPost(page, discussion.postId, "lose signal for hours in tunnels");
    await expect(beside).toContainText("Selected in post #1", { timeout: 1000 });
  }).toPass();
  const postBox = await page.locator(`#post-${discussion.postId} .post-body`).boundingBox();
  const besideBox = await beside.boundingBox();
  // Beside the words, not somewhere else on the page.
  expect(Math.abs(besideBox!.y - (postBox!.y + postBox!.height / 2))).toBeLessThan(400);
  await expectAccessible(page);
  await beside
    .getByLabel("Backlog item")
    .selectOption({ label: `Offline field forms ${run} (Triage)` });
  await beside.getByRole("button", { name: "Add to backlog item" }).click();
  await expect(beside).toContainText(
    `A passage of post #1 is now evidence for “Offline field forms ${run}”.`,
  );
  await expect(card).toContainText(`Evidence for: Offline field forms ${run}`);
  await snapshot(page, "selection-to-backlog");

  await page.goto(itemUrl);
  // Evidence and the accounts behind the item are one step away.
  await page.locator("summary").filter({ hasText: "Evidence" }).click();
  await page.locator("summary").filter({ hasText: "Who is behind it" }).click();
  const evidence = page.locator("details").filter({ has: page.locator("#evidence-heading") });
  await expect(evidence.getByRole("blockquote")).toHaveText(/lose signal for hours in tunnels/);
  await expect(figure("Members (raw count)")).toContainText("3");
  const breakdown = page.locator("details").filter({ has: page.locator("#breakdown-heading") });
  await expect(
    breakdown.getByRole("rowheader", { name: new RegExp(`Bigfleet ${run}`) }),
  ).toBeVisible();
  await expect(breakdown).toContainText(`Vic Voter ${run}`);
  await expect(breakdown).toContainText("voted for");
  await expect(breakdown).toContainText("quoted from");
  await expect(page.getByText(/Value-weighted: each account counts once/)).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "backlog-item");

  // The list shows both orders side by side.
  await page.goto(`/staff/backlog?q=${run}`);
  const row = page.getByRole("row").filter({ hasText: `Offline field forms ${run}` });
  await expect(row).toContainText("#1 / #1");
  await page.getByRole("link", { name: "Members (raw)" }).click();
  await expect(page.getByRole("link", { name: "Members (raw)" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expectAccessible(page);
  await snapshot(page, "backlog-list");

  // The quoted member declines credit; the idea's author accepts it.
  const quotedSide = await openAs(browser, signIn, quoted);
  await quotedSide.page.goto("/notifications");
  await quotedSide.page
    .getByRole("link", { name: /may we credit you/ })
    .first()
    .click();
  const credit = quotedSide.page.getByRole("region", { name: "Credit on the roadmap" });
  await expect(credit).toContainText("not answered yet");
  await credit.getByLabel(/Not at all/).check();
  await credit.getByRole("button", { name: "Save answer" }).click();
  await expect(credit.getByRole("status")).toContainText("Saved.");
  await expectAccessible(quotedSide.page);
  await quotedSide.close();

  const authorSide = await openAs(browser, signIn, author);
  await authorSide.page.goto("/me/data#credit");
  const authorCredit = authorSide.page.getByRole("region", { name: "Credit on the roadmap" });
  await authorCredit.getByLabel(/By name/).check();
  await authorCredit.getByRole("button", { name: "Save answer" }).click();
  await expect(authorCredit.getByRole("status")).toContainText("Saved.");

  // Ship it: first the preview of who is told and what they read, with release notes; then a
  // short window to undo; then the idea takes the status and everyone behind it is told.
  await page.goto(itemUrl);
  await page.getByLabel("Move to").selectOption("shipped");
  await page.getByRole("button", { name: "Review the change" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Move to Shipped: Offline field forms ${run}`,
  );
  const told = page.getByRole("region", { name: "Who will be told" });
  await expect(told).toContainText("3 people");
  await expect(told.getByRole("list", { name: /by how they contributed/ })).toContainText(
    "voted for an idea it cites",
  );
  await expect(page.getByRole("region", { name: "What they read" })).toContainText(
    `You asked, we built: “Offline field forms ${run}” is now shipped`,
  );
  await expect(page.getByRole("region", { name: "The changelog entry" })).toBeVisible();
  await page
    .getByRole("textbox", { name: "Release notes (optional)" })
    .fill("Forms now save on the train.");
  await expectAccessible(page);
  await snapshot(page, "backlog-status-preview");
  await page.getByRole("button", { name: /Confirm and tell/ }).click();
  await expect(page).toHaveURL(itemUrl);
  await expect(page.getByRole("status").filter({ hasText: "Moving to Shipped" })).toContainText(
    "Nothing has changed or been sent yet",
  );
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
  await expectAccessible(page);
  // When the window closes the page shows the change made.
  await expect(page.locator(".page-header .badge").first()).toHaveText("Shipped", {
    timeout: 45_000,
  });

  const voterSide = await openAs(browser, signIn, voter);
  await voterSide.page.goto("/notifications");
  const update = voterSide.page
    .getByRole("listitem")
    .filter({ hasText: `You asked, we built: “Offline field forms ${run}” is now shipped` });
  await expect(update).toContainText(`From your vote for “Offline forms ${run}”`);
  await expect(update).toContainText("Forms now save on the train.");
  await expect(update.getByRole("link").first()).toHaveAttribute(
    "href",
    new RegExp(`/changelog#item-`),
  );
  await expectAccessible(voterSide.page);
  await snapshot(voterSide.page, "you-asked-we-built");
  await voterSide.close();

  // The changelog credits the author by name, and not the member who declined.
  await authorSide.page.goto("/changelog");
  const entry = authorSide.page
    .getByRole("listitem")
    .filter({ hasText: `Offline field forms ${run}` });
  await expect(entry).toContainText(`Thanks to Ada Author ${run}`);
  await expect(entry.getByRole("region", { name: /Release notes/ })).toContainText(
    "Forms now save on the train.",
  );
  await expect(entry).not.toContainText(`Quinn Quoted ${run}`);
  await expect(entry.getByRole("link", { name: `Offline forms ${run}` })).toBeVisible();
  await expectAccessible(authorSide.page);
  await snapshot(authorSide.page, "changelog");
  await authorSide.page.goto("/roadmap");
  await expect(
    authorSide.page.getByRole("list", { name: "Shipped" }).getByText(`Offline field forms ${run}`),
  ).toBeVisible();
  await expectAccessible(authorSide.page);
  await snapshot(authorSide.page, "roadmap");
  await authorSide.page.goto("/");
  await expect(authorSide.page.getByRole("region", { name: "For the product team" })).toHaveCount(
    0,
  );
  await authorSide.page.goto(`/t/${idea.threadId}`);
  await expect(authorSide.page.getByRole("region", { name: /Product team/ })).toHaveCount(0);
  await expect(authorSide.page.getByText("renewal depends on this")).toHaveCount(0);
  await authorSide.page.goto("/notifications");
  await expect(authorSide.page.getByText(/internal note/)).toHaveCount(0);
  await authorSide.page.goto(`/search?q=${encodeURIComponent("renewal depends")}`);
  await expect(authorSide.page.getByText("renewal depends on this")).toHaveCount(0);
  await authorSide.close();
});

test("members and moderators never reach the backlog", async ({ page, signIn }) => {
  for (const role of ["member", "moderator"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    const response = await page.goto("/staff/backlog");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect((await page.request.get("/staff/backlog.csv")).status()).toBe(403);
    await expect(page.locator("summary", { hasText: "Staff" })).toHaveCount(0);
    expect((await page.goto("/staff/inbox"))?.status()).toBe(403);
  }
});

test("staff undo a confirmed status change inside its window: nothing changes and nobody hears", async ({
  page,
  browser,
  signIn,
}) => {
  test.slow();
  const run = Date.now().toString(36);
  const staff = await createUser({ role: "staff" });
  const space = await createTestSpace({ ideasEnabled: true });
  const author = await createUser({ displayName: `Una Undone ${run}` });
  const idea = await createTestThread(author, space.id, { kind: "idea", title: `Undo me ${run}` });
  await signIn(page, staff);
  await page.goto(`/t/${idea.threadId}`);
  await page
    .getByRole("region", { name: /Product team/ })
    .getByRole("link", { name: "New item from this thread" })
    .click();
  await page.getByLabel("Title").fill(`Undoable item ${run}`);
  await page.getByRole("button", { name: "Create item" }).click();
  await expect(page.getByRole("heading", { name: `Undoable item ${run}` })).toBeVisible();
  const itemUrl = page.url();

  await page.getByLabel("Move to").selectOption("planned");
  await page.getByRole("button", { name: "Review the change" }).click();
  await expect(page.getByRole("region", { name: "Who will be told" })).toContainText("1 person");
  await page.getByRole("button", { name: /Confirm and tell/ }).click();
  await expect(page).toHaveURL(itemUrl);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Undone" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);
  await expect(page.locator(".page-header .badge").first()).toHaveText("Triage");

  // Long after the window would have closed, the author has heard nothing.
  await page.waitForTimeout(12_000);
  await page.reload();
  await expect(page.locator(".page-header .badge").first()).toHaveText("Triage");
  const authorSide = await openAs(browser, signIn, author);
  await authorSide.page.goto("/notifications");
  await expect(authorSide.page.getByText(/You asked, we built/)).toHaveCount(0);
  await authorSide.close();
});
