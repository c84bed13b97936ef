import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestSpace,
  createTestThread,
  createUser,
  makeTestWebhookDeliveriesDue,
  setTestPerson,
  setTestWebhookAttempts,
} from "#db/testing/factories";
import { readWebhookPayload } from "~/routes/api+/__webhook-payloads.server";
import { isPublicAddress, postOutbound } from "~/utils/outbound-post.server";
import type { Viewer } from "~/auth/policy.server";
import { listAuditLog } from "./audit.server";
import { castVote, setIdeaStatus } from "./idea.server";
import { Refusal } from "./refusal.server";
import {
  deliverDueWebhooks,
  MAX_WEBHOOK_ATTEMPTS,
  retryDelayMs,
  webhookSignature,
} from "./webhook-delivery.server";
import {
  createWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  pingWebhookEndpoint,
  redeliverWebhook,
  removeWebhookEndpoint,
  rotateWebhookSecret,
  setWebhookAllowedHosts,
  updateWebhookEndpoint,
} from "./webhook-endpoint.server";
import { emitWebhookEvent } from "./webhook-event.server";

type Received = { headers: http.IncomingHttpHeaders; body: string };

/**
 * A receiver on loopback. Each test's endpoint has its own path (earlier tests' endpoints get
 * events too): `received` holds what came to the current one, which answers with the next
 * status in `statuses` (200 when none).
 */
let server: http.Server;
let received: Received[] = [];
let statuses: number[] = [];
let receiverUrl = "";
let currentPath = "";
let nextBody: string | null = null;
let endpoints = 0;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const current = request.url === currentPath;
      if (current) received.push({ headers: request.headers, body });
      response.writeHead((current && statuses.shift()) || 200, { "Content-Type": "text/plain" });
      response.end(current && nextBody !== null ? nextBody : "thanks");
      if (current) nextBody = null;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function adminWithEndpoint(events: Parameters<typeof createWebhookEndpoint>[1]["events"]) {
  const admin = await createUser({ role: "admin" });
  await setWebhookAllowedHosts(admin, ["127.0.0.1"]);
  currentPath = `/hooks/${++endpoints}`;
  const { id, secret } = await createWebhookEndpoint(admin, {
    url: receiverUrl + currentPath,
    description: "test receiver",
    events,
  });
  received = [];
  statuses = [];
  return { admin, endpointId: id, secret };
}

const send = () => deliverDueWebhooks(readWebhookPayload);

/** Checks a delivery's signature as a receiver would, with each secret it knows. */
function verifies(delivery: Received, secret: string) {
  const header = String(delivery.headers["vanguard-signature"]);
  const parts = header.split(",");
  const timestamp = parts.find((part) => part.startsWith("t="))!.slice(2);
  const expected = createHmac("sha256", secret)
    .update(`${timestamp}.${delivery.body}`)
    .digest("hex");
  return parts.includes(`v1=${expected}`);
}

async function ideaWithStatusChange(admin: Viewer) {
  const space = await createTestSpace({ ideasEnabled: true });
  const author = await createUser();
  const { threadId } = await createTestThread(author, space.id, {
    kind: "idea",
    title: "Dark mode",
  });
  await setIdeaStatus(admin, threadId, "planned", null);
  return threadId;
}

describe("webhook addresses", () => {
  it("counts only public addresses as reachable", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "::7f00:1",
      "64:ff9b::a00:1",
      "not an address",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    expect(isPublicAddress("2606:4700:4700::1111")).toBe(true);
  });

  it("refuses loopback and private hosts, by address or by name, unless an admin named the host", async () => {
    const literal = await postOutbound(receiverUrl, "{}", {}, []);
    expect(literal).toMatchObject({ ok: false, status: null });
    const port = new URL(receiverUrl).port;
    const byName = await postOutbound(`https://localhost:${port}/`, "{}", {}, []);
    expect(byName).toMatchObject({ ok: false, status: null });
    expect(byName.ok || byName.error).toMatch(/not a public address/);
    const mapped = await postOutbound(`https://[::ffff:127.0.0.1]:${port}/`, "{}", {}, []);
    expect(mapped.ok).toBe(false);
    expect(await postOutbound("file:///etc/passwd", "{}", {}, [])).toMatchObject({ ok: false });
    received = [];
    currentPath = "/direct";
    const allowed = await postOutbound(`${receiverUrl}/direct`, "{}", {}, ["127.0.0.1"]);
    expect(allowed).toMatchObject({ ok: true, status: 200, excerpt: "thanks" });
    expect(received).toHaveLength(1);
  });
});

