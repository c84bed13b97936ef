import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUserWithPermission } from "~/auth/current-user.server";
import { getBacklogItem } from "~/models/backlog.server";
import { csvResponse, toCsv } from "~/utils/csv.server";
import { evidenceKindLabels, threadKindLabels, tierLabels } from "~/utils/labels";
import { uuidParam } from "~/utils/query.server";
import { publicOrigin } from "~/utils/request.server";
import { invariantResponse } from "~/utils/responses.server";

/** One item's evidence, one row per thread, post or quoted passage. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "manage:backlog:any");
  const itemId = uuidParam(params.itemId);
  invariantResponse(itemId, "No such backlog item.", { status: 404 });
  const item = await getBacklogItem(user, itemId);
  invariantResponse(item, "No such backlog item.", { status: 404 });
  const origin = publicOrigin();
  const csv = toCsv(
    [
      "Kind",
      "Thread",
      "Thread kind",
      "Space",
      "Author",
      "Author's account",
      "Author's tier",
      "Quoted passage",
      "Since edited",
      "Linked",
      "Address",
    ],
    item.evidence.map((evidence) => [
      evidenceKindLabels[evidence.kind],
      evidence.threadTitle,
      threadKindLabels[evidence.threadKind],
      evidence.spaceName,
      evidence.authorName ?? "",
      evidence.authorAccountName ?? "",
      evidence.authorTier ? tierLabels[evidence.authorTier] : "",
      evidence.quote ?? "",
      evidence.sinceEdited,
      evidence.createdAt,
      evidence.postId ? `${origin}/p/${evidence.postId}` : `${origin}/t/${evidence.threadId}`,
    ]),
  );
  const slug = item.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 40);
  return csvResponse(`evidence-${slug || "item"}.csv`, csv);
}
