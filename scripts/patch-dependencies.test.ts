import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
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

// The server's router keeps each routes array's ranking and each pattern's expression.
describe("the installed router, as the server loads it", () => {
  const router = createRequire(import.meta.url)(
    "@remix-run/router",
  ) as typeof import("@remix-run/router");

  it("is the patched build, and so is the server render's", () => {
    const read = (file: string) => readFileSync(path.resolve("node_modules", file), "utf8");
    const router = read("@remix-run/router/dist/router.cjs.js");
    expect(router).toContain("rankedBranches(routes)");
    expect(router).toContain("compilePathAfresh(path, caseSensitive, end)");
    expect(read("@remix-run/react/dist/server.js")).toContain(
      "serverRoutesByManifest.get(manifest.routes)",
    );
    expect(read("react-router-dom/server.js")).toContain("convertedRoutes.get(routes)");
  });

  it("matches as before, every time, and each routes array by its own routes", () => {
    const routes = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "thread", path: "t/:threadId" },
          { id: "spaces", path: "spaces" },
          { id: "space", path: "spaces/:slug" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    for (let round = 0; round < 3; round++) {
      expect(router.matchRoutes(routes, "/t/abc")?.map((m) => [m.route.id, m.params])).toEqual([
        ["root", { threadId: "abc" }],
        ["thread", { threadId: "abc" }],
      ]);
      expect(router.matchRoutes(routes, "/SPACES/")?.at(-1)?.route.id).toBe("spaces");
      expect(router.matchRoutes(routes, "/spaces/big")?.at(-1)?.params).toEqual({ slug: "big" });
      expect(router.matchRoutes(routes, "/nowhere/at/all")?.at(-1)?.route.id).toBe("splat");
    }
    const other = [{ id: "only", path: "/only" }];
    expect(router.matchRoutes(other, "/t/abc")).toBeNull();
    expect(router.matchRoutes(other, "/only")?.[0].route.id).toBe("only");
    expect(router.matchPath({ path: "/t/:id", caseSensitive: true, end: true }, "/T/x")).toBeNull();
    expect(router.matchPath("/t/:id", "/T/x")?.params).toEqual({ id: "x" });
  });
});
