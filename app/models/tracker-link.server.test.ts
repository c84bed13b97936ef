import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  ageTestTrackerDeliveries,
  createUser,
  readTestBacklogStatus,
  setTestPerson,
} from "#db/testing/factories";
import {
  recordedTrackerBody,
  trackerHeaders,
  type RecordedPayload,
} from "#db/testing/tracker-deliveries";
import type { Viewer } from "~/auth/policy.server";
import { issueOfUrl, normalizeTrackerSite } from "~/utils/tracker-urls";
import { StatusMapSchema, TrackerListActionSchema } from "~/validation/trackers";
import { listAuditLog } from "./audit.server";
import { setBacklogStatus } from "./backlog-status.server";
import { createBacklogItem, getBacklogItem, updateBacklogItem } from "./backlog.server";
import { listRoadmap } from "./roadmap.server";
import { purgeOldTrackerDeliveries, receiveTrackerDelivery } from "./tracker-delivery.server";
import {
  createTrackerIntegration,
  getTrackerIntegration,
  listTrackerDeliveries,
  listTrackerIntegrations,
  removeTrackerIntegration,
  replaceTrackerSecret,
  rotateTrackerSecret,
  updateTrackerIntegration,
} from "./tracker-integration.server";

const hex = () => randomBytes(3).toString("hex");

// A community has at most 20 integrations: each test removes the ones it added.
const added: string[] = [];
afterEach(async () => {
  const admin = await createUser({ role: "admin" });
  for (const id of added.splice(0)) {
    await removeTrackerIntegration(admin, id).catch(() => undefined);
  }
});

/** An admin's integration, added through the form's schema as the page adds one. */
async function integration(kind: "jira" | "linear", admin?: Viewer) {
  const owner = admin ?? (await createUser({ role: "admin" }));
  const site =
    kind === "linear" ? `https://linear.app/acme-${hex()}` : `https://acme-${hex()}.atlassian.net`;
  const input = TrackerListActionSchema.parse({
    intent: "add-tracker",
    kind,
    name: `${kind} ${hex()}`,
    siteUrl: site,
    secret: kind === "linear" ? `lin_wh_${randomBytes(24).toString("hex")}` : undefined,
  });
  const created = await createTrackerIntegration(owner, input);
  added.push(created.id);
  const secret = kind === "linear" ? input.secret! : created.secret!;
  const issueUrl = (key: string) =>
    kind === "linear" ? `${site}/issue/${key}/offline-forms` : `${site}/browse/${key}`;
  return { ...created, admin: owner, site, secret, kind, issueUrl };
}

type Integration = Awaited<ReturnType<typeof integration>>;

