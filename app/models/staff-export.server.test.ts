import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  abandonTestStaffExport,
  createTestAccounts,
  createTestSpace,
  createTestThread,
  createUser,
  setTestPerson,
} from "#db/testing/factories";
import { deleteAccount } from "./account-deletion.server";
import {
  buildStaffExport,
  listOwnStaffExports,
  openStaffExport,
  requestStaffExport,
} from "./staff-export.server";

/** The file as downloaded, byte-order mark kept (Response.text() would drop it). */
async function text(stream: ReadableStream<Uint8Array>) {
  const bytes = await new Response(stream).arrayBuffer();
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

async function built(
  viewer: Parameters<typeof requestStaffExport>[0],
  kind: "ideas" | "accounts" | "members" | "backlog",
  format: "csv" | "json",
) {
  const id = await requestStaffExport(viewer, { kind, format });
  await buildStaffExport(id);
  const file = await openStaffExport(viewer, id);
  if (!file) throw new Error("export not ready");
  return { id, body: await text(file.stream) };
}

describe("staff exports", () => {
  it("writes ideas with votes as CSV a spreadsheet reads as text, never as a formula", async () => {
    const space = await createTestSpace({ ideasEnabled: true });
    const author = await createUser();
    const { threadId } = await createTestThread(author, space.id, {
      kind: "idea",
      title: '=HYPERLINK("https://evil.example","Click")',
    });
    const staff = await createUser({ role: "staff" });
    const { body } = await built(staff, "ideas", "csv");
    const rows = parse(body, { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.Id === threadId);
    expect(row).toMatchObject({
      Title: `'=HYPERLINK("https://evil.example","Click")`,
      Votes: "1",
      Important: "1",
      Author: author.displayName,
    });
  });

  it("builds a large list a step at a time, with its progress, as JSON", async () => {
    await createTestAccounts(2_300, "Bulk");
    const admin = await createUser({ role: "admin" });
    const { id, body } = await built(admin, "accounts", "json");
    const accounts = JSON.parse(body) as { name: string; tier: string }[];
    expect(accounts.filter((a) => a.name.startsWith("Bulk ")).length).toBe(2_300);
    const [listed] = await listOwnStaffExports(admin);
    expect(listed).toMatchObject({ id, state: "ready", rowsDone: accounts.length });
    expect(listed.rowsTotal).toBe(accounts.length);
  });

  it("is refused to members and moderators, and readable by its requester alone", async () => {
    for (const role of ["member", "moderator"] as const) {
      const someone = await createUser({ role });
      for (const kind of ["ideas", "backlog", "members", "accounts"] as const) {
        await expect(requestStaffExport(someone, { kind, format: "csv" })).rejects.toMatchObject({
          status: 403,
        });
      }
    }
    const staff = await createUser({ role: "staff" });
    const { id } = await built(staff, "members", "csv");
    const other = await createUser({ role: "staff" });
    expect(await openStaffExport(other, id)).toBeNull();
    // Staff read members without their addresses.
    const file = await openStaffExport(staff, id);
    const rows = parse(await text(file!.stream), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.Email === "")).toBe(true);
  });

  it("builds one export at a time per person", async () => {
    const staff = await createUser({ role: "staff" });
    await requestStaffExport(staff, { kind: "backlog", format: "csv" });
    await expect(requestStaffExport(staff, { kind: "ideas", format: "csv" })).rejects.toMatchObject(
      { status: 409 },
    );
  });

  it("gives a file with emails only to someone who may still read them", async () => {
    const admin = await createUser({ role: "admin" });
    const { id } = await built(admin, "members", "csv");
    await setTestPerson(admin.id, { role: "staff" });
    expect(await openStaffExport({ ...admin, role: "staff" }, id)).toBeNull();
  });

  it("forgets every exported list that may name a person who deletes their account", async () => {
    const admin = await createUser({ role: "admin" });
    const { id } = await built(admin, "members", "json");
    const leaving = await createUser({ displayName: "Ines Gone" });
    await deleteAccount(admin, leaving.id, {
      removePosts: false,
      reason: "Asked by email on 5 December",
    });
    expect(await openStaffExport(admin, id)).toBeNull();
  });

  it("lets a build its process abandoned be asked for again", async () => {
    const staff = await createUser({ role: "staff" });
    const first = await requestStaffExport(staff, { kind: "backlog", format: "json" });
    await abandonTestStaffExport(first);
    const again = await requestStaffExport(staff, { kind: "backlog", format: "json" });
    expect(await buildStaffExport(again)).toMatchObject({ exportId: again });
  });
});
