import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { getAccountHistory, getAccountProfile } from "~/models/account-profile.server";
import { csvResponse, toCsv } from "~/utils/csv.server";
import { tierLabels } from "~/utils/labels";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";

const dollars = (cents: number) => Math.round(cents) / 100;

/** An account's values, rank and tier at each snapshot: the numbers behind its chart. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const accountId = uuidParam(params.accountId);
  invariantResponse(accountId, "No such account.", { status: 404 });
  const [account, history] = await Promise.all([
    getAccountProfile(user, accountId),
    getAccountHistory(user, accountId),
  ]);
  invariantResponse(account, "No such account.", { status: 404 });
  const slug = account.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 40);
  return csvResponse(
    `${slug || "account"}-values.csv`,
    toCsv(
      [
        "As of",
        "Revenue (USD)",
        "Gross profit (USD)",
        "Lifetime value (USD)",
        "Revenue rank",
        "Tier",
      ],
      history.standings.map((s) => [
        s.asOf,
        dollars(s.revenueCents),
        dollars(s.grossProfitCents),
        dollars(s.lifetimeValueCents),
        s.revenueRank,
        tierLabels[s.tier],
      ]),
    ),
  );
}
