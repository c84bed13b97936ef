import {
  createAccount,
  createUser,
  emailsTo,
  expect,
  linkIn,
  newClientAddress,
  test,
} from "./fixtures";

test("an admin invites a member, who joins from the emailed link once", async ({
  page,
  browser,
  signIn,
}) => {
  const admin = await createUser({ role: "admin" });
  const account = await createAccount({ name: `Fabrikam ${Date.now()}` });
  const email = `invitee-${Date.now()}@fabrikam.test`;

  await signIn(page, admin);
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.locator("summary", { hasText: "Admin" }).click();
  await nav.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Admin" })
    .getByRole("link", { name: "Members" })
    .click();
  await expect(page).toHaveURL(/\/admin\/members$/);
  await page.getByRole("link", { name: "Invite someone" }).click();
  // Wait for the invitation page: the members page has a "Name or email" field too.
  await expect(page.getByRole("heading", { level: 1, name: "Invite someone" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role").selectOption("member");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Members belong to an account: choose one.")).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(email);
  await page.getByLabel("Account", { exact: true }).selectOption({ label: account.name });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${email}`);

  await page.getByRole("link", { name: "Outbox" }).click();
  await expect(
    page.getByRole("article", { name: "You're invited to the Vanguard community" }).first(),
  ).toContainText(email);

  const [message] = await emailsTo(email);
  const link = new URL(linkIn(message.text, "/invitations/"));
  const invitee = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(link.pathname);
  await expect(
    inviteePage.getByRole("heading", { name: "Join the Vanguard community" }),
  ).toBeVisible();
  await expect(inviteePage.getByText(account.name)).toBeVisible();
  await inviteePage.getByLabel("Your name").fill("Nia Newcomer");
  await inviteePage.getByLabel("Handle").fill(`nia${Date.now() % 100000}`);
  await inviteePage.getByLabel("Password", { exact: true }).fill("password");
  await inviteePage.getByLabel("Confirm password").fill("password");
  await inviteePage.getByRole("button", { name: "Join the community" }).click();
  await expect(inviteePage.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(inviteePage.getByLabel("Your name")).toHaveValue("Nia Newcomer");

  await inviteePage.getByLabel("Password", { exact: true }).fill("a-lantern-in-the-orchard");
  await inviteePage.getByLabel("Confirm password").fill("a-lantern-in-the-orchard");
  await inviteePage.getByRole("button", { name: "Join the community" }).click();
  await expect(inviteePage.getByText("Welcome to the community, Nia.")).toBeVisible();

  await inviteePage.getByLabel("Account menu for Nia Newcomer").click();
  await inviteePage.getByRole("button", { name: "Sign out" }).click();
  // Let the sign-out finish: a navigation started now would abort it mid-way.
  await expect(inviteePage.getByText("You are signed out.")).toBeVisible();
  await inviteePage.goto(link.pathname);
  await expect(
    inviteePage.getByRole("heading", { name: "This invitation can't be used" }),
  ).toBeVisible();
  await expect(inviteePage.getByText("This link has already been used.")).toBeVisible();

  await inviteePage.goto(`${link.pathname}tampered`);
  await expect(inviteePage.getByText("This link isn't valid.")).toBeVisible();
  await invitee.close();
});
