import {
  computeTestInfluence,
  createAccount,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  snapshot,
  test,
} from "./fixtures";

test("staff find the small account whose member many others answer at the top of its quadrant, and the edges behind her", async ({
  page,
  signIn,
}) => {
  test.slow();
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Influence ${run}` });
  // No revenue: never in a top tier, whatever else the database holds.
  const small = await createAccount({ name: `Tiny Ops ${run}`, revenueCents: 0 });
  const star = await createUser({ accountId: small.id, displayName: `Stella ${run}` });
  const { threadId } = await createTestThread(star, space.id, { title: "How we close the books" });
  // Twenty people from twenty other accounts answer her: more than anyone else in this database.
  for (let i = 0; i < 20; i++) {
    const fan = await createUser({ displayName: `Reader ${i} ${run}` });
    await createTestReply(fan, threadId, `Reader ${i}: we should try this.`);
  }
  await computeTestInfluence();

  await signIn(page, await createUser({ role: "staff" }));
  await page.goto("/insights/value");
  await page
    .getByRole("navigation", { name: "Insights" })
    .getByRole("link", { name: "Influence" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Influence" })).toBeVisible();
  const quadrant = page.getByRole("table", { name: "Small and influential" });
  await expect(quadrant.getByRole("row").nth(1)).toContainText(`Tiny Ops ${run}`);
  await expect(
    page.getByRole("img", { name: /Accounts by revenue \(across\) and influence \(up\)/ }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "How it is computed" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "influence");

  await page
    .getByRole("table", { name: /Members by influence/ })
    .getByRole("link", { name: `Stella ${run}` })
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: `Stella ${run}’s influence` }),
  ).toBeVisible();
  await expect(page.getByText("20 members from 20 other accounts")).toBeVisible();
  const engagedBy = page.getByRole("table", { name: /engage most with Stella/ });
  await expect(engagedBy.getByRole("row")).toHaveCount(11);
  await expect(engagedBy.getByRole("row").nth(1)).toContainText("1 reply");
  await expectAccessible(page);
  await snapshot(page, "influence-member");
});

test("members and moderators are refused the influence pages", async ({ page, signIn }) => {
  const member = await createUser();
  for (const role of ["member", "moderator"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    for (const path of ["/insights/influence", `/insights/influence/members/${member.id}`]) {
      const response = await page.request.get(path);
      expect(response.status(), `${role} ${path}`).toBe(403);
      expect(await response.text(), role).not.toContain("Reach");
    }
  }
});
