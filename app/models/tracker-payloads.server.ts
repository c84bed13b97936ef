import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { TrackerKind } from "#db/schema/values";
import { cutText, isStorableText } from "~/utils/storable-text";
import { issueKey } from "~/utils/tracker-urls";
import { STATUS_NAME_MAX } from "~/validation/trackers";

/**
 * What Jira's and Linear's webhooks say, read the way each documents it: the signature first,
 * over the raw bytes, then the body as JSON, bounded, then the event's age. Nothing here touches
 * the database (tracker-delivery.server.ts does, with what this returns).
 *
 * - Linear: `Linear-Signature` is the hex HMAC-SHA256 of the body with the webhook's signing
 *   secret; `Linear-Delivery` names the delivery; the body's `webhookTimestamp` (ms) must be
 *   within a minute of now, as Linear advises.
 * - Jira Cloud: `X-Hub-Signature: sha256=<hex>` is the HMAC-SHA256 of the body with the secret
 *   typed into Jira's webhook; `X-Atlassian-Webhook-Identifier` names the delivery (the same on
 *   Jira's retries, which come within 30 minutes); the body's `timestamp` (ms) must be under an
 *   hour old and at most 5 minutes ahead.
 */

/** The largest body read; a tracker's issue event is a few kilobytes. */
export const MAX_HOOK_BODY_BYTES = 256 * 1024;
/** Nesting deeper than this is not a tracker's payload, and is refused before it is parsed. */
const MAX_JSON_DEPTH = 40;
const LINEAR_WINDOW_MS = 60_000;
const JIRA_MAX_AGE_MS = 60 * 60_000;
const JIRA_MAX_AHEAD_MS = 5 * 60_000;
const TITLE_MAX = 300;

const headerNames = {
  linear: { signature: "linear-signature", delivery: "linear-delivery" },
  jira: { signature: "x-hub-signature", delivery: "x-atlassian-webhook-identifier" },
} as const;

/** Whether the request carries a signature header of either tracker (checked before any lookup). */
export function hasSignatureHeader(headers: Headers): boolean {
  return Boolean(
    headers.get(headerNames.linear.signature) || headers.get(headerNames.jira.signature),
  );
}

/** Whether the body was signed with this secret, compared in constant time. */
export function verifySignature(
  kind: TrackerKind,
  secret: string,
  headers: Headers,
  body: Uint8Array,
): boolean {
  const header = (headers.get(headerNames[kind].signature) ?? "").trim();
  const hex = kind === "jira" ? afterPrefix(header, "sha256=") : header;
  if (hex === null || hex.length !== 64 || !isHex(hex)) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(Buffer.from(hex, "hex"), expected);
}

/** The tracker's own id for this delivery: printable, at most 200 characters. */
export function deliveryIdOf(kind: TrackerKind, headers: Headers): string | null {
  const id = (headers.get(headerNames[kind].delivery) ?? "").trim();
  if (id.length === 0 || id.length > 200) return null;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return null;
  }
  return id;
}

export type TrackerIssue = {
  key: string;
  title: string;
  status: string;
  /** The event reports a change of status (or a new issue), not only another field's. */
  statusChanged: boolean;
};

export type TrackerEvent = {
  /** The event, for the log: "jira:issue_updated", "Issue update". */
  name: string;
  /** When the tracker made the change, by its clock, never later than now. */
  at: Date;
  issue: TrackerIssue | null;
};

export type ReadPayload =
  | { ok: true; event: TrackerEvent }
  /** A signed body that is not a tracker's event: logged, so an admin sees why. */
  | { ok: false; stale: false; message: string }
  /** Outside the time window: a replay, or a clock far off. Refused without a trace. */
  | { ok: false; stale: true; message: string };

/** Reads a verified body: UTF-8, JSON of bounded depth, the tracker's shape, its age. */
export function readTrackerPayload(kind: TrackerKind, body: Uint8Array, now: Date): ReadPayload {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return { ok: false, stale: false, message: "The body is not UTF-8 text." };
  }
  if (!jsonDepthWithin(text, MAX_JSON_DEPTH)) {
    return { ok: false, stale: false, message: "The body is nested too deep for an issue event." };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, stale: false, message: "The body is not JSON." };
  }
  return kind === "linear" ? readLinear(json, now) : readJira(json, now);
}

const eventName = z.string().max(100);
const IssueKey = z
  .string()
  .max(100)
  .transform(
    (text, context) => issueKey(text) ?? invalid(context, "The issue key is not PROJ-123."),
  );
const IssueTitle = z
  .string()
  .refine(isStorableText, "The issue's title holds a NUL byte or a broken character.")
  .transform((title) => cutText(title.trim(), TITLE_MAX));
const StatusName = z
  .string()
  .refine(isStorableText, "The status name holds a NUL byte or a broken character.")
  .transform((name) => name.trim())
  .pipe(
    z
      .string()
      .min(1, "The status has no name.")
      .max(STATUS_NAME_MAX, `The status name is longer than ${STATUS_NAME_MAX} characters.`),
  );

