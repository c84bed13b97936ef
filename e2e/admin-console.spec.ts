import { createUser, expect, test } from "./fixtures";

test("an admin finds a member and changes their role after confirming", async ({
  page,
  signIn,
}) => {
  const admin = await createUser({ role: "admin", displayName: "Ada Admin" });
  const unique = `Quentin${Date.now()}`;
  const member = await createUser({ displayName: `${unique} Member` });
  await signIn(page, admin);
  await page.goto("/admin/members");
  await page.getByLabel("Name or email").fill(unique);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("1 person")).toBeVisible();
  await page.getByRole("link", { name: `${unique} Member` }).click();

  await page.getByLabel("New role").selectOption("moderator");
  await page.getByText("Change role…").click();
  await expect(
    page.getByText(`Change ${unique} Member's role? This is recorded with your name.`),
  ).toBeVisible();
  await page.getByRole("button", { name: "Yes, change role" }).click();
  await expect(page.getByRole("status")).toHaveText("Role changed.");
  await expect(page.getByRole("listitem").filter({ hasText: "Role changed" })).toContainText(
    "from Member to Moderator by Ada Admin",
  );

  await page.goto(`/admin/members?role=moderator&q=${unique}`);
  await expect(page.getByRole("cell", { name: member.email })).toBeVisible();
});

test("an admin adds and edits an account; bad input is explained and kept", async ({
  page,
  signIn,
}) => {
  const admin = await createUser({ role: "admin" });
  const name = `Contoso ${Date.now()}`;
  await signIn(page, admin);
  await page.goto("/admin/accounts");
  await page.getByRole("link", { name: "Add account" }).click();
  await expect(page.getByRole("heading", { name: "Add an account" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Revenue, last 12 months").fill("lots");
  await page.getByLabel("Gross profit, last 12 months").fill("250,000");
  await page.getByLabel("Lifetime value").fill("$2,000,000");
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(
    page.getByText("Enter an amount in dollars, like 125000 or 125000.50."),
  ).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page.getByLabel("Gross profit, last 12 months")).toHaveValue("250,000");

  // Tiers rank every account in the shared database: only the largest revenue is sure to be top.
  await page.getByLabel("Revenue, last 12 months").fill("$9,000,000,000,000");
  await page.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved ${name}.`);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Top 1%");
  await expect(row).toContainText("$9T");

  await row.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByLabel("Segment").fill("Enterprise");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Enterprise");
});

test("the tier summary shows the share of revenue per tier and cut points can change", async ({
  page,
  signIn,
}) => {
  const admin = await createUser({ role: "admin" });
  await signIn(page, admin);
  await page.goto("/admin/tiers");
  await expect(page.getByRole("heading", { name: "Value tiers" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: /Top 1%/ })).toBeVisible();
  await page.getByLabel("Top tier, % of accounts").fill("20");
  await page.getByLabel("High tier, % of accounts").fill("10");
  await page.getByRole("button", { name: "Save cut points" }).click();
  await expect(
    page.getByText("The top tier must be a smaller share than the high tier."),
  ).toBeVisible();
  await page.getByLabel("Top tier, % of accounts").fill("2");
  await page.getByLabel("High tier, % of accounts").fill("20");
  await page.getByRole("button", { name: "Save cut points" }).click();
  await expect(page.getByRole("status")).toContainText("Cut points saved.");
  await expect(page.getByText("The top tier is the first 2% of accounts")).toBeVisible();

  // Put the defaults back: the other tests share this database.
  await page.getByLabel("Top tier, % of accounts").fill("1");
  await page.getByLabel("High tier, % of accounts").fill("10");
  await page.getByRole("button", { name: "Save cut points" }).click();
  await expect(page.getByText("The top tier is the first 1% of accounts")).toBeVisible();
});
