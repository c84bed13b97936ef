import type { BacklogNotificationDetails, Contribution } from "#db/schema";
import { backlogStatusLabels } from "./labels";

// Shared by the notifications page (browser) and the notification emails (server).

const contributionWords: Record<Contribution["via"], string> = {
  vote: "your vote for",
  author: "your post",
  post: "your reply in",
  excerpt: "your words in",
  coauthor: "your proposal",
  endorsement: "your endorsement of",
};

/** "your vote for “Offline mode”, your words in “Sync is slow”" — at most a few, then a count. */
export function describeContributions(contributions: Contribution[] = []) {
  const shown = contributions
    .slice(0, 3)
    .map((c) => `${contributionWords[c.via]} “${c.threadTitle}”`);
  const more = contributions.length - shown.length;
  return more > 0 ? `${shown.join(", ")} and ${more} more` : shown.join(", ");
}

/**
 * The one line a backlog notification reads as. `itemTitle` is null when the item isn't public:
 * the member then hears that work based on their words moved, not what the team calls it.
 */
export type BacklogNotificationKind =
  "backlog_update" | "changelog_entry" | "credit_request" | "internal_note";

export function backlogNotificationHeadline(
  kind: BacklogNotificationKind,
  itemTitle: string | null,
  details: BacklogNotificationDetails | null,
  actorName: string | null,
) {
  const status = details?.status as keyof typeof backlogStatusLabels | undefined;
  const label = status ? backlogStatusLabels[status].toLowerCase() : "updated";
  switch (kind) {
    case "backlog_update":
      return itemTitle
        ? `You asked, we built: “${itemTitle}” is now ${label}`
        : `You asked, we built: work based on your contributions is now ${label}`;
    case "changelog_entry":
      return `New on the changelog: “${itemTitle ?? "an update"}”`;
    case "credit_request":
      return "The product team linked your words to their backlog: may we credit you?";
    case "internal_note":
      return `${actorName ?? "Someone"} mentioned you in an internal note on the backlog item “${itemTitle ?? "an item"}”`;
  }
}

/**
 * Where a backlog notification leads: the item (staff), its changelog entry once shipped, its
 * place on the roadmap, the member's own contribution when the item is not public, or settings.
 */
export function backlogNotificationPath(
  kind: BacklogNotificationKind,
  itemId: string,
  itemPublic: boolean,
  details?: BacklogNotificationDetails | null,
) {
  switch (kind) {
    case "credit_request":
      return "/me/data#credit";
    case "internal_note":
      return `/staff/backlog/${itemId}#internal-notes-heading`;
    case "changelog_entry":
      return itemPublic ? `/changelog#item-${itemId}` : "/changelog";
    case "backlog_update": {
      if (itemPublic) {
        return details?.status === "shipped"
          ? `/changelog#item-${itemId}`
          : `/roadmap#item-${itemId}`;
      }
      const own = details?.contributions?.find((c) => c.postId)?.postId;
      return own ? `/p/${own}` : "/roadmap";
    }
  }
}
