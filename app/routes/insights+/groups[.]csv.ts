import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { ACTIVITY_KINDS, compareValueGroups } from "~/models/value-groups.server";
import { csvResponse, toCsv } from "~/utils/csv.server";
import { tierLabels } from "~/utils/labels";
import { invariantResponse } from "~/utils/responses.server";

const QuerySchema = z.object({ table: z.enum(["summary", "retention", "seasonality"]) });
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The numbers behind one chart of the top-groups page, as the table beside it shows them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "read:account:any");
  const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  invariantResponse(query.success, "No such table.", { status: 404 });
  const { summaries, retention, seasonality } = await compareValueGroups(user);
  const header = ["Group", ...summaries.map((s) => tierLabels[s.tier])];
  switch (query.data.table) {
    case "summary":
      return csvResponse(
        "top-groups-activity.csv",
        toCsv(header, [
          ["Accounts", ...summaries.map((s) => s.accounts)],
          ["Members", ...summaries.map((s) => s.members)],
          ["Members per account", ...summaries.map((s) => s.membersPerAccount)],
          ["Share active in 30 days", ...summaries.map((s) => s.active30Share)],
          ["Share active in 90 days", ...summaries.map((s) => s.active90Share)],
          ...ACTIVITY_KINDS.map((kind) => [
            `${kind[0].toUpperCase()}${kind.slice(1)} per member per month`,
            ...summaries.map((s) => s.rates[kind]),
          ]),
        ]),
      );
    case "retention":
      return csvResponse(
        "top-groups-retention.csv",
        toCsv(
          ["Month", ...header.slice(1)],
          retention.months.map((month, index) => [
            month,
            ...summaries.map((s) => retention.shares[s.tier][index]),
          ]),
        ),
      );
    case "seasonality":
      return csvResponse(
        "top-groups-seasonality.csv",
        toCsv(
          ["Month of the year", ...header.slice(1)],
          MONTHS.map((month, index) => [
            month,
            ...summaries.map((s) => seasonality[s.tier][index]),
          ]),
        ),
      );
  }
}
