import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { openStaffExport } from "~/models/staff-export.server";

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
  const day = new Date().toISOString().slice(0, 10);
  return new Response(file.stream, {
    headers: {
      "Content-Type":
        file.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="vanguard-${file.kind}-${day}.${file.format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
