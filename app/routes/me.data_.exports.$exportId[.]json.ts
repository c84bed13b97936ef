import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/current-user.server";
import { getMyDataExportFile } from "~/models/data-export.server";
import { uuidParam } from "~/utils/query.server";
import { invariantResponse } from "~/utils/responses.server";

/** Downloads one of the signed-in person's own data exports while it is kept. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const exportId = uuidParam(params.exportId);
  invariantResponse(exportId, "No such copy of your data.", { status: 404 });
  const file = await getMyDataExportFile(user, exportId);
  invariantResponse(
    file,
    "That copy of your data isn't there any more: copies are kept for 7 days. Ask for a new one on My data.",
    { status: 404 },
  );
  const day = (file.finishedAt ?? new Date()).toISOString().slice(0, 10);
  return new Response(file.content, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="vanguard-data-${user.handle}-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
