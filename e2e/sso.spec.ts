import type { Page } from "@playwright/test";
import {
  createAccount,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

// Single sign-on against a real OpenID Connect provider (db/testing/oidc-provider.ts), which
// scripts/e2e.ts starts for the run; the app calls it "Test ID". These tests never require it of
// staff: that setting is the whole community's, and other tests sign staff in with passwords
// (app/auth/sso.server.test.ts covers requiring it).

async function signInThroughProvider(page: Page, email: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test ID" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a staff member signs in through the company's identity provider; a stranger is turned away", async ({
  page,
  browser,
}) => {
  const staff = await createUser({ role: "staff", displayName: "Sol Staff" });
  await page.goto("/login");
  await expectAccessible(page);
  await snapshot(page, "sso-login");
  await signInThroughProvider(page, staff.email);
  await expect(page.getByLabel(`Account menu for ${staff.displayName}`)).toBeVisible();

  const strangers = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const stranger = await strangers.newPage();
  await signInThroughProvider(stranger, `nobody-${Date.now()}@example.test`);
  await expect(
    stranger.getByRole("heading", { level: 1, name: "We couldn't sign you in" }),
  ).toBeVisible();
  await expect(stranger.getByRole("alert")).toContainText(
    "There's no member or invitation here for your email",
  );
  await expectAccessible(stranger);
  await snapshot(stranger, "sso-refused");
  // The provider's answer, replayed, signs nobody in: it was spent.
  await stranger.reload();
  await expect(stranger.getByRole("alert")).toContainText("expired or was already used");
  await strangers.close();
});

test("an admin lets members sign in this way; an invited member joins through it, named by the provider", async ({
  page,
  browser,
  signIn,
}) => {
  const admin = await createUser({ role: "admin" });
  const account = await createAccount({ name: `Initech ${Date.now()}` });
  const email = `ada.lovelace.${Date.now()}@initech.test`;

  await signIn(page, admin);
  await page.goto("/admin/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign-in" })).toBeVisible();
  await expect(page.getByText("Single sign-on is set up with Test ID")).toBeVisible();
  // Requiring it needs proof that it works for the admin: a password session isn't.
  await page.getByLabel("Staff and admins must sign in with Test ID").check();
  await page.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(
    page.getByText("Sign in with Test ID yourself first, so you know it works"),
  ).toBeVisible();
  await expect(page.getByLabel("Staff and admins must sign in with Test ID")).toBeChecked();
  await page.getByLabel("Staff and admins must sign in with Test ID").uncheck();
  await page.getByLabel("Members may sign in with Test ID too").check();
  await page.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(page.getByText("Sign-in settings saved.")).toBeVisible();
  await expect(page.getByLabel("Members may sign in with Test ID too")).toBeChecked();
  await expectAccessible(page);
  await snapshot(page, "sso-admin-settings");

  await page.goto("/admin/members/invite");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role").selectOption("member");
  await page.getByLabel("Account", { exact: true }).selectOption({ label: account.name });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${email}`);

  const invitees = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const invitee = await invitees.newPage();
  await signInThroughProvider(invitee, email);
  await expect(invitee.getByLabel(/^Account menu for Ada Lovelace/)).toBeVisible();
  await invitees.close();
});
