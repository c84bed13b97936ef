import type { BACKLOG_STATUSES } from "#db/schema/values";

type BacklogStatus = (typeof BACKLOG_STATUSES)[number];

/**
 * Where members can read a backlog item: the one rule behind the roadmap's queries
 * (app/models/roadmap.server.ts builds its SQL from the same lists) and every label that speaks
 * of it. A public item waits unseen in triage, and a public "won't do" is not announced.
 */
export const ROADMAP_OPEN_STATUSES = ["planned", "in_progress"] as const satisfies BacklogStatus[];
export const CHANGELOG_STATUS = "shipped" satisfies BacklogStatus;

export type PublicPlace = "roadmap" | "changelog" | null;

export function publicPlaceOf(item: { isPublic: boolean; status: BacklogStatus }): PublicPlace {
  if (!item.isPublic) return null;
  if (item.status === CHANGELOG_STATUS) return "changelog";
  return (ROADMAP_OPEN_STATUSES as readonly BacklogStatus[]).includes(item.status)
    ? "roadmap"
    : null;
}

/** The words staff read beside an item: what members see of it, and when they will. */
export function publicPlaceLabel(item: { isPublic: boolean; status: BacklogStatus }): string {
  switch (publicPlaceOf(item)) {
    case "roadmap":
      return "On the roadmap";
    case "changelog":
      return "On the roadmap and changelog";
    default:
      if (!item.isPublic) return "Private";
      return item.status === "triage" ? "Public once planned" : "Public, not shown";
  }
}
