import { readFile } from "node:fs/promises";
import {
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  snapshot,
  test,
} from "./fixtures";

test("staff export ideas as CSV, watch it build, and download it", async ({ page, signIn }) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Exports ${run}`, ideasEnabled: true });
  const author = await createUser();
  await createTestThread(author, space.id, { kind: "idea", title: `=SUM(A1:A9) ${run}` });
  await signIn(page, await createUser({ role: "staff" }));

  await page.goto("/staff");
  await page
    .getByRole("navigation", { name: "Staff workspace" })
    .getByRole("link", { name: "Exports" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Exports" })).toBeVisible();
  await expect(page.getByText("None yet")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("radio", { name: "Ideas with votes" }).check();
  await page.getByRole("radio", { name: "CSV (spreadsheets)" }).check();
  await page.getByRole("button", { name: "Export" }).click();
  await expect(page.getByText("Export asked for")).toBeVisible();
  const exports = page.getByRole("table", { name: "Your exports, newest first" });
  // The page reads the progress again by itself until the job is done.
  await expect(exports.getByRole("row").nth(1)).toContainText("Ready", { timeout: 30_000 });
  await expectAccessible(page);
  await snapshot(page, "exports-ready");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    exports.getByRole("link", { name: "Download Ideas with votes (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^vanguard-ideas-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  // Excel reads it as UTF-8 thanks to the byte-order mark.
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv).toContain(`'=SUM(A1:A9) ${run}`);
  expect(csv.split("\n")[0]).toContain("Title,Space,Status,Moderation,Votes");

  // JSON for scripts, the same way.
  await page.getByRole("radio", { name: "Members with activity" }).check();
  await page.getByRole("radio", { name: "JSON (scripts)" }).check();
  await page.getByRole("button", { name: "Export" }).click();
  await expect(exports.getByRole("row").nth(1)).toContainText("Members with activity");
  await expect(exports.getByRole("row").nth(1)).toContainText("Ready", { timeout: 30_000 });
});

test("members and moderators are refused exports, and another person's file", async ({
  page,
  signIn,
}) => {
  for (const role of ["member", "moderator"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    expect((await page.request.get("/staff/exports")).status(), role).toBe(403);
  }
  await page.context().clearCookies();
  await signIn(page, await createUser({ role: "staff" }));
  const stranger = await page.request.get(
    "/staff/exports/00000000-0000-4000-8000-000000000001/download",
  );
  expect(stranger.status()).toBe(404);
});