describe("webhook deliveries", () => {
  it("sends a signed event carrying the object as the API answers its owner", async () => {
    const { admin, endpointId, secret } = await adminWithEndpoint(["idea.status_changed"]);
    const ideaId = await ideaWithStatusChange(admin);
    await send();

    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(verifies(delivery, secret)).toBe(true);
    expect(verifies(delivery, "whsec_wrong")).toBe(false);
    expect(delivery.headers["vanguard-event"]).toBe("idea.status_changed");
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({
      type: "idea.status_changed",
      data: { object: { id: ideaId, status: "planned" }, previousStatus: "open" },
    });
    // Only what the endpoint asked for: the idea's creation was not sent.
    const [listed] = await listWebhookDeliveries(admin, endpointId);
    expect(listed).toMatchObject({ state: "delivered", lastStatus: 200, attempts: 1 });
  });

  it("retries a failing receiver with growing waits, then gives up", async () => {
    const { admin, endpointId } = await adminWithEndpoint(["idea.status_changed"]);
    await ideaWithStatusChange(admin);
    statuses = [500];
    const before = Date.now();
    await send();
    let [delivery] = await listWebhookDeliveries(admin, endpointId);
    expect(delivery).toMatchObject({ state: "pending", lastStatus: 500, attempts: 1 });
    const listed = (await listWebhookEndpoints(admin)).find((e) => e.id === endpointId);
    expect(listed).toMatchObject({ pending: 1, failed: 0 });
    expect(delivery.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + retryDelayMs(1));
    // Not due yet: nothing is sent.
    await send();
    expect(received).toHaveLength(1);
    expect(retryDelayMs(MAX_WEBHOOK_ATTEMPTS - 1) / 3_600_000).toBeGreaterThan(16);

    await setTestWebhookAttempts(endpointId, MAX_WEBHOOK_ATTEMPTS - 1);
    await makeTestWebhookDeliveriesDue(endpointId);
    statuses = [503];
    await send();
    [delivery] = await listWebhookDeliveries(admin, endpointId);
    expect(delivery).toMatchObject({ state: "failed", lastStatus: 503 });

    // An admin sends it again: a new delivery, answered this time.
    await redeliverWebhook(admin, endpointId, delivery.id);
    await send();
    const deliveries = await listWebhookDeliveries(admin, endpointId);
    expect(deliveries[0]).toMatchObject({ state: "delivered", redeliveryOf: delivery.id });
    expect(deliveries[0].eventId).toBe(delivery.eventId);
  });

  it("sends nothing its owner may no longer see, or once its owner no longer manages webhooks", async () => {
    const { admin, endpointId } = await adminWithEndpoint(["idea.created"]);
    // An event about something that is gone (a deleted idea reads as "no such idea").
    await emitWebhookEvent("idea.created", "00000000-0000-4000-8000-00000000dead");
    await send();
    expect(received).toHaveLength(0);
    expect((await listWebhookDeliveries(admin, endpointId))[0]).toMatchObject({
      state: "cancelled",
      lastError: expect.stringMatching(/gone/),
    });

    const space = await createTestSpace({ ideasEnabled: true });
    await createTestThread(await createUser(), space.id, { kind: "idea" });
    await setTestPerson(admin.id, { role: "staff" });
    await send();
    expect(received).toHaveLength(0);
    const [latest] = await listWebhookDeliveries({ ...admin, role: "admin" }, endpointId);
    expect(latest.lastError).toMatch(/no longer manages webhooks/);
  });

  it("signs with both secrets for a day after a rotation, and tests an endpoint with a ping", async () => {
    const { admin, endpointId, secret } = await adminWithEndpoint(["vote.cast"]);
    const rotated = await rotateWebhookSecret(admin, endpointId);
    await pingWebhookEndpoint(admin, endpointId);
    await send();
    const [ping] = received;
    expect(JSON.parse(ping.body)).toMatchObject({ type: "ping", data: {} });
    expect(verifies(ping, rotated.secret)).toBe(true);
    expect(verifies(ping, secret)).toBe(true);
  });

  it("queues nothing for an endpoint turned off, and drops what waited when it is turned off", async () => {
    const { admin, endpointId } = await adminWithEndpoint(["idea.status_changed"]);
    await ideaWithStatusChange(admin);
    await updateWebhookEndpoint(admin, endpointId, {
      url: receiverUrl + currentPath,
      description: "",
      events: ["idea.status_changed"],
      enabled: false,
    });
    await ideaWithStatusChange(admin);
    const deliveries = await listWebhookDeliveries(admin, endpointId);
    expect(deliveries.map((d) => d.state)).toEqual(["cancelled"]);
    await expect(pingWebhookEndpoint(admin, endpointId)).rejects.toThrow(Refusal);
  });
});

