// Run after every install (package.json "postinstall"): small fixes to dependencies, each
// idempotent (a mark says it is applied) and each failing loudly when the package's code is not
// what it expects (a new version: check whether it still needs the fix, then update or remove it).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const patches = [
  {
    // A crash in postgres.js 3.4.9 that upstream has not released a fix for (porsager/postgres
    // issues 1066, 1154 and 1208; pull requests 1168 and 1209 are open). A write smaller than 1 KB
    // is sent on the next tick; when the connection closes first (PostgreSQL restarted, a
    // connection cut), that tick writes to a null socket and throws outside any query, which ends
    // the whole app process. The closing also left the pending-write timer set, so the connection
    // never flushed a write again. Here the write to a closed connection fails its queries with
    // CONNECTION_CLOSED instead, and closing resets the pending write.
    name: "postgres",
    files: ["src/connection.js", "cjs/src/connection.js", "cf/src/connection.js"],
    mark: "/* vanguard: guarded nextWrite */",
    fixes: [
      {
        find: "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
        replace:
          "  function nextWrite(fn) {\n    MARK\n" +
          "    if (!socket) {\n" +
          "      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n" +
          "      chunk = nextWriteTimer = null\n" +
          "      error(Errors.connection('CONNECTION_CLOSED', options))\n" +
          "      return false\n" +
          "    }\n" +
          "    const x = socket.write(chunk, fn)",
      },
      {
        // closed(): the socket is gone, and so is whatever was waiting to be written to it.
        find: "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)\n    socket.removeListener('connect', connected)\n    idleTimer.cancel()",
        replace:
          "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)\n    socket.removeListener('connect', connected)\n    idleTimer.cancel()",
      },
    ],
  },
  {
    // Speed: the router flattens and ranks every route of the app each time it matches a path,
    // and a page request matches four to six times (the server's handler, the data query, the
    // render and the route discovery's manifest). That was a tenth of the thread page's CPU. The
    // ranked branches depend only on the routes array, so they are kept per array. Only the
    // CommonJS build is patched, which only the server loads: in the browser, route discovery
    // adds routes to the same array, so a kept ranking would go stale there.
    name: "@remix-run/router",
    files: ["dist/router.cjs.js"],
    mark: "/* vanguard: ranked branches kept per routes array */",
    fixes: [
      {
        find: "function matchRoutesImpl(routes, locationArg, basename, allowPartial) {",
        replace:
          "MARK\nconst rankedBranchesByRoutes = new WeakMap();\n" +
          "function rankedBranches(routes) {\n" +
          "  let branches = rankedBranchesByRoutes.get(routes);\n" +
          "  if (!branches) {\n" +
          "    branches = flattenRoutes(routes);\n" +
          "    rankRouteBranches(branches);\n" +
          "    rankedBranchesByRoutes.set(routes, branches);\n" +
          "  }\n" +
          "  return branches;\n" +
          "}\n" +
          "function matchRoutesImpl(routes, locationArg, basename, allowPartial) {",
      },
      {
        find: "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;",
        replace: "  let branches = rankedBranches(routes);\n  let matches = null;",
      },
      {
        // Matching a path tries each route's pattern in turn, and built a regular expression for
        // each one it tried, on every match. A pattern's expression (no "g" flag, so it keeps no
        // state) and its parameter names are kept; the app has a few hundred patterns.
        find: "function compilePath(path, caseSensitive, end) {",
        replace:
          "const compiledPaths = new Map();\n" +
          "function compilePath(path, caseSensitive, end) {\n" +
          '  const key = path + "\\u0000" + caseSensitive + "\\u0000" + end;\n' +
          "  let compiled = compiledPaths.get(key);\n" +
          "  if (!compiled) {\n" +
          "    if (compiledPaths.size >= 2000) compiledPaths.clear();\n" +
          "    compiled = compilePathAfresh(path, caseSensitive, end);\n" +
          "    compiledPaths.set(key, compiled);\n" +
          "  }\n" +
          "  return compiled;\n" +
          "}\n" +
          "function compilePathAfresh(path, caseSensitive, end) {",
      },
    ],
  },
  {
    // Speed: the server render rebuilt the whole route tree from the manifest on every page
    // (RemixServer), and converted it again (createStaticRouter), so each page also ranked every
    // route afresh. Both depend only on the build: the tree is kept per manifest, its conversion
    // per tree. Server-only files: the browser's bundle never includes them.
    name: "@remix-run/react",
    files: ["dist/server.js"],
    mark: "/* vanguard: server routes kept per manifest */",
    fixes: [
      {
        find: "function RemixServer({",
        replace: "MARK\nconst serverRoutesByManifest = new WeakMap();\nfunction RemixServer({",
      },
      {
        find: "  let routes$1 = routes.createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);",
        replace:
          "  let routes$1 = serverRoutesByManifest.get(manifest.routes);\n" +
          "  if (!routes$1) {\n" +
          "    routes$1 = routes.createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);\n" +
          "    serverRoutesByManifest.set(manifest.routes, routes$1);\n" +
          "  }",
      },
    ],
  },
  {
    name: "react-router-dom",
    files: ["server.js"],
    mark: "/* vanguard: data routes kept per routes array */",
    fixes: [
      {
        find: "function createStaticRouter(routes, context, opts = {}) {\n  let manifest = {};\n  let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);",
        replace:
          "MARK\nconst convertedRoutes = new WeakMap();\n" +
          "function createStaticRouter(routes, context, opts = {}) {\n" +
          "  let converted = convertedRoutes.get(routes);\n" +
          "  if (!converted) {\n" +
          "    let manifest = {};\n" +
          "    converted = { manifest, dataRoutes: router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest) };\n" +
          "    convertedRoutes.set(routes, converted);\n" +
          "  }\n" +
          "  let { manifest, dataRoutes } = converted;",
      },
    ],
  },
];

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../node_modules");
for (const patch of patches) {
  const root = path.join(modules, patch.name);
  const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  for (const file of patch.files) {
    const full = path.join(root, file);
    let text = readFileSync(full, "utf8");
    if (text.includes(patch.mark)) continue;
    for (const fix of patch.fixes) {
      if (!text.includes(fix.find)) {
        throw new Error(
          `${patch.name} ${version}: ${file} is not the code scripts/patch-dependencies.mjs fixes. ` +
            "Check whether the new version still needs the fix.",
        );
      }
      text = text.replace(fix.find, fix.replace.replace("MARK", patch.mark));
    }
    writeFileSync(full, text);
  }
}
