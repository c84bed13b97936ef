import {
  createAccount,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  test,
  TEST_PASSWORD,
} from "./fixtures";

test("a member reviews their data, ends a session elsewhere, and withdraws consent to be quoted: the staff learning stops citing them", async ({
  page,
  browser,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Finance ${run}` });
  const member = await createUser({ displayName: "Quoted Quincy" });
  const source = await createTestThread(member, space.id, {
    title: `How we close the books ${run}`,
    body: "We close the books on the third working day.",
  });

  // Staff publish a learning that cites the member's post.
  const staff = await createUser({ role: "staff", displayName: "Staff Stella" });
  const staffContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff);
  await staffPage.goto(`/spaces/${space.slug}`);
  await staffPage.getByRole("link", { name: "Publish a learning" }).click();
  await staffPage.getByLabel("Title").fill(`Books close on day three ${run}`);
  await staffPage
    .getByLabel("Sources (for a learning)")
    .fill(`http://localhost/p/${source.postId}`);
  await staffPage.getByRole("textbox", { name: "Post" }).click();
  await staffPage.keyboard.type("Finance teams close their books on the third working day.");
  await staffPage.getByRole("button", { name: "Post thread" }).click();
  const panel = staffPage.getByRole("region", { name: /What we heard/ });
  const citation = panel.getByRole("link", {
    name: `Quoted Quincy's post in “How we close the books ${run}”`,
  });
  await expect(citation).toBeVisible();
  const learningUrl = staffPage.url();

  // The member is signed in twice: here and on another browser.
  const elsewhere = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, member);
  await signIn(page, member);

  await page.getByLabel("Account menu for Quoted Quincy").click();
  await page.getByRole("link", { name: "My data", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My data" })).toBeVisible();
  const profile = page.getByRole("region", { name: "Your profile" });
  await expect(profile.getByRole("row", { name: /Email/ })).toContainText(member.email);
  await expect(profile.getByRole("row", { name: /Account tier/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "What you made here" })).toContainText(
    `How we close the books ${run}`,
  );
  const sessions = page.getByRole("region", { name: "Your sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await expect(sessions).toContainText("This browser");
  await expect(page.getByRole("region", { name: "Your sign-in history" })).toContainText(
    "Signed in",
  );
  await expectAccessible(page);

  // End the other browser's session: it is signed out at once.
  await sessions.getByRole("button", { name: /End session/ }).click();
  await expect(page.getByText("Session ended: that browser is signed out.")).toBeVisible();
  await expect(sessions.getByRole("row")).toHaveCount(2);
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
  await elsewhere.close();

  // Withdraw consent to be quoted; the ledger records it.
  const quotes = page.getByRole("region", { name: "Quotes in learnings" });
  await quotes.getByRole("radio", { name: "No" }).check();
  await quotes.getByRole("button", { name: "Save answer" }).click();
  await expect(quotes.getByRole("status")).toContainText("Saved. It applies everywhere now.");
  await expect(quotes).toContainText("Your answer: No");
  await expect(page.getByRole("region", { name: "Your consent record" })).toContainText(
    "Answered on My data",
  );
  await expectAccessible(page);

  // The learning no longer cites them, and they can't be cited again.
  await staffPage.goto(learningUrl);
  await expect(citation).toHaveCount(0);
  await expect(panel).toContainText("One source is no longer shown");
  await staffPage.goto(`/spaces/${space.slug}`);
  await staffPage.getByRole("link", { name: "Publish a learning" }).click();
  await staffPage.getByLabel("Title").fill(`Books again ${run}`);
  await staffPage
    .getByLabel("Sources (for a learning)")
    .fill(`http://localhost/p/${source.postId}`);
  await staffPage.getByRole("textbox", { name: "Post" }).click();
  await staffPage.keyboard.type("Citing it a second time.");
  await staffPage.getByRole("button", { name: "Post thread" }).click();
  await expect(staffPage.getByText(/asked not to be quoted in learnings/)).toBeVisible();
  await staffContext.close();
});

test("a member asks for a copy of their data, is told when it is ready, and opens the file", async ({
  page,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Exports ${run}` });
  const member = await createUser({ displayName: "Exporting Ezra" });
  await createTestThread(member, space.id, {
    title: `Our data warehouse ${run}`,
    body: `We load the warehouse every night at two ${run}.`,
  });
  await signIn(page, member);
  await page.goto("/me/data#export");
  const copies = page.getByRole("region", { name: "Take a copy" });
  await copies.getByRole("button", { name: "Prepare a copy of my data" }).click();
  await expect(copies.getByRole("status")).toContainText("We're preparing a copy of your data");

  // The job builds it in the background; the notification leads back here.
  await expect(async () => {
    await page.goto("/notifications");
    await expect(
      page.getByRole("link", { name: /The copy of your data you asked for is ready/ }),
    ).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole("link", { name: /The copy of your data you asked for is ready/ }).click();
  await expect(page).toHaveURL(/\/me\/data#export$/);
  await expectAccessible(page);

  const downloading = page.waitForEvent("download");
  await copies
    .getByRole("link", { name: /Download/ })
    .first()
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^vanguard-data-${member.handle}-\\d{4}-\\d{2}-\\d{2}\\.json$`),
  );
  const { readFile } = await import("node:fs/promises");
  const file = JSON.parse(await readFile((await download.path())!, "utf8"));
  expect(file).toMatchObject({
    format: "vanguard-member-data",
    version: 1,
    profile: { email: member.email },
  });
  expect(file.posts[0]).toMatchObject({
    threadTitle: `Our data warehouse ${run}`,
    text: `We load the warehouse every night at two ${run}.`,
  });
});

test("an admin asks a profile question; a member answers it for staff only, and another member can't see it", async ({
  page,
  browser,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const question = `Team size ${run}`;
  const admin = await createUser({ role: "admin" });
  await signIn(page, admin);
  await page.goto("/admin/profile-fields");
  const add = page.getByRole("region", { name: "Add a question" });
  await add.getByRole("button", { name: "Add question" }).click();
  await expect(add.getByText("Write the question")).toBeVisible();
  await add.getByLabel("Question").fill(question);
  await add.getByLabel("Why you ask").fill("So staff know how many people your answers speak for.");
  await add.getByRole("button", { name: "Add question" }).click();
  await expect(add.getByRole("status")).toContainText("Question added");
  await expect(page.getByRole("region", { name: question })).toContainText("0 members answered");
  await expectAccessible(page);
  await page.context().clearCookies();

  const member = await createUser({ displayName: "Private Pat" });
  await signIn(page, member);
  await page.goto("/settings");
  const more = page.getByRole("region", { name: "Questions from the community" });
  await more.getByRole("textbox", { name: `Your answer to “${question}”` }).fill("25 people");
  await more
    .getByRole("combobox", { name: `Who sees your answer to “${question}”` })
    .selectOption("staff");
  await more.getByRole("button", { name: "Save answers" }).click();
  await expect(more.getByRole("status")).toContainText("Saved.");
  await expectAccessible(page);
  await page.goto("/me/data");
  await expect(page.getByRole("row", { name: new RegExp(question) })).toContainText(
    "You and staff",
  );

  const peer = await createUser();
  const peerContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const peerPage = await peerContext.newPage();
  await signIn(peerPage, peer);
  await peerPage.goto(`/u/${member.handle}`);
  await expect(peerPage.getByRole("heading", { level: 1, name: "Private Pat" })).toBeVisible();
  await expect(peerPage.getByText(question)).toHaveCount(0);
  await expect(peerPage.getByText("25 people")).toHaveCount(0);
  await peerContext.close();

  const staff = await createUser({ role: "staff" });
  const staffContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const staffPage = await staffContext.newPage();
  await signIn(staffPage, staff);
  await staffPage.goto(`/u/${member.handle}`);
  const about = staffPage.getByRole("region", { name: "More about them" });
  await expect(about).toContainText(question);
  await expect(about).toContainText("25 people");
  await expect(about).toContainText("Staff only");
  await staffContext.close();
});

test("a member deletes their account: they are signed out, and their posts read “a former member”", async ({
  page,
  browser,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Leaving ${run}` });
  const member = await createUser({ displayName: `Leaving Lou ${run}` });
  const thread = await createTestThread(member, space.id, {
    title: `Lessons from our migration ${run}`,
    body: "Move the smallest team first.",
  });
  await signIn(page, member);
  await page.goto("/me/data#leave");
  const leave = page.getByRole("region", { name: "Delete your account" });
  await expect(leave.getByRole("radio", { name: "Keep them, unnamed" })).toBeChecked();
  await leave.getByLabel("Your password, to confirm").fill("not-my-password");
  await leave.getByRole("button", { name: "Delete my account" }).click();
  await expect(leave.getByText("That isn't your password.")).toBeVisible();
  await expectAccessible(page);
  await leave.getByLabel("Your password, to confirm").fill(TEST_PASSWORD);
  await leave.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/login\?notice=account-deleted/);
  await expect(page.getByText("Your account is deleted.")).toBeVisible();
  await page.goto("/me/data");
  await expect(page).toHaveURL(/\/login/);

  const reader = await createUser();
  const readerContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const readerPage = await readerContext.newPage();
  await signIn(readerPage, reader);
  await readerPage.goto(`/t/${thread.threadId}`);
  await expect(readerPage.getByText("Move the smallest team first.")).toBeVisible();
  await expect(readerPage.getByText(/a former member/i).first()).toBeVisible();
  await expect(readerPage.getByText(`Leaving Lou ${run}`)).toHaveCount(0);
  await readerContext.close();
});

test("staff add a benchmark and import its values; a member sees where they stand, and a segment of four accounts shows not enough peers", async ({
  page,
  browser,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const big = `Big ${run}`;
  const small = `Small ${run}`;
  const mine = await createAccount({ name: `Ours ${run}`, segment: big });
  const lines = [`Ours ${run},64`];
  for (let i = 1; i <= 6; i++) {
    await createAccount({ name: `Big peer ${i} ${run}`, segment: big });
    lines.push(`Big peer ${i} ${run},${40 + i * 5}`);
  }
  const lonely = await createAccount({ name: `Lonely ${run}`, segment: small });
  lines.push(`Lonely ${run},30`);
  for (let i = 1; i <= 4; i++) {
    await createAccount({ name: `Small peer ${i} ${run}`, segment: small });
    lines.push(`Small peer ${i} ${run},${20 + i}`);
  }

  const staff = await createUser({ role: "staff" });
  await signIn(page, staff);
  await page.goto("/insights/benchmarks");
  const add = page.getByRole("region", { name: "Add a benchmark" });
  await add.getByLabel("Name").fill(`Seats in use ${run}`);
  await add.getByLabel("What it measures, for members").fill("Seats used last month.");
  await add.getByLabel("Unit").selectOption("percent");
  await add.getByRole("button", { name: "Add benchmark" }).click();
  await expect(page.getByRole("status")).toContainText("Benchmark added");
  const metric = page.getByRole("region", { name: `Seats in use ${run}` });
  await metric.getByLabel("Values, one account per line").fill("No such account,12");
  await metric.getByRole("button", { name: "Import values" }).click();
  await expect(page.getByRole("alert")).toContainText("No account matches lines 1");
  await expect(metric.getByLabel("Values, one account per line")).toHaveValue("No such account,12");
  await metric.getByLabel("Values, one account per line").fill(lines.join("\n"));
  await metric.getByRole("button", { name: "Import values" }).click();
  await expect(page.getByRole("status")).toContainText("Saved values for 12 accounts");
  await expectAccessible(page);
  await page.context().clearCookies();

  const member = await createUser({ accountId: mine.id, displayName: "Comparing Cam" });
  await signIn(page, member);
  await page.getByLabel("Account menu for Comparing Cam").click();
  await page.getByRole("link", { name: "How you compare" }).click();
  const card = page.getByRole("region", { name: `Seats in use ${run}`, exact: true });
  await expect(card).toContainText("Your account: 64%");
  await expect(card.getByRole("img", { name: /your account against/ })).toBeVisible();
  const peers = card.getByRole("row", { name: new RegExp(`Accounts in ${big}`) });
  await expect(peers).toContainText("60%");
  await expect(peers).toContainText("Higher than 4 of the 6 other accounts");
  await expectAccessible(page);

  const loner = await createUser({ accountId: lonely.id });
  const lonerContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const lonerPage = await lonerContext.newPage();
  await signIn(lonerPage, loner);
  await lonerPage.goto("/me/benchmarks");
  const lonerCard = lonerPage.getByRole("region", { name: `Seats in use ${run}`, exact: true });
  await expect(lonerCard).toContainText("Your account: 30%");
  await expect(
    lonerCard.getByRole("row", { name: new RegExp(`Accounts in ${small}`) }),
  ).toContainText("Not shown: too few accounts behind it");
  await lonerContext.close();
});
