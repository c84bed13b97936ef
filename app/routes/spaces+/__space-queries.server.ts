import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import { getSpaceForViewer } from "~/models/space.server";
import { invariantResponse } from "~/utils/responses.server";
import { THREAD_KINDS } from "#db/schema/values";

/** The signed-in viewer and the space at `slug`, or a 404 when it doesn't exist or isn't theirs. */
export async function requireVisibleSpace(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const space = slug ? await getSpaceForViewer(user, slug) : null;
  invariantResponse(
    space,
    "No such space. It may have been renamed, or be private and not include you.",
    { status: 404 },
  );
  return { user, space };
}

// Server-only so the space pages ship no validation library to the browser.
export const ThreadListQuerySchema = z.object({
  sort: z.enum(["latest", "new", "top"]).catch("latest"),
  kind: z.enum(THREAD_KINDS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const WatchSchema = z.object({ watch: z.enum(["on", "off"]) });