/** A backlog item saved by staff with a "tracked at" address. */
async function itemTrackedAt(externalUrl: string | null, status?: "planned" | "shipped") {
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

/** The tracker's delivery of a recorded payload, signed with `secret` (the integration's by default). */
function deliver(
  tracker: Integration,
  change: Parameters<typeof recordedTrackerBody>[1] & {
    secret?: string | null;
    deliveryId?: string;
    payload?: RecordedPayload;
    to?: string | null;
  } = {},
) {
  const body = recordedTrackerBody(change.payload ?? payloadOf[tracker.kind], change);
  const secret = change.secret === undefined ? tracker.secret : change.secret;
  const headers = trackerHeaders(tracker.kind, secret, body, change.deliveryId);
  return receiveTrackerDelivery(
    change.to === undefined ? tracker.id : change.to,
    new Headers(headers),
    new TextEncoder().encode(body),
  );
}

const item = async (id: string) => (await getBacklogItem(await createUser({ role: "staff" }), id))!;
const deliveries = (tracker: Integration) => listTrackerDeliveries(tracker.admin, tracker.id);

describe("issue addresses", () => {
  it("names the tracker, site and issue of Jira and Linear issue addresses, and nothing else", () => {
    expect(issueOfUrl("https://acme.atlassian.net/browse/PROJ-123")).toEqual({
      kind: "jira",
      site: "https://acme.atlassian.net",
      key: "PROJ-123",
    });
    expect(issueOfUrl("https://ACME.atlassian.net/browse/proj-7?focusedCommentId=1#x")).toEqual({
      kind: "jira",
      site: "https://acme.atlassian.net",
      key: "PROJ-7",
    });
    expect(issueOfUrl("https://jira.acme.example/tools/jira/browse/OPS_2-9/")).toMatchObject({
      site: "https://jira.acme.example/tools/jira",
      key: "OPS_2-9",
    });
    expect(issueOfUrl("https://linear.app/acme/issue/ENG-42/offline-forms")).toEqual({
      kind: "linear",
      site: "https://linear.app/acme",
      key: "ENG-42",
    });
    expect(issueOfUrl("https://linear.app/acme/issue/ENG-42")).toMatchObject({ key: "ENG-42" });
    for (const other of [
      null,
      "http://acme.atlassian.net/browse/PROJ-1",
      "https://acme.atlassian.net/browse/PROJ",
      "https://acme.atlassian.net/browse/PROJ-1/more",
      "https://acme.atlassian.net/browse/1PROJ-1",
      "https://acme.atlassian.net/browse/PROJ-1x",
      "https://linear.app/acme/project/ENG-42",
      "https://linear.app/acme/issue/ENG-42/slug/extra",
      "https://linear.app/ACME!/issue/ENG-42",
      "https://github.com/acme/app/issues/42",
      `https://acme.atlassian.net/${"a/".repeat(30)}browse/PROJ-1`,
      `https://acme.atlassian.net/browse/${"A".repeat(60)}-1`,
      "not an address",
    ]) {
      expect(issueOfUrl(other), String(other)).toBeNull();
    }
  });

  it("reads a site as it is kept, and refuses what is not one", () => {
    expect(normalizeTrackerSite("jira", " https://Acme.atlassian.net/ ")).toEqual({
      ok: true,
      site: "https://acme.atlassian.net",
    });
    expect(normalizeTrackerSite("linear", "https://linear.app/Acme/")).toEqual({
      ok: true,
      site: "https://linear.app/acme",
    });
    for (const [kind, site] of [
      ["jira", "http://acme.atlassian.net"],
      ["jira", "https://acme.atlassian.net/browse/PROJ-1"],
      ["jira", "https://linear.app/acme"],
      ["jira", "https://u:p@acme.atlassian.net"],
      ["linear", "https://linear.app"],
      ["linear", "https://linear.app/acme/issue/ENG-1"],
      ["linear", "https://acme.atlassian.net"],
    ] as const) {
      expect(normalizeTrackerSite(kind, site).ok, `${kind} ${site}`).toBe(false);
    }
  });
});

describe("tracker integrations", () => {
  it("are the admins' alone, for members, moderators and staff whoever calls the model", async () => {
    const tracker = await integration("jira");
    const input = TrackerListActionSchema.parse({
      intent: "add-tracker",
      kind: "jira",
      name: "Sneaky",
      siteUrl: `https://sneaky-${hex()}.atlassian.net`,
    });
    const update = { name: "Sneaky", statusMap: {}, enabled: true };
    for (const role of ["member", "moderator", "staff"] as const) {
      const someone = await createUser({ role });
      const calls = [
        () => listTrackerIntegrations(someone),
        () => createTrackerIntegration(someone, input),
        () => getTrackerIntegration(someone, tracker.id),
        () => updateTrackerIntegration(someone, tracker.id, update),
        () => rotateTrackerSecret(someone, tracker.id),
        () => replaceTrackerSecret(someone, tracker.id, "lin_wh_0123456789abcdef0123"),
        () => removeTrackerIntegration(someone, tracker.id),
        () => listTrackerDeliveries(someone, tracker.id),
      ];
      for (const call of calls) await expect(call(), role).rejects.toMatchObject({ status: 403 });
    }
    expect((await getTrackerIntegration(tracker.admin, tracker.id))?.name).toMatch(/^jira /);
  });

  it("make Jira's secret and take Linear's, map statuses by default, and refuse a site twice", async () => {
    const jira = await integration("jira");
    expect(jira.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await getTrackerIntegration(jira.admin, jira.id))?.statusMap).toEqual({
      "to do": "planned",
      "in progress": "in_progress",
      done: "shipped",
    });
    const linear = await integration("linear");
    expect(linear.secret).toMatch(/^lin_wh_/);
    const noSecret = TrackerListActionSchema.safeParse({
      intent: "add-tracker",
      kind: "linear",
      name: "Linear",
      siteUrl: "https://linear.app/acme",
    });
    expect(noSecret.error?.issues[0]).toMatchObject({ path: ["secret"] });
    const again = TrackerListActionSchema.parse({
      intent: "add-tracker",
      kind: "jira",
      name: "Again",
      siteUrl: `${jira.site}/`,
    });
    await expect(createTrackerIntegration(jira.admin, again)).rejects.toMatchObject({
      status: 409,
      field: "siteUrl",
    });
  });

  it("read a status map with names under one status each, whatever their case and spacing", () => {
    expect(
      StatusMapSchema.parse({
        planned: " To Do , Selected  for development",
        in_progress: "In Review",
        shipped: "",
      }),
    ).toEqual({
      "to do": "planned",
      "selected for development": "planned",
      "in review": "in_progress",
    });
    const twice = StatusMapSchema.safeParse({ planned: "Done", shipped: "done" });
    expect(twice.error?.issues[0].message).toMatch(/under two backlog statuses/);
    const proto = StatusMapSchema.parse({ planned: "__proto__, constructor" });
    expect(Object.keys(proto)).toEqual(["__proto__", "constructor"]);
    const long = StatusMapSchema.safeParse({ planned: "x".repeat(101) });
    expect(long.success).toBe(false);
  });

  it("keep their changes in the log for admins only, without the secret", async () => {
    const tracker = await integration("jira");
    await rotateTrackerSecret(tracker.admin, tracker.id);
    const log = JSON.stringify(await listAuditLog(tracker.admin, { action: "settings", page: 1 }));
    expect(log).toContain("settings.tracker_added");
    expect(log).toContain("settings.tracker_secret_rotated");
    expect(log).not.toContain(tracker.secret);
    for (const role of ["staff", "moderator"] as const) {
      const seen = await listAuditLog(await createUser({ role }), { action: "settings", page: 1 });
      expect(JSON.stringify(seen), role).not.toContain("tracker");
    }
  });
});