const LinearPayload = z.object({
  type: eventName,
  action: eventName,
  webhookTimestamp: z.number().int(),
  data: z.unknown().optional(),
  updatedFrom: z.record(z.string(), z.unknown()).optional().nullable(),
});
const LinearIssue = z.object({
  identifier: IssueKey,
  title: IssueTitle,
  updatedAt: z.string().max(40).optional(),
  state: z.object({ name: StatusName }),
});

function readLinear(json: unknown, now: Date): ReadPayload {
  const payload = LinearPayload.safeParse(json);
  if (!payload.success) return unreadable(payload.error);
  const { type, action, webhookTimestamp, data, updatedFrom } = payload.data;
  if (Math.abs(now.getTime() - webhookTimestamp) > LINEAR_WINDOW_MS) {
    return { ok: false, stale: true, message: "webhookTimestamp is not within a minute of now." };
  }
  const name = `${type} ${action}`;
  const sent = new Date(webhookTimestamp);
  if (type !== "Issue" || (action !== "create" && action !== "update")) {
    return { ok: true, event: { name, at: sent, issue: null } };
  }
  const issue = LinearIssue.safeParse(data);
  if (!issue.success) return unreadable(issue.error);
  const updated = issue.data.updatedAt ? new Date(issue.data.updatedAt) : sent;
  return {
    ok: true,
    event: {
      name,
      at: earliest(Number.isNaN(updated.getTime()) ? sent : updated, now),
      issue: {
        key: issue.data.identifier,
        title: issue.data.title,
        status: issue.data.state.name,
        statusChanged: action === "create" || Object.hasOwn(updatedFrom ?? {}, "stateId"),
      },
    },
  };
}

const JiraPayload = z.object({
  timestamp: z.number().int(),
  webhookEvent: eventName,
  issue: z.unknown().optional(),
  changelog: z.unknown().optional(),
});
const JiraIssue = z.object({
  key: IssueKey,
  fields: z.object({ summary: IssueTitle, status: z.object({ name: StatusName }) }),
});
const JiraChangelog = z
  .object({
    items: z
      .array(
        z.object({
          field: z.string().max(200).optional(),
          fieldId: z.string().max(200).optional(),
        }),
      )
      .max(500),
  })
  .nullable()
  .optional();
const JIRA_ISSUE_EVENTS = new Set(["jira:issue_created", "jira:issue_updated"]);

function readJira(json: unknown, now: Date): ReadPayload {
  const payload = JiraPayload.safeParse(json);
  if (!payload.success) return unreadable(payload.error);
  const { timestamp, webhookEvent, issue, changelog } = payload.data;
  const age = now.getTime() - timestamp;
  if (age > JIRA_MAX_AGE_MS || -age > JIRA_MAX_AHEAD_MS) {
    return {
      ok: false,
      stale: true,
      message: "timestamp is more than an hour old, or more than 5 minutes ahead.",
    };
  }
  const at = earliest(new Date(timestamp), now);
  if (!JIRA_ISSUE_EVENTS.has(webhookEvent)) {
    return { ok: true, event: { name: webhookEvent, at, issue: null } };
  }
  const read = JiraIssue.safeParse(issue);
  if (!read.success) return unreadable(read.error);
  const changes = JiraChangelog.safeParse(changelog);
  if (!changes.success) return unreadable(changes.error);
  const statusChanged =
    webhookEvent === "jira:issue_created" ||
    (changes.data?.items ?? []).some(
      (item) => item.field === "status" || item.fieldId === "status",
    );
  return {
    ok: true,
    event: {
      name: webhookEvent,
      at,
      issue: {
        key: read.data.key,
        title: read.data.fields.summary,
        status: read.data.fields.status.name,
        statusChanged,
      },
    },
  };
}

/** Our own words for a field's problem, else that the shape is wrong; with where, for the log. */
function unreadable(error: z.ZodError): ReadPayload {
  const [issue] = error.issues;
  const ours = issue && ["custom", "too_big", "too_small"].includes(issue.code);
  const words = ours ? issue.message.replace(/\.$/, "") : "This is not the tracker's event shape";
  const where = issue?.path.length ? ` (at ${issue.path.join(".").slice(0, 100)})` : "";
  return { ok: false, stale: false, message: `${words}${where}.` };
}

function invalid(context: z.RefinementCtx, message: string): never {
  context.addIssue({ code: "custom", message });
  return z.NEVER;
}

const earliest = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);

function afterPrefix(text: string, prefix: string): string | null {
  return text.toLowerCase().startsWith(prefix) ? text.slice(prefix.length) : null;
}

function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const digit = code >= 48 && code <= 57;
    const letter = (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
    if (!digit && !letter) return false;
  }
  return true;
}

/** Whether JSON text nests no deeper than `max`, in one pass over it (strings skipped). */
export function jsonDepthWithin(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92) i++;
      else if (char === 34) inString = false;
    } else if (char === 34) {
      inString = true;
    } else if (char === 123 || char === 91) {
      if (++depth > max) return false;
    } else if (char === 125 || char === 93) {
      depth--;
    }
  }
  return true;
}
