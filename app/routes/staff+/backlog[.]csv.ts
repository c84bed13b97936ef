import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { exportBacklog } from "~/models/backlog-list.server";
import { csvResponse, toCsv } from "~/utils/csv.server";
import { backlogStatusLabels } from "~/utils/labels";
import { publicOrigin } from "~/utils/request.server";
import { readBacklogQuery } from "./__backlog-query.server";

const dollars = (cents: number) => Math.round(cents / 100);

/** The backlog as the list's filters and order select it, with its demand figures. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const { modelQuery } = readBacklogQuery(request);
  const items = await exportBacklog(user, modelQuery);
  const origin = publicOrigin();
  const csv = toCsv(
    [
      "Title",
      "Status",
      "Public",
      "Owner",
      "Target",
      "Tracked at",
      "Tags",
      "Members",
      "Value-weighted",
      "Influence-weighted",
      "Accounts",
      "Revenue (USD)",
      "Lifetime value (USD)",
      "Revenue from top 1% (USD)",
      "Revenue from top 10% (USD)",
      "Critical votes",
      "Important votes",
      "Nice-to-have votes",
      "Evidence",
      "Created",
      "Shipped",
      "Address",
    ],
    items.map((item) => [
      item.title,
      backlogStatusLabels[item.status],
      item.isPublic,
      item.ownerName ?? "",
      item.target,
      item.externalUrl ?? "",
      item.tags,
      item.memberCount,
      item.weightedScore,
      item.influenceWeighted === null ? "" : Math.round(item.influenceWeighted * 100) / 100,
      item.accountCount,
      dollars(item.revenueCents),
      dollars(item.lifetimeValueCents),
      dollars(item.top1RevenueCents),
      dollars(item.top10RevenueCents),
      item.criticalCount,
      item.importantCount,
      item.niceToHaveCount,
      item.evidenceCount,
      item.createdAt,
      item.shippedAt,
      `${origin}/staff/backlog/${item.id}`,
    ]),
  );
  return csvResponse(`backlog-${new Date().toISOString().slice(0, 10)}.csv`, csv);
}
