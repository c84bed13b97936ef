import {
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

test("a member posts an idea, votes with importance, changes and withdraws the vote; staff answer with a status that voters hear of", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace({ name: `Product ideas ${Date.now()}`, ideasEnabled: true });
  const author = await createUser({ displayName: "Idea Ida" });
  await signIn(page, author);
  await page.goto(`/spaces/${space.slug}/new`);
  await page.getByRole("radio", { name: /^Idea/ }).check();
  await page.getByLabel("Title").fill("Nope");
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByText("An idea's title is 5 to 150 characters.")).toBeVisible();
  await page.getByLabel("Title").fill("Schedule dashboard exports by email");
  await page.getByRole("textbox", { name: "Post" }).click();
  await expect(page.locator("#body[contenteditable]")).toBeFocused();
  await page.keyboard.type("Every Monday our leadership wants the adoption dashboard as a PDF.");
  await page.getByRole("button", { name: "Post thread" }).click();

  await expect(
    page.getByRole("heading", { level: 1, name: "Schedule dashboard exports by email" }),
  ).toBeVisible();
  const panel = page.getByRole("region", { name: "Votes and status" });
  await expect(panel).toContainText("1 vote");
  await expect(panel.getByText(/^Status:/)).toHaveText("Status: Open");
  await expect(panel.getByRole("button", { name: "Change vote" })).toBeVisible();
  await expectAccessible(page);
  const ideaUrl = page.url();

  // Another member votes, marks it critical, changes their mind, then withdraws.
  const voter = await createUser({ displayName: "Voter Vic" });
  const voterContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const voterPage = await voterContext.newPage();
  await signIn(voterPage, voter);
  await voterPage.goto(ideaUrl);
  const voterPanel = voterPage.getByRole("region", { name: "Votes and status" });
  await voterPanel.getByText("Critical", { exact: true }).click();
  await voterPanel.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(voterPanel).toContainText("2 votes");
  await expect(voterPanel.getByRole("list", { name: "Votes by importance" })).toContainText(
    "Critical: 1",
  );
  await voterPanel.getByText("Nice to have", { exact: true }).click();
  await voterPanel.getByRole("button", { name: "Change vote" }).click();
  await expect(voterPanel.getByRole("list", { name: "Votes by importance" })).toContainText(
    "Nice to have: 1",
  );
  await expect(voterPanel).toContainText("2 votes");
  await snapshot(voterPage, "idea-voter");

  // Staff see no vote button (votes are customers'), and set a status with a message.
  const staff = await createUser({ role: "staff", displayName: "Staff Stella" });
  await page.context().clearCookies();
  await signIn(page, staff);
  await page.goto(ideaUrl);
  await expect(panel.getByRole("button", { name: "Vote", exact: true })).toHaveCount(0);
  const tools = page.getByRole("region", { name: "Idea tools" });
  await tools.getByText("Change the status").click();
  await tools.getByLabel("New status").selectOption("planned");
  await tools
    .getByLabel("Message to voters and watchers (optional)")
    .fill("We're building scheduled exports next quarter.");
  await tools.getByRole("button", { name: "Save status" }).click();
  await expect(panel.getByText(/^Status:/)).toHaveText("Status: Planned");
  await expect(
    page.getByRole("article").filter({ hasText: "scheduled exports next quarter" }),
  ).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "idea-staff");

  // The voter hears of it, because voting watches the idea.
  await voterPage.goto("/notifications");
  await expect(
    voterPage.getByRole("link", { name: /Staff Stella replied in “Schedule dashboard exports/ }),
  ).toBeVisible();
  await voterPage.goto(ideaUrl);
  await voterPanel.getByRole("button", { name: "Withdraw vote" }).click();
  await expect(voterPanel).toContainText("1 vote");
  await voterContext.close();
});

test("the ideas board sorts, filters by status and by my votes, and keeps the filters in its address", async ({
  page,
  signIn,
}) => {
  const space = await createTestSpace({ name: `Board ${Date.now()}`, ideasEnabled: true });
  const author = await createUser();
  const popular = await createTestThread(author, space.id, {
    kind: "idea",
    title: "Popular: SAML for every plan",
  });
  const quiet = await createTestThread(author, space.id, {
    kind: "idea",
    title: "Quiet: dark mode for reports",
  });
  const { castVote } = await import("../app/models/idea.server");
  for (let i = 0; i < 3; i++) await castVote(await createUser(), popular.threadId, "critical");
  const me = await createUser();
  await castVote(me, quiet.threadId, "important");

  await signIn(page, me);
  await page.getByRole("link", { name: "Ideas", exact: true }).click();
  await page.getByLabel("Space", { exact: true }).selectOption({ label: space.name });
  await page.getByRole("button", { name: "Apply filters" }).click();
  const list = page.getByRole("list", { name: "Ideas" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText("Popular: SAML for every plan");
  await expect(list.getByRole("listitem").first()).toContainText("4");
  await expectAccessible(page);
  await snapshot(page, "ideas-board");

  await page.getByLabel("I voted").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).toContainText("You voted: important");
  expect(page.url()).toContain("voted=1");

  await page.goto(`/ideas?space=${space.slug}&status=shipped`);
  await expect(page.getByText("No ideas match these filters.")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a member votes on an idea with a plain form", async ({ page, signIn }) => {
    const space = await createTestSpace({ ideasEnabled: true });
    const { threadId } = await createTestThread(await createUser(), space.id, {
      kind: "idea",
      title: "Bulk-edit user roles",
    });
    await signIn(page, await createUser());
    await page.goto(`/t/${threadId}`);
    const panel = page.getByRole("region", { name: "Votes and status" });
    await panel.getByLabel("Critical").check();
    await panel.getByRole("button", { name: "Vote", exact: true }).click();
    await expect(panel).toContainText("2 votes");
    await expect(panel.getByRole("list", { name: "Votes by importance" })).toContainText(
      "Critical: 1",
    );
  });
});

