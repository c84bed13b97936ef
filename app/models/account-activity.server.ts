import { sql } from "drizzle-orm";
import { db } from "~/db.server";

/**
 * Keeps the per-account activity figures (`account_activity_months`, `account_activity_recent`)
 * that the value insights compare groups of accounts by. An hourly job redoes the current and the
 * previous month and the last 30/90 days; `full` redoes every month (after seeding, or on demand).
 */
export async function refreshAccountActivity(options: { full?: boolean } = {}) {
  await db.transaction(async (tx) => {
    await tx.execute(
      options.full
        ? sql`select refresh_account_activity('-infinity'::date)`
        : sql`select refresh_account_activity((date_trunc('month', now()) - interval '1 month')::date)`,
    );
    await tx.execute(sql`select refresh_account_activity_recent()`);
  });
}
