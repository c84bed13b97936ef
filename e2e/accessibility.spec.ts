import {
  awaitEmailsTo,
  createAccount,
  createUser,
  emailsTo,
  expect,
  expectAccessible,
  linkIn,
  snapshot,
  test,
} from "./fixtures";

test("signed-out pages have no axe violations", async ({ page }) => {
  const member = await createUser();
  for (const [path, name] of [
    ["/login", "login"],
    ["/forgot-password", "forgot-password"],
    ["/invitations/not-a-token", "invitation-invalid"],
    ["/reset-password/not-a-token", "reset-invalid"],
  ]) {
    await page.goto(path);
    await expectAccessible(page);
    await snapshot(page, name);
  }
  await page.goto("/login");
  await page.getByLabel("Email").fill(member.email);
  await page.getByLabel("Password").fill("wrong-password-1");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "login-error");
});

test("invitation and reset forms have no axe violations", async ({ page, signIn }) => {
  const admin = await createUser({ role: "admin" });
  const account = await createAccount();
  await signIn(page, admin);
  const email = `a11y-${Date.now()}@example.test`;
  await page.goto("/admin/members/invite");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Account", { exact: true }).selectOption({ label: account.name });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  const [message] = await emailsTo(email);
  await page.getByLabel(/Account menu/).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();

  await page.goto(new URL(linkIn(message.text, "/invitations/")).pathname);
  await expectAccessible(page);
  await snapshot(page, "invitation");
  await page.getByRole("button", { name: "Join the community" }).click();
  await expect(page.getByText("Enter your name as others should see it.")).toBeVisible();
  await expectAccessible(page);

  const member = await createUser();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(member.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expectAccessible(page);
  const [reset] = await awaitEmailsTo(member.email);
  await page.goto(new URL(linkIn(reset.text, "/reset-password/")).pathname);
  await expectAccessible(page);
  await snapshot(page, "reset-password");
});

// One test per admin page, so each stays short on a busy machine.
const adminPages: Array<[string, (member: { id: string; accountId: string | null }) => string]> = [
  ["home-admin", () => "/"],
  ["admin-members", () => "/admin/members"],
  ["admin-invite", () => "/admin/members/invite"],
  ["admin-member", (member) => `/admin/members/${member.id}`],
  ["admin-accounts", () => "/admin/accounts"],
  ["admin-account-new", () => "/admin/accounts/new"],
  ["admin-account-edit", (member) => `/admin/accounts/${member.accountId}`],
  ["admin-tiers", () => "/admin/tiers"],
  ["admin-outbox", () => "/admin/outbox"],
  ["not-found", () => "/no/such/page"],
];
for (const [name, pathFor] of adminPages) {
  test(`${name}: no axe violations`, async ({ page, signIn }) => {
    const admin = await createUser({ role: "admin", displayName: "Ada Admin" });
    const member = await createUser({ displayName: "Mo Member" });
    await signIn(page, admin);
    await page.goto(pathFor(member));
    await expectAccessible(page);
    await snapshot(page, name);
  });
}

test("the account menu, a phone and a member's pages have no axe violations", async ({
  page,
  signIn,
}) => {
  const admin = await createUser({ role: "admin", displayName: "Ada Admin" });
  const member = await createUser({ displayName: "Mo Member" });
  await signIn(page, admin);
  await page.getByLabel("Account menu for Ada Admin").click();
  await expectAccessible(page);

  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/admin/members");
  await snapshot(page, "admin-members-phone");
  await page.getByLabel("Account menu for Ada Admin").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();

  await page.setViewportSize({ width: 1280, height: 720 });
  await signIn(page, member);
  await expectAccessible(page);
  await snapshot(page, "home-member");
  await page.goto("/admin/members");
  await expectAccessible(page);
  await snapshot(page, "forbidden");
});
