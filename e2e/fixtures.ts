import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

process.env.DATABASE_URL ??= process.env.E2E_DATABASE_URL;
const factories = await import("../db/testing/factories");
export const {
  createAccount,
  createUser,
  createTestSpace,
  createTestThread,
  emailsTo,
  linkIn,
  TEST_PASSWORD,
} = factories;

type Person = Awaited<ReturnType<typeof createUser>>;

export const test = base.extend<{
  signIn: (page: Page, person: Person, password?: string) => Promise<void>;
  consoleErrors: string[];
}>({
  // Fails any test whose page logs an error: a CSP violation, a hydration mismatch, a crash.
  // Expected error statuses (403, 404) show up as "Failed to load resource" and are fine.
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
          errors.push(message.text());
        }
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
  // Each test gets its own client address, so sign-in rate limits never leak from one test to another.
  extraHTTPHeaders: async ({}, use) => {
    await use({ "X-Forwarded-For": `198.51.100.${1 + (randomBytes(1)[0] % 250)}` });
  },
  signIn: async ({}, use) => {
    await use(async (page, person, password = TEST_PASSWORD) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(person.email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByLabel(`Account menu for ${person.displayName}`)).toBeVisible();
    });
  },
});

export { expect };

/** axe finds no violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    ),
  ).toEqual([]);
}

/** Saves a screenshot to e2e/.screenshots (git-ignored) for a person to look at. */
export async function snapshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/.screenshots/${name}.png`, fullPage: true });
}
