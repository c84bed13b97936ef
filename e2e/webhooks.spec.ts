import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createUser, expect, expectAccessible, snapshot, test } from "./fixtures";

type Received = { signature: string; event: string; body: string };

/** A receiver on loopback, as a company's integration service would be, answering `status()`. */
async function startReceiver(status: () => number) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({
        signature: String(request.headers["vanguard-signature"]),
        event: String(request.headers["vanguard-event"]),
        body,
      });
      response.writeHead(status()).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vanguard`;
  return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}

function signedWith(delivery: Received, secret: string) {
  const [t, ...macs] = delivery.signature.split(",");
  const expected = createHmac("sha256", secret)
    .update(`${t.slice(2)}.${delivery.body}`)
    .digest("hex");
  return macs.includes(`v1=${expected}`);
}

test("an admin adds a webhook endpoint, tests it, sees a failure and sends it again", async ({
  page,
  signIn,
}) => {
  let answer = 200;
  const receiver = await startReceiver(() => answer);
  try {
    await signIn(page, await createUser({ role: "admin" }));
    await page.goto("/admin");
    await page
      .getByRole("navigation", { name: "Admin" })
      .getByRole("link", { name: "Integrations" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
    await expectAccessible(page);

    // The receiver is on loopback: refused until an admin names the host.
    await page.getByLabel("Allowed hosts").fill("127.0.0.1");
    await page.getByRole("button", { name: "Save hosts" }).click();
    await expect(page.getByRole("status")).toHaveText("Webhooks may now reach 127.0.0.1.");

    // Nothing chosen: the form says so and keeps the address.
    await page.getByLabel("Address").fill(receiver.url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("Choose the events to send.")).toBeVisible();
    await expect(page.getByLabel("Address")).toHaveValue(receiver.url);

    await page.getByLabel("Description (optional)").fill("Product ops service");
    await page.getByRole("checkbox", { name: /An account leaves the top tiers/ }).check();
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("it is shown only this once")).toBeVisible();
    const secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible(page);
    await snapshot(page, "webhook-endpoint-added");

    await page.getByRole("link", { name: "See the endpoint and send it a test event" }).click();
    await expect(page.getByRole("heading", { level: 1, name: receiver.url })).toBeVisible();
    await page.getByRole("button", { name: "Send a test event" }).click();
    await expect(page.getByText("Test event queued")).toBeVisible();
    const deliveries = page.getByRole("table", { name: "Deliveries, newest first" });
    await expect(async () => {
      await page.reload();
      await expect(deliveries.getByRole("row").nth(1)).toContainText("Delivered");
    }).toPass({ timeout: 30_000 });
    await expect(deliveries.getByRole("row").nth(1)).toContainText("200");
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].event).toBe("ping");
    expect(signedWith(receiver.received[0], secret)).toBe(true);
    await expectAccessible(page);

    // The receiver breaks: the delivery sent again waits for its next try, with the answer.
    answer = 500;
    await page.getByRole("button", { name: "Send again ping" }).click();
    await expect(page.getByText("Queued to be sent again")).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(deliveries.getByRole("row").nth(1)).toContainText("Answered 500.");
    }).toPass({ timeout: 30_000 });
    await expect(deliveries.getByRole("row").nth(1)).toContainText("Next try");
    await snapshot(page, "webhook-deliveries");

    // Rotating gives a new secret; the old one still signs for a day.
    await page.getByText("Rotate secret…").click();
    await page.getByRole("button", { name: "Yes, rotate secret" }).click();
    const rotated = await page.getByLabel("New signing secret").inputValue();
    expect(rotated).not.toBe(secret);
    await expect(page.getByText("The previous secret signs too until")).toBeVisible();

    await page.getByText("Remove endpoint…").click();
    await page.getByRole("button", { name: "Yes, remove endpoint" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
    await expect(page.getByRole("link", { name: receiver.url })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});

test("staff, moderators and members are refused the integrations pages", async ({
  page,
  signIn,
}) => {
  for (const role of ["staff", "moderator", "member"] as const) {
    await page.context().clearCookies();
    await signIn(page, await createUser({ role }));
    const response = await page.request.get("/admin/integrations");
    expect(response.status(), role).toBe(403);
    expect(await response.text(), role).not.toContain("Allowed hosts");
    const data = await page.request.get(
      "/admin/integrations?_data=routes/admin+/integrations._index",
    );
    expect(data.status(), role).toBe(403);
  }
});
