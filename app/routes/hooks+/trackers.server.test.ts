import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "#db/testing/factories";
import { outcome, routeContext } from "#db/testing/requests";
import { recordedTrackerBody, trackerHeaders } from "#db/testing/tracker-deliveries";
import { isTrustedOrigin } from "~/auth/origin.server";
import {
  createTrackerIntegration,
  updateTrackerIntegration,
} from "~/models/tracker-integration.server";
import { TrackerListActionSchema } from "~/validation/trackers";
import { action, loader } from "./trackers.$integrationId";

/** A tracker's POST to the hook, as it reaches the route: no cookie, no Origin. */
function post(integrationId: string, body: string | Uint8Array, headers: Record<string, string>) {
  return new Request(`http://localhost/hooks/trackers/${integrationId}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : Buffer.from(body),
  });
}

async function answerTo(request: Request, integrationId: string) {
  const answer = await outcome(() =>
    action({ request, params: { integrationId }, context: routeContext }),
  );
  const response = answer.result as Response;
  expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  return answer;
}

async function jiraIntegration() {
  const admin = await createUser({ role: "admin" });
  const input = TrackerListActionSchema.parse({
    intent: "add-tracker",
    kind: "jira",
    name: "Jira",
    siteUrl: `https://acme-${randomBytes(3).toString("hex")}.atlassian.net`,
  });
  const created = await createTrackerIntegration(admin, input);
  return { ...created, admin, secret: created.secret! };
}

describe("POST /hooks/trackers/:integrationId", () => {
  it("answers each kind of delivery with its status, in JSON", async () => {
    const { id, secret, admin } = await jiraIntegration();
    const body = recordedTrackerBody("jira-issue-updated", { key: "PROJ-1" });
    const deliveryId = randomUUID();
    const signed = trackerHeaders("jira", secret, body, deliveryId);

    const ok = await answerTo(post(id, body, signed), id);
    expect(ok).toMatchObject({ status: 200, body: { ok: true, outcome: "unlinked" } });
    const replayed = await answerTo(post(id, body, signed), id);
    expect(replayed).toMatchObject({
      status: 409,
      body: { error: { code: "conflict", message: expect.stringMatching(/replayed/) } },
    });
    const unsigned = await answerTo(post(id, body, trackerHeaders("jira", null, body)), id);
    expect(unsigned).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
    const wrong = await answerTo(post(id, body, trackerHeaders("jira", "not-it", body)), id);
    expect(wrong.status).toBe(401);
    const nobody = randomUUID();
    expect((await answerTo(post(nobody, body, signed), nobody)).status).toBe(404);
    expect((await answerTo(post("not-an-id", body, signed), "not-an-id")).status).toBe(404);
    const huge = new Uint8Array(300 * 1024).fill(32);
    const tooLarge = await answerTo(post(id, huge, trackerHeaders("jira", secret, huge)), id);
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: "body_too_large" } } });

    await updateTrackerIntegration(admin, id, { name: "Jira", statusMap: {}, enabled: false });
    const fresh = trackerHeaders("jira", secret, body);
    expect((await answerTo(post(id, body, fresh), id)).status).toBe(404);
  });

  it("stops reading a body without a length once it passes the bound", async () => {
    const { id, secret } = await jiraIntegration();
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
        if (sent > 10 * 1024 * 1024) controller.close();
      },
    });
    const request = new Request(`http://localhost/hooks/trackers/${id}`, {
      method: "POST",
      headers: trackerHeaders("jira", secret, ""),
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await answerTo(request, id)).status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it("answers a GET with 405 and what the address is for", async () => {
    const answer = await outcome(() => Promise.resolve(loader()));
    expect(answer).toMatchObject({ status: 405, body: { error: { code: "method_not_allowed" } } });
  });

  it("is the one address besides unsubscribing that takes a POST from outside the site", () => {
    const request = (path: string, method = "POST") =>
      isTrustedOrigin({ method, origin: undefined, host: "c.example", protocol: "https", path });
    expect(request(`/hooks/trackers/${randomUUID()}`)).toBe(true);
    for (const path of [
      "/hooks/trackers/",
      "/hooks/trackers/not-a-uuid",
      `/hooks/trackers/${randomUUID()}/x`,
      `/hooks/trackers/${randomUUID()}/../../admin`,
      `/x/hooks/trackers/${randomUUID()}`,
      "/hooks/other",
    ]) {
      expect(request(path), path).toBe(false);
    }
    expect(request(`/hooks/trackers/${randomUUID()}`, "PUT")).toBe(false);
  });
});
