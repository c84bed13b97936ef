import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { accountImportRows, accountImports, accounts, accountSnapshots, users } from "#db/schema";
import { can, rolesWith, type Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import { enqueueJobs } from "~/jobs.server";
import {
  columnName,
  type ImportProblem,
  MAX_IMPORT_PROBLEMS,
  readAccountFile,
} from "./account-import-file.server";
import {
  countChanges,
  listImportChanges,
  matchedAccount,
  type OptionalColumn,
  STAGED_COLUMNS,
} from "./account-import-changes.server";
import { recordAuditEvent } from "./audit.server";
import { lockAccountValues, refreshAccountStandings } from "./account-standing.server";
import { afterSettling, settleTierChanges, type Settled } from "./value-membership.server";
import { refreshAllDemand } from "./backlog-demand.server";
import { refreshIdeaTotals } from "./idea.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/**
 * Account values imported from a CSV file: previewed first (what would be created, updated or
 * left unchanged, and every row-level problem), then applied whole in one transaction, or not at
 * all. Accounts are matched by external id, or by name for an account that has none yet. Each
 * applied import adds a dated snapshot of every account it names, so values are kept over time.
 * Applying the same file again changes nothing.
 */

// Rows staged per statement: a few megabytes of JSON each.
const INSERT_CHUNK = 10_000;
export const IMPORT_HISTORY_PAGE_SIZE = 50;
const CHANGES_SHOWN = 50;

function requireImporter(actor: Viewer) {
  if (!can(actor, "manage:account:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
}

/**
 * Reads the file, checks each row, and stages what it would do. Returns the import's id; the
 * preview (`getAccountImport`) shows its problems and changes.
 */
export async function previewAccountImport(
  actor: Viewer,
  file: { name: string; content: string },
): Promise<string> {
  requireImporter(actor);
  const read = readAccountFile(file.content);
  if (!read.ok) throw new Refusal(read.message, 400, "file");
  const problems = [...read.problems];
  let problemCount = read.problemCount;
  const problem = (found: ImportProblem) => {
    problemCount += 1;
    if (problems.length < MAX_IMPORT_PROBLEMS) problems.push(found);
  };

  // Owners are named by email and must be staff (or admins): one query for the whole file.
  const ownerEmails = [...new Set(read.rows.flatMap((row) => row.ownerEmail ?? []))];
  const owners = new Map<string, string>();
  if (ownerEmails.length > 0) {
    const found = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        and(
          inArray(sql`lower(${users.email})`, ownerEmails),
          inArray(users.role, rolesWith("manage:backlog:any")),
        ),
      );
    for (const owner of found) owners.set(owner.email.toLowerCase(), owner.id);
  }
  const rows = read.rows.filter((row) => {
    if (!row.ownerEmail || owners.has(row.ownerEmail)) return true;
    problem({
      line: row.line,
      column: columnName("ownerEmail"),
      message: `No staff member has the email ${row.ownerEmail}.`,
    });
    return false;
  });

  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(accountImports)
      .values({
        importedById: actor.id,
        fileName: file.name.slice(0, 200) || "accounts.csv",
        rowCount: read.rowCount,
        asOf: rows.reduce<string | null>(
          (latest, row) => (!latest || row.asOf > latest ? row.asOf : latest),
          null,
        ),
      })
      .returning({ id: accountImports.id });
    const importId = created.id;
    // As one JSON document per chunk, expanded by PostgreSQL: a parameter per value would cost
    // seconds per 20,000 rows in the driver.
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK).map((row) => ({
        line: row.line,
        external_id: row.externalId,
        name: row.name,
        segment: row.segment,
        region: row.region,
        revenue_cents: row.revenueCents,
        gross_profit_cents: row.grossProfitCents,
        lifetime_value_cents: row.lifetimeValueCents,
        customer_since: row.customerSince,
        renewal_date: row.renewalDate,
        owner_id: row.ownerEmail ? (owners.get(row.ownerEmail) ?? null) : null,
        acquisition_source: row.acquisitionSource,
        first_product: row.firstProduct,
        products: row.products,
        contact_emails: row.contactEmails,
        as_of: row.asOf,
      }));
      await tx.execute(sql`
        insert into ${accountImportRows} (import_id, line, external_id, name, segment, region,
          revenue_cents, gross_profit_cents, lifetime_value_cents, customer_since, renewal_date,
          owner_id, acquisition_source, first_product, products, contact_emails, as_of)
        select ${importId}, x.line, x.external_id, x.name, x.segment, x.region, x.revenue_cents,
          x.gross_profit_cents, x.lifetime_value_cents, x.customer_since, x.renewal_date,
          x.owner_id, x.acquisition_source, x.first_product, x.products, x.contact_emails, x.as_of
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(line int, external_id text,
          name text, segment text, region text, revenue_cents bigint, gross_profit_cents bigint,
          lifetime_value_cents bigint, customer_since date, renewal_date date, owner_id uuid,
          acquisition_source text, first_product text, products text[], contact_emails text[],
          as_of date)`);
    }
    // Window functions, not a lookup per row: a file of 100,000 rows stays one pass.
    const clashes = await tx.execute<{ line: number; name: string; clash: string }>(sql`
      select r.line, r.name, case when other.id is not null then 'account' else 'row' end as clash
      from (
        select m.*, row_number() over (partition by lower(m.name) order by m.line) as nth
        from ${matchedAccount(importId)} m
      ) r
      left join ${accounts} other on lower(other.name) = lower(r.name)
        and other.id is distinct from r.account_id
      where other.id is not null or r.nth > 1
      order by r.line`);
    for (const clash of clashes) {
      problem({
        line: clash.line,
        column: columnName("name"),
        message:
          clash.clash === "account"
            ? `Another account is already called “${clash.name}” (with another external id).`
            : `Another row of this file is already called “${clash.name}”.`,
      });
    }
    const columns = read.columns.filter(
      (field): field is OptionalColumn => field in STAGED_COLUMNS,
    );
    const counts = await countChanges(tx, importId, columns);
    await tx
      .update(accountImports)
      .set({
        errorCount: problemCount,
        errors: problems.sort((a, b) => a.line - b.line),
        columns,
        ...counts,
      })
      .where(eq(accountImports.id, importId));
    // A file with problems is fixed and sent again; nothing of it is kept to apply.
    if (problemCount > 0) {
      await tx.delete(accountImportRows).where(eq(accountImportRows.importId, importId));
    }
    return importId;
  });
}

