import {
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  newClientAddress,
  snapshot,
  test,
} from "./fixtures";

test("staff write an internal note mentioning a colleague; members never see it", async ({
  page,
  browser,
  signIn,
}) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Noted ${run}`, ideasEnabled: true });
  const member = await createUser({ displayName: "Member Mina" });
  const { threadId } = await createTestThread(member, space.id, {
    kind: "idea",
    title: `Bulk export ${run}`,
  });
  const staff = await createUser({ role: "staff", displayName: "Staff Stella" });
  const colleague = await createUser({ role: "staff", displayName: `Colleague Cole${run}` });
  await signIn(page, staff);
  await page.goto(`/t/${threadId}`);

  const notes = page.getByRole("region", { name: /Internal notes/ });
  await notes.getByRole("button", { name: "Add note" }).click();
  await expect(notes.getByText("Write something before posting.")).toBeVisible();
  await notes.getByLabel("About").selectOption({ label: "Post #1" });
  await notes.getByRole("textbox", { name: "New internal note" }).click();
  await expect(page.locator("#note-body[contenteditable]")).toBeFocused();
  await page.keyboard.type("Renewal risk, ask @Colleague");
  await page.getByRole("option", { name: new RegExp(colleague.displayName) }).click();
  await page.keyboard.type(" before we plan it.");
  await notes.getByRole("button", { name: "Add note" }).click();
  const note = notes.getByRole("listitem").filter({ hasText: "Renewal risk, ask" });
  await expect(note).toContainText("about post #1");
  await expect(note).toContainText(`@${colleague.handle}`);
  await expectAccessible(page);
  await snapshot(page, "internal-note-staff");

  // The colleague is told.
  const colleagueContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const colleaguePage = await colleagueContext.newPage();
  await signIn(colleaguePage, colleague);
  await colleaguePage.goto("/notifications");
  await expect(
    colleaguePage.getByRole("listitem").filter({ hasText: `Bulk export ${run}` }),
  ).toContainText("Staff Stella mentioned you in an internal note on");
  await colleagueContext.close();

  // The member who wrote the idea sees no note and no sign of one.
  const memberContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": newClientAddress() },
  });
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, member);
  await memberPage.goto(`/t/${threadId}`);
  await expect(memberPage.getByRole("heading", { name: `Bulk export ${run}` })).toBeVisible();
  await expect(memberPage.getByText("Internal notes")).toHaveCount(0);
  await expect(memberPage.getByText("Renewal risk, ask")).toHaveCount(0);
  await memberPage.goto(`/search?q=${encodeURIComponent("Renewal risk")}`);
  await expect(memberPage.getByText("Renewal risk, ask")).toHaveCount(0);
  await memberContext.close();
});
