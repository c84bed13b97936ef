import { randomInt } from "node:crypto";
import {
  createAccount,
  createTestSnapshot,
  createUser,
  expect,
  expectAccessible,
  snapshot,
  test,
} from "./fixtures";

test("staff see how concentrated value is: the top 1% share, the Lorenz curve and the top accounts", async ({
  page,
  signIn,
}) => {
  // A date nobody else's snapshots use, so the figures are these 100 accounts' alone.
  const asOf = `${randomInt(2001, 2020)}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`;
  const run = Date.now().toString(36);
  for (let rank = 1; rank <= 100; rank++) {
    const account = await createAccount({ name: `Tail ${rank} ${run}` });
    // A heavy tail: the largest holds 12.8% of all revenue, the next 2.4%.
    await createTestSnapshot(account.id, asOf, {
      revenueCents: rank === 1 ? 1_000_000_00 : Math.round(3_000_000_00 / (rank + 10)),
    });
  }
  await signIn(page, await createUser({ role: "staff" }));
  await page.goto("/staff");
  await page.getByRole("link", { name: "Insights" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Value concentration" })).toBeVisible();
  await page.getByLabel("As of").selectOption(asOf);
  await page.getByRole("button", { name: "Show" }).click();
  const revenue = page.getByRole("region", { name: "Revenue (12 months)" });
  const top1 = revenue.getByRole("row", { name: /^Top 1%/ });
  await expect(top1).toContainText("12.8%");
  await expect(revenue.getByRole("img", { name: /Lorenz curve of revenue/ })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Top-tier accounts by revenue" }).getByRole("row"),
  ).toHaveCount(2);
  await expect(page.getByRole("rowheader", { name: `Tail 1 ${run}` })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "value-concentration");
});

test("members and moderators are refused the value insights", async ({ page, signIn }) => {
  for (const role of ["member", "moderator"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    const response = await page.request.get("/insights/value");
    expect(response.status(), role).toBe(403);
    expect(await response.text(), role).not.toContain("Lorenz");
  }
});
