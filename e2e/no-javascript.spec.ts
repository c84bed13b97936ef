import {
  createTestProposal,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  lockTestThread,
  newClientAddress,
  test,
  TEST_PASSWORD,
} from "./fixtures";

test.use({ javaScriptEnabled: false });

test("signing in and out works without JavaScript, and a rejected form keeps what was typed", async ({
  page,
}) => {
  const member = await createUser({ displayName: "Plain Petra" });
  await page.goto("/login");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill("wrong-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("don't match");
  await expect(page.getByLabel("Email")).toHaveValue(member.email);
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Plain" })).toBeVisible();

  await page.getByLabel("Account menu for Plain Petra").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();
});

test("changing your password without JavaScript keeps you signed in, and signs out elsewhere", async ({
  page,
  browser,
  signIn,
}) => {
  const member = await createUser({ displayName: "Plain Paul" });
  const elsewhere = await browser.newPage({ javaScriptEnabled: false });
  await signIn(elsewhere, member);
  await signIn(page, member);
  await page.goto("/settings");
  await page.getByLabel("Current password").fill(TEST_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("a-fresh-passphrase-42");
  await page.getByLabel("Confirm new password").fill("a-fresh-passphrase-42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(
    page.getByText("Password changed. You were signed out everywhere else."),
  ).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveValue("");
  const notifications = await page.goto("/notifications");
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  // A page that names who is signed in is kept by no cache, and Back after signing out can't show it.
  expect(notifications?.headers()["cache-control"]).toBe("private, no-store");

  await elsewhere.goto("/notifications");
  await expect(elsewhere.getByRole("heading", { name: "Sign in to Vanguard" })).toBeVisible();
  await elsewhere.close();
});

test("an admin form rejected without JavaScript shows field errors and keeps the input", async ({
  page,
}) => {
  const admin = await createUser({ role: "admin" });
  await page.goto("/login");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.goto("/admin/accounts/new");
  await page.getByLabel("Name").fill("Keep Me Inc");
  await page.getByLabel("Revenue, last 12 months").fill("-5");
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(
    page.getByText("Enter an amount in dollars, like 125000 or 125000.50."),
  ).toBeVisible();
  await expect(page.getByText("Enter an amount (0 if unknown).").first()).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Keep Me Inc");
  await expect(page.getByLabel("Revenue, last 12 months")).toHaveValue("-5");
});

test("a locked thread offers no reactions or edits without JavaScript, and refuses an edit page with a message", async ({
  page,
  signIn,
}) => {
  const member = await createUser({ displayName: "Locked Lou" });
  const space = await createTestSpace();
  const { threadId, postId } = await createTestThread(member, space.id, {
    title: "Frozen conversation",
  });
  await lockTestThread(threadId);
  await signIn(page, member);
  await page.goto(`/t/${threadId}`);
  await expect(page.getByText("This thread is locked: it takes no new replies.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Helpful/ })).toHaveCount(0);

  await page.goto(`/p/${postId}/edit`);
  await expect(
    page.getByText("This thread is locked: it takes no new replies, reactions or changes."),
  ).toBeVisible();
});

test("a proposal is commented on, endorsed and edited without JavaScript", async ({
  page,
  signIn,
}) => {
  const space = await createTestSpace();
  const author = await createUser({ displayName: "Plain Author" });
  const { threadId } = await createTestProposal(author, space.id, {
    title: "Plain-text exports",
    sections: { problem: "Exports are manual.", proposal: "Schedule them." },
    open: true,
  });
  const member = await createUser({ displayName: "Plain Reader" });
  await signIn(page, member);
  await page.goto(`/t/${threadId}`);
  const problem = page.getByRole("region", { name: "Problem" });
  await problem.locator("summary").filter({ hasText: "Comment on problem" }).click();
  await problem.getByLabel("Passage (optional)").fill("manual");
  await problem.getByLabel("Comment on problem").fill("Which exports?");
  await problem.getByRole("button", { name: "Post comment" }).click();
  await expect(problem.getByRole("listitem").filter({ hasText: "Which exports?" })).toContainText(
    "manual",
  );
  const endorsements = page.getByRole("region", { name: /endorsement/ });
  await endorsements.getByLabel("Endorse: what would you use it for?").fill("We'd use it weekly");
  await endorsements.getByRole("button", { name: "Endorse" }).click();
  await expect(endorsements.getByRole("heading", { name: "1 endorsement" })).toBeVisible();

  // The author edits in the plain text boxes; the section keeps the new words.
  await page.context().clearCookies();
  await signIn(page, author);
  await page.goto(`/proposals/${threadId}/edit`);
  await page.getByLabel("Problem", { exact: true }).fill("Exports are manual and slow.");
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(page.getByRole("region", { name: "Problem" })).toContainText(
    "Exports are manual and slow.",
  );
});

test("a conflicting save without JavaScript keeps the saver's words and shows the other's", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace();
  const author = await createUser({ displayName: "Plain Ana" });
  const colleague = await createUser({ displayName: "Plain Ben" });
  const { threadId } = await createTestProposal(author, space.id, {
    sections: { problem: "Exports are manual.", proposal: "Schedule them." },
    coauthors: [colleague],
    open: true,
  });
  await signIn(page, author);
  await page.goto(`/proposals/${threadId}/edit`);
  const other = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(other, colleague);
  await other.goto(`/proposals/${threadId}/edit`);

  await page.getByLabel("Problem", { exact: true }).fill("Exports are manual. Ana was here.");
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(page.getByRole("region", { name: "Problem" })).toContainText("Ana was here.");

  await other.getByLabel("Problem", { exact: true }).fill("Exports are manual. Ben was here.");
  await other.getByRole("button", { name: "Save revision" }).click();
  const conflict = other.getByRole("region", { name: "Conflict in Problem" });
  await expect(conflict).toContainText("Ana was here.");
  await expect(other.getByLabel("Problem", { exact: true })).toHaveValue(
    "Exports are manual. Ben was here.",
  );
  await other
    .getByLabel("Problem", { exact: true })
    .fill("Exports are manual. Ana was here. Ben was here.");
  await other.getByRole("button", { name: "Save revision" }).click();
  await expect(other.getByRole("region", { name: "Problem" })).toContainText(
    "Ana was here. Ben was here.",
  );
  await other.context().close();
});

test("a handle typed in the plain reply box without JavaScript mentions that member", async ({
  page,
  browser,
  signIn,
}) => {
  const space = await createTestSpace();
  const writer = await createUser({ displayName: "Typing Tess" });
  const named = await createUser({ displayName: "Named Nils" });
  const { threadId } = await createTestThread(writer, space.id, { title: "Pallet sizes" });
  await signIn(page, writer);
  await page.goto(`/t/${threadId}`);
  await page
    .getByLabel("Your reply")
    .fill(`@${named.handle.toUpperCase()} which size do you ship? (cc @nobody_at_all, a@b.com)`);
  await page.getByRole("button", { name: "Post reply" }).click();
  const reply = page.getByRole("article").filter({ hasText: "which size do you ship?" });
  // The post shows it as a mention, in the handle's own case; the rest stays text.
  await expect(reply.getByRole("link", { name: `@${named.handle}`, exact: true })).toHaveAttribute(
    "href",
    `/u/${named.handle}`,
  );
  await expect(reply).toContainText("cc @nobody_at_all, a@b.com");
  await expect(reply.getByRole("link", { name: "@nobody_at_all" })).toHaveCount(0);

  await reply.screenshot({ path: "/tmp/helpernotif-typed-mention.png" });
  const theirs = await (
    await browser.newContext({
      javaScriptEnabled: false,
      extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
    })
  ).newPage();
  await signIn(theirs, named);
  await theirs.getByRole("link", { name: "Notifications, 1 unread" }).click();
  await expect(
    theirs.getByRole("link", { name: "Typing Tess mentioned you in “Pallet sizes”" }),
  ).toBeVisible();
  await theirs.context().close();
});
