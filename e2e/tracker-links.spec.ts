import { randomBytes, randomUUID } from "node:crypto";
import { recordedTrackerBody, trackerHeaders } from "../db/testing/tracker-deliveries";
import {
  createTestBacklogItem,
  createUser,
  expect,
  expectAccessible,
  snapshot,
  test,
} from "./fixtures";
import { DESKTOP, layoutProblems, PHONE } from "./layout";

test("an admin connects Linear, staff link an item to an issue, and Linear's webhooks move it", async ({
  page,
  request,
  signIn,
}) => {
  test.slow();
  const run = randomBytes(3).toString("hex");
  const admin = await createUser({ role: "admin", displayName: "Ada Admin" });
  const staff = await createUser({ role: "staff", displayName: "Sam Staff" });
  const item = await createTestBacklogItem(staff, {
    title: `Offline forms ${run}`,
    status: "planned",
  });
  const secret = `lin_wh_${randomBytes(24).toString("hex")}`;
  const workspace = `https://linear.app/acme-${run}`;

  // The admin adds the workspace; Linear makes the signing secret once its webhook exists.
  await signIn(page, admin);
  await page.goto("/admin/integrations");
  await page.getByRole("radio", { name: "Linear" }).check();
  await page.getByLabel("Name").fill("Product Linear");
  await page.getByLabel("Jira site or Linear workspace").fill(workspace);
  await page.getByRole("button", { name: "Add tracker" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Product Linear" })).toBeVisible();
  await expect(page.getByText("Waiting for its secret")).toBeVisible();
  const hookUrl = await page.getByLabel("Webhook address").inputValue();
  expect(hookUrl).toMatch(/\/hooks\/trackers\/[0-9a-f-]{36}$/);
  const hookPath = new URL(hookUrl).pathname;
  await expectAccessible(page);
  await page.getByLabel("Linear's signing secret").fill(secret);
  await page.getByRole("button", { name: "Save secret" }).click();
  await expect(
    page.getByText("Secret saved: Linear's deliveries are taken from now on."),
  ).toBeVisible();
  await expect(page.getByLabel("Linear's new signing secret")).toHaveValue("");
  await expect(page.getByLabel("In progress")).toHaveValue("in progress");

  // Staff paste the address into the item.
  await page.context().clearCookies();
  await signIn(page, staff);
  await page.goto(`/staff/backlog/${item.id}`);
  await page.getByText("Edit details").click();
  await page
    .getByLabel("Tracked at (optional)")
    .fill(`${workspace}/issue/ENG-42/offline-forms-sync-when-back-in-range`);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("link", { name: "Linear ENG-42" })).toBeVisible();
  await expect(page.getByText("no update from Linear yet")).toBeVisible();

  // Linear reports the issue moved to In Progress: a signed, recorded payload.
  const deliver = async (status: string, deliveryId = randomUUID()) => {
    const body = recordedTrackerBody("linear-issue-update", { key: "ENG-42", status });
    return request.post(hookPath, {
      headers: trackerHeaders("linear", secret, body, deliveryId),
      data: body,
    });
  };
  const deliveryId = randomUUID();
  const moved = await deliver("In Progress", deliveryId);
  expect(moved.status()).toBe(200);
  expect(await moved.json()).toMatchObject({ ok: true, outcome: "moved" });
  // The same delivery again is a replay; an unsigned one is refused.
  expect((await deliver("In Progress", deliveryId)).status()).toBe(409);
  const unsigned = await request.post(hookPath, {
    headers: { "Content-Type": "application/json", "Linear-Delivery": randomUUID() },
    data: recordedTrackerBody("linear-issue-update", { key: "ENG-42", status: "Done" }),
  });
  expect(unsigned.status()).toBe(401);
  expect(await unsigned.json()).toMatchObject({ error: { code: "unauthorized" } });

  await page.reload();
  const meta = page.locator(".page-header .meta");
  await expect(meta.getByText("In progress", { exact: true })).toBeVisible();
  await expect(meta).toContainText("Linear ENG-42 · In Progress · updated just now");
  await expect(page.getByRole("complementary", { name: "Staff tools" })).toContainText(
    "Planned → In progress, by Ada Admin",
  );
  await expectAccessible(page);
  await snapshot(page, "tracker-item-moved");

  // A status the mapping doesn't name is shown and said, and moves nothing.
  const unmapped = await deliver("In Review");
  expect(await unmapped.json()).toMatchObject({ outcome: "unmapped" });
  await page.reload();
  await expect(meta).toContainText("Linear ENG-42 · In Review");
  await expect(meta.getByText("In progress", { exact: true })).toBeVisible();
  await expect(page.getByText("Linear’s status “In Review” is not mapped")).toBeVisible();
  await expect(page.getByText("An admin can map it in Admin → Integrations.")).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "tracker-item-unmapped");

  // The admin follows the note to the integration, whose log says why.
  await page.context().clearCookies();
  await signIn(page, admin);
  await page.goto(`/staff/backlog/${item.id}`);
  await page.getByRole("link", { name: "Map it in the Linear integration’s settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Product Linear" })).toBeVisible();
  const log = page.getByRole("table", { name: "Deliveries, newest first" });
  await expect(log.getByRole("row").nth(1)).toContainText("Not mapped");
  await expect(log.getByRole("row").nth(1)).toContainText(
    "Status “In Review” is not mapped: shown on 1 item, no status moved.",
  );
  await expect(log.getByRole("row").nth(2)).toContainText("Moved 1 item to In progress.");
  await expectAccessible(page);
  await snapshot(page, "tracker-integration");

  // Both pages fit a phone.
  const integrationPath = new URL(page.url()).pathname;
  await page.setViewportSize(PHONE);
  for (const [name, path] of [
    ["tracker-integration-390", integrationPath],
    ["tracker-item-390", `/staff/backlog/${item.id}`],
  ]) {
    await page.goto(path);
    await snapshot(page, name);
    expect(await layoutProblems(page), path).toEqual([]);
  }
  await page.setViewportSize(DESKTOP);
  await page.goto(integrationPath);

  // Mapped now, the next change of status moves the item.
  await page.getByLabel("In progress").fill("in progress, In Review");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect(await (await deliver("Done")).json()).toMatchObject({ outcome: "moved" });
  await page.goto("/admin/integrations");
  const trackers = page.getByRole("table", { name: "Issue trackers, by name" });
  await expect(trackers.getByRole("row", { name: /Product Linear/ })).toContainText("1");
  await expectAccessible(page);
  await snapshot(page, "tracker-integrations-list");
});

test("an admin adds Jira and gets its secret once; other roles are refused its pages", async ({
  page,
  signIn,
}) => {
  const run = randomBytes(3).toString("hex");
  await signIn(page, await createUser({ role: "admin" }));
  await page.goto("/admin/integrations");
  await page.getByLabel("Name").fill("Product Jira");
  await page.getByLabel("Jira site or Linear workspace").fill(`https://acme-${run}.atlassian.net/`);
  await page.getByRole("button", { name: "Add tracker" }).click();
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  expect(await page.getByLabel("Webhook secret").inputValue()).toMatch(/^[\w-]{43}$/);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Map Product Jira’s statuses" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Product Jira" })).toBeVisible();
  await expect(page.getByLabel("Shipped")).toHaveValue("done");
  const path = new URL(page.url()).pathname;

  for (const role of ["staff", "moderator", "member"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    const response = await page.request.get(path);
    expect(response.status(), role).toBe(403);
    expect(await response.text(), role).not.toContain("Product Jira");
  }
});
