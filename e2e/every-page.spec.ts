import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createUser, expect, test } from "./fixtures";

type RouteNode = { path?: string; index?: boolean; file: string; children?: RouteNode[] };

// Addresses that answer machines, not people: the health check, the editor's/live updates' feeds,
// downloads (CSV exports, the Atom feed, a member's data export), the JSON API (tested in
// app/routes/api+/api.server.test.ts) and the trackers' webhooks (app/routes/hooks+), each
// tested where it is made.
const machineRoutes = [
  "routes/healthz.ts",
  "routes/resources+/",
  "routes/api+/v1.",
  "routes/hooks+/",
];
const isDownload = (file: string) => /\[\.\](csv|atom|json)\.ts$|\.download\.ts$/.test(file);

/** Every address the app serves, read from the route tree Remix builds, params left as `:name`. */
function typeableAddresses(): string[] {
  const tree = JSON.parse(
    execFileSync("npx", ["remix", "routes", "--json"], { encoding: "utf8" }),
  ) as RouteNode[];
  const paths = new Set<string>();
  const walk = (node: RouteNode, prefix: string) => {
    const path = [prefix, node.path].filter(Boolean).join("/");
    if (!machineRoutes.some((skip) => node.file.startsWith(skip)) && !isDownload(node.file)) {
      paths.add(`/${path}`);
    }
    for (const child of node.children ?? []) walk(child, path);
  };
  for (const root of tree) walk(root, "");
  return [...paths];
}

/** Each address with its params filled two ways a person might type: garbage and a stranger's id. */
function addressesToType(): string[] {
  return typeableAddresses().flatMap((path) => {
    if (!path.includes(":") && !path.includes("*")) return [path];
    const fill = (value: string) => path.replace(/:[a-zA-Z]+/g, value).replace("*", "no/such/page");
    return [fill("not-a-real-one"), fill(randomUUID())];
  });
}

const addresses = addressesToType();
const roles = ["signed out", "member", "moderator", "staff", "admin"] as const;

for (const role of roles) {
  test(`every address answers a ${role} visitor with a page`, async ({ page, signIn }) => {
    expect(addresses.length).toBeGreaterThan(20);
    if (role !== "signed out") await signIn(page, await createUser({ role }));
    for (const address of addresses) {
      const response = await page.request.get(address);
      expect(response.status(), address).toBeLessThan(500);
      expect(response.headers()["content-type"], address).toContain("text/html");
      const body = await response.text();
      expect(body, address).toContain("<h1");
      // Every page names itself, then the product, in the tab and in history.
      expect(body, address).toMatch(/<title>[^<]+ · Vanguard<\/title>/);
      expect(body, address).not.toContain("Unexpected Server Error");
    }
  });
}
