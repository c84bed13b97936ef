import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { openStaffExport } from "~/models/staff-export.server";
import { csvStreamResponse } from "~/utils/csv.server";

/** A finished export of the signed-in person's own, streamed from its stored chunks. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = z.uuid().safeParse(params.exportId);
  const file = id.success ? await openStaffExport(user, id.data) : null;
  if (!file) {
    throw new Response("This export is not yours, not finished, or has expired.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const filename = `vanguard-${file.kind}-${new Date().toISOString().slice(0, 10)}.${file.format}`;
  if (file.format === "csv") return csvStreamResponse(filename, file.stream);
  return new Response(file.stream, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
