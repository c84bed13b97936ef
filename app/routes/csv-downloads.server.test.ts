import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { LoaderFunction } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import {
  createAccount,
  createTestSnapshot,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { routeContext, signedIn } from "#db/testing/requests";
import { addEvidence, createBacklogItem } from "~/models/backlog.server";

// Every CSV download opens cleanly in Excel: it starts with the UTF-8 byte-order mark (without
// it Excel reads the file in the machine's legacy code page and "Inès" arrives garbled) and says
// `charset=utf-8`. One helper, `csvResponse`, does both; these find every CSV route and call it.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.includes(".test.") ? [full] : [];
  });
}

const app = path.resolve("app");
const routesDir = path.join(app, "routes");
/** Route modules that answer a CSV document: their address ends in `.csv`. */
const csvRoutes = sourceFiles(routesDir).filter((file) => /\[\.\]csv\.tsx?$/.test(file));

describe("every CSV download", () => {
  it("is built by the one helper: nothing else names the CSV type", () => {
    const naming = sourceFiles(app)
      .filter((file) => readFileSync(file, "utf8").includes("text/csv"))
      .map((file) => path.relative(app, file));
    expect(naming).toEqual(["utils/csv.server.ts"]);
    expect(csvRoutes.length).toBeGreaterThanOrEqual(2);
    for (const file of csvRoutes) {
      expect(readFileSync(file, "utf8"), path.relative(routesDir, file)).toMatch(/csvResponse\(/);
    }
  });

  it("starts with the UTF-8 byte-order mark and declares charset=utf-8", async () => {
    const staff = await createUser({ role: "staff", displayName: "Maëlle Ström" });
    const member = await createUser({ displayName: "Inès Núñez" });
    const space = await createTestSpace({ name: "Équipe" });
    const thread = await createTestThread(member, space.id, { title: "Café — naïve façade" });
    const itemId = await createBacklogItem(
      staff,
      {
        title: "Export für Übersicht",
        description: null,
        ownerId: staff.id,
        target: "",
        externalUrl: null,
        isPublic: false,
        tagIds: [],
      },
      { threadId: thread.threadId },
    );
    const account = await createAccount({ name: "Société Générale d'Exemple" });
    await createTestSnapshot(account.id, "2026-01-31", { revenueCents: 1_000_00 });
    // The value downloads say which table (and snapshot) they are: their pages' links do.
    const queries: Record<string, string> = {
      "insights+/value[.]csv.ts": "?table=top&asOf=2026-01-31",
      "insights+/groups[.]csv.ts": "?table=summary",
    };
    const { get } = await signedIn(staff);
    const params: Record<string, string> = { itemId, accountId: account.id };
    for (const file of csvRoutes) {
      const name = path.relative(routesDir, file);
      const { loader } = (await import(/* @vite-ignore */ file)) as { loader: LoaderFunction };
      const response = (await loader({
        request: get(`/${name}${queries[name] ?? ""}`),
        params,
        context: routeContext,
      })) as Response;
      expect(response.status, name).toBe(200);
      expect(response.headers.get("Content-Type"), name).toBe("text/csv; charset=utf-8");
      // Read the bytes: Response.text() drops a leading byte-order mark while decoding.
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
      expect(text.startsWith("\uFEFF"), name).toBe(true);
      // Exactly one mark, then the header row.
      expect(text.slice(1).startsWith("\uFEFF"), name).toBe(false);
    }
  });
});

describe("the backlog item's evidence CSV", () => {
  it("names each author's account and tier, as the item page's breakdown does", async () => {
    const staff = await createUser({ role: "staff", displayName: "Staff Sasha" });
    // The largest account by far: the top 1% whatever else this database holds.
    const northwind = await createAccount({ name: "Northwind Größe", revenueCents: 10 ** 13 });
    const big = await createUser({ displayName: "Inès Big", accountId: northwind.id });
    const small = await createUser({ displayName: "Sam Small" });
    const space = await createTestSpace();
    const bigThread = await createTestThread(big, space.id, { title: "From the big one" });
    const smallThread = await createTestThread(small, space.id, { title: "From the small one" });
    const staffThread = await createTestThread(staff, space.id, { title: "From staff" });
    const itemId = await createBacklogItem(
      staff,
      {
        title: "Evidence with accounts",
        description: null,
        ownerId: null,
        target: "",
        externalUrl: null,
        isPublic: false,
        tagIds: [],
      },
      { threadId: bigThread.threadId },
    );
    await addEvidence(staff, itemId, { postId: smallThread.postId });
    await addEvidence(staff, itemId, { postId: staffThread.postId });

    const { loader } = await import("./staff+/backlog.$itemId.evidence[.]csv");
    const { get } = await signedIn(staff);
    const response = (await loader({
      request: get(`/staff/backlog/${itemId}/evidence.csv`),
      params: { itemId },
      context: routeContext,
    })) as Response;
    // No cell here holds a comma or a quote, so a plain split reads the rows.
    const [header, ...lines] = (await response.text()).trim().split("\n");
    const columns = header.split(",");
    const rows = lines.map((line) =>
      Object.fromEntries(line.split(",").map((cell, index) => [columns[index], cell])),
    );
    const byAuthor = Object.fromEntries(rows.map((row) => [row.Author, row]));
    expect(byAuthor["Inès Big"]).toMatchObject({
      "Author's account": "Northwind Größe",
      "Author's tier": "Top 1%",
    });
    expect(byAuthor["Sam Small"]["Author's account"]).toMatch(/^Account [0-9a-f]{8}$/);
    expect(byAuthor["Sam Small"]["Author's tier"]).toMatch(/^(Top 10%|Rest)$/);
    // Staff speak for no account.
    expect(byAuthor["Staff Sasha"]).toMatchObject({ "Author's account": "", "Author's tier": "" });
  });
});
