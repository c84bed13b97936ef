// Fails when a reader page ships more than 150 KB of gzipped JavaScript (ARCHITECTURE.md budget).
// The editor is excluded by design: it is a separate chunk loaded only when someone writes.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET = 150 * 1024;
const READER_ROUTES = [
  "routes/_index",
  "routes/spaces+/_index",
  "routes/spaces+/$slug._index",
  "routes/t+/$threadId",
  "routes/search",
  "routes/notifications",
  "routes/u.$handle",
];

const manifestFile = readdirSync("public/build").find((file) => file.startsWith("manifest-"));
const source = readFileSync(`public/build/${manifestFile}`, "utf8");
const manifest = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1));

let failed = false;
for (const routeId of READER_ROUTES) {
  const route = manifest.routes[routeId];
  if (!route) throw new Error(`No route ${routeId} in the build manifest`);
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (const id of ["root", routeId]) {
    files.add(manifest.routes[id].module);
    for (const file of manifest.routes[id].imports ?? []) files.add(file);
  }
  const bytes = [...files].reduce(
    (sum, file) => sum + gzipSync(readFileSync(`public${file}`)).length,
    0,
  );
  const over = bytes > BUDGET;
  failed ||= over;
  console.log(`${over ? "OVER" : "ok  "} ${(bytes / 1024).toFixed(1).padStart(6)} KB  ${routeId}`);
}
if (failed) {
  console.error(`A reader page ships more than ${BUDGET / 1024} KB of gzipped JavaScript.`);
  process.exit(1);
}
