import { randomInt } from "node:crypto";
import {
  castTestVote,
  createAccount,
  createTestBacklogItem,
  createTestSnapshot,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  snapshot,
  test,
} from "./fixtures";

test("a look-alike account shows the top tier's traits it shares, with their lift", async ({
  page,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const product = `Insight-${run}`;
  const addOn = `Addon-${run}`;
  // Two large accounts (top tiers in any shared database, below the "largest" other tests make)
  // share a product, a pairing and a source; a small account shares the product and the source.
  for (const [index, revenue] of [1_100_000_000_00, 1_000_000_000_00].entries()) {
    await createAccount({
      name: `Big ${index} ${run}`,
      revenueCents: revenue,
      products: [addOn, product],
      acquisitionSource: `Source-${run}`,
    });
  }
  // Enough accounts that the top 10% holds both large ones and not the small one, however empty
  // the database: these all rank between them, each its own rank (ties share one).
  for (let i = 0; i < 20; i++) await createAccount({ revenueCents: 50_000_00 + i * 100 });
  const small = await createAccount({
    name: `Lookalike ${run}`,
    revenueCents: 20_000_00,
    products: [product],
    acquisitionSource: `Source-${run}`,
  });
  await signIn(page, await createUser({ role: "staff" }));
  await page.goto("/insights/value");
  await page
    .getByRole("navigation", { name: "Insights" })
    .getByRole("link", { name: "Look-alikes" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Look-alikes" })).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: /Best-customer traits/ })
      .getByRole("row", { name: new RegExp(`Uses: ${product}`) }),
  ).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: /Product combinations/ })
      .getByRole("rowheader", { name: `${addOn} + ${product}` }),
  ).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "look-alikes");

  await page.goto(`/insights/accounts?q=${encodeURIComponent(small.name)}`);
  await page.getByRole("link", { name: small.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: small.name })).toBeVisible();
  const traits = page.getByRole("region", { name: "Best-customer traits" });
  await expect(traits).toContainText("A look-alike");
  await expect(traits.getByRole("listitem").filter({ hasText: `Uses: ${product}` })).toContainText(
    "×",
  );
  await expect(
    traits.getByRole("listitem").filter({ hasText: `Acquired through: Source-${run}` }),
  ).toBeVisible();
});

test("an account's page shows its values over time, its people and the backlog items they back", async ({
  page,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const account = await createAccount({ name: `Harbor ${run}`, revenueCents: 300_000_00 });
  // Dates no other test's snapshots use (the concentration test keeps to 2001–2020).
  const year = randomInt(2021, 2024);
  await createTestSnapshot(account.id, `${year}-03-31`, { revenueCents: 250_000_00 });
  await createTestSnapshot(account.id, `${year}-06-30`, { revenueCents: 300_000_00 });
  const member = await createUser({ accountId: account.id, displayName: `Hana ${run}` });
  const staff = await createUser({ role: "staff" });
  const space = await createTestSpace({ name: `Ideas ${run}`, ideasEnabled: true });
  const idea = await createTestThread(member, space.id, {
    kind: "idea",
    title: `Fleet view ${run}`,
  });
  await castTestVote(member, idea.threadId, "critical");
  await createTestBacklogItem(staff, {
    title: `Fleet overview ${run}`,
    fromThreadId: idea.threadId,
  });

  await signIn(page, staff);
  await page.goto("/insights/accounts");
  await page.getByLabel("Name").fill(account.name);
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole("link", { name: account.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: account.name })).toBeVisible();

  const history = page.getByRole("region", { name: "Values and tier over time" });
  const rows = history.getByRole("table").getByRole("row");
  await expect(rows.filter({ hasText: `${year}-03-31` })).toContainText("$250K");
  await expect(rows.filter({ hasText: `${year}-06-30` })).toContainText("$300K");
  await expect(
    history.getByRole("img", { name: /revenue, gross profit and lifetime value/ }),
  ).toBeVisible();
  const csvHref = await history.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain(`${year}-03-31,250000`);

  await expect(page.getByRole("region", { name: /Its people/ })).toContainText(`Hana ${run}`);
  await expect(
    page.getByRole("region", { name: "Backlog items its people stand behind" }),
  ).toContainText(`Fleet overview ${run}`);
  await expect(page.getByRole("region", { name: "Ideas they posted and voted for" })).toContainText(
    `Fleet view ${run}`,
  );

  await page.getByRole("textbox", { name: "New internal note" }).fill("Renewal call booked.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("region", { name: /Internal notes/ })).toContainText(
    "Renewal call booked.",
  );
  await expectAccessible(page);
  await snapshot(page, "account-page");
});

test("members and moderators are refused every page of the value insights, and no figure reaches them elsewhere", async ({
  page,
  signIn,
}) => {
  const account = await createAccount({ name: `Figures ${Date.now()}`, revenueCents: 777_777_00 });
  for (const role of ["member", "moderator"] as const) {
    await page.context().clearCookies();
    const person = await createUser({ role, accountId: account.id });
    await signIn(page, person);
    for (const path of [
      "/insights/accounts",
      `/insights/accounts/${account.id}`,
      `/insights/accounts/${account.id}.data`,
      `/insights/accounts/${account.id}/values.csv?table=values`,
      "/insights/look-alikes",
      "/insights/groups",
      "/insights/groups.data",
      "/insights/groups.csv?table=summary",
      "/insights/value",
      "/insights/lapsed",
      "/admin/accounts",
      "/admin/accounts/import",
      "/admin/accounts/invitations",
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), `${role} ${path}`).toBe(403);
      expect(await response.text(), `${role} ${path}`).not.toContain("777,777");
    }
    // Where an account's name can show, its value never does.
    for (const path of [
      `/search?q=${encodeURIComponent(account.name)}`,
      "/",
      "/notifications",
      `/u/${person.handle}`,
      ...(role === "moderator" ? ["/mod/log", "/mod/queue"] : []),
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), `${role} ${path}`).toBe(200);
      const text = await response.text();
      expect(text, `${role} ${path}`).not.toContain("777,777");
      expect(text, `${role} ${path}`).not.toContain("777.8K");
    }
  }
});
