import { asc, eq, sql } from "drizzle-orm";
import { accounts, accountSnapshots } from "#db/schema";
import { can, type Viewer } from "~/auth/policy.server";
import { db, type Transaction } from "~/db.server";
import { refreshAccountStandings } from "./account-standing.server";
import { NOT_YOUR_ROLE, Refusal } from "./refusal.server";

/**
 * An account's values over time: one snapshot per account and date, added by each import
 * (account-import.server.ts) and by an admin's edit.
 */

type Executor = Pick<Transaction, "execute">;

/** An account's values at each snapshot, oldest first. */
export async function listAccountSnapshots(actor: Viewer, accountId: string) {
  if (!can(actor, "manage:account:any")) throw new Refusal(NOT_YOUR_ROLE, 403);
  return db
    .select({
      asOf: accountSnapshots.asOf,
      revenueCents: accountSnapshots.revenueCents,
      grossProfitCents: accountSnapshots.grossProfitCents,
      lifetimeValueCents: accountSnapshots.lifetimeValueCents,
      segment: accountSnapshots.segment,
    })
    .from(accountSnapshots)
    .where(eq(accountSnapshots.accountId, accountId))
    .orderBy(asc(accountSnapshots.asOf));
}

/** Records an account's values as of today (an admin's edit is a snapshot too), and today's standings. */
export async function snapshotAccountToday(tx: Executor, accountId: string) {
  await tx.execute(sql`
    insert into ${accountSnapshots} (account_id, as_of, segment, region, revenue_cents,
      gross_profit_cents, lifetime_value_cents, products)
    select id, current_date, segment, region, revenue_cents, gross_profit_cents,
      lifetime_value_cents, products
    from ${accounts} where id = ${accountId}
    on conflict (account_id, as_of) do update set import_id = null, segment = excluded.segment,
      region = excluded.region, revenue_cents = excluded.revenue_cents,
      gross_profit_cents = excluded.gross_profit_cents,
      lifetime_value_cents = excluded.lifetime_value_cents, products = excluded.products`);
  await refreshAccountStandings(tx, sql`current_date`);
}
