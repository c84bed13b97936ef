import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { VALUE_TIERS } from "#db/schema/values";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { Badge } from "~/components/ui/badge";
import { FilterSelect, labelledOptions } from "~/components/ui/filter-select";
import { ACCOUNT_SEARCH_LIMIT, findAccounts } from "~/models/account-profile.server";
import { formatMoney, formatMoneyCompact } from "~/utils/format";
import { tierLabels } from "~/utils/labels";

const QuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  tier: z.enum(VALUE_TIERS).nullable().catch(null),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const params = new URL(request.url).searchParams;
  const query = QuerySchema.parse({ q: params.get("q") ?? "", tier: params.get("tier") || null });
  return { query, accounts: await findAccounts(user, query), limit: ACCOUNT_SEARCH_LIMIT };
}

/** Find an account to open its page: by name, or the largest of a tier. */
export default function InsightAccountsPage() {
  const { query, accounts, limit } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Accounts</h1>
          <p>Open an account to see its values over time, its people and what they asked for.</p>
        </div>
      </div>
      <Form method="get" className="filters" role="search" aria-label="Find accounts">
        <div className="field">
          <label htmlFor="q">Name</label>
          <input id="q" name="q" type="search" defaultValue={query.q} />
        </div>
        <FilterSelect
          id="tier"
          name="tier"
          label="Tier"
          value={query.tier ?? undefined}
          any="Any tier"
          options={labelledOptions(VALUE_TIERS, tierLabels)}
        />
        <button type="submit" className="btn">
          Find
        </button>
      </Form>
      {accounts.length === 0 ? (
        <p className="muted">No account matches. Try part of its name, or any tier.</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Accounts, largest revenue first</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Tier</th>
                <th scope="col">Segment</th>
                <th scope="col" className="num">
                  Revenue (12 mo)
                </th>
                <th scope="col">Renewal</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.id}>
                  <th scope="row">
                    <Link to={`/insights/accounts/${account.id}`}>{account.name}</Link>
                  </th>
                  <td>
                    <Badge tone={account.tier === "rest" ? "neutral" : "accent"}>
                      {tierLabels[account.tier]}
                    </Badge>
                  </td>
                  <td>{account.segment || "—"}</td>
                  <td className="num" title={formatMoney(account.revenueCents)}>
                    {formatMoneyCompact(account.revenueCents)}
                  </td>
                  <td>{account.renewalDate ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {accounts.length === limit ? (
        <p className="small muted">Showing the {limit} largest matches; narrow by name or tier.</p>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Accounts · Insights · Vanguard" }];
