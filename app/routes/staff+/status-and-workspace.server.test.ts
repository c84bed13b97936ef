import { describe, expect, it } from "vitest";
import {
  createAccount,
  createUser,
  dropTestAnnouncements,
  readTestAnnouncements,
  readTestBacklogStatus,
} from "#db/testing/factories";
import { routeContext, signedIn, statusOf } from "#db/testing/requests";
import { confirmStatusChange, undoStatusChange } from "~/models/backlog-announcement.server";
import { createBacklogItem } from "~/models/backlog.server";
import { action as itemAction } from "./backlog.$itemId";
import { loader as statusLoader, action as statusAction } from "./backlog.$itemId_.status";
import { loader as homeLoader } from "./_index";

// Issue 20's staff pages, attacked by each role below staff: the status-change preview and its
// confirm, the undo on the item's page, and the workspace home.

const context = routeContext;

async function newItem() {
  const staff = await createUser({ role: "staff" });
  const itemId = await createBacklogItem(
    staff,
    {
      title: "Quiet item",
      description: null,
      ownerId: null,
      target: "",
      externalUrl: null,
      isPublic: true,
      tagIds: [],
    },
    null,
  );
  return { staff, itemId };
}

const waiting = readTestAnnouncements;
const statusOfItem = readTestBacklogStatus;

describe("status changes and the workspace, by role", () => {
  it("refuse a signed-out visitor: to sign in, and nothing changes", async () => {
    const { itemId } = await newItem();
    const params = { itemId };
    const get = (path: string) => new Request(`http://localhost${path}`);
    expect(
      await statusOf(() =>
        statusLoader({
          request: get(`/staff/backlog/${itemId}/status?to=shipped`),
          params,
          context,
        }),
      ),
    ).toBe(302);
    expect(await statusOf(() => homeLoader({ request: get("/staff"), params: {}, context }))).toBe(
      302,
    );
    const posted = new Request(`http://localhost/staff/backlog/${itemId}/status`, {
      method: "POST",
      headers: {
        Origin: "http://localhost",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "confirm", to: "shipped" }),
    });
    expect([302, 401, 403]).toContain(
      await statusOf(() => statusAction({ request: posted, params, context })),
    );
    expect(await waiting(itemId)).toHaveLength(0);
  });

  it.each([
    ["member", null],
    ["small-account member", "small"],
    ["moderator", null],
  ] as const)("refuse a %s every page, data request and action", async (_who, small) => {
    const { staff, itemId } = await newItem();
    const person = small
      ? await createUser({ accountId: (await createAccount({ revenueCents: 100 })).id })
      : await createUser({ role: _who === "moderator" ? "moderator" : "member" });
    const { get, post } = await signedIn(person);
    const params = { itemId };
    const path = `/staff/backlog/${itemId}/status`;
    expect(
      await statusOf(() => statusLoader({ request: get(`${path}?to=shipped`), params, context })),
    ).toBe(403);
    expect(
      await statusOf(() =>
        statusLoader({ request: get(`${path}.data?to=shipped`), params, context }),
      ),
    ).toBe(403);
    expect(
      await statusOf(() =>
        statusAction({
          request: post(path, { intent: "confirm", to: "shipped", notes: "We shipped it." }),
          params,
          context,
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(() =>
        statusAction({
          request: post(path, { intent: "confirm", to: "wont_do" }),
          params,
          context,
        }),
      ),
    ).toBe(403);
    expect(await waiting(itemId)).toHaveLength(0);
    expect(await statusOfItem(itemId)).toBe("triage");

    // Staff's own waiting change can't be undone by them either.
    await confirmStatusChange(staff, itemId, { to: "planned", notes: null });
    expect(
      await statusOf(() =>
        itemAction({
          request: post(`/staff/backlog/${itemId}`, { intent: "undo-status" }),
          params,
          context,
        }),
      ),
    ).toBe(403);
    expect(await waiting(itemId)).toHaveLength(1);
    await undoStatusChange(staff, itemId);

    expect(await statusOf(() => homeLoader({ request: get("/staff"), params: {}, context }))).toBe(
      403,
    );
  });

  it("let staff preview, confirm and undo; a quiet change can't jump a waiting one", async () => {
    const { itemId } = await newItem();
    const { get, post } = await signedIn("staff");
    const params = { itemId };
    const path = `/staff/backlog/${itemId}/status`;
    expect(
      await statusOf(() => statusLoader({ request: get(`${path}?to=shipped`), params, context })),
    ).toBe(200);
    expect(await statusOf(() => homeLoader({ request: get("/staff"), params: {}, context }))).toBe(
      200,
    );
    expect(
      await statusOf(() =>
        statusAction({
          request: post(path, { intent: "confirm", to: "shipped" }),
          params,
          context,
        }),
      ),
    ).toBe(302);
    expect(await waiting(itemId)).toHaveLength(1);
    // Closing it as won't do now would be overturned when the waiting "shipped" goes out a minute later.
    expect(
      await statusOf(() =>
        statusAction({
          request: post(path, { intent: "confirm", to: "wont_do" }),
          params,
          context,
        }),
      ),
    ).toBe(409);
    expect(await statusOfItem(itemId)).toBe("triage");
    expect(
      await statusOf(() =>
        itemAction({
          request: post(`/staff/backlog/${itemId}`, { intent: "undo-status" }),
          params,
          context,
        }),
      ),
    ).toBe(200);
    expect(await waiting(itemId)).toHaveLength(0);
  });
});

describe("release notes", () => {
  it("are validated and sanitized before anyone reads them, and bounded", async () => {
    const { itemId } = await newItem();
    const { post } = await signedIn("staff");
    const params = { itemId };
    const path = `/staff/backlog/${itemId}/status`;
    const doc = (content: unknown[]) =>
      JSON.stringify({ type: "doc", content: [{ type: "paragraph", content }] });
    const confirm = (fields: Record<string, string>) =>
      statusOf(() =>
        statusAction({
          request: post(path, { intent: "confirm", to: "shipped", ...fields }),
          params,
          context,
        }),
      );
    // A link that runs script, and a node the editor doesn't have: refused with words.
    for (const notesJson of [
      doc([
        {
          type: "text",
          text: "Click me",
          marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }],
        },
      ]),
      JSON.stringify({ type: "doc", content: [{ type: "rawHtml", text: "<iframe src=x>" }] }),
    ]) {
      expect(await confirm({ notesJson })).toBe(400);
    }
    expect(await waiting(itemId)).toHaveLength(0);
    // Markup typed as text stays text.
    expect(
      await confirm({
        notesJson: doc([{ type: "text", text: "<script>alert(2)</script><img src=x onerror=y>" }]),
      }),
    ).toBe(302);
    const [kept] = await waiting(itemId);
    expect(kept.notesHtml).toContain("&lt;script&gt;");
    expect(kept.notesHtml).not.toMatch(/<script|<img/i);
    await dropTestAnnouncements(itemId);

    const tooLong = await statusOf(() =>
      statusAction({
        request: post(path, { intent: "confirm", to: "shipped", notes: "x".repeat(250_000) }),
        params,
        context,
      }),
    );
    expect(tooLong).toBe(400);
    expect(await waiting(itemId)).toHaveLength(0);
  });
});
