import { afterEach, describe, expect, it } from "vitest";
import { answerOf, routeContext, signedIn, statusOf } from "#db/testing/requests";
import {
  createTestTrackerIntegration,
  removeTestTrackerIntegrations,
} from "#db/testing/tracker-deliveries";
import {
  getTrackerIntegration,
  listTrackerIntegrations,
} from "~/models/tracker-integration.server";
import { action as listAction, loader as listLoader } from "./integrations._index";
import { action, loader } from "./integrations.trackers.$integrationId";

const context = routeContext;
afterEach(removeTestTrackerIntegrations);

describe("the issue trackers' admin pages", () => {
  it.each([
    ["member", 403],
    ["moderator", 403],
    ["staff", 403],
    ["admin", 200],
  ] as const)(
    "answer a %s with %i, and change nothing for those refused",
    async (role, expected) => {
      const tracker = await createTestTrackerIntegration("jira");
      const { get, post } = await signedIn(role);
      const path = `/admin/integrations/trackers/${tracker.id}`;
      const params = { integrationId: tracker.id };
      expect(
        await statusOf(() =>
          listLoader({ request: get("/admin/integrations"), params: {}, context }),
        ),
      ).toBe(expected);
      expect(await statusOf(() => loader({ request: get(path), params, context }))).toBe(expected);
      const add = {
        intent: "add-tracker",
        kind: "jira",
        name: "Sneaky",
        siteUrl: `https://sneaky-${role}.atlassian.net`,
      };
      const added = await statusOf(() =>
        listAction({ request: post("/admin/integrations", add), params: {}, context }),
      );
      for (const form of <Record<string, string>[]>[
        { intent: "update", name: "Renamed", shipped: "Done" },
        { intent: "rotate" },
        { intent: "remove" },
      ]) {
        const status = await statusOf(() => action({ request: post(path, form), params, context }));
        if (expected === 403) expect(status, form.intent).toBe(403);
      }
      if (expected === 403) {
        expect(added).toBe(403);
        const left = await getTrackerIntegration(tracker.admin, tracker.id);
        expect(left?.name).not.toBe("Renamed");
        expect(left?.secretHint).toBe(tracker.secret.slice(-4));
        const names = (await listTrackerIntegrations(tracker.admin)).map((t) => t.name);
        expect(names).not.toContain("Sneaky");
      }
    },
  );

  it("adds Jira with its secret shown once, sends Linear to its page, and keeps a pasted secret out of the answer", async () => {
    const { post } = await signedIn("admin");
    const jira = await answerOf(() =>
      listAction({
        request: post("/admin/integrations", {
          intent: "add-tracker",
          kind: "jira",
          name: "Product Jira",
          siteUrl: `https://product-${Date.now()}.atlassian.net/`,
        }),
        params: {},
        context,
      }),
    );
    expect(jira).toMatchObject({
      status: 200,
      intent: "add-tracker",
      details: {
        secret: expect.any(String),
        hookUrl: expect.stringMatching(/\/hooks\/trackers\/[0-9a-f-]{36}$/),
      },
    });
    const linear = await statusOf(() =>
      listAction({
        request: post("/admin/integrations", {
          intent: "add-tracker",
          kind: "linear",
          name: "Linear",
          siteUrl: `https://linear.app/acme-${Date.now()}`,
        }),
        params: {},
        context,
      }),
    );
    expect(linear).toBe(302);
    const wrong = await answerOf(() =>
      listAction({
        request: post("/admin/integrations", {
          intent: "add-tracker",
          kind: "linear",
          name: "Linear",
          siteUrl: "https://acme.atlassian.net",
        }),
        params: {},
        context,
      }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.result.error?.siteUrl).toEqual([
      "Enter the workspace's address, like https://linear.app/acme.",
    ]);

    const tracker = await createTestTrackerIntegration("linear");
    const path = `/admin/integrations/trackers/${tracker.id}`;
    const tooShort = await answerOf(() =>
      action({
        request: post(path, { intent: "paste-secret", secret: "lin_wh_short" }),
        params: { integrationId: tracker.id },
        context,
      }),
    );
    expect(tooShort.status).toBe(400);
    expect(JSON.stringify(tooShort)).not.toContain("lin_wh_short");
  });

  it("saves the status mapping as the form sends it, and says which name is listed twice", async () => {
    const tracker = await createTestTrackerIntegration("jira");
    const { post } = await signedIn(tracker.admin);
    const path = `/admin/integrations/trackers/${tracker.id}`;
    const params = { integrationId: tracker.id };
    const form = {
      intent: "update",
      name: "Product Jira",
      enabled: "on",
      triage: "",
      planned: "To Do, Selected for Development",
      in_progress: "In Progress,In Review",
      shipped: "Done",
      wont_do: "Won't Do",
    };
    const saved = await answerOf(() => action({ request: post(path, form), params, context }));
    expect(saved).toMatchObject({ status: 200, done: "Saved." });
    expect((await getTrackerIntegration(tracker.admin, tracker.id))?.statusMap).toEqual({
      "to do": "planned",
      "selected for development": "planned",
      "in progress": "in_progress",
      "in review": "in_progress",
      done: "shipped",
      "won't do": "wont_do",
    });
    const twice = await answerOf(() =>
      action({ request: post(path, { ...form, wont_do: "Done" }), params, context }),
    );
    expect(twice.status).toBe(400);
    expect(twice.result.error?.wont_do).toEqual([
      "“done” is listed under two backlog statuses: keep it under one.",
    ]);
  });

  it("answers naughty strings in every field with words, never a failure", async () => {
    const tracker = await createTestTrackerIntegration("jira");
    const { post } = await signedIn(tracker.admin);
    const path = `/admin/integrations/trackers/${tracker.id}`;
    const params = { integrationId: tracker.id };
    for (const naughty of [
      "nul\u0000byte",
      "\ud800 lone half",
      "<script>alert(1)</script>",
      "x".repeat(5_000),
      "https://acme.atlassian.net/%00",
      ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
    ]) {
      const added = await answerOf(() =>
        listAction({
          request: post("/admin/integrations", {
            intent: "add-tracker",
            kind: "jira",
            name: naughty,
            siteUrl: naughty,
          }),
          params: {},
          context,
        }),
      );
      expect(added.status, naughty).toBe(400);
      for (const form of <Record<string, string>[]>[
        { intent: "update", name: naughty, planned: naughty, shipped: naughty },
        { intent: "paste-secret", secret: naughty },
      ]) {
        const answer = await answerOf(() => action({ request: post(path, form), params, context }));
        expect(answer.status, `${form.intent} ${naughty.slice(0, 20)}`).toBeLessThan(500);
      }
    }
  });
});
