import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createUser } from "./factories";

/**
 * Webhooks as Jira and Linear send them, for tests: payloads recorded from each tracker (in
 * ./tracker-payloads, shaped as their documentation shows, with the fields they really carry),
 * dated now and pointed at the issue a test needs, then signed as each tracker signs.
 */

export type RecordedPayload =
  "linear-issue-update" | "linear-comment-create" | "jira-issue-updated" | "jira-comment-created";

type Change = {
  key?: string;
  status?: string;
  title?: string;
  /** When the tracker sent it; now by default. */
  at?: Date;
  /** false: the delivery reports another field's change, not the status's. */
  statusChanged?: boolean;
};

/** The parts of Linear's payload tests change (the rest is carried as recorded). */
type LinearPayload = {
  webhookTimestamp: number;
  createdAt: string;
  url: string;
  updatedFrom?: Record<string, unknown>;
  data: {
    updatedAt: string;
    identifier?: string;
    number?: number;
    url?: string;
    title?: string;
    state?: { name: string };
  };
};
/** The parts of Jira's payload tests change. */
type JiraPayload = {
  timestamp: number;
  issue: { key: string; fields: { summary: string; status: { name: string } } };
  changelog?: { items: unknown[] };
};

export function readRecordedPayload(name: RecordedPayload): unknown {
  const file = new URL(`./tracker-payloads/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, "utf8"));
}

/** A recorded payload's body as of `change.at`, about the issue and status a test names. */
export function recordedTrackerBody(name: RecordedPayload, change: Change = {}): string {
  const at = change.at ?? new Date();
  if (name.startsWith("linear")) {
    const payload = readRecordedPayload(name) as LinearPayload;
    payload.webhookTimestamp = at.getTime();
    payload.createdAt = at.toISOString();
    payload.data.updatedAt = at.toISOString();
    if (name === "linear-issue-update") {
      if (change.key) {
        payload.data.identifier = change.key;
        payload.data.number = Number(change.key.split("-")[1]);
        payload.url = payload.data.url = `https://linear.app/acme/issue/${change.key}/a-slug`;
      }
      if (change.status && payload.data.state) payload.data.state.name = change.status;
      if (change.title) payload.data.title = change.title;
      if (change.statusChanged === false) delete payload.updatedFrom?.stateId;
    }
    return JSON.stringify(payload);
  }
  const payload = readRecordedPayload(name) as JiraPayload;
  payload.timestamp = at.getTime();
  if (change.key) payload.issue.key = change.key;
  if (change.status) payload.issue.fields.status.name = change.status;
  if (change.title) payload.issue.fields.summary = change.title;
  if (change.statusChanged === false) {
    payload.changelog = {
      items: [{ field: "summary", fieldtype: "jira", fieldId: "summary", toString: "New" }],
    };
  }
  return JSON.stringify(payload);
}

/** The headers a tracker sends with a body: its signature with `secret`, and the delivery's id. */
export function trackerHeaders(
  kind: "jira" | "linear",
  secret: string | null,
  body: string | Uint8Array,
  deliveryId: string = randomUUID(),
): Record<string, string> {
  const signature = secret ? createHmac("sha256", secret).update(body).digest("hex") : null;
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
  if (kind === "linear") {
    headers["Linear-Delivery"] = deliveryId;
    headers["Linear-Event"] = "Issue";
    if (signature) headers["Linear-Signature"] = signature;
  } else {
    headers["X-Atlassian-Webhook-Identifier"] = deliveryId;
    if (signature) headers["X-Hub-Signature"] = `sha256=${signature}`;
  }
  return headers;
}

const hex = () => randomBytes(3).toString("hex");

/** Integrations tests added: a community has at most 20, so each test file removes its own. */
const added: string[] = [];

export async function removeTestTrackerIntegrations() {
  const { removeTrackerIntegration } = await import("~/models/tracker-integration.server");
  const admin = await createUser({ role: "admin" });
  for (const id of added.splice(0)) {
    await removeTrackerIntegration(admin, id).catch(() => undefined);
  }
}

/**
 * An admin's integration with a site of its own, added through the form's schema as the page
 * adds one; Linear's signing secret pasted afterwards, as Linear shows it only once its webhook
 * (with our address) exists.
 */
export async function createTestTrackerIntegration(
  kind: "jira" | "linear",
  admin?: { id: string; role: "admin"; accountId: string | null },
) {
  const { TrackerListActionSchema } = await import("~/validation/trackers");
  const { createTrackerIntegration, pasteTrackerSecret } =
    await import("~/models/tracker-integration.server");
  const owner = admin ?? (await createUser({ role: "admin" }));
  const site =
    kind === "linear" ? `https://linear.app/acme-${hex()}` : `https://acme-${hex()}.atlassian.net`;
  const input = TrackerListActionSchema.parse({
    intent: "add-tracker",
    kind,
    name: `${kind} ${hex()}`,
    siteUrl: site,
  });
  const created = await createTrackerIntegration(owner, input);
  added.push(created.id);
  const secret = created.secret ?? `lin_wh_${randomBytes(24).toString("hex")}`;
  if (kind === "linear") await pasteTrackerSecret(owner, created.id, secret);
  const issueUrl = (key: string) =>
    kind === "linear" ? `${site}/issue/${key}/offline-forms` : `${site}/browse/${key}`;
  return { ...created, admin: owner, site, secret, kind, issueUrl };
}

export type TestTrackerIntegration = Awaited<ReturnType<typeof createTestTrackerIntegration>>;

/** A public backlog item staff saved with a "tracked at" address, moved to `status` if given. */
export async function createTestTrackedItem(
  externalUrl: string | null,
  status?: "planned" | "shipped",
) {
  const { createBacklogItem } = await import("~/models/backlog.server");
  const { setBacklogStatus } = await import("~/models/backlog-status.server");
  const staff = await createUser({ role: "staff" });
  const id = await createBacklogItem(
    staff,
    {
      title: `Offline forms ${hex()}`,
      description: null,
      ownerId: null,
      target: "",
      externalUrl,
      isPublic: true,
      tagIds: [],
    },
    null,
  );
  if (status) await setBacklogStatus(staff, id, status);
  return { id, staff };
}

const payloadOf: Record<"jira" | "linear", RecordedPayload> = {
  linear: "linear-issue-update",
  jira: "jira-issue-updated",
};

/** The tracker's delivery of a recorded payload, signed with the integration's secret unless told. */
export async function deliverTestTrackerPayload(
  tracker: TestTrackerIntegration,
  change: Change & {
    secret?: string | null;
    deliveryId?: string;
    payload?: RecordedPayload;
    to?: string | null;
  } = {},
) {
  const { receiveTrackerDelivery } = await import("~/models/tracker-delivery.server");
  const body = recordedTrackerBody(change.payload ?? payloadOf[tracker.kind], change);
  const secret = change.secret === undefined ? tracker.secret : change.secret;
  const headers = trackerHeaders(tracker.kind, secret, body, change.deliveryId);
  return receiveTrackerDelivery(
    change.to === undefined ? tracker.id : change.to,
    new Headers(headers),
    new TextEncoder().encode(body),
  );
}
