import { createAccount, createUser, expect, test } from "./fixtures";

const roles = ["member", "moderator", "staff"] as const;

test.describe("admin area", () => {
  for (const role of roles) {
    test(`refuses a ${role} with 403 on every page and action`, async ({
      page,
      signIn,
      baseURL,
    }) => {
      const person = await createUser({ role });
      const target = await createUser();
      const account = await createAccount();
      await signIn(page, person);

      const pages = [
        "/admin",
        "/admin/members",
        "/admin/members/invite",
        `/admin/members/${target.id}`,
        "/admin/accounts",
        "/admin/accounts/new",
        `/admin/accounts/${account.id}`,
        "/admin/tiers",
        "/admin/outbox",
      ];
      for (const path of pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
      }
      await expect(
        page.getByRole("heading", { name: "You don't have access to this" }),
      ).toBeVisible();

      const actions: Array<[string, Record<string, string>]> = [
        ["/admin/members/invite", { email: "x@example.test", role: "admin" }],
        [`/admin/members/${target.id}`, { intent: "change-role", role: "admin" }],
        [`/admin/members/${person.id}`, { intent: "change-role", role: "admin" }],
        [
          "/admin/accounts/new",
          { name: "Sneaky", revenue: "1", grossProfit: "1", lifetimeValue: "1" },
        ],
        [
          `/admin/accounts/${account.id}`,
          { name: "Renamed", revenue: "1", grossProfit: "1", lifetimeValue: "1" },
        ],
        ["/admin/tiers", { topTierPercent: "5", highTierPercent: "50" }],
      ];
      for (const [path, form] of actions) {
        const response = await page.request.post(path, { form, headers: { Origin: baseURL! } });
        expect(response.status(), `POST ${path}`).toBe(403);
      }
    });
  }

  test("an admin's action from another site is refused", async ({ page, signIn, baseURL }) => {
    const admin = await createUser({ role: "admin" });
    const target = await createUser();
    await signIn(page, admin);
    const foreign = await page.request.post(`/admin/members/${target.id}`, {
      form: { intent: "change-role", role: "admin" },
      headers: { Origin: "https://evil.example" },
    });
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).toContain("came from another site");
    const missing = await page.request.post("/logout", { headers: { Origin: "" } });
    expect(missing.status()).toBe(403);
    const own = await page.request.post(`/admin/members/${target.id}`, {
      form: { intent: "change-role", role: "moderator" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(own.status()).toBe(200);
  });
});

test("unknown pages are a friendly 404, oversized bodies a 413", async ({
  page,
  signIn,
  baseURL,
}) => {
  const member = await createUser();
  await signIn(page, member);
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/at .+:\d+:\d+/);

  const big = await page.request.post("/login", {
    headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
    data: `email=a%40b.test&password=${"x".repeat(1024 * 1024 + 10)}`,
  });
  expect(big.status()).toBe(413);
});

test("health check reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});
