import { sql, type SQL } from "drizzle-orm";
import type { Viewer } from "~/auth/policy.server";
import { db } from "~/db.server";
import type { TraitKind } from "~/utils/trait-kinds";
import { requireAccountReader } from "./account-profile.server";
import { keptFigures } from "./insight-figures.server";

/**
 * Look-alikes: accounts outside the top tiers (top 1% and top 10%) that share the traits of the
 * accounts inside them. A trait's lift is how much more common it is among top-tier accounts
 * than among all accounts (share among top ÷ share among all); a trait is a best-customer trait
 * when its lift is above 1 and at least MIN_TOP_SUPPORT top-tier accounts have it. An account's
 * score is the sum of (lift − 1) over the best-customer traits it has, so the ranking explains
 * itself: every point comes from a trait shown beside it. All in SQL, one query per list, kept
 * until account values or activity change (insight-figures.server.ts).
 */

/** A trait held by a single top-tier account says little about the tier. */
export const MIN_TOP_SUPPORT = 2;
export const LOOK_ALIKES_SHOWN = 50;
const COMBOS_SHOWN = 10;

export type Trait = {
  kind: TraitKind;
  value: string;
  topWith: number;
  allWith: number;
  topShare: number;
  allShare: number;
  lift: number;
};

/**
 * Every account with its traits' fields and whether it is in the top tiers; or, given an id, that
 * account alone (its tier then unread: matching one account's traits does not need it).
 */
const baseSql = (accountId: string | null = null) => sql`
  base as (
    select a.id, a.name, a.revenue_cents,
      ${accountId ? sql`false` : sql`t.tier in ('top1', 'top10')`} as top, a.segment,
      a.region, a.acquisition_source, a.first_product, a.products, a.customer_since,
      coalesce(r.members, 0) as members, coalesce(r.active_90, 0) as active_90
    from accounts a
    ${accountId ? sql`` : sql`join account_tiers t on t.account_id = a.id`}
    left join account_activity_recent r on r.account_id = a.id
    ${accountId ? sql`where a.id = ${accountId}` : sql``}
  )`;

/** Each account of `base`'s traits, one row each. */
const traitsSql = sql`
  traits as (
    select id, top, 'segment' as kind, segment as value from base where segment <> ''
    union all
    select id, top, 'region', region from base where region <> ''
    union all
    select id, top, 'acquisition', acquisition_source from base where acquisition_source <> ''
    union all
    select id, top, 'first_product', first_product from base where first_product <> ''
    union all
    select distinct b.id, b.top, 'product', p.name
    from base b cross join unnest(b.products) as p(name) where p.name <> ''
    union all
    select id, top, 'tenure', case
        when customer_since > current_date - interval '1 year' then 'Under 1 year'
        when customer_since > current_date - interval '3 years' then '1–3 years'
        when customer_since > current_date - interval '5 years' then '3–5 years'
        else '5 years or more' end
    from base where customer_since is not null
    union all
    select id, top, 'engagement', case
        when members = 0 then 'No members yet'
        when active_90 = 0 then 'Quiet: nobody active in 90 days'
        when active_90 * 2 < members then 'Some: under half active in 90 days'
        else 'Engaged: half or more active in 90 days' end
    from base
  )`;

/** Every account's traits, and each trait's lift among the top tiers. */
const accountTraits = sql`
  ${baseSql()},
  ${traitsSql},
  totals as (
    select count(*) filter (where top)::float8 as top_n, count(*)::float8 as all_n from base
  ),
  lifts as (
    select tr.kind, tr.value, count(*) filter (where tr.top)::int as top_with,
      count(*)::int as all_with,
      coalesce(count(*) filter (where tr.top) / nullif(min(t.top_n), 0), 0) as top_share,
      count(*) / min(t.all_n) as all_share
    from traits tr cross join totals t
    group by tr.kind, tr.value
  ),
  best as (
    select *, top_share / all_share as lift from lifts
    where top_with >= ${MIN_TOP_SUPPORT} and top_share > all_share
  )`;

function toTrait(row: {
  kind: TraitKind;
  value: string;
  top_with: number;
  all_with: number;
  top_share: number;
  all_share: number;
  lift: number;
}): Trait {
  return {
    kind: row.kind,
    value: row.value,
    topWith: row.top_with,
    allWith: row.all_with,
    topShare: row.top_share,
    allShare: row.all_share,
    lift: row.lift,
  };
}

/** The best-customer traits a page lists; an account's page matches against all of them. */
const TRAITS_SHOWN = 100;
const TRAITS_KEPT = 1_000;

type BestTraits = { traits: Trait[]; topAccounts: number };

/** Every best-customer trait, the strongest lift first, and how many accounts are in the top tiers. */
function keptBestTraits(): Promise<BestTraits> {
  return keptFigures("best-traits", async () => {
    const rows = await db.execute<Parameters<typeof toTrait>[0] & { top_n: number }>(
      sql`with ${accountTraits}
      select b.*, t.top_n::int as top_n
      from best b cross join totals t
      order by b.lift desc, b.top_with desc, b.kind, b.value
      limit ${TRAITS_KEPT}`,
    );
    return { traits: rows.map(toTrait), topAccounts: rows[0]?.top_n ?? 0 };
  });
}

