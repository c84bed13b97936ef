import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accountImportRows, accounts, accountSnapshots } from "#db/schema";
import { createAccount, createUser } from "#db/testing/factories";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import {
  applyAccountImport,
  discardAccountImport,
  getAccountImport,
  listAccountImports,
  previewAccountImport,
} from "./account-import.server";
import { listAccountSnapshots } from "./account-snapshot.server";
import { Refusal } from "./refusal.server";

const HEADER =
  "External ID,Name,Segment,Region,Revenue (12 months),Gross profit,Lifetime value,Customer since,Renewal date,Account owner,Acquisition source,First product,Products,Contact emails,As of";

/** A unique prefix per test, so rows never meet another test's (each file has its own database). */
const unique = () => Math.random().toString(36).slice(2, 8);

async function previewed(admin: Viewer, lines: string[], name = "accounts.csv") {
  const id = await previewAccountImport(admin, { name, content: [HEADER, ...lines].join("\n") });
  const found = await getAccountImport(admin, id);
  if (!found) throw new Error("the import vanished");
  return found;
}

async function refusalOf(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (error instanceof Refusal) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("importing accounts from CSV", () => {
  it("previews row-level problems by line and column, and refuses to apply them", async () => {
    const admin = await createUser({ role: "admin" });
    const run = unique();
    const preview = await previewed(admin, [
      `${run}-1,Acme ${run},Enterprise,EMEA,"$1,200,000",300000,5000000,2019-04-01,2027-03-31,,Referral,Analytics,Analytics;Forecasting,cfo@acme.test,2026-09-30`,
      `${run}-2,,Mid-market,EMEA,100,10,1000,,,,,,,,2026-09-30`,
      `${run}-3,Bravo ${run},Mid-market,EMEA,lots,10,1000,,,,,,,,2026-09-30`,
      `${run}-1,Acme again ${run},Enterprise,EMEA,1,1,1,,,,,,,,2026-09-30`,
      `${run}-4,Charlie ${run},SMB,APAC,1,1,1,,,nobody@example.test,,,,,2026-09-30`,
      `${run}-5,Delta ${run},SMB,APAC,1,1,1,,,,,,,not-an-email,2999-01-01`,
      `${run}-6,Echo ${run},SMB`,
    ]);
    expect(preview.state).toBe("previewed");
    expect(preview.rowCount).toBe(7);
    expect(preview.errors).toEqual([
      { line: 3, column: "name", message: "Enter the account's name." },
      {
        line: 4,
        column: "revenue",
        message: "Enter an amount in dollars, like 125000 or 125000.50.",
      },
      { line: 5, column: "external_id", message: "This id is already on line 2." },
      {
        line: 6,
        column: "account_owner",
        message: "No staff member has the email nobody@example.test.",
      },
      { line: 7, column: "contact_emails", message: expect.stringContaining("not-an-email") },
      { line: 7, column: "as_of", message: "This date is in the future." },
      { line: 8, column: "", message: "This line has 3 values; the header has 15." },
    ]);
    expect(preview.errorCount).toBe(7);
    expect(await refusalOf(() => applyAccountImport(admin, preview.id))).toEqual({
      status: 409,
      message: "Fix the problems in the file and upload it again.",
    });
    const staged = await db
      .select()
      .from(accountImportRows)
      .where(eq(accountImportRows.importId, preview.id));
    expect(staged).toHaveLength(0);
    const [acme] = await db
      .select()
      .from(accounts)
      .where(eq(accounts.externalId, `${run}-1`));
    expect(acme).toBeUndefined();
  });

  it("refuses a whole file that is not a usable CSV, with a message", async () => {
    const admin = await createUser({ role: "admin" });
    const refused = (content: string) =>
      refusalOf(() => previewAccountImport(admin, { name: "x.csv", content }));
    expect((await refused("")).message).toBe("That file is empty.");
    expect((await refused("Name,Revenue\nAcme,1")).message).toMatch(
      /missing: external_id, gross_profit, lifetime_value, as_of/,
    );
    expect((await refused(HEADER)).message).toBe("That file has a header but no accounts.");
    expect((await refused(`${HEADER}\n"unclosed,quote`)).message).toMatch(
      /couldn't read this file as CSV/,
    );
    expect((await refused(`${HEADER},Name\n`)).message).toBe("The column name appears twice.");
  });

  it("creates, then updates with a new snapshot; the same file twice changes nothing", async () => {
    const admin = await createUser({ role: "admin" });
    const owner = await createUser({ role: "staff" });
    const run = unique();
    const file = [
      `${run}-1,Acme ${run},Enterprise,EMEA,"$1,200,000.50",300000,5000000,2019-04-01,2027-03-31,${owner.email.toUpperCase()},Referral,Analytics,Analytics; Forecasting;Analytics,cfo@acme.test;CEO@Acme.test,2026-06-30`,
      `${run}-2,Bravo ${run},Mid-market,APAC,250000,50000,900000,,,,Event,Forecasting,Forecasting,,2026-06-30`,
    ];
    const first = await previewed(admin, file);
    expect(first).toMatchObject({ errorCount: 0, created: 2, updated: 0, unchanged: 0 });
    expect(first.changes.map((change) => [change.name, change.kind])).toEqual([
      [`Acme ${run}`, "created"],
      [`Bravo ${run}`, "created"],
    ]);
    expect(await applyAccountImport(admin, first.id)).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    const [acme] = await db
      .select()
      .from(accounts)
      .where(eq(accounts.externalId, `${run}-1`));
    expect(acme).toMatchObject({
      name: `Acme ${run}`,
      revenueCents: 120_000_050,
      region: "EMEA",
      ownerId: owner.id,
      renewalDate: "2027-03-31",
      products: ["Analytics", "Forecasting"],
      contactEmails: ["cfo@acme.test", "ceo@acme.test"],
    });

    // The same file again: nothing to do, and nothing done.
    const again = await previewed(admin, file, "accounts-again.csv");
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, changes: [] });
    expect(await applyAccountImport(admin, again.id)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const [same] = await db.select().from(accounts).where(eq(accounts.id, acme.id));
    expect(same.updatedAt).toEqual(acme.updatedAt);

    // A later quarter: Acme grows; its history keeps both values.
    const later = await previewed(admin, [
      `${run}-1,Acme ${run},Enterprise,EMEA,1500000,350000,5600000,2019-04-01,2027-03-31,${owner.email},Referral,Analytics,Analytics;Forecasting,cfo@acme.test;ceo@acme.test,2026-09-30`,
      file[1].replace("2026-06-30", "2026-09-30"),
    ]);
    expect(later).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(later.changes).toEqual([
      expect.objectContaining({
        name: `Acme ${run}`,
        kind: "updated",
        changed: ["revenue", "gross profit", "lifetime value"],
        previousRevenueCents: 120_000_050,
        revenueCents: 150_000_000,
      }),
    ]);
    await applyAccountImport(admin, later.id);
    expect(
      (await listAccountSnapshots(admin, acme.id)).map((s) => [s.asOf, s.revenueCents]),
    ).toEqual([
      ["2026-06-30", 120_000_050],
      ["2026-09-30", 150_000_000],
    ]);
    expect(await refusalOf(() => applyAccountImport(admin, later.id))).toEqual({
      status: 409,
      message: "This import is already applied.",
    });
    const history = await listAccountImports(admin, 1);
    expect(history.entries.slice(0, 3).map((entry) => entry.fileName)).toEqual([
      "accounts.csv",
      "accounts-again.csv",
      "accounts.csv",
    ]);
    expect(history.entries[0]).toMatchObject({
      state: "applied",
      updated: 1,
      importedBy: admin.displayName,
    });
  });

  it("leaves the fields a file does not carry, adopts an account by name, and refuses a name taken", async () => {
    const admin = await createUser({ role: "admin" });
    const run = unique();
    const existing = await createAccount({ name: `Zulu ${run}`, region: "LATAM", segment: "SMB" });
    await createAccount({ name: `Taken ${run}`, externalId: `${run}-other` });
    const narrow = "External ID,Name,Revenue,Gross profit,Lifetime value,As of";
    const adopt = await previewAccountImport(admin, {
      name: "narrow.csv",
      content: `${narrow}\n${run}-z,Zulu ${run},900,90,9000,2026-09-30`,
    });
    expect(await getAccountImport(admin, adopt)).toMatchObject({ created: 0, updated: 1 });
    await applyAccountImport(admin, adopt);
    const [zulu] = await db.select().from(accounts).where(eq(accounts.id, existing.id));
    expect(zulu).toMatchObject({
      externalId: `${run}-z`,
      revenueCents: 90_000,
      region: "LATAM",
      segment: "SMB",
    });
    const snapshots = await db
      .select()
      .from(accountSnapshots)
      .where(eq(accountSnapshots.accountId, existing.id));
    expect(snapshots.find((s) => s.asOf === "2026-09-30")).toMatchObject({ region: "LATAM" });

    const clash = await previewAccountImport(admin, {
      name: "clash.csv",
      content: `${narrow}\n${run}-new,Taken ${run},1,1,1,2026-09-30\n${run}-n2,Twin ${run},1,1,1,2026-09-30\n${run}-n3,twin ${run},1,1,1,2026-09-30`,
    });
    expect((await getAccountImport(admin, clash))?.errors).toEqual([
      {
        line: 2,
        column: "name",
        message: `Another account is already called “Taken ${run}” (with another external id).`,
      },
      {
        line: 4,
        column: "name",
        message: `Another row of this file is already called “twin ${run}”.`,
      },
    ]);
  });

  it("is for admins only: every other role is refused every step", async () => {
    const admin = await createUser({ role: "admin" });
    const run = unique();
    const id = await previewAccountImport(admin, {
      name: "a.csv",
      content: `${HEADER}\n${run},Solo ${run},,,1,1,1,,,,,,,,2026-09-30`,
    });
    for (const role of ["member", "moderator", "staff"] as const) {
      const someone = await createUser({ role });
      for (const step of [
        () => previewAccountImport(someone, { name: "a.csv", content: HEADER }),
        () => getAccountImport(someone, id),
        () => applyAccountImport(someone, id),
        () => discardAccountImport(someone, id),
        () => listAccountImports(someone, 1),
      ]) {
        expect((await refusalOf(step)).status, role).toBe(403);
      }
    }
    await discardAccountImport(admin, id);
    expect(await refusalOf(() => applyAccountImport(admin, id))).toMatchObject({ status: 409 });
  });

  it("applies an import once when it is applied twice at the same moment", async () => {
    const admin = await createUser({ role: "admin" });
    const run = unique();
    const id = await previewAccountImport(admin, {
      name: "twice.csv",
      content: `${HEADER}\n${run},Twice ${run},,,5,1,1,,,,,,,,2026-09-30`,
    });
    const outcomes = await Promise.allSettled([
      applyAccountImport(admin, id),
      applyAccountImport(admin, id),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const rows = await db.select().from(accounts).where(eq(accounts.externalId, run));
    expect(rows).toHaveLength(1);
  });
});
