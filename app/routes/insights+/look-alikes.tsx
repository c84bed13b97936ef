import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Alert } from "~/components/ui/alert";
import {
  listBestCustomerTraits,
  listLookAlikes,
  listTopProductCombos,
  MIN_TOP_SUPPORT,
} from "~/models/look-alike.server";
import { formatMoney, formatMoneyCompact, formatPercent } from "~/utils/format";
import { TraitList, traitKindLabels } from "./__traits";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const [best, lookAlikes, combos] = await Promise.all([
    listBestCustomerTraits(user),
    listLookAlikes(user),
    listTopProductCombos(user),
  ]);
  return { ...best, lookAlikes, combos, minSupport: MIN_TOP_SUPPORT };
}

/**
 * Who looks like a best customer but does not spend like one: the traits more common among the
 * top tiers than among all accounts (with their lift), the accounts outside the top tiers that
 * share the most of them, and the product combinations the top tiers hold.
 */
export default function LookAlikesPage() {
  const { traits, topAccounts, lookAlikes, combos, minSupport } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Look-alikes</h1>
          <p>
            Accounts that share the traits of your top-tier accounts (the top 1% and top 10%) but
            have not spent to their potential. A trait's <strong>lift</strong> is how much more
            common it is among the {topAccounts} top-tier accounts than among all accounts; an
            account's score adds up (lift − 1) for each best-customer trait it has.
          </p>
        </div>
      </div>
      {traits.length === 0 ? (
        <Alert tone="info">
          No trait is yet shared by {minSupport} or more top-tier accounts more often than by the
          rest. Import accounts with their segment, region, source and products to see look-alikes.
        </Alert>
      ) : null}
      <section className="card stack" aria-labelledby="look-alikes-heading">
        <h2 id="look-alikes-heading">Accounts most like the top tier</h2>
        {lookAlikes.length === 0 ? (
          <p className="muted">No account outside the top tiers shares a best-customer trait.</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">
                Accounts outside the top tiers, the most like the top tier first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col" className="num">
                    Revenue (12 mo)
                  </th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col">Matching traits (lift)</th>
                </tr>
              </thead>
              <tbody>
                {lookAlikes.map((account) => (
                  <tr key={account.accountId}>
                    <th scope="row">
                      <Link to={`/insights/accounts/${account.accountId}`}>{account.name}</Link>
                    </th>
                    <td className="num" title={formatMoney(account.revenueCents)}>
                      {formatMoneyCompact(account.revenueCents)}
                    </td>
                    <td className="num">{account.score.toFixed(1)}</td>
                    <td>
                      <TraitList traits={account.traits} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card stack" aria-labelledby="traits-heading">
        <h2 id="traits-heading">Best-customer traits</h2>
        <p className="small muted">
          Traits held by at least {minSupport} top-tier accounts and more common among them than
          among all accounts.
        </p>
        {traits.length > 0 ? (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">
                Best-customer traits, strongest lift first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Trait</th>
                  <th scope="col" className="num">
                    Top-tier accounts with it
                  </th>
                  <th scope="col" className="num">
                    All accounts with it
                  </th>
                  <th scope="col" className="num">
                    Lift
                  </th>
                </tr>
              </thead>
              <tbody>
                {traits.map((trait) => (
                  <tr key={`${trait.kind}:${trait.value}`}>
                    <th scope="row">
                      {traitKindLabels[trait.kind]}: {trait.value}
                    </th>
                    <td className="num">
                      {trait.topWith} ({formatPercent(trait.topShare)})
                    </td>
                    <td className="num">
                      {trait.allWith} ({formatPercent(trait.allShare)})
                    </td>
                    <td className="num">×{trait.lift.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="combos-heading">
        <h2 id="combos-heading">Products the top tier holds together</h2>
        {combos.length === 0 ? (
          <p className="muted">
            No two products are held together by {minSupport} or more top-tier accounts yet.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">
                Product combinations most common among top-tier accounts
              </caption>
              <thead>
                <tr>
                  <th scope="col">Products</th>
                  <th scope="col" className="num">
                    Top-tier accounts
                  </th>
                  <th scope="col" className="num">
                    Share of all accounts
                  </th>
                </tr>
              </thead>
              <tbody>
                {combos.map((combo) => (
                  <tr key={combo.products.join("+")}>
                    <th scope="row">{combo.products.join(" + ")}</th>
                    <td className="num">
                      {combo.topWith} ({formatPercent(combo.topShare)})
                    </td>
                    <td className="num">{formatPercent(combo.allShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Look-alikes · Insights · Vanguard" }];
