import { createUser, expect, newClientAddress, test, TEST_PASSWORD } from "./fixtures";

test("a member signs in, lands where they were going, and signs out", async ({ page }) => {
  const member = await createUser({ displayName: "Rosa Member" });
  await page.goto("/admin/members");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fmembers/);

  await page.goto("/login?redirectTo=%2F%3Fwelcome%3D1");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/\?welcome=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Welcome, Rosa" })).toBeVisible();

  await page.getByLabel("Account menu for Rosa Member").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("a wrong password says so and keeps the email typed", async ({ page }) => {
  const member = await createUser();
  await page.goto("/login");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "That email and password don't match. Check them and try again.",
  );
  await expect(page.getByLabel("Email")).toHaveValue(member.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("an invalid email gets a field error before anything is checked", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("whatever-it-is");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("after repeated failed sign-ins the account waits, and says how to get in now", async ({
  page,
}) => {
  const member = await createUser();
  await page.goto("/login");
  for (let attempt = 0; attempt < 6; attempt++) {
    await page.getByLabel("Email").fill(member.email);
    await page.getByLabel("Password").fill(`wrong-password-${attempt}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("don't match");
  }
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Too many failed sign-in attempts for this account. Try again in 1 minute, or reset your password to sign in now.",
  );
});

test("a suspended member is signed out on their next click", async ({ page, browser, signIn }) => {
  const member = await createUser({ displayName: "Soon Suspended" });
  const admin = await createUser({ role: "admin", displayName: "Ada Admin" });
  await signIn(page, member);

  const adminContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin);
  await adminPage.goto(`/admin/members/${member.id}`);
  await adminPage.getByLabel("Reason for suspending").fill("Shared their login with a competitor");
  await adminPage.getByText("Suspend member…").click();
  await adminPage.getByRole("button", { name: "Yes, suspend member" }).click();
  await expect(adminPage.getByRole("status")).toContainText("Suspended.");
  await expect(adminPage.getByRole("list").filter({ hasText: "Shared their login" })).toContainText(
    "by Ada Admin",
  );
  await adminContext.close();

  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Your membership is suspended");
});
