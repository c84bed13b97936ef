import { awaitEmailsTo, createUser, expect, newClientAddress, test } from "./fixtures";

test("a member resets a forgotten password through the emailed link", async ({
  page,
  browser,
  signIn,
}) => {
  const member = await createUser({ displayName: "Forgetful Fran" });
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(member.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${member.email} belongs to a member`);

  // The admin reads the email in the outbox, as on a server without SMTP; a job sends it.
  await awaitEmailsTo(member.email);
  const admin = await createUser({ role: "admin" });
  const adminContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, admin);
  await adminPage.goto("/admin/outbox");
  const email = adminPage
    .getByRole("article", { name: "Reset your Vanguard password" })
    .filter({ hasText: member.email });
  const text = await email.locator("pre").innerText();
  await adminContext.close();
  const link = new URL(text.match(/https?:\/\/\S+\/reset-password\/\S+/)![0]);

  await page.goto(link.pathname);
  await page.getByLabel("New password", { exact: true }).fill("a-better-passphrase-9");
  await page.getByLabel("Confirm new password").fill("a-different-one-9999");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("The two passwords don't match.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("a-better-passphrase-9");
  await page.getByLabel("Confirm new password").fill("a-better-passphrase-9");
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();

  await signIn(page, member, "a-better-passphrase-9");
  await page.goto(link.pathname);
  await expect(page.getByText("This link has already been used.")).toBeVisible();
});
