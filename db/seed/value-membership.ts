import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { refreshAllDemand } from "~/models/backlog-demand.server";
import { settleTierChanges } from "~/models/value-membership.server";
import type * as schema from "../schema";

type Db = Pick<PostgresJsDatabase<typeof schema>, "execute">;

/**
 * Value-based membership in the demo: in the latest snapshot one account entered the top tiers
 * (its contact emails wait as invitations for the admin to review) and one left them (its
 * members are alumni, told by a notification). The two swap their latest revenue, so every
 * earlier snapshot stays as it was; then the tiers are settled as an import would settle them.
 * Northwind and SmallCo keep their places: the documented logins depend on them.
 */
export async function seedDemoValueMembership(tx: Db) {
  const [left] = await tx.execute<{ id: string }>(sql`
    select a.id from account_tiers t join accounts a on a.id = t.account_id
    where t.tier = 'top10' and a.name not in ('Northwind', 'SmallCo')
      and exists (select 1 from users u where u.account_id = a.id and u.role = 'member')
      -- In the top tiers in the quarter before too (lapsed.ts raised another account's past).
      and (select s.tier from account_standings s where s.account_id = a.id
        order by s.as_of desc offset 1 limit 1) <> 'rest'
    order by t.revenue_rank desc limit 1`);
  const [entered] = await tx.execute<{ id: string; name: string }>(sql`
    select a.id, a.name from account_tiers t join accounts a on a.id = t.account_id
    where t.tier = 'rest' and a.name not in ('Northwind', 'SmallCo')
      -- The lapsed top account (lapsed.ts) stays out of the top tiers.
      and not exists (select 1 from lapsed_entries l where l.account_id = a.id)
    order by t.revenue_rank asc limit 1`);
  if (!left || !entered) throw new Error("the demo has no account to move across the top tiers");
  const domain = `${entered.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.test`;
  await tx.execute(sql`
    with pair(a, b) as (values (${left.id}::uuid, ${entered.id}::uuid), (${entered.id}::uuid, ${left.id}::uuid)),
    latest as (select max(as_of) as as_of from account_snapshots),
    swapped_snapshots as (
      update account_snapshots s set revenue_cents = o.revenue_cents
      from pair p, latest l, account_snapshots o
      where s.account_id = p.a and s.as_of = l.as_of and o.account_id = p.b and o.as_of = l.as_of
    )
    update accounts x set revenue_cents = y.revenue_cents, updated_at = now()
    from pair p join accounts y on y.id = p.b
    where x.id = p.a`);
  await tx.execute(sql`
    update accounts set contact_emails = array[
      ${`ceo@${domain}`}, ${`it-lead@${domain}`}, ${`success@${domain}`}]
    where id = ${entered.id}`);
  await tx.execute(sql`update community_settings set value_membership = 'review' where id = 1`);
  await tx.execute(sql`select refresh_account_standings('-infinity'::date)`);
  await settleTierChanges(tx, null);
  // Tiers weigh demand: the backlog's figures follow, as after any change of revenue.
  await refreshAllDemand(tx);
}
