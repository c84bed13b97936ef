import { formatDate } from "./format";

/**
 * What a membership_change notification holds (in `notifications.details`): the account's change
 * as its people read it, with the tier spaces it took away or gave back, named at the time.
 */
export type MembershipChangeDetails = {
  change: "alumni" | "fewer_spaces" | "back";
  accountName: string;
  spaces: string[];
  at: string;
};

export function isMembershipChangeDetails(value: unknown): value is MembershipChangeDetails {
  return (
    typeof value === "object" &&
    value !== null &&
    "change" in value &&
    "spaces" in value &&
    Array.isArray((value as { spaces: unknown }).spaces)
  );
}

const list = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;

export function membershipChangeHeadline(details: MembershipChangeDetails): string {
  switch (details.change) {
    case "alumni":
      return `${details.accountName} left the top tiers: you no longer see the top-tier spaces`;
    case "fewer_spaces":
      return `${details.accountName} moved to the Top 10%: you no longer see some spaces`;
    case "back":
      return `${details.accountName} is back in the top tiers: your access is back`;
  }
}

/** The plain words beside the headline: which spaces, since when, and what stays. */
export function membershipChangeBody(details: MembershipChangeDetails): string {
  const spaces = details.spaces.map((name) => `“${name}”`);
  const when = formatDate(details.at);
  if (details.change === "back") {
    return spaces.length
      ? `Since ${when} you see ${list(spaces)} again.`
      : `Since ${when} you see the spaces for top-tier accounts again.`;
  }
  const lost = spaces.length
    ? `Since ${when} you no longer see ${list(spaces)}.`
    : `Since ${when} you no longer see spaces for top-tier accounts.`;
  return `${lost} You keep everything you wrote, your profile, and every space open to all members.`;
}