describe("linking backlog items to issues", () => {
  it("links an item saved with an issue's address, and unlinks it for another address", async () => {
    const tracker = await integration("linear");
    const { id, staff } = await itemTrackedAt(tracker.issueUrl("ENG-42"));
    expect((await item(id)).tracker).toMatchObject({ kind: "linear", key: "ENG-42" });
    const fields = {
      title: "Offline forms",
      description: null,
      ownerId: null,
      target: "",
      isPublic: true,
      tagIds: [],
    };
    await updateBacklogItem(staff, id, { ...fields, externalUrl: "https://example.com/elsewhere" });
    expect((await item(id)).tracker).toBeNull();
    const { id: other } = await itemTrackedAt("https://linear.app/not-configured/issue/ENG-42");
    expect((await item(other)).tracker).toBeNull();
  });

  it("links items saved before the integration was added, and not while it is off", async () => {
    const admin = await createUser({ role: "admin" });
    const site = `https://acme-${hex()}.atlassian.net`;
    const early = await itemTrackedAt(`${site}/browse/PROJ-7`);
    const elsewhere = await itemTrackedAt(`https://other-${hex()}.atlassian.net/browse/PROJ-7`);
    const input = TrackerListActionSchema.parse({
      intent: "add-tracker",
      kind: "jira",
      name: "Jira",
      siteUrl: site,
    });
    const created = await createTrackerIntegration(admin, input);
    added.push(created.id);
    expect(created.linked).toBe(1);
    expect((await item(early.id)).tracker).toMatchObject({ key: "PROJ-7", status: null });
    expect((await item(elsewhere.id)).tracker).toBeNull();

    const update = { name: "Jira", statusMap: {}, enabled: false };
    await updateTrackerIntegration(admin, created.id, update);
    const whileOff = await itemTrackedAt(`${site}/browse/PROJ-8`);
    expect((await item(whileOff.id)).tracker).toBeNull();
    await updateTrackerIntegration(admin, created.id, { ...update, enabled: true });
    expect((await item(whileOff.id)).tracker).toMatchObject({ key: "PROJ-8" });

    await removeTrackerIntegration(admin, created.id);
    expect((await item(early.id)).tracker).toBeNull();
  });
});