test("staff see who voted with accounts and the value behind an idea; members see only names shown by choice, never value data", async ({
  page,
  signIn,
}) => {
  const { createAccount } = await import("./fixtures");
  const { castVote } = await import("../app/models/idea.server");
  const { db } = await import("../app/db.server");
  const { users } = await import("../db/schema");
  const { eq } = await import("drizzle-orm");
  const space = await createTestSpace({ ideasEnabled: true });
  const author = await createUser();
  const { threadId } = await createTestThread(author, space.id, {
    kind: "idea",
    title: "Audit log export to our SIEM",
  });
  const bigCo = await createAccount({ name: `Bigco ${Date.now()}`, revenueCents: 5_000_000_00 });
  const shy = await createUser({ displayName: "Shy Sami", accountId: bigCo.id });
  const open = await createUser({ displayName: "Open Omar", accountId: bigCo.id });
  await db.update(users).set({ showVotes: true }).where(eq(users.id, open.id));
  await castVote(shy, threadId, "critical");
  await castVote(open, threadId, "important");

  await signIn(page, await createUser({ role: "staff" }));
  await page.goto(`/t/${threadId}`);
  const value = page.getByRole("region", { name: /Value behind this idea/ });
  await expect(value).toContainText("Accounts2");
  await expect(value).toContainText("Each account counts once");
  await page.getByText("Who voted", { exact: true }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Shy Sami" })).toContainText(
    bigCo.name,
  );
  await expectAccessible(page);
  await snapshot(page, "idea-value-staff");

  await page.context().clearCookies();
  await signIn(page, await createUser());
  const response = await page.goto(`/t/${threadId}`);
  const html = await response!.text();
  expect(html).not.toContain("Revenue represented");
  expect(html).not.toContain(bigCo.name);
  expect(html).not.toContain("Shy Sami");
  await expect(page.getByRole("region", { name: /Value behind this idea/ })).toHaveCount(0);
  await page.getByText("Who voted", { exact: true }).click();
  await expect(page.getByRole("link", { name: "Open Omar" })).toBeVisible();
  await expect(page.getByText("2 members who keep their votes private.")).toBeVisible();
});

test("staff record a customer's vote with a note; it is labelled, and the customer removes it from their profile", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace({ ideasEnabled: true });
  const { threadId } = await createTestThread(await createUser(), space.id, {
    kind: "idea",
    title: "Read-only seats for executives",
  });
  const customer = await createUser({ displayName: "Customer Cora" });

  await signIn(page, await createUser({ role: "staff", displayName: "Staff Sven" }));
  await page.goto(`/t/${threadId}`);
  const panel = page.getByRole("region", { name: "Votes and status" });
  const tools = page.getByRole("region", { name: "Idea tools" });
  await tools.getByText("Record a customer's vote").click();
  await tools.getByLabel("Customer's handle or email").fill("nobody-like-this");
  await tools.getByLabel("Where you heard it").fill("QBR call, 12 March");
  await tools.getByRole("button", { name: "Record vote" }).click();
  await expect(tools.getByText("Nobody has that handle or email.")).toBeVisible();
  await expect(tools.getByLabel("Where you heard it")).toHaveValue("QBR call, 12 March");
  await tools.getByLabel("Customer's handle or email").fill(customer.handle);
  await tools.getByText("Critical", { exact: true }).click();
  await tools.getByRole("button", { name: "Record vote" }).click();
  await expect(panel).toContainText("2 votes");
  await panel.getByText("Who voted", { exact: true }).click();
  await expect(panel.getByRole("listitem").filter({ hasText: "Customer Cora" })).toContainText(
    "added by Staff Sven: “QBR call, 12 March”",
  );
  await expectAccessible(page);

  const context = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const mine = await context.newPage();
  await signIn(mine, customer);
  await mine.goto(`/u/${customer.handle}`);
  const recorded = mine.getByRole("region", { name: "Votes recorded for you" });
  await expect(recorded).toContainText("Read-only seats for executives");
  await expect(recorded).toContainText("added by Staff Sven");
  await expectAccessible(mine);
  await recorded.getByRole("button", { name: /Remove your vote/ }).click();
  await expect(recorded).toHaveCount(0);
  await mine.goto(`/t/${threadId}`);
  await expect(mine.getByRole("region", { name: "Votes and status" })).toContainText("1 vote");
  await context.close();
});

