import {
  castTestVote,
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

test("staff find a top-1% member's role model, in a small account, with the engagement behind it", async ({
  page,
  signIn,
}) => {
  test.slow();
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Role models ${run}` });
  // More revenue than any account a test makes: the top 1%, whatever else the database holds.
  const top = await createAccount({ name: `Titan ${run}`, revenueCents: 9_000_000_000_000_00 });
  const tom = await createUser({ accountId: top.id, displayName: `Tom Titan ${run}` });
  const tiny = await createAccount({ name: `Tiny Shop ${run}`, revenueCents: 0 });
  const sue = await createUser({ accountId: tiny.id, displayName: `Sue Small ${run}` });
  const { threadId } = await createTestThread(sue, space.id, { title: "Our one-page QBR" });
  for (let i = 0; i < 10; i++) {
    await createTestReply(tom, threadId, `Tom's question ${i}: how do you pick the three?`);
  }
  await computeTestInfluence();

  await signIn(page, await createUser({ role: "staff" }));
  await page.goto("/insights/influence");
  await page
    .getByRole("navigation", { name: "Influence" })
    .getByRole("link", { name: "People" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "People of influence" })).toBeVisible();
  const roleModels = page.getByRole("table", { name: /Role models of the top 1%/ });
  const row = roleModels.getByRole("row").filter({ hasText: `Sue Small ${run}` });
  await expect(row).toContainText(`Tiny Shop ${run}`);
  await expect(row).toContainText("10 replies");
  await expect(row).toContainText(`Tom Titan ${run}`);
  await expect(page.getByRole("heading", { name: "Rising members" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Three kinds of power" })).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "influence-people");

  // Tom's own page names his role models as such.
  await page.goto(`/insights/influence/members/${tom.id}`);
  const models = page.getByRole("table", { name: /whose content Tom Titan .* engages with most/ });
  await expect(
    page.getByRole("heading", { name: "Role models: whom they engage with most" }),
  ).toBeVisible();
  await expect(models.getByRole("row").nth(1)).toContainText(`Sue Small ${run}`);
});

test("an influential member's profile shows rank and reach to staff, not to a member; an idea's demand three ways", async ({
  page,
  signIn,
}) => {
  test.slow();
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Profiles ${run}` });
  const star = await createUser({ displayName: `Star ${run}` });
  const idea = await createTestThread(star, space.id, {
    title: `Export to the board pack ${run}`,
    kind: "idea",
  });
  for (let i = 0; i < 3; i++) {
    const fan = await createUser({ displayName: `Voter ${i} ${run}` });
    await castTestVote(fan, idea.threadId, "critical");
    await createTestReply(fan, idea.threadId, `Voter ${i}: we need this for the board.`);
  }
  await computeTestInfluence();

  await signIn(page, await createUser({ role: "staff" }));
  await page.goto(`/u/${star.handle}`);
  const influence = page.getByRole("region", { name: /Influence/ });
  await expect(influence.getByText("Influence rank")).toBeVisible();
  await expect(influence.getByText("3 members, 3 other accounts")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "profile-influence");

  await page.goto(`/t/${idea.threadId}`);
  await expect(page.getByRole("heading", { name: "Demand, three ways" })).toBeVisible();
  for (const figure of ["Raw count", "Value-weighted", "Influence-weighted"]) {
    await expect(page.getByRole("term").filter({ hasText: figure })).toBeVisible();
  }
  await expect(page.getByText(/^Influence-weighted: each member counts once/)).toBeVisible();
  await expectAccessible(page);

  await page.context().clearCookies();
  await signIn(page, await createUser());
  await page.goto(`/u/${star.handle}`);
  await expect(page.getByRole("heading", { level: 1, name: `Star ${run}` })).toBeVisible();
  await expect(page.getByText("Influence rank")).toHaveCount(0);
  await expect(page.getByText(/members, \d+ other accounts/)).toHaveCount(0);
  await page.goto(`/t/${idea.threadId}`);
  await expect(
    page.getByRole("heading", { name: `Export to the board pack ${run}` }),
  ).toBeVisible();
  await expect(page.getByText("Demand, three ways")).toHaveCount(0);
});

test("members and moderators are refused the influence pages", async ({ page, signIn }) => {
  const member = await createUser();
  for (const role of ["member", "moderator"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    for (const path of [
      "/insights/influence",
      "/insights/influence/people",
      `/insights/influence/members/${member.id}`,
    ]) {
      const response = await page.request.get(path);
      expect(response.status(), `${role} ${path}`).toBe(403);
      expect(await response.text(), role).not.toContain("Reach");
    }
  }
});