describe("tracker deliveries", () => {
  it("move an item when Linear's signed delivery reports a mapped status", async () => {
    const tracker = await integration("linear");
    const { id } = await itemTrackedAt(tracker.issueUrl("ENG-42"), "planned");
    const answer = await deliver(tracker, { key: "ENG-42", status: "In Progress" });
    expect(answer).toMatchObject({ status: 200, outcome: "moved" });
    const moved = await item(id);
    expect(moved.status).toBe("in_progress");
    expect(moved.tracker).toMatchObject({
      key: "ENG-42",
      title: "Offline forms sync when back in range",
      status: "In Progress",
      statusMapped: true,
      syncedAt: expect.any(Date),
    });
    expect(moved.history.at(-1)).toMatchObject({ toStatus: "in_progress" });
    const log = await listAuditLog(tracker.admin, {
      action: "backlog.status_changed",
      targetId: id,
      page: 1,
    });
    expect(log.entries[0].details).toMatchObject({ to: "in_progress", via: "Linear ENG-42" });
    expect((await deliveries(tracker))[0]).toMatchObject({
      issueKey: "ENG-42",
      issueStatus: "In Progress",
      outcome: "moved",
      detail: "Moved 1 item to In progress.",
    });
  });

  it("move an item when Jira's signed delivery reports a mapped status", async () => {
    const tracker = await integration("jira");
    const { id } = await itemTrackedAt(tracker.issueUrl("PROJ-123"));
    const answer = await deliver(tracker, { key: "PROJ-123", status: "Done" });
    expect(answer).toMatchObject({ status: 200, outcome: "moved" });
    expect(await readTestBacklogStatus(id)).toBe("shipped");
  });

  it("refuse a delivery seen before, and apply nothing from it", async () => {
    const tracker = await integration("jira");
    const { id, staff } = await itemTrackedAt(tracker.issueUrl("PROJ-1"));
    const deliveryId = randomUUID();
    expect(await deliver(tracker, { key: "PROJ-1", status: "Done", deliveryId })).toMatchObject({
      status: 200,
    });
    await setBacklogStatus(staff, id, "planned");
    const replayed = await deliver(tracker, { key: "PROJ-1", status: "Done", deliveryId });
    expect(replayed).toMatchObject({ status: 409, message: expect.stringMatching(/replayed/) });
    expect(await readTestBacklogStatus(id)).toBe("planned");
    expect(await deliveries(tracker)).toHaveLength(1);
  });

  it("move nothing for the same signed body sent again under another delivery id", async () => {
    const tracker = await integration("jira");
    const { id, staff } = await itemTrackedAt(tracker.issueUrl("PROJ-2"));
    const at = new Date(Date.now() - 10_000);
    await deliver(tracker, { key: "PROJ-2", status: "Done", at });
    await setBacklogStatus(staff, id, "planned");
    const again = await deliver(tracker, { key: "PROJ-2", status: "Done", at });
    expect(again).toMatchObject({ status: 200, outcome: "synced" });
    expect(await readTestBacklogStatus(id)).toBe("planned");
    // An older state arriving late changes nothing either.
    const older = new Date(at.getTime() - 5_000);
    expect(await deliver(tracker, { key: "PROJ-2", status: "To Do", at: older })).toMatchObject({
      outcome: "outdated",
    });
    expect((await item(id)).tracker?.status).toBe("Done");
  });

  it("refuse unsigned and wrongly signed deliveries, and another integration's secret, writing nothing", async () => {
    const tracker = await integration("linear");
    const other = await integration("linear");
    const { id } = await itemTrackedAt(tracker.issueUrl("ENG-5"), "planned");
    const change = { key: "ENG-5", status: "Done" };
    expect(await deliver(tracker, { ...change, secret: null })).toMatchObject({ status: 401 });
    expect(await deliver(tracker, { ...change, secret: "lin_wh_wrong" })).toMatchObject({
      status: 401,
    });
    expect(await deliver(tracker, { ...change, secret: other.secret })).toMatchObject({
      status: 401,
    });
    // Its own secret, sent to another integration's address.
    expect(await deliver(other, { ...change, secret: tracker.secret, to: other.id })).toMatchObject(
      {
        status: 401,
      },
    );
    expect(await deliver(tracker, { ...change, to: randomUUID() })).toMatchObject({ status: 404 });
    expect(await deliver(tracker, { ...change, to: null })).toMatchObject({
      status: 404,
    });
    expect(await readTestBacklogStatus(id)).toBe("planned");
    expect(await deliveries(tracker)).toEqual([]);
    expect(await deliveries(other)).toEqual([]);
  });

  it("refuse a Linear delivery over a minute old and a Jira one over an hour old or from the future", async () => {
    const linear = await integration("linear");
    const minuteAgo = new Date(Date.now() - 61_000);
    expect(await deliver(linear, { key: "ENG-6", at: minuteAgo })).toMatchObject({ status: 401 });
    const jira = await integration("jira");
    for (const at of [new Date(Date.now() - 61 * 60_000), new Date(Date.now() + 6 * 60_000)]) {
      expect(await deliver(jira, { key: "PROJ-6", at })).toMatchObject({ status: 401 });
    }
    expect(
      await deliver(jira, { key: "PROJ-6", at: new Date(Date.now() - 50 * 60_000) }),
    ).toMatchObject({
      status: 200,
      outcome: "unlinked",
    });
    expect(await deliveries(linear)).toEqual([]);
    expect(await deliveries(jira)).toHaveLength(1);
  });

  it("log a status it has no mapping for, show it, and never guess a backlog status", async () => {
    const tracker = await integration("linear");
    const { id } = await itemTrackedAt(tracker.issueUrl("ENG-7"), "planned");
    const answer = await deliver(tracker, { key: "ENG-7", status: "In Review" });
    expect(answer).toMatchObject({ status: 200, outcome: "unmapped" });
    const unmoved = await item(id);
    expect(unmoved.status).toBe("planned");
    expect(unmoved.tracker).toMatchObject({ status: "In Review", statusMapped: false });
    expect((await deliveries(tracker))[0].detail).toBe(
      "Status “In Review” is not mapped: shown on 1 item, no status moved.",
    );
  });

  it("log an issue no item follows, and ignore events that are not about an issue's status", async () => {
    const tracker = await integration("jira");
    expect(await deliver(tracker, { key: "PROJ-404" })).toMatchObject({ outcome: "unlinked" });
    const { id } = await itemTrackedAt(tracker.issueUrl("PROJ-123"), "planned");
    const comment = await deliver(tracker, { payload: "jira-comment-created" });
    expect(comment).toMatchObject({ status: 200, outcome: "ignored" });
    const edit = await deliver(tracker, { key: "PROJ-123", status: "Done", statusChanged: false });
    expect(edit).toMatchObject({ status: 200, outcome: "synced" });
    expect(await readTestBacklogStatus(id)).toBe("planned");
    const linear = await integration("linear");
    expect(await deliver(linear, { payload: "linear-comment-create" })).toMatchObject({
      outcome: "ignored",
    });
  });

  it("refuse every delivery while the integration is off", async () => {
    const tracker = await integration("jira");
    const { id } = await itemTrackedAt(tracker.issueUrl("PROJ-9"), "planned");
    await updateTrackerIntegration(tracker.admin, tracker.id, {
      name: "Off",
      statusMap: { done: "shipped" },
      enabled: false,
    });
    expect(await deliver(tracker, { key: "PROJ-9", status: "Done" })).toMatchObject({
      status: 404,
    });
    expect(await readTestBacklogStatus(id)).toBe("planned");
    expect(await deliveries(tracker)).toEqual([]);
  });

  it("move nothing once its owner is no longer an admin, until another admin saves it", async () => {
    const tracker = await integration("linear");
    const { id } = await itemTrackedAt(tracker.issueUrl("ENG-8"), "planned");
    await setTestPerson(tracker.admin.id, { role: "staff" });
    const answer = await deliver(tracker, { key: "ENG-8", status: "Done" });
    expect(answer).toMatchObject({ status: 200, outcome: "owner-cannot-act" });
    expect(await readTestBacklogStatus(id)).toBe("planned");
    expect((await item(id)).tracker?.status).toBe("Done");

    const next = await createUser({ role: "admin" });
    const saved = await getTrackerIntegration(next, tracker.id);
    await updateTrackerIntegration(next, tracker.id, {
      name: saved!.name,
      statusMap: saved!.statusMap,
      enabled: true,
    });
    expect(await deliver(tracker, { key: "ENG-8", status: "Done" })).toMatchObject({
      outcome: "moved",
    });
    expect(await readTestBacklogStatus(id)).toBe("shipped");
  });

  it("apply exactly one of the same delivery sent twenty times at once", async () => {
    const tracker = await integration("jira");
    const { id } = await itemTrackedAt(tracker.issueUrl("PROJ-20"), "planned");
    const deliveryId = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        deliver(tracker, { key: "PROJ-20", status: "In Progress", deliveryId }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(19);
    expect(
      (await item(id)).history.filter((change) => change.toStatus === "in_progress"),
    ).toHaveLength(1);
  });

  it("answer hostile bodies with a bound and a message, never a failure", async () => {
    const tracker = await integration("jira");
    const signed = async (body: string | Uint8Array) => {
      const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
      return receiveTrackerDelivery(
        tracker.id,
        new Headers(trackerHeaders("jira", tracker.secret, bytes)),
        bytes,
      );
    };
    const huge = new Uint8Array(256 * 1024 + 1).fill(32);
    expect(await signed(huge)).toMatchObject({ status: 413 });
    const nul = recordedTrackerBody("jira-issue-updated", { key: "PROJ-1" }).replace(
      '"In Progress"',
      '"In\\u0000Progress"',
    );
    expect(await signed(nul)).toMatchObject({ status: 400, outcome: "invalid" });
    const longStatus = recordedTrackerBody("jira-issue-updated", {
      key: "PROJ-1",
      status: "x".repeat(100_000),
    });
    expect(await signed(longStatus)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/longer than 100 characters/),
    });
    const deep = `{"timestamp":${Date.now()},"webhookEvent":"x","a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    expect(await signed(deep)).toMatchObject({
      status: 400,
      message: expect.stringMatching(/deep/),
    });
    expect(await signed(new Uint8Array([0xff, 0xfe, 0x7b]))).toMatchObject({ status: 400 });
    expect(await signed("not json")).toMatchObject({ status: 400 });
    expect(await signed('{"timestamp":"now"}')).toMatchObject({ status: 400 });
    const logged = await deliveries(tracker);
    expect(logged.map((delivery) => delivery.outcome)).toEqual(Array(6).fill("invalid"));
    expect(logged.every((delivery) => delivery.detail.length <= 500)).toBe(true);
  });
});

describe("the delivery log", () => {
  it("keeps deliveries for 30 days", async () => {
    const tracker = await integration("jira");
    await deliver(tracker, { key: "PROJ-30" });
    await ageTestTrackerDeliveries(tracker.id, 29);
    expect(await purgeOldTrackerDeliveries()).toBe(0);
    expect(await deliveries(tracker)).toHaveLength(1);
    await ageTestTrackerDeliveries(tracker.id, 31);
    expect(await purgeOldTrackerDeliveries()).toBe(1);
    expect(await deliveries(tracker)).toEqual([]);
  });
});

describe("what members see", () => {
  it("never names the issue, its title or status on the roadmap", async () => {
    const tracker = await integration("linear");
    const { id } = await itemTrackedAt(tracker.issueUrl("ENG-77"), "planned");
    await deliver(tracker, { key: "ENG-77", status: "In Progress", title: "Secret codename" });
    expect(await readTestBacklogStatus(id)).toBe("in_progress");
    const member = await createUser();
    const roadmap = JSON.stringify(await listRoadmap(member));
    expect(roadmap).toContain(id);
    for (const secret of ["ENG-77", "Secret codename", "In Progress", tracker.site]) {
      expect(roadmap).not.toContain(secret);
    }
    for (const role of ["member", "moderator"] as const) {
      await expect(getBacklogItem(await createUser({ role }), id), role).rejects.toMatchObject({
        status: 403,
      });
    }
  });
});