describe("webhook endpoints", () => {
  it("are the admins' alone, whoever calls the model", async () => {
    const { admin, endpointId } = await adminWithEndpoint(["vote.cast"]);
    const input = {
      url: "https://example.com/hook",
      description: "",
      events: ["vote.cast" as const],
    };
    for (const role of ["member", "moderator", "staff"] as const) {
      const someone = await createUser({ role });
      const calls = [
        () => listWebhookEndpoints(someone),
        () => createWebhookEndpoint(someone, input),
        () => updateWebhookEndpoint(someone, endpointId, { ...input, enabled: true }),
        () => rotateWebhookSecret(someone, endpointId),
        () => removeWebhookEndpoint(someone, endpointId),
        () => listWebhookDeliveries(someone, endpointId),
        () => pingWebhookEndpoint(someone, endpointId),
        () => setWebhookAllowedHosts(someone, ["10.0.0.1"]),
      ];
      for (const call of calls) {
        await expect(call(), role).rejects.toMatchObject({ status: 403 });
      }
    }
    expect((await listWebhookEndpoints(admin)).map((e) => e.id)).toContain(endpointId);
  });

  it("refuse an address that is not http(s) or carries a password", async () => {
    const admin = await createUser({ role: "admin" });
    for (const url of ["ftp://example.com/", "https://user:pw@example.com/", "example.com"]) {
      await expect(
        createWebhookEndpoint(admin, { url, description: "", events: ["vote.cast"] }),
      ).rejects.toMatchObject({ status: 400, field: "url" });
    }
  });
});

describe("webhook hardening", () => {
  it("keeps an answer holding a NUL, and gives the delivery its state", async () => {
    const { admin, endpointId } = await adminWithEndpoint(["vote.cast"]);
    await pingWebhookEndpoint(admin, endpointId);
    nextBody = "ok\u0000done";
    await send();
    const [delivery] = await listWebhookDeliveries(admin, endpointId);
    expect(delivery).toMatchObject({ state: "delivered", responseExcerpt: "okdone" });
  });

  it("sends nothing for the same vote cast again", async () => {
    const { admin, endpointId } = await adminWithEndpoint(["vote.cast"]);
    const space = await createTestSpace({ ideasEnabled: true });
    const { threadId } = await createTestThread(await createUser({ role: "staff" }), space.id, {
      kind: "idea",
    });
    const voter = await createUser();
    await castVote(voter, threadId, "critical");
    await castVote(voter, threadId, "critical");
    await castVote(voter, threadId, "critical");
    await castVote(voter, threadId, "important");
    const deliveries = await listWebhookDeliveries(admin, endpointId);
    expect(deliveries).toHaveLength(2);
  });

  it("refuses plain http and private literal addresses unless the host is allowed", async () => {
    const admin = await createUser({ role: "admin" });
    await setWebhookAllowedHosts(admin, []);
    const events = ["vote.cast" as const];
    for (const url of ["http://example.com/hook", "https://10.0.0.8/hook", "https://[::1]/"]) {
      await expect(
        createWebhookEndpoint(admin, { url, description: "", events }),
      ).rejects.toMatchObject({ status: 400, field: "url" });
    }
    await setWebhookAllowedHosts(admin, ["10.0.0.8"]);
    await expect(
      createWebhookEndpoint(admin, { url: "http://10.0.0.8/hook", description: "", events }),
    ).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("keeps webhook changes out of the log for everyone but admins, and never logs a path", async () => {
    const admin = await createUser({ role: "admin" });
    await createWebhookEndpoint(admin, {
      url: "https://hooks.example.com/catch/123/SECRET",
      description: "",
      events: ["vote.cast"],
    });
    const logged = JSON.stringify(await listAuditLog(admin, { action: "settings", page: 1 }));
    expect(logged).toContain("https://hooks.example.com");
    expect(logged).not.toContain("SECRET");
    for (const role of ["staff", "moderator"] as const) {
      const log = await listAuditLog(await createUser({ role }), { action: "settings", page: 1 });
      expect(JSON.stringify(log), role).not.toContain("hooks.example.com");
    }
  });
});

describe("webhook signatures", () => {
  it("are an HMAC-SHA256 of the timestamp and body, newest secret first", () => {
    const header = webhookSignature(["whsec_new", "whsec_old"], 1_700_000_000, '{"a":1}');
    const mac = (secret: string) =>
      createHmac("sha256", secret).update('1700000000.{"a":1}').digest("hex");
    expect(header).toBe(`t=1700000000,v1=${mac("whsec_new")},v1=${mac("whsec_old")}`);
  });
});
