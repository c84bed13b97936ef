import { createUser, expect, expectAccessible, snapshot, test } from "./fixtures";

const HEADER =
  "External ID,Name,Segment,Region,Revenue (12 months),Gross profit,Lifetime value,Customer since,Account owner,Products,As of";

function csv(lines: string[]) {
  return {
    name: "accounts.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([HEADER, ...lines].join("\n")),
  };
}

test("an admin previews a CSV with problems, fixes it, imports it, and imports it again with no change", async ({
  page,
  signIn,
}) => {
  const admin = await createUser({ role: "admin", displayName: "Ada Admin" });
  const owner = await createUser({ role: "staff" });
  const run = Date.now().toString(36);
  await signIn(page, admin);
  await page.goto("/admin/accounts");
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import accounts" })).toBeVisible();
  await expectAccessible(page);

  // A file with a missing name and a word where an amount goes: nothing applies.
  await page
    .getByLabel("CSV file")
    .setInputFiles(
      csv([
        `${run}-1,Northwind ${run},Enterprise,EMEA,"$4,200,000",900000,15000000,2018-02-01,${owner.email},Analytics;Forecasting,2026-06-30`,
        `${run}-2,,Mid-market,APAC,lots,1,1,,,,2026-06-30`,
      ]),
    );
  await page.getByRole("button", { name: "Preview the import" }).click();
  const problems = page.getByRole("table", { name: "Problems by line" });
  await expect(problems.getByRole("row", { name: /^3 name/ })).toContainText(
    "Enter the account's name.",
  );
  await expect(problems.getByRole("row", { name: /^3 revenue/ })).toContainText(
    "Enter an amount in dollars",
  );
  await expect(page.getByRole("button", { name: "Apply the import" })).toHaveCount(0);
  await expectAccessible(page);
  await snapshot(page, "account-import-problems");

  // The corrected file: a preview of what it creates, then applied.
  await page.getByRole("link", { name: "Upload a corrected file" }).click();
  const fixed = csv([
    `${run}-1,Northwind ${run},Enterprise,EMEA,"$4,200,000",900000,15000000,2018-02-01,${owner.email},Analytics;Forecasting,2026-06-30`,
    `${run}-2,Fabrikam ${run},Mid-market,APAC,350000,80000,1200000,,,Analytics,2026-06-30`,
  ]);
  await page.getByLabel("CSV file").setInputFiles(fixed);
  await page.getByRole("button", { name: "Preview the import" }).click();
  const figures = page.getByRole("list", { name: "What this import does" });
  await expect(figures.getByRole("listitem").filter({ hasText: "Would create" })).toContainText(
    "2",
  );
  await expect(page.getByRole("table", { name: /creates or updates/ })).toContainText(
    `Northwind ${run}`,
  );
  await expectAccessible(page);
  await snapshot(page, "account-import-preview");
  await page.getByRole("button", { name: "Apply the import" }).click();
  await expect(page.getByText("Applied: 2 created, 0 updated, 0 unchanged.")).toBeVisible();

  // The same file again: nothing would change, and nothing does.
  await page.goto("/admin/accounts/import");
  await page.getByLabel("CSV file").setInputFiles(fixed);
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(
    page.getByText(
      "Every account in this file already has these values: applying it changes nothing.",
    ),
  ).toBeVisible();
  await page.getByRole("button", { name: "Apply the import" }).click();
  await expect(page.getByText("Applied: 0 created, 0 updated, 2 unchanged.")).toBeVisible();

  // The history names who imported what; the account shows its values as of the file's date.
  await page.goto("/admin/accounts/import");
  const history = page.getByRole("table", { name: "Every import, newest first" });
  await expect(history.getByRole("row").filter({ hasText: "Ada Admin" })).toHaveCount(3);
  await expectAccessible(page);
  await page.goto(`/admin/accounts?q=Northwind+${run}`);
  await page.getByRole("link", { name: `Northwind ${run}`, exact: true }).click();
  const values = page.getByRole("table", { name: /values at each snapshot/ });
  await expect(values.getByRole("row", { name: /2026-06-30/ })).toContainText("$4,200,000");
  await expectAccessible(page);
});

test("members, moderators and staff are refused the import pages", async ({
  page,
  signIn,
  baseURL,
}) => {
  for (const role of ["member", "moderator", "staff"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    const response = await page.request.get("/admin/accounts/import");
    expect(response.status(), role).toBe(403);
    const upload = await page.request.post("/admin/accounts/import", {
      multipart: { file: csv([`x,Sneaky,,,1,1,1,,,,2026-06-30`]) },
      headers: { Origin: new URL(baseURL!).origin },
    });
    expect(upload.status(), role).toBe(403);
    // Refused for the role, not for where the request came from.
    expect(await upload.text(), role).not.toContain("came from another site");
  }
});
