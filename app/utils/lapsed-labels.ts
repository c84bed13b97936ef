import { LAPSED_ACTIONS, LAPSED_SIGNALS } from "#db/schema/values";
import { formatCount, formatMoney } from "./format";
import { tierLabels } from "./labels";

export type LapsedSignal = (typeof LAPSED_SIGNALS)[number];
export type LapsedAction = (typeof LAPSED_ACTIONS)[number];

/** The signals in plain words, and what put an entry on the list. */
export const lapsedSignalLabels: Record<LapsedSignal, string> = {
  left_top_tier: "Left the top tiers",
  went_quiet: "Went quiet",
};

export const lapsedSignalExplanations: Record<LapsedSignal, string> = {
  left_top_tier:
    "The account was in the top 1% or top 10% by revenue at an earlier snapshot and is not in the latest one.",
  went_quiet:
    "Active in the community three months ago (60–90 days back), and nothing at all in the last 30 days.",
};

export const lapsedActionLabels: Record<LapsedAction, string> = {
  assigned: "Owner changed",
  noted: "Note written",
  emailed: "Email sent",
  handled: "Marked handled",
  reopened: "Reopened",
};

export const LAPSED_STATES = ["open", "handled", "passed", "all"] as const;
export type LapsedState = (typeof LAPSED_STATES)[number];
export const lapsedStateLabels: Record<LapsedState, string> = {
  open: "Open",
  handled: "Handled",
  passed: "Signal passed",
  all: "All",
};

type Details = Record<string, unknown>;
const num = (value: unknown) => (typeof value === "number" ? value : Number(value ?? 0) || 0);
const day = (value: unknown) => (typeof value === "string" ? value.slice(0, 10) : "—");

/** What the signal saw, in one sentence, from an entry's details. */
export function describeLapsedDetails(signal: LapsedSignal, details: Details): string {
  if (signal === "left_top_tier") {
    const tier = details.lastTopTier === "top1" ? tierLabels.top1 : tierLabels.top10;
    return `${tier} on ${day(details.lastTopAsOf)} with revenue of ${formatMoney(
      num(details.revenueThenCents),
    )}; not in the top tiers on ${day(details.latestAsOf)}, with ${formatMoney(
      num(details.revenueNowCents),
    )}.`;
  }
  const parts = (
    [
      ["posts", "new thread", "new threads"],
      ["replies", "reply", "replies"],
      ["votes", "vote", "votes"],
      ["reactions", "reaction", "reactions"],
      ["endorsements", "endorsement", "endorsements"],
    ] as const
  )
    .filter(([key]) => num(details[key]) > 0)
    .map(
      ([key, one, many]) =>
        `${formatCount(num(details[key]))} ${num(details[key]) === 1 ? one : many}`,
    );
  const who =
    details.activeMembers === undefined
      ? ""
      : ` from ${formatCount(num(details.activeMembers))} ${
          num(details.activeMembers) === 1 ? "member" : "members"
        }`;
  return `60–90 days ago: ${parts.join(", ") || "some activity"}${who}. Last active ${day(
    details.lastActiveAt,
  )}.`;
}
