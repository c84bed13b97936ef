import { z } from "zod";
import { requireUser } from "~/auth/current-user.server";
import type { Viewer } from "~/auth/policy.server";
import { getSpaceForViewer } from "~/models/space.server";
import { getLostSpaceAccess } from "~/models/value-membership.server";
import { formatDate } from "~/utils/format";
import { tierLabels } from "~/utils/labels";
import { expectedFailure, invariantResponse } from "~/utils/responses.server";
import { THREAD_KINDS } from "#db/schema/values";

/** The signed-in viewer and the space at `slug`, or a 404 when it doesn't exist or isn't theirs. */
export async function requireVisibleSpace(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const space = slug ? await getSpaceForViewer(user, slug) : null;
  if (!space && slug) await refuseLostTierSpace(user, slug);
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

/**
 * A tier space the viewer's account gave them until it left the tier: say so plainly (what it
 * is, since when, what they keep) instead of "no such space". Only its own former members learn
 * its name; anyone else gets the usual answer.
 */
async function refuseLostTierSpace(user: Viewer, slug: string) {
  const lost = await getLostSpaceAccess(user, slug);
  if (!lost) return;
  const who =
    lost.minTier === "top1"
      ? `${tierLabels.top1} accounts`
      : `top-tier accounts (${tierLabels.top1} and ${tierLabels.top10})`;
  throw expectedFailure(
    `“${lost.name}” is for ${who}. Your account's access ended on ${formatDate(lost.changedAt)}, when it left that tier. You keep everything you wrote, your profile, and every space open to all members.`,
    { status: 403 },
  );
}
