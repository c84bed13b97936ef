import { z } from "zod";
import { BACKLOG_STATUSES, TRACKER_KINDS, type TrackerKind } from "#db/schema/values";
import { normalizeTrackerSite } from "~/utils/tracker-urls";
import { storableString } from "./common";

type BacklogStatus = (typeof BACKLOG_STATUSES)[number];
export type TrackerStatusMap = Record<string, BacklogStatus>;

export const trackerKindLabels: Record<TrackerKind, string> = { jira: "Jira", linear: "Linear" };

/** What a delivery did, as its log shows it (the model records the outcome and its detail). */
export const trackerOutcomeLabels: Record<
  string,
  { label: string; tone: "neutral" | "success" | "warning" | "danger" }
> = {
  moved: { label: "Moved", tone: "success" },
  synced: { label: "Shown", tone: "neutral" },
  unmapped: { label: "Not mapped", tone: "warning" },
  unlinked: { label: "No item", tone: "neutral" },
  outdated: { label: "Out of date", tone: "neutral" },
  ignored: { label: "Ignored", tone: "neutral" },
  "owner-cannot-act": { label: "Nobody to act", tone: "danger" },
  invalid: { label: "Unreadable", tone: "danger" },
  received: { label: "Working", tone: "neutral" },
};

/** A tracker's status names (lower-cased) and the backlog status each moves an item to. */
export const DEFAULT_STATUS_MAPS: Record<TrackerKind, TrackerStatusMap> = {
  jira: { "to do": "planned", "in progress": "in_progress", done: "shipped" },
  linear: {
    backlog: "triage",
    todo: "planned",
    "in progress": "in_progress",
    done: "shipped",
    canceled: "wont_do",
  },
};

/** Tracker status names one integration may map, and the length of each. */
export const STATUS_NAMES_MAX = 60;
export const STATUS_NAME_MAX = 100;

/** How a status name is compared: trimmed, lower-cased, inner spaces as one. */
export function statusKey(name: string): string {
  return name.trim().split(/\s+/).join(" ").toLowerCase();
}

const name = storableString({ error: "Name the integration." })
  .trim()
  .min(1, "Name the integration.")
  .max(80, "Keep the name to 80 characters.");

/** A signing secret Linear made, pasted as it is. */
const pastedSecret = storableString({ error: "Paste the signing secret Linear shows." })
  .trim()
  .min(16, "Paste the whole signing secret Linear shows (it is longer).")
  .max(200, "That is longer than a signing secret: paste only the secret.")
  .refine((secret) => !/\s/.test(secret), "A signing secret has no spaces: paste only the secret.");

const addFields = z
  .object({
    intent: z.literal("add-tracker"),
    kind: z.enum(TRACKER_KINDS, { error: "Choose Jira or Linear." }),
    name,
    siteUrl: storableString({ error: "Enter the tracker's address." })
      .trim()
      .min(1, "Enter the tracker's address.")
      .max(300, "Keep the address to 300 characters."),
  })
  .transform((input, context) => {
    const site = normalizeTrackerSite(input.kind, input.siteUrl);
    if (!site.ok) {
      context.addIssue({ code: "custom", path: ["siteUrl"], message: site.message });
      return z.NEVER;
    }
    return { ...input, siteUrl: site.site };
  });

/**
 * The integrations page's tracker form (the page's other forms are the webhooks'). Jira takes a
 * secret we make; Linear makes its own once its webhook exists, so it is pasted afterwards, on
 * the integration's page.
 */
export const TrackerListActionSchema = z.discriminatedUnion("intent", [addFields]);
export type NewTrackerInput = z.output<typeof addFields>;

/** One text field per backlog status: the tracker's status names, separated by commas. */
const statusNames = () =>
  storableString()
    .max(2_000, "Keep each list to 2,000 characters.")
    .optional()
    .transform((text) => (text ?? "").split(",", STATUS_NAMES_MAX + 1).map(statusKey));

/**
 * The status map's fields, one per backlog status, named after it: top-level fields, as forms
 * keep only the names their schema reads at the top (app/utils/form.server.ts).
 */
const statusMapFields = {
  triage: statusNames(),
  planned: statusNames(),
  in_progress: statusNames(),
  shipped: statusNames(),
  wont_do: statusNames(),
} satisfies Record<BacklogStatus, unknown>;

function toStatusMap(lists: Record<BacklogStatus, string[]>, context: z.RefinementCtx) {
  // A Map, not an object: a status named "__proto__" or "constructor" is a name like any other.
  const map = new Map<string, BacklogStatus>();
  for (const status of BACKLOG_STATUSES) {
    for (const statusName of lists[status].filter(Boolean)) {
      if (statusName.length > STATUS_NAME_MAX) {
        context.addIssue({
          code: "custom",
          path: [status],
          message: `Status names are at most ${STATUS_NAME_MAX} characters.`,
        });
      } else if (map.has(statusName) && map.get(statusName) !== status) {
        context.addIssue({
          code: "custom",
          path: [status],
          message: `“${statusName}” is listed under two backlog statuses: keep it under one.`,
        });
      }
      map.set(statusName, status);
    }
  }
  if (map.size > STATUS_NAMES_MAX) {
    context.addIssue({
      code: "custom",
      path: [BACKLOG_STATUSES[0]],
      message: `Map at most ${STATUS_NAMES_MAX} tracker statuses.`,
    });
  }
  return Object.fromEntries(map) as TrackerStatusMap;
}

export const StatusMapSchema = z.object(statusMapFields).transform(toStatusMap);

/** One integration's page: change it, make (Jira) or paste (Linear) its secret, or remove it. */
export const TrackerActionSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("update"),
      name,
      enabled: z
        .enum(["on"])
        .optional()
        .transform((value) => value === "on"),
      ...statusMapFields,
    })
    .transform(({ intent, name, enabled, ...lists }, context) => ({
      intent,
      name,
      enabled,
      statusMap: toStatusMap(lists, context),
    })),
  z.object({ intent: z.literal("rotate") }),
  z.object({ intent: z.literal("paste-secret"), secret: pastedSecret }),
  z.object({ intent: z.literal("remove") }),
]);
export type TrackerUpdateInput = Extract<
  z.output<typeof TrackerActionSchema>,
  { intent: "update" }
>;

/** The map as the page's fields show it: per backlog status, its tracker statuses. */
export function statusMapAsFields(map: TrackerStatusMap): Record<BacklogStatus, string> {
  const fields = Object.fromEntries(BACKLOG_STATUSES.map((status) => [status, ""])) as Record<
    BacklogStatus,
    string
  >;
  for (const [statusName, status] of Object.entries(map)) {
    if (!Object.hasOwn(fields, status)) continue;
    fields[status] = fields[status] ? `${fields[status]}, ${statusName}` : statusName;
  }
  return fields;
}
