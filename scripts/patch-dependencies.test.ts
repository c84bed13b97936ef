import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// scripts/patch-dependencies.mjs runs after every install; without it an app process dies when
// PostgreSQL restarts under load (scripts/system/database-restart.ts found it).
describe("the installed postgres.js driver", () => {
  it("fails a write to a closed connection instead of crashing the process", () => {
    for (const file of ["src/connection.js", "cjs/src/connection.js"]) {
      const text = readFileSync(path.resolve("node_modules/postgres", file), "utf8");
      const nextWrite = text.slice(text.indexOf("function nextWrite(fn)"));
      expect(nextWrite.slice(0, 400)).toMatch(/if \(!socket\) \{[\s\S]*CONNECTION_CLOSED/);
      const closed = text.slice(text.indexOf("async function closed(hadError)"));
      expect(closed.slice(0, 300)).toContain("chunk = nextWriteTimer = null");
    }
  });
});
