import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import {
  getConcentration,
  listSnapshotDates,
  listTopTierAccounts,
  TOP_SHARES,
  VALUE_MEASURES,
} from "~/models/value-concentration.server";
import { csvResponse, toCsv } from "~/utils/csv.server";
import { invariantResponse } from "~/utils/responses.server";

const QuerySchema = z.object({
  table: z.enum([...VALUE_MEASURES, "top"]),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

const dollars = (cents: number) => Math.round(cents) / 100;

/**
 * The numbers behind the concentration page as of a snapshot: for one measure, its top shares,
 * Gini and cut points, then its Lorenz curve; or the top-tier accounts.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(query.success, "No such table.", { status: 404 });
  const { table, asOf } = query.data;
  const dates = await listSnapshotDates(user);
  invariantResponse(dates.includes(asOf), "No snapshot on that date.", { status: 404 });
  if (table === "top") {
    const top = await listTopTierAccounts(user, asOf);
    return csvResponse(
      `top-tier-accounts-${asOf}.csv`,
      toCsv(
        ["Account", "Segment", "Revenue (USD)", "Share of revenue", "Lifetime value (USD)"],
        top.map((account) => [
          account.name,
          account.segment,
          dollars(account.revenueCents),
          account.share,
          dollars(account.lifetimeValueCents),
        ]),
      ),
    );
  }
  const measure = (await getConcentration(user, asOf)).find((entry) => entry.measure === table)!;
  return csvResponse(
    `${table}-concentration-${asOf}.csv`,
    toCsv(
      ["Figure", "Value"],
      [
        ["Accounts", measure.accounts],
        ["Total (USD)", dollars(measure.totalCents)],
        ...TOP_SHARES.map((percent) => [
          `Share held by the top ${percent}%`,
          measure.topShares[percent],
        ]),
        ["Gini coefficient", measure.gini],
        ["Top-tier cut point (USD)", dollars(measure.cutPoints.top)],
        ["High-tier cut point (USD)", dollars(measure.cutPoints.high)],
        ...measure.lorenz.map((point) => [
          `Lorenz: share held by the smallest ${Math.round(point.accountShare * 100)}% of accounts`,
          point.valueShare,
        ]),
      ],
    ),
  );
}
