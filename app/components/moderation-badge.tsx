import type { CONTENT_MODERATION_STATES } from "#db/schema/values";
import { moderationStateLabels } from "~/utils/labels";
import { Badge } from "./ui/badge";

/**
 * Marks held, hidden and removed things wherever they are listed. Only people who may see such
 * things receive them in a list (moderators, staff, and authors their own held or hidden posts),
 * so the marker shows exactly to them.
 */
export function ModerationBadge({
  state,
}: {
  state: (typeof CONTENT_MODERATION_STATES)[number] | null | undefined;
}) {
  if (!state) return null;
  return (
    <Badge tone={state === "held" ? "warning" : "danger"}>{moderationStateLabels[state]}</Badge>
  );
}