/** The best-customer traits, the strongest lift first, and how many accounts are in the top tiers. */
export async function listBestCustomerTraits(viewer: Viewer): Promise<BestTraits> {
  requireAccountReader(viewer);
  const best = await keptBestTraits();
  return { traits: best.traits.slice(0, TRAITS_SHOWN), topAccounts: best.topAccounts };
}

export type LookAlike = {
  accountId: string;
  name: string;
  revenueCents: number;
  score: number;
  traits: Trait[];
};

async function rankLookAlikes(which: SQL, limit: number): Promise<LookAlike[]> {
  const rows = await db.execute<{
    id: string;
    name: string;
    revenue_cents: string;
    score: number;
    traits: Parameters<typeof toTrait>[0][];
  }>(sql`with ${accountTraits}
    select b.id, b.name, b.revenue_cents, sum(best.lift - 1) as score,
      jsonb_agg(jsonb_build_object('kind', best.kind, 'value', best.value,
        'top_with', best.top_with, 'all_with', best.all_with, 'top_share', best.top_share,
        'all_share', best.all_share, 'lift', best.lift) order by best.lift desc) as traits
    from base b
    join traits tr on tr.id = b.id
    join best on best.kind = tr.kind and best.value = tr.value
    where ${which}
    group by b.id, b.name, b.revenue_cents
    order by sum(best.lift - 1) desc, b.revenue_cents asc, b.name
    limit ${limit}`);
  return rows.map((row) => ({
    accountId: row.id,
    name: row.name,
    revenueCents: Number(row.revenue_cents),
    score: row.score,
    traits: row.traits.map(toTrait),
  }));
}

/** Accounts outside the top tiers, the most like the top tier first, each with its matching traits. */
export async function listLookAlikes(viewer: Viewer): Promise<LookAlike[]> {
  requireAccountReader(viewer);
  return keptFigures("look-alikes", () => rankLookAlikes(sql`not b.top`, LOOK_ALIKES_SHOWN));
}

/**
 * One account's best-customer traits (for its page), or null when it has none: its own traits
 * (one account's rows) matched against the kept best traits, scored as the ranking scores.
 */
export async function getAccountLookAlike(viewer: Viewer, accountId: string) {
  requireAccountReader(viewer);
  const [best, own] = await Promise.all([
    keptBestTraits(),
    db.execute<{ kind: TraitKind; value: string }>(sql`
      with ${baseSql(accountId)}, ${traitsSql}
      select kind, value from traits`),
  ]);
  const owned = new Set(own.map((row) => `${row.kind}\u0000${row.value}`));
  const traits = best.traits.filter((trait) => owned.has(`${trait.kind}\u0000${trait.value}`));
  if (traits.length === 0) return null;
  return { score: traits.reduce((sum, trait) => sum + trait.lift - 1, 0), traits };
}

export type ProductCombo = {
  products: string[];
  topWith: number;
  topShare: number;
  allShare: number;
};

/** The pairs and trios of products most often held together by top-tier accounts. */
export async function listTopProductCombos(viewer: Viewer): Promise<ProductCombo[]> {
  requireAccountReader(viewer);
  return keptFigures("product-combos", computeTopProductCombos);
}

async function computeTopProductCombos(): Promise<ProductCombo[]> {
  const rows = await db.execute<{
    products: string[];
    top_with: number;
    top_share: number;
    all_share: number;
  }>(sql`
    with owned as (
      select distinct a.id, p.name
      from accounts a join account_tiers t on t.account_id = a.id
      cross join unnest(a.products) as p(name)
      where t.tier in ('top1', 'top10') and p.name <> ''
    ),
    totals as (
      select count(*) filter (where t.tier in ('top1', 'top10'))::float8 as top_n,
        count(*)::float8 as all_n
      from account_tiers t
    ),
    combos as (
      select array[x.name, y.name] as products, x.id
      from owned x join owned y on y.id = x.id and y.name > x.name
      union all
      select array[x.name, y.name, z.name], x.id
      from owned x join owned y on y.id = x.id and y.name > x.name
        join owned z on z.id = x.id and z.name > y.name
    ),
    common as (
      select products, count(*)::int as top_with from combos
      group by products
      having count(*) >= ${MIN_TOP_SUPPORT}
      order by count(*) desc, cardinality(products) desc, products
      limit ${COMBOS_SHOWN}
    )
    select c.products, c.top_with, c.top_with / nullif(t.top_n, 0) as top_share,
      (select count(*) from accounts a where a.products @> c.products) / t.all_n as all_share
    from common c cross join totals t
    order by c.top_with desc, cardinality(c.products) desc, c.products`);
  return rows.map((row) => ({
    products: row.products,
    topWith: row.top_with,
    topShare: row.top_share,
    allShare: row.all_share,
  }));
}