/** What the preview and the history show of an import. */
const importSummary = {
  id: accountImports.id,
  fileName: accountImports.fileName,
  state: accountImports.state,
  asOf: accountImports.asOf,
  rowCount: accountImports.rowCount,
  errorCount: accountImports.errorCount,
  created: accountImports.created,
  updated: accountImports.updated,
  unchanged: accountImports.unchanged,
  createdAt: accountImports.createdAt,
  appliedAt: accountImports.appliedAt,
  importedBy: users.displayName,
};

/** An import with its counts, problems and the first changes it makes (for its preview). */
export async function getAccountImport(actor: Viewer, importId: string) {
  requireImporter(actor);
  const [found] = await db
    .select({ ...importSummary, errors: accountImports.errors, columns: accountImports.columns })
    .from(accountImports)
    .leftJoin(users, eq(users.id, accountImports.importedById))
    .where(eq(accountImports.id, importId));
  if (!found) return null;
  const changes =
    found.state === "previewed" && found.errorCount === 0
      ? await listImportChanges(importId, found.columns as OptionalColumn[], CHANGES_SHOWN)
      : [];
  return { ...found, changes };
}

/**
 * Applies a previewed import whole: accounts created or updated, one snapshot per account for
 * its "as of" date, the counts as they were applied, and the import's rows let go. Refused for
 * an import with problems, or one already applied or discarded.
 */
