import {
  createTestSpace,
  createTestThread,
  createUser,
  expect,
  expectAccessible,
  snapshot,
  test,
  TEST_PASSWORD,
} from "./fixtures";

test("staff make an API token, call the API with it, and revoke it", async ({ page, signIn }) => {
  const run = Date.now().toString(36);
  const space = await createTestSpace({ name: `Roadmap talk ${run}`, ideasEnabled: true });
  const staff = await createUser({ role: "staff", displayName: "Token Tara" });
  const customer = await createUser();
  const idea = await createTestThread(staff, space.id, {
    kind: "idea",
    title: `Export to spreadsheets ${run}`,
  });
  await signIn(page, staff);

  await page.goto("/settings");
  await page.getByRole("link", { name: "API token" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No tokens yet")).toBeVisible();
  await expectAccessible(page);

  // Nothing named: the form says so and keeps the choices.
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.getByText("Name the token after what will use it.")).toBeVisible();

  await page.getByLabel("Name").fill("Weekly report");
  await page.getByRole("checkbox", { name: "Write" }).check();
  await page.getByLabel("Expires after").selectOption("7");
  await page.getByLabel("Your password").fill("not my password");
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.getByText("That isn't your password.")).toBeVisible();
  // What was typed is kept (the server never sends the password back into the page).
  await expect(page.getByLabel("Name")).toHaveValue("Weekly report");
  await page.getByLabel("Your password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  const secret = await page.getByLabel("Your new token").inputValue();
  expect(secret).toMatch(/^vgp_/);
  await expect(page.getByRole("table", { name: "Your tokens, newest first" })).toContainText(
    "Weekly report",
  );
  await expectAccessible(page);
  await snapshot(page, "api-token-made");

  const authorization = { Authorization: `Bearer ${secret}` };
  const meResponse = await page.request.get("/api/v1/me", { headers: authorization });
  expect(meResponse.status()).toBe(200);
  expect(await meResponse.json()).toMatchObject({
    displayName: "Token Tara",
    token: { scopes: ["read", "write"] },
  });
  const ideas = await page.request.get(`/api/v1/ideas?space=${space.slug}`, {
    headers: authorization,
  });
  expect((await ideas.json()).data[0]).toMatchObject({
    id: idea.threadId,
    demand: { valueCents: 0 },
  });
  // A write, as a script sends it: no Origin header, only the token.
  const proxyVote = await page.request.post(`/api/v1/ideas/${idea.threadId}/proxy-votes`, {
    headers: authorization,
    data: { member: customer.email, importance: "critical", note: "Asked for it on our call." },
  });
  expect(proxyVote.status(), await proxyVote.text()).toBe(201);

  // The list shows it was used; revoking it stops it at once.
  await page.reload();
  await expect(page.getByRole("table", { name: "Your tokens, newest first" })).not.toContainText(
    "Never",
  );
  await page.getByRole("button", { name: "Revoke “Weekly report”" }).click();
  await expect(page.getByText("Token revoked")).toBeVisible();
  await expect(page.getByRole("table", { name: "Your tokens, newest first" })).toContainText(
    "Revoked",
  );
  const after = await page.request.get("/api/v1/me", { headers: authorization });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthorized");
});

test("the API reference lists every endpoint with its scope, read from the OpenAPI document", async ({
  page,
  signIn,
}) => {
  // The reference is for the community's own people, like every page here.
  await signIn(page, await createUser());
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  const endpoints = page.getByRole("navigation", { name: "Endpoints" });
  await expect(
    endpoints.getByRole("link", { name: "GET /api/v1/ideas", exact: true }),
  ).toBeVisible();
  await endpoints.getByRole("link", { name: "POST /api/v1/ideas/{ideaId}/proxy-votes" }).click();
  await expect(
    page.getByRole("heading", { name: "Record a proxy vote write scope" }),
  ).toBeVisible();
  await expectAccessible(page);
  await snapshot(page, "api-reference");
  const document = await page.request.get("/api/v1/openapi.json");
  expect((await document.json()).openapi).toBe("3.1.0");
});

test("the API answers a body over the size limit in its own error shape", async ({ page }) => {
  const response = await page.request.post("/api/v1/accounts/imports", {
    headers: { Authorization: "Bearer vgp_whatever", "Content-Type": "application/json" },
    data: JSON.stringify({ csv: "x".repeat(1_100_000) }),
  });
  expect(response.status()).toBe(413);
  expect(await response.json()).toEqual({
    error: { code: "body_too_large", message: "That request is too large: the limit is 1 MB." },
  });
});
