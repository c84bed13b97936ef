import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

process.env.DATABASE_URL ??= process.env.E2E_DATABASE_URL;
const factories = await import("../db/testing/factories");
export const {
  castTestVote,
  computeTestInfluence,
  createAccount,
  createUser,
  createTestSpace,
  createTestThread,
  createTestReply,
  createTestAnnouncedReply,
  createTestSnapshot,
  createTestQuietMember,
  detectTestLapsed,
  createTestProposal,
  createTestTag,
  createTestBacklogItem,
  reviseTestProposal,
  flagTestPost,
  emailsTo,
  linkIn,
  lockTestThread,
  sendTestBookmarkRemindersNow,
  settleTestTierChanges,
  TEST_PASSWORD,
} = factories;

/**
 * A client address of its own (sent as X-Forwarded-For), so per-address limits never leak from one
 * test, or one browser context, to another: 2^24 addresses make a collision negligible.
 */
export function newClientAddress(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

/** The emails sent to `address`, waiting for at least one: some are sent by background jobs. */
export async function awaitEmailsTo(address: string) {
  await expect
    .poll(async () => (await emailsTo(address)).length, { timeout: 15_000 })
    .toBeGreaterThan(0);
  return emailsTo(address);
}

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
      // An uncaught error with where it was thrown and on which page, to find it from CI's log.
      page.on("pageerror", (error) =>
        errors.push(`${error.stack ?? error.message}\n  on ${page.url()}`),
      );
      await use(errors);
      expect(errors, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
  // Each test gets its own client address, so rate limits never leak from one test to another.
  extraHTTPHeaders: async ({}, use) => {
    await use({ "X-Forwarded-For": newClientAddress() });
  },
  signIn: async ({}, use) => {
    await use(async (page, person, password = TEST_PASSWORD) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(person.email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByLabel(`Account menu for ${person.displayName}`)).toBeVisible();
    });
  },
});

export { expect };

/**
 * WCAG 2.2 at level AA, every version's rules, and axe's best practices (landmarks, headings).
 * Asking by tag is what turns on target-size (2.5.8): axe leaves it off by default.
 */
export const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Marked experimental in axe, so off unless asked for: a control's accessible name must contain
 * its visible text (2.5.3, Label in Name), or voice users can't say what they see.
 */
export const AXE_RULES = { "label-content-name-mismatch": { enabled: true } };

/** axe finds no violations of WCAG 2.2 AA on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    // One options object: AxeBuilder's options() replaces what withTags() set, so the two
    // together would quietly run the default rules instead of these tags.
    .options({ runOnly: { type: "tag", values: WCAG_22_AA }, rules: AXE_RULES })
    .analyze();
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
