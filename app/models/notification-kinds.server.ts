import { NOTIFICATION_KINDS } from "#db/schema/values";
import { can, type Viewer } from "~/auth/policy.server";

type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Which kinds of notification can ever reach this person, so that Settings offers a choice only
 * where there is something to choose: internal notes reach only those who write them, and credit
 * requests only customers' people (staff are not credited on the roadmap).
 */
export function notificationKindsFor(viewer: Viewer): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((kind) => {
    if (kind === "internal_note") return can(viewer, "write:internal-note:any");
    if (kind === "credit_request") return viewer.accountId !== null;
    return true;
  });
}