test("while typing an idea's title, similar ideas are offered, and a vote for one replaces posting a copy", async ({
  page,
  signIn,
}) => {
  const space = await createTestSpace({ ideasEnabled: true });
  const unique = `Zebracorn ${Date.now()}`;
  const { threadId } = await createTestThread(await createUser(), space.id, {
    kind: "idea",
    title: `${unique} exports by email`,
  });
  await signIn(page, await createUser());
  await page.goto(`/spaces/${space.slug}/new?kind=idea`);
  await expect(page.getByRole("radio", { name: /^Idea/ })).toBeChecked();
  await page.getByLabel("Title").pressSequentially(`${unique} export by mail`, { delay: 10 });
  const similar = page.getByRole("region", { name: "Similar ideas already here" });
  await expect(similar.getByRole("link", { name: `${unique} exports by email` })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "idea-similar");
  await similar.getByRole("button", { name: /Vote for this instead/ }).click();
  await expect(similar.getByText("You voted for this.")).toBeVisible();
  await page.goto(`/t/${threadId}`);
  await expect(page.getByRole("region", { name: "Votes and status" })).toContainText("2 votes");
});

test("a double click on 'Post thread' makes one idea", async ({ page, signIn }) => {
  const space = await createTestSpace({ ideasEnabled: true });
  await signIn(page, await createUser());
  await page.goto(`/spaces/${space.slug}/new?kind=idea`);
  await page.getByLabel("Title").fill("Export audit events as CSV");
  await page.getByRole("textbox", { name: "Post" }).click();
  await expect(page.locator("#body[contenteditable]")).toBeFocused();
  await page.keyboard.type("Our auditors want a CSV every quarter.");
  await page.getByRole("button", { name: "Post thread" }).dblclick();
  await expect(
    page.getByRole("heading", { level: 1, name: "Export audit events as CSV" }),
  ).toBeVisible();
  await page.goto(`/ideas?mine=1&space=${space.slug}`);
  await expect(page.getByRole("list", { name: "Ideas" }).getByRole("listitem")).toHaveCount(1);
});

test("staff merge a duplicate: votes move once, its address leads to the other, and the merge can be undone", async ({
  page,
  browser,
  signIn,
}) => {
  const { castVote } = await import("../app/models/idea.server");
  const space = await createTestSpace({ ideasEnabled: true });
  const duplicate = await createTestThread(await createUser(), space.id, {
    kind: "idea",
    title: "PDF export of dashboards",
  });
  const original = await createTestThread(await createUser(), space.id, {
    kind: "idea",
    title: "Export dashboards as PDF",
  });
  const both = await createUser();
  await castVote(both, duplicate.threadId, "critical");
  await castVote(both, original.threadId, "nice_to_have");
  await castVote(await createUser(), duplicate.threadId, "important");

  await signIn(page, await createUser({ role: "staff" }));
  await page.goto(`/t/${duplicate.threadId}`);
  const panel = page.getByRole("region", { name: "Votes and status" });
  const tools = page.getByRole("region", { name: "Idea tools" });
  await tools.getByText("Merge into another idea").click();
  await tools.getByLabel("Address of the idea this one repeats").fill("not an address");
  await tools.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(tools.getByText(/Paste the address of the idea to merge into/)).toBeVisible();
  await tools
    .getByLabel("Address of the idea this one repeats")
    .fill(`http://localhost/t/${original.threadId}`);
  await tools.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(panel.getByText(/Merged into/)).toBeVisible();
  await expectAccessible(page);

  // A member following the old address lands on the idea it was merged into: 4 votes, once each.
  const context = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const member = await context.newPage();
  await signIn(member, both);
  await member.goto(`/t/${duplicate.threadId}`);
  await expect(
    member.getByRole("heading", { level: 1, name: "Export dashboards as PDF" }),
  ).toBeVisible();
  await expect(member.getByText("The idea you followed was merged into this one")).toBeVisible();
  const memberPanel = member.getByRole("region", { name: "Votes and status" });
  await expect(memberPanel).toContainText("4 votes");
  await expect(memberPanel.getByRole("list", { name: "Votes by importance" })).toContainText(
    "Critical: 1",
  );
  await expect(
    member
      .getByRole("article")
      .filter({ hasText: "Merged “PDF export of dashboards” into this idea" }),
  ).toBeVisible();
  await member.goto("/notifications");
  await expect(
    member.getByRole("link", { name: /replied in “Export dashboards as PDF”/ }),
  ).toBeVisible();

  await panel.getByRole("button", { name: "Undo the merge" }).click();
  await expect(panel).toContainText("3 votes");
  await member.goto(`/t/${original.threadId}`);
  await expect(memberPanel).toContainText("2 votes");
  await expect(memberPanel.getByRole("list", { name: "Votes by importance" })).toContainText(
    "Nice to have: 1",
  );
  await context.close();
});
