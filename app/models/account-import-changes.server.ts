import { sql, type SQL } from "drizzle-orm";
import { accountImportRows, accounts } from "#db/schema";
import { db } from "~/db.server";
import { columnName } from "./account-import-file.server";

/**
 * How an import's staged rows compare with the accounts they would change: which account each
 * row matches, whether it differs in any column the file carries, the counts and the changes
 * shown in a preview. All of it is set-based SQL over the staged rows.
 */

type Executor = Pick<typeof db, "execute">;

/** The optional columns a file may carry, by the staged (and accounts') column that holds each. */
export const STAGED_COLUMNS = {
  segment: "segment",
  region: "region",
  customerSince: "customer_since",
  renewalDate: "renewal_date",
  ownerEmail: "owner_id",
  acquisitionSource: "acquisition_source",
  firstProduct: "first_product",
  products: "products",
  contactEmails: "contact_emails",
} as const;
export type OptionalColumn = keyof typeof STAGED_COLUMNS;

/** Every column compared for a file carrying `columns`, with the words a preview names it by. */
function comparedColumns(columns: OptionalColumn[]): { column: string; label: string }[] {
  return [
    { column: "name", label: "name" },
    { column: "external_id", label: "external id" },
    { column: "revenue_cents", label: "revenue" },
    { column: "gross_profit_cents", label: "gross profit" },
    { column: "lifetime_value_cents", label: "lifetime value" },
    ...columns.map((field) => ({
      column: STAGED_COLUMNS[field],
      label: columnName(field).replaceAll("_", " "),
    })),
  ];
}

/** The account each staged row would change: by external id, else by name if it has no id. */
export function matchedAccount(importId: string): SQL {
  return sql`(
    select ${accountImportRows}.*, coalesce(by_id.id, by_name.id) as account_id
    from ${accountImportRows}
    left join ${accounts} by_id on by_id.external_id = ${accountImportRows.externalId}
    left join ${accounts} by_name on by_id.id is null and by_name.external_id is null
      and lower(by_name.name) = lower(${accountImportRows.name})
    where ${accountImportRows.importId} = ${importId})`;
}

/** Whether a staged row `r` differs from its account `a` in any column the file carries. */
function differs(columns: OptionalColumn[]): SQL {
  const compared = comparedColumns(columns).map(({ column }) =>
    sql.raw(`a.${column} is distinct from r.${column}`),
  );
  return sql`(${sql.join(compared, sql` or `)})`;
}

export async function countChanges(
  executor: Executor,
  importId: string,
  columns: OptionalColumn[],
) {
  const [row] = await executor.execute<{ created: number; updated: number; unchanged: number }>(sql`
    select count(*) filter (where r.account_id is null)::int as created,
      count(*) filter (where r.account_id is not null and ${differs(columns)})::int as updated,
      count(*) filter (where r.account_id is not null and not ${differs(columns)})::int as unchanged
    from ${matchedAccount(importId)} r left join ${accounts} a on a.id = r.account_id`);
  return row;
}

export type AccountImportChange = {
  line: number;
  name: string;
  kind: "created" | "updated";
  revenueCents: number;
  previousRevenueCents: number | null;
  changed: string[];
};

/** The first `limit` rows that create or update an account, with what each changes. */
export async function listImportChanges(
  importId: string,
  columns: OptionalColumn[],
  limit: number,
): Promise<AccountImportChange[]> {
  const changed = comparedColumns(columns).map(({ column, label }) =>
    sql.raw(
      `case when a.id is not null and a.${column} is distinct from r.${column} then '${label}' end`,
    ),
  );
  const rows = await db.execute<{
    line: number;
    name: string;
    kind: "created" | "updated";
    revenue_cents: number;
    previous_revenue_cents: number | null;
    changed: string[];
  }>(sql`
    select r.line, r.name, case when a.id is null then 'created' else 'updated' end as kind,
      r.revenue_cents::float8 as revenue_cents, a.revenue_cents::float8 as previous_revenue_cents,
      array_remove(array[${sql.join(changed, sql`, `)}], null) as changed
    from ${matchedAccount(importId)} r left join ${accounts} a on a.id = r.account_id
    where a.id is null or ${differs(columns)}
    order by r.line limit ${limit}`);
  return rows.map((row) => ({
    line: row.line,
    name: row.name,
    kind: row.kind,
    revenueCents: row.revenue_cents,
    previousRevenueCents: row.previous_revenue_cents,
    changed: row.changed,
  }));
}
