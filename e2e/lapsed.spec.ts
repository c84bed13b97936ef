import {
  awaitEmailsTo,
  createAccount,
  createTestQuietMember,
  createUser,
  detectTestLapsed,
  expect,
  expectAccessible,
  snapshot,
  test,
} from "./fixtures";

/** An account whose one member was active three months ago and silent since, on the list. */
async function quietAccount() {
  const run = Date.now().toString(36);
  const account = await createAccount({ name: `Lapsed Co ${run}` });
  const member = await createTestQuietMember({
    accountId: account.id,
    displayName: `Quinn Quiet ${run}`,
  });
  await detectTestLapsed();
  return { account, member };
}

test("staff take a lapsed account: assign it to themselves, note, email from the template, mark it handled", async ({
  page,
  signIn,
}) => {
  const { account, member } = await quietAccount();
  const staff = await createUser({ role: "staff", displayName: `Stella Staff ${Date.now()}` });
  await signIn(page, staff);
  await page.goto("/insights/value");
  await page
    .getByRole("navigation", { name: "Insights" })
    .getByRole("link", { name: "Lapsed" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Lapsed" })).toBeVisible();
  await page.getByLabel("Account or member").fill(account.name);
  await page.getByRole("button", { name: "Apply filters" }).click();
  const table = page.getByRole("table", { name: /Lapsed entries/ });
  await expect(table.getByRole("row")).toHaveCount(3);
  const accountRow = table.getByRole("row").filter({ hasText: "(the account)" });
  await expect(accountRow).toContainText("Went quiet");
  await expect(accountRow).toContainText("60–90 days ago: 1 new thread, 2 replies from 1 member");
  await expect(accountRow).toContainText("Open");
  await expectAccessible(page);
  await snapshot(page, "lapsed-list");

  await accountRow.getByRole("link", { name: `Open the entry for ${account.name}` }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: `${account.name}: went quiet` }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByText(`${staff.displayName} owns this entry now.`)).toBeVisible();
  const owner = page.getByRole("region", { name: "Owner" });
  await expect(owner).toContainText(`${staff.displayName} owns this entry.`);
  await expect(owner.getByRole("button", { name: "Assign to me" })).toHaveCount(0);

  const note = page.getByRole("region", { name: /Internal note/ });
  await note.getByRole("textbox", { name: "Note on the account" }).click();
  await expect(page.locator("#lapsed-note[contenteditable]")).toBeFocused();
  await page.keyboard.type("Renewal in March: ask about the new team lead.");
  await note.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Note added to the account.")).toBeVisible();
  await expect(page.getByRole("region", { name: `Notes on ${account.name}` })).toContainText(
    "Renewal in March",
  );

  const email = page.getByRole("region", { name: "Write to the account's people" });
  await expect(email.getByLabel("To")).toHaveValue(member.id);
  // A placeholder we can't fill is refused, and what was typed stays.
  await email.getByLabel("Subject").fill("Checking in, {{first_name}}");
  await email.getByRole("button", { name: "Send email" }).click();
  await expect(email.getByText(/\{\{first_name\}\} isn't a placeholder we can fill/)).toBeVisible();
  await expect(email.getByLabel("Subject")).toHaveValue("Checking in, {{first_name}}");
  await email.getByLabel("Subject").fill("Checking in, {{name}}");
  await expect(email.getByLabel("Email")).toHaveValue(/Hi \{\{name\}\},/);
  await email.getByRole("button", { name: "Send email" }).click();
  await expect(page.getByText(`Email to ${member.displayName} is in the outbox.`)).toBeVisible();
  const [sent] = await awaitEmailsTo(member.email);
  expect(sent.subject).toBe(`Checking in, ${member.displayName}`);
  expect(sent.text).toContain(`Hi ${member.displayName},`);
  expect(sent.text).toContain(account.name);
  expect(sent.text).toContain(staff.displayName);

  await page.getByRole("button", { name: "Mark handled" }).click();
  await expect(
    page.getByText("Marked handled. It comes back if the signal returns."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();
  await expect(owner.getByLabel("Change the owner to")).toHaveValue(staff.id);
  await expect(note.getByRole("textbox", { name: "Note on the account" })).toHaveText("");
  const history = page.getByRole("list", { name: "What was done, newest first" });
  await expect(history.getByRole("listitem")).toHaveCount(4);
  await expect(history.getByRole("listitem").first()).toContainText("Marked handled");
  await expect(history).toContainText(`Email sent to ${member.displayName}`);
  await expectAccessible(page);
  await snapshot(page, "lapsed-entry");

  // Handled entries leave the open list; "Mine" finds it among handled ones.
  await page.goto(`/insights/lapsed?state=handled&owner=mine`);
  await expect(page.getByRole("table", { name: /Lapsed entries/ })).toContainText(account.name);
});

test("members and moderators are refused the lapsed list and its entries", async ({
  page,
  signIn,
}) => {
  const { account } = await quietAccount();
  for (const role of ["member", "moderator"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    const response = await page.request.get("/insights/lapsed");
    expect(response.status(), role).toBe(403);
    expect(await response.text(), role).not.toContain(account.name);
  }
});
