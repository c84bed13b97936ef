import {
  createAccount,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

test("staff build the tag taxonomy, tag an idea from the keyboard, and members see only public tags", async ({
  page,
  browser,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Tagged ideas ${run}`, ideasEnabled: true });
  const author = await createUser({ displayName: "Tagged Tara" });
  const { threadId } = await createTestThread(author, space.id, {
    kind: "idea",
    title: `Bulk edit permissions ${run}`,
  });
  const staff = await createUser({ role: "staff", displayName: "Staff Tomas" });
  await signIn(page, staff);
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.locator("summary", { hasText: "Staff" }).click();
  await nav.getByRole("link", { name: "Workspace" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Workspace" })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Staff workspace" })
    .getByRole("link", { name: "Tags" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Tags" })).toBeVisible();

  const newTag = page.getByRole("region", { name: "New tag" });
  // A clear message, and what was typed is kept.
  await newTag.getByRole("button", { name: "Create tag" }).click();
  await expect(newTag.getByText("Enter the tag's name.")).toBeVisible();
  await newTag.getByLabel("Name").fill(`Permissons ${run}`);
  await newTag.getByLabel("Group (optional)").fill("Product area");
  await newTag.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByText(`Created “Permissons ${run}”.`)).toBeVisible();
  await newTag.getByLabel("Name").fill(`Churn risk ${run}`);
  await newTag.getByLabel("Colour").selectOption("red");
  await newTag.getByLabel("Who sees it").selectOption("internal");
  await newTag.getByRole("button", { name: "Create tag" }).click();
  await expect(page.getByText(`Created “Churn risk ${run}”.`)).toBeVisible();

  // Rename the misspelt one.
  const row = page.getByRole("row", { name: new RegExp(`^Permissons ${run}`) });
  await row.getByText("Edit").click();
  await row.getByLabel("Name").fill(`Permissions ${run}`);
  await row.getByRole("button", { name: "Save tag" }).click();
  await expect(page.getByText(`Saved “Permissions ${run}”.`)).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "staff-tags");

  // On the idea: "t" jumps to the tag field, typing and Enter adds, the field stays ready.
  await page.goto(`/t/${threadId}`);
  await page.keyboard.press("t");
  const tagField = page.getByRole("combobox", { name: "Add a tag" });
  await expect(tagField).toBeFocused();
  await page.keyboard.type(`permissions ${run}`);
  await page.keyboard.press("Enter");
  const tags = page.getByRole("list", { name: "Tags" });
  await expect(tags).toContainText(`Permissions ${run}`);
  await expect(tagField).toBeFocused();
  await expect(tagField).toHaveValue("");
  await page.keyboard.type(`Churn risk ${run}`);
  await page.keyboard.press("Enter");
  await expect(tags.getByRole("listitem").filter({ hasText: `Churn risk ${run}` })).toContainText(
    "internal",
  );
  await page.keyboard.type("No such tag");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toContainText("There is no tag named “No such tag”");
  await expectAccessible(page);
  await snapshot(page, "idea-tagged-staff");

  // A member sees the public tag, never the internal one: on the idea, the board and its filter.
  const member = await createUser();
  const memberContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member);
  await memberPage.goto(`/t/${threadId}`);
  await expect(memberPage.getByRole("list", { name: "Tags" })).toHaveText(`Permissions ${run}`);
  await expect(memberPage.getByRole("combobox", { name: "Add a tag" })).toHaveCount(0);
  await memberPage.goto(`/ideas?space=${space.slug}`);
  await memberPage
    .getByLabel("Tag", { exact: true })
    .selectOption({ label: `Product area: Permissions ${run}` });
  await memberPage.getByRole("button", { name: "Apply filters" }).click();
  const ideas = memberPage.getByRole("list", { name: "Ideas" });
  await expect(ideas.getByRole("link", { name: `Bulk edit permissions ${run}` })).toBeVisible();
  await expect(memberPage.getByLabel("Tag", { exact: true }).locator("option")).not.toContainText([
    `Churn risk ${run}`,
  ]);
  expect(await memberPage.content()).not.toContain(`Churn risk ${run}`);
  await expectAccessible(memberPage);
  await memberContext.close();
});

test("staff sort the board by the value its voters' accounts represent; members never see that order", async ({
  page,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Valued ideas ${run}`, ideasEnabled: true });
  const small = await createAccount({ name: `Small co ${run}`, revenueCents: 10_000_00 });
  const big = await createAccount({ name: `Big co ${run}`, revenueCents: 9_000_000_00 });
  const popular = `Popular with small accounts ${run}`;
  const valuable = `Wanted by a big account ${run}`;
  const { threadId: popularId } = await createTestThread(
    await createUser({ accountId: small.id }),
    space.id,
    { kind: "idea", title: popular },
  );
  await createTestThread(await createUser({ accountId: big.id }), space.id, {
    kind: "idea",
    title: valuable,
  });
  const { castVote } = await import("../app/models/idea.server");
  await castVote(await createUser({ accountId: small.id }), popularId, "important");

  const staff = await createUser({ role: "staff" });
  await signIn(page, staff);
  await page.goto(`/ideas?space=${space.slug}`);
  const titles = page.getByRole("list", { name: "Ideas" }).getByRole("link");
  await expect(titles).toHaveText([popular, valuable]);
  await page
    .getByRole("navigation", { name: "Sort" })
    .getByRole("link", { name: "Value represented" })
    .click();
  await expect(titles).toHaveText([valuable, popular]);
  await expect(page.getByText(/each account counted once/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Ideas" })).toContainText("$9M represented");
  await expectAccessible(page);
  await snapshot(page, "board-by-value");

  const member = await createUser();
  await page.context().clearCookies();
  await signIn(page, member);
  await page.goto(`/ideas?space=${space.slug}&sort=value`);
  await expect(page.getByRole("link", { name: "Value represented" })).toHaveCount(0);
  await expect(titles).toHaveText([popular, valuable]);
  await expect(page.getByText("represented")).toHaveCount(0);
});

test("staff publish a learning citing a member; members confirm and correct it; staff take the correction in", async ({
  page,
  browser,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Learnings ${run}` });
  const cited = await createUser({ displayName: "Cited Cora" });
  const source = await createTestThread(cited, space.id, {
    title: `How we prepare QBRs ${run}`,
    body: "We build the QBR pack the week before, by hand, from four dashboards.",
  });
  const staff = await createUser({ role: "staff", displayName: "Staff Lena" });
  await signIn(page, staff);
  await page.goto(`/spaces/${space.slug}`);
  await page.getByRole("link", { name: "Publish a learning" }).click();
  await expect(page.getByRole("radio", { name: /^Staff learning/ })).toBeChecked();
  await page.getByLabel("Title").fill(`QBR packs take a day to build ${run}`);
  await page.getByLabel("Sources (for a learning)").fill("this is not an address");
  await page.getByRole("textbox", { name: "Post" }).click();
  await expect(page.locator("#body[contenteditable]")).toBeFocused();
  await page.keyboard.type("Customers build QBR packs by hand from many dashboards, every month.");
  await page.getByRole("button", { name: "Post thread" }).click();
  await expect(page.getByText("Paste one thread or post address per line")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(`QBR packs take a day to build ${run}`);
  await page.getByLabel("Sources (for a learning)").fill(`http://localhost/p/${source.postId}`);
  await page.getByRole("button", { name: "Post thread" }).click();

  const panel = page.getByRole("region", { name: /What we heard/ });
  await expect(panel).toContainText("Staff learning");
  await expect(
    panel.getByRole("link", { name: `Cited Cora's post in “How we prepare QBRs ${run}”` }),
  ).toBeVisible();
  await expect(panel.getByRole("button", { name: "This is right" })).toHaveCount(0);
  await expectAccessible(page);
  const learningUrl = page.url();

  // The cited member hears of it, confirms it is right… then another member corrects it.
  const memberContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, cited);
  await memberPage.goto("/notifications");
  await memberPage.getByRole("link", { name: /Staff Lena cited your words in/ }).click();
  await expect(memberPage).toHaveURL(/\/t\//);
  const memberPanel = memberPage.getByRole("region", { name: /What we heard/ });
  await memberPanel.getByRole("button", { name: "This is right" }).click();
  await expect(memberPanel).toContainText("1 member says this is right");
  await expect(memberPanel.getByRole("button", { name: "You said this is right" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await memberContext.close();

  const corrector = await createUser({ displayName: "Correcting Cai" });
  const correctorContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const correctorPage = await correctorContext.newPage();
  await signIn(correctorPage, corrector);
  await correctorPage.goto(learningUrl);
  await correctorPage.getByRole("link", { name: "Not quite: correct it" }).click();
  await expect(correctorPage.getByLabel(/This is a correction/)).toBeChecked();
  await correctorPage.getByRole("textbox", { name: "Your reply" }).click();
  await expect(correctorPage.locator("#reply-body[contenteditable]")).toBeFocused();
  await correctorPage.keyboard.type("Not quite: we build it every quarter, not every month.");
  await correctorPage.getByRole("button", { name: "Post reply" }).click();
  const corrections = correctorPage.getByRole("list", { name: "Corrections" });
  await expect(corrections).toContainText("every quarter, not every month");
  await expect(corrections).toContainText("Open");
  await expectAccessible(correctorPage);

  // Staff accept it by revising the learning; the history shows the correction beside it.
  await page.reload();
  await panel.getByRole("link", { name: "Accept and revise the learning" }).click();
  await expect(
    page.getByRole("complementary", { name: /The correction you are accepting/ }),
  ).toContainText("every quarter");
  await page.getByRole("textbox", { name: "Post" }).click();
  await expect(page.locator("#body[contenteditable]")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(
    "Customers build QBR packs by hand from many dashboards, every quarter.",
  );
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(panel.getByRole("list", { name: "Corrections" })).toContainText("Accepted");
  await panel.getByRole("link", { name: /Taken in by Staff Lena in version 2/ }).click();
  const version = page.locator("#revision-2");
  await expect(
    version.getByRole("complementary", { name: "The correction this version took in" }),
  ).toContainText("Correcting Cai");
  await expect(version.locator("ins")).toContainText("quarter");
  await expect(version.locator("del")).toContainText("month");
  await expectAccessible(page);
  await snapshot(page, "learning-history");
  await correctorContext.close();
});
