import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createUser, readTestBacklogStatus } from "#db/testing/factories";
import {
  createTestTrackedItem,
  createTestTrackerIntegration,
  deliverTestTrackerPayload,
  recordedTrackerBody,
  removeTestTrackerIntegrations,
  trackerHeaders,
} from "#db/testing/tracker-deliveries";
import { issueOfUrl, normalizeTrackerSite } from "~/utils/tracker-urls";
import {
  StatusMapSchema,
  TrackerActionSchema,
  TrackerListActionSchema,
} from "~/validation/trackers";
import { listAuditLog } from "./audit.server";
import { getBacklogItem, updateBacklogItem } from "./backlog.server";
import { listRoadmap } from "./roadmap.server";
import { receiveTrackerDelivery } from "./tracker-delivery.server";
import {
  createTrackerIntegration,
  getTrackerIntegration,
  listTrackerDeliveries,
  listTrackerIntegrations,
  removeTrackerIntegration,
  pasteTrackerSecret,
  rotateTrackerSecret,
  updateTrackerIntegration,
} from "./tracker-integration.server";

const hex = () => randomBytes(3).toString("hex");
const integration = createTestTrackerIntegration;
const itemTrackedAt = createTestTrackedItem;
const deliver = deliverTestTrackerPayload;
afterEach(removeTestTrackerIntegrations);

const item = async (id: string) => (await getBacklogItem(await createUser({ role: "staff" }), id))!;

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
      ["jira", "https://acme.atlassian.net/%00"],
      ["jira", "https://acme.atlassian.net/a b"],
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
        () => pasteTrackerSecret(someone, tracker.id, "lin_wh_0123456789abcdef0123"),
        () => removeTrackerIntegration(someone, tracker.id),
        () => listTrackerDeliveries(someone, tracker.id),
      ];
      for (const call of calls) await expect(call(), role).rejects.toMatchObject({ status: 403 });
    }
    expect((await getTrackerIntegration(tracker.admin, tracker.id))?.name).toMatch(/^jira /);
  });

  it("make Jira's secret, map statuses by default, and refuse a site twice", async () => {
    const jira = await integration("jira");
    expect(jira.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await getTrackerIntegration(jira.admin, jira.id)).toMatchObject({
      enabled: true,
      awaitingSecret: false,
      statusMap: { "to do": "planned", "in progress": "in_progress", done: "shipped" },
    });
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

  it("wait, off, for the secret Linear makes, and take it pasted", async () => {
    const admin = await createUser({ role: "admin" });
    const site = `https://linear.app/acme-${hex()}`;
    const early = await itemTrackedAt(`${site}/issue/ENG-3/slug`);
    const input = TrackerListActionSchema.parse({
      intent: "add-tracker",
      kind: "linear",
      name: "Linear",
      siteUrl: site,
    });
    const created = await createTrackerIntegration(admin, input);
    expect(created).toMatchObject({ secret: null, linked: 0 });
    expect(await getTrackerIntegration(admin, created.id)).toMatchObject({
      enabled: false,
      awaitingSecret: true,
    });
    const update = { name: "Linear", statusMap: {}, enabled: true };
    await expect(updateTrackerIntegration(admin, created.id, update)).rejects.toMatchObject({
      status: 409,
    });
    const body = recordedTrackerBody("linear-issue-update", { key: "ENG-3" });
    const unsure = await receiveTrackerDelivery(
      created.id,
      new Headers(trackerHeaders("linear", "anything", body)),
      new TextEncoder().encode(body),
    );
    expect(unsure.status).toBe(404);

    await pasteTrackerSecret(admin, created.id, "lin_wh_AbCdEf0123456789AbCdEf0123456789");
    expect(await getTrackerIntegration(admin, created.id)).toMatchObject({
      enabled: true,
      awaitingSecret: false,
      secretHint: "6789",
    });
    expect((await item(early.id)).tracker).toMatchObject({ key: "ENG-3" });
    await expect(rotateTrackerSecret(admin, created.id)).rejects.toMatchObject({ status: 404 });
    for (const secret of ["short", "lin_wh_ with spaces in it", "x".repeat(201)]) {
      const parsed = TrackerActionSchema.safeParse({ intent: "paste-secret", secret });
      expect(parsed.success, secret).toBe(false);
    }
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
