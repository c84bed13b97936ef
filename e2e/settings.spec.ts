import {
  createAccount,
  createUser,
  expect,
  newClientAddress,
  test,
  TEST_PASSWORD,
} from "./fixtures";

test("a member edits their profile, email preferences and password", async ({
  page,
  browser,
  signIn,
}) => {
  const member = await createUser({ displayName: "Setting Sage" });
  const elsewhere = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, member);
  await signIn(page, member);

  await page.getByLabel("Account menu for Setting Sage").click();
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByLabel("Your name").fill("");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Enter your name as others should see it.")).toBeVisible();
  await page.getByLabel("Your name").fill("Sage Settled");
  await page.getByLabel("About you").fill("Runs operations at a logistics firm.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  await page.getByLabel("New replies in threads you watch").selectOption("off");
  await page.getByRole("button", { name: "Save email preferences" }).click();
  await expect(page.getByText("Email preferences saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("New replies in threads you watch")).toHaveValue("off");

  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("a-fresh-passphrase-42");
  await page.getByLabel("Confirm new password").fill("a-fresh-passphrase-42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That isn't your current password.")).toBeVisible();
  await page.getByLabel("Current password").fill(TEST_PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("a-fresh-passphrase-42");
  await page.getByLabel("Confirm new password").fill("a-fresh-passphrase-42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(
    page.getByText("Password changed. You were signed out everywhere else."),
  ).toBeVisible();

  // This browser stays signed in; the other one is signed out.
  await page.goto(`/u/${member.handle}`);
  await expect(page.getByRole("heading", { level: 1, name: "Sage Settled" })).toBeVisible();
  await expect(page.getByText("Runs operations at a logistics firm.")).toBeVisible();
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
  await elsewhere.close();
});

test("Settings offers only the notifications that can reach each person", async ({
  page,
  signIn,
}) => {
  const account = await createAccount();
  const customer = await createUser({ accountId: account.id });
  await signIn(page, customer);
  await page.goto("/settings");
  await expect(page.getByLabel("Someone replies to your post")).toBeVisible();
  await expect(page.getByLabel("The product team asks whether they may credit you")).toBeVisible();
  await expect(page.getByLabel("A colleague mentions you in an internal note")).toHaveCount(0);
  // Saving what is offered leaves the rest as it was, and says so.
  await page.getByLabel("Someone replies to your post").selectOption("digest");
  await page.getByRole("button", { name: "Save email preferences" }).click();
  await expect(page.getByText("Email preferences saved.")).toBeVisible();

  const staff = await createUser({ role: "staff" });
  await page.context().clearCookies();
  await signIn(page, staff);
  await page.goto("/settings");
  await expect(page.getByLabel("A colleague mentions you in an internal note")).toBeVisible();
  await expect(page.getByLabel("The product team asks whether they may credit you")).toHaveCount(0);
});
