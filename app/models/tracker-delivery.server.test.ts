import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  abandonTestTrackerDelivery,
  ageTestTrackerDeliveries,
  createUser,
  fillTestRateLimit,
  readTestBacklogStatus,
  setTestPerson,
} from "#db/testing/factories";
import {
  createTestTrackedItem,
  createTestTrackerIntegration,
  deliverTestTrackerPayload,
  recordedTrackerBody,
  removeTestTrackerIntegrations,
  trackerHeaders,
  type TestTrackerIntegration,
} from "#db/testing/tracker-deliveries";
import { listAuditLog } from "./audit.server";
import { setBacklogStatus } from "./backlog-status.server";
import { getBacklogItem } from "./backlog.server";
import { purgeOldTrackerDeliveries, receiveTrackerDelivery } from "./tracker-delivery.server";
import {
  getTrackerIntegration,
  listTrackerDeliveries,
  listTrackerIntegrations,
  updateTrackerIntegration,
} from "./tracker-integration.server";

// What a tracker's webhook does, delivered as Jira and Linear deliver it (recorded payloads,
// signed as each signs): the route's answers are tested in app/routes/hooks+.

const integration = createTestTrackerIntegration;
const itemTrackedAt = createTestTrackedItem;
const deliver = deliverTestTrackerPayload;
afterEach(removeTestTrackerIntegrations);

const item = async (id: string) => (await getBacklogItem(await createUser({ role: "staff" }), id))!;
const deliveries = (tracker: TestTrackerIntegration) =>
  listTrackerDeliveries(tracker.admin, tracker.id);

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
    const listed = await listTrackerIntegrations(tracker.admin);
    expect(listed.find((row) => row.id === tracker.id)).toMatchObject({
      itemCount: 1,
      lastDeliveryAt: expect.any(Date),
    });
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

describe("deliveries under pressure", () => {
  it("take at most 600 a minute per integration, counted only once signed", async () => {
    const tracker = await integration("jira");
    const other = await integration("jira");
    await deliver(tracker, { key: "PROJ-1" });
    await fillTestRateLimit(`tracker-hook:${tracker.id}`, 600);
    expect(await deliver(tracker, { key: "PROJ-1" })).toMatchObject({
      status: 429,
      retryAfterSeconds: expect.any(Number),
    });
    // Forged deliveries to the other integration use up none of its allowance.
    for (let i = 0; i < 5; i++) {
      expect(await deliver(other, { key: "PROJ-1", secret: "forged" })).toMatchObject({
        status: 401,
      });
    }
    expect(await deliver(other, { key: "PROJ-1" })).toMatchObject({ status: 200 });
  });

  it("take over a delivery whose process died before it was applied, once two minutes pass", async () => {
    const tracker = await integration("jira");
    const { id } = await itemTrackedAt(tracker.issueUrl("PROJ-40"), "planned");
    const deliveryId = randomUUID();
    await deliver(tracker, { key: "PROJ-40", status: "To Do", deliveryId });
    await abandonTestTrackerDelivery(tracker.id, deliveryId);
    const retried = await deliver(tracker, { key: "PROJ-40", status: "Done", deliveryId });
    expect(retried).toMatchObject({ status: 200, outcome: "moved" });
    expect(await readTestBacklogStatus(id)).toBe("shipped");
    expect(await deliveries(tracker)).toHaveLength(1);
  });

  it("move at most 50 items following one issue", async () => {
    const tracker = await integration("linear");
    const items = [];
    for (let i = 0; i < 51; i++) items.push(await itemTrackedAt(tracker.issueUrl("ENG-50")));
    const answer = await deliver(tracker, { key: "ENG-50", status: "Done" });
    expect(answer).toMatchObject({ status: 200, outcome: "moved" });
    expect(answer.message).toBe("Moved 50 items to Shipped.");
    const statuses = await Promise.all(items.map((item) => readTestBacklogStatus(item.id)));
    expect(statuses.filter((status) => status === "shipped")).toHaveLength(50);
  });
});
