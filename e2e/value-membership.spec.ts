import type { Browser, Page } from "@playwright/test";
import {
  awaitEmailsTo,
  createAccount,
  createTestSpace,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  settleTestTierChanges,
  snapshot,
  test,
} from "./fixtures";

const HEADER =
  "External ID,Name,Segment,Region,Revenue (12 months),Gross profit,Lifetime value,Customer since,Contact emails,As of";

function csv(lines: string[]) {
  return {
    name: "accounts.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([HEADER, ...lines].join("\n")),
  };
}

type Person = Awaited<ReturnType<typeof createUser>>;

async function importFile(page: Page, lines: string[]) {
  await page.goto("/admin/accounts/import");
  await page.getByLabel("CSV file").setInputFiles(csv(lines));
  await page.getByRole("button", { name: "Preview the import" }).click();
  await page.getByRole("button", { name: "Apply the import" }).click();
  await expect(page.getByText(/^Applied: /)).toBeVisible();
}

async function signedInPage(
  browser: Browser,
  signIn: (page: Page, person: Person) => Promise<void>,
  person: Person,
) {
  const context = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const page = await context.newPage();
  await signIn(page, person);
  return { page, close: () => context.close() };
}

test("an account entering the top tier yields invitations an admin reviews and sends", async ({
  page,
  signIn,
}) => {
  const admin = await createUser({ role: "admin", displayName: "Ada Admin" });
  const run = Date.now().toString(36);
  const first = `first-${run}@rising.test`;
  const second = `second-${run}@rising.test`;
  await signIn(page, admin);

  await page.goto("/admin/tiers");
  await page.getByLabel("Prepare invitations for me to review").check();
  await page.getByRole("button", { name: "Save membership setting" }).click();
  await expect(page.getByText("Saved. Invitations will wait for you")).toBeVisible();
  await expect(page.getByLabel("Prepare invitations for me to review")).toBeChecked();
  await expectAccessible(page);
  await snapshot(page, "value-membership-setting");

  await importFile(page, [
    `${run}-rise,Rising ${run},Enterprise,EMEA,"$900,000,000",1,1,2019-01-01,${first};${second},2026-06-30`,
  ]);

  await page.goto("/admin/accounts");
  await page.getByRole("link", { name: /^Invitations to review/ }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Invitations to review" }),
  ).toBeVisible();
  const group = page.getByRole("region", { name: `Rising ${run}`, exact: true });
  // Top 1% or 10%: which depends on the larger accounts other tests made.
  await expect(group).toContainText(/Moved from Rest to Top (1|10)%/);
  await expect(group.getByRole("rowheader", { name: first })).toBeVisible();
  await expect(group.getByRole("rowheader", { name: second })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "value-membership-review");

  await group.getByRole("button", { name: `Send invitation to ${first}` }).click();
  await expect(page.getByText("Invitation sent.")).toBeVisible();
  await expect(group.getByRole("rowheader", { name: first })).toHaveCount(0);
  await expect(group.getByRole("rowheader", { name: second })).toBeVisible();
  const [email] = await awaitEmailsTo(first);
  expect(email.subject).toBe("You're invited to the Vanguard community");
  expect(email.text).toContain(`as part of Rising ${run}`);
  expect(email.text).toContain("/invitations/");
});

test("an alumnus keeps open spaces and is told plainly when a tier-gated one is closed", async ({
  page,
  browser,
  signIn,
}) => {
  const admin = await createUser({ role: "admin" });
  const run = Date.now().toString(36);
  const account = await createAccount({
    name: `Falling ${run}`,
    externalId: `${run}-fall`,
    revenueCents: 950_000_000_00,
  });
  await settleTestTierChanges();
  const alumnus = await createUser({ accountId: account.id, displayName: "Alma Alumna" });
  const gated = await createTestSpace({
    visibility: "tier",
    minTier: "top10",
    name: `Inner circle ${run}`,
  });
  const open = await createTestSpace({ name: `Open hall ${run}` });

  // The admin's import drops the account's revenue: its people become alumni.
  await signIn(page, admin);
  await importFile(page, [
    `${run}-fall,Falling ${run},Enterprise,EMEA,0,0,0,2019-01-01,,2026-06-30`,
  ]);
  await page.goto("/admin/members?q=Alma");
  await expect(page.getByRole("row", { name: /Alma Alumna/ })).toContainText("Alumni");
  await snapshot(page, "value-membership-admin-members");

  const member = await signedInPage(browser, signIn, alumnus);
  try {
    const home = member.page;
    await home.goto("/");
    const notice = home.getByRole("region", { name: "Your access to top-tier spaces ended" });
    await expect(notice).toContainText(`Falling ${run} left the top tiers`);
    await expect(notice).toContainText("You keep everything you wrote");
    await expectAccessible(home);
    await snapshot(home, "value-membership-alumnus-home");

    await home.goto("/notifications");
    await expect(
      home.getByRole("link", {
        name: `Falling ${run} left the top tiers: you no longer see the top-tier spaces`,
      }),
    ).toBeVisible();
    await expect(home.getByText(`you no longer see “${gated.name}”`)).toBeVisible();
    await expectAccessible(home);
    await snapshot(home, "value-membership-notification");

    await home.goto(`/spaces/${open.slug}`);
    await expect(home.getByRole("heading", { level: 1, name: open.name })).toBeVisible();

    await home.goto(`/spaces/${gated.slug}`);
    await expect(home.getByRole("heading", { level: 1 })).toHaveText(
      "You don't have access to this",
    );
    await expect(home.getByText(`“${gated.name}” is for top-tier accounts`)).toBeVisible();
    await expect(home.getByText("Your account's access ended on")).toBeVisible();
    await expectAccessible(home);
    await snapshot(home, "value-membership-lost-space");
  } finally {
    await member.close();
  }

  // Someone who never had the space still learns nothing of it. (An account with no revenue is
  // never in a top tier, however many accounts share the default revenue.)
  const stranger = await createUser({
    accountId: (await createAccount({ revenueCents: 0 })).id,
  });
  const other = await signedInPage(browser, signIn, stranger);
  try {
    await other.page.goto(`/spaces/${gated.slug}`);
    await expect(other.page.getByText("No such space.")).toBeVisible();
    await expect(other.page.getByText(gated.name)).toHaveCount(0);
  } finally {
    await other.close();
  }
});