export async function applyAccountImport(actor: Viewer, importId: string) {
  requireImporter(actor);
  let settled: Settled | null = null;
  const counts = await db.transaction(async (tx) => {
    await lockAccountValues(tx);
    const [found] = await tx
      .select({
        state: accountImports.state,
        errorCount: accountImports.errorCount,
        columns: accountImports.columns,
        fileName: accountImports.fileName,
      })
      .from(accountImports)
      .where(eq(accountImports.id, importId))
      .for("update");
    if (!found) throw new Refusal("No such import.", 404);
    if (found.state !== "previewed") {
      throw new Refusal(
        found.state === "applied"
          ? "This import is already applied."
          : "This import was discarded: upload the file again.",
        409,
      );
    }
    if (found.errorCount > 0) {
      throw new Refusal("Fix the problems in the file and upload it again.", 409);
    }
    const columns = found.columns as OptionalColumn[];
    const counts = await countChanges(tx, importId, columns);
    const carried = columns.map((column) => STAGED_COLUMNS[column]);
    const insertColumns = [
      "external_id",
      "name",
      "revenue_cents",
      "gross_profit_cents",
      "lifetime_value_cents",
      ...carried,
    ];
    const list = sql.raw(insertColumns.join(", "));
    const fromRows = sql.raw(insertColumns.map((column) => `r.${column}`).join(", "));
    // An account matched by name takes its external id from the file first, so the upsert below
    // finds every matched account by external id.
    await tx.execute(sql`
      update ${accounts} a set external_id = r.external_id
      from ${matchedAccount(importId)} r
      where a.id = r.account_id and a.external_id is null`);
    await tx.execute(sql`
      insert into ${accounts} (${list})
      select ${fromRows} from ${accountImportRows} r where r.import_id = ${importId}
      on conflict (external_id) do update set
        ${sql.raw(
          insertColumns
            .filter((column) => column !== "external_id")
            .map((column) => `${column} = excluded.${column}`)
            .join(", "),
        )}, updated_at = now()
      where ${sql.raw(
        insertColumns
          .filter((column) => column !== "external_id")
          .map((column) => `accounts.${column} is distinct from excluded.${column}`)
          .join(" or "),
      )}`);
    await tx.execute(sql`
      insert into ${accountSnapshots} (account_id, as_of, import_id, segment, region,
        revenue_cents, gross_profit_cents, lifetime_value_cents, products)
      select a.id, r.as_of, ${importId}, a.segment, a.region, r.revenue_cents,
        r.gross_profit_cents, r.lifetime_value_cents, a.products
      from ${accountImportRows} r join ${accounts} a on a.external_id = r.external_id
      where r.import_id = ${importId}
      on conflict (account_id, as_of) do update set import_id = excluded.import_id,
        segment = excluded.segment, region = excluded.region,
        revenue_cents = excluded.revenue_cents, gross_profit_cents = excluded.gross_profit_cents,
        lifetime_value_cents = excluded.lifetime_value_cents, products = excluded.products
      where (account_snapshots.segment, account_snapshots.region, account_snapshots.revenue_cents,
          account_snapshots.gross_profit_cents, account_snapshots.lifetime_value_cents,
          account_snapshots.products)
        is distinct from (excluded.segment, excluded.region, excluded.revenue_cents,
          excluded.gross_profit_cents, excluded.lifetime_value_cents, excluded.products)`);
    if (counts.created + counts.updated > 0) {
      // Revenue moves tiers and the value behind ideas and backlog items.
      await refreshIdeaTotals(
        tx,
        sql`exists (select 1 from ${accountImportRows} r
          join ${accounts} a on a.external_id = r.external_id
          join ${users} u on u.account_id = a.id
          join idea_votes v on v.user_id = u.id
          where r.import_id = ${importId} and v.idea_id = ideas.thread_id)`,
      );
      await refreshAllDemand(tx);
    }
    const [{ since }] = await tx
      .select({ since: sql<string>`min(${accountImportRows.asOf})` })
      .from(accountImportRows)
      .where(eq(accountImportRows.importId, importId));
    await refreshAccountStandings(tx, since);
    settled = await settleTierChanges(tx, importId);
    await tx.delete(accountImportRows).where(eq(accountImportRows.importId, importId));
    await tx
      .update(accountImports)
      .set({ state: "applied", appliedAt: new Date(), ...counts })
      .where(eq(accountImports.id, importId));
    await recordAuditEvent(
      {
        actorId: actor.id,
        action: "account.imported",
        targetType: "account_import",
        targetId: importId,
        details: { file: found.fileName, ...counts },
      },
      tx,
    );
    return counts;
  });
  if (settled) await afterSettling(actor, settled);
  // New values may put accounts on the lapsed list (or take them off): found by the job, so a
  // large import isn't held up by it.
  await enqueueJobs("detect-lapsed", [{}]);
  return counts;
}

/** Lets a previewed import go without applying it. */
export async function discardAccountImport(actor: Viewer, importId: string) {
  requireImporter(actor);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(accountImports)
      .set({ state: "discarded" })
      .where(and(eq(accountImports.id, importId), eq(accountImports.state, "previewed")))
      .returning({ id: accountImports.id });
    if (!updated) throw new Refusal("Only an import waiting to be applied can be discarded.", 409);
    await tx.delete(accountImportRows).where(eq(accountImportRows.importId, importId));
  });
}

/** Every import, newest first: who imported which file, when, and what it did. */
export async function listAccountImports(actor: Viewer, page: number) {
  requireImporter(actor);
  const [entries, [{ total }]] = await Promise.all([
    db
      .select(importSummary)
      .from(accountImports)
      .leftJoin(users, eq(users.id, accountImports.importedById))
      .orderBy(desc(accountImports.createdAt), desc(accountImports.id))
      .limit(IMPORT_HISTORY_PAGE_SIZE)
      .offset((page - 1) * IMPORT_HISTORY_PAGE_SIZE),
    db.select({ total: count() }).from(accountImports),
  ]);
  return { entries, total };
}
