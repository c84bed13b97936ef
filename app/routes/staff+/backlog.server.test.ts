import { describe, expect, it } from "vitest";
import {
  closeTestUndoWindows,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import { routeContext, signedIn, statusOf } from "#db/testing/requests";
import { releaseDueStatusChanges } from "~/models/backlog-announcement.server";
import { addEvidence, createBacklogItem, type BacklogFields } from "~/models/backlog.server";
import { loader as notificationsLoader } from "~/routes/notifications";
import { loader as roadmapLoader } from "~/routes/roadmap";
import { loader as changelogLoader } from "~/routes/changelog";
import { loader as itemLoader, action as itemAction } from "./backlog.$itemId";
import { action as statusAction } from "./backlog.$itemId_.status";
import { loader as evidenceCsvLoader } from "./backlog.$itemId.evidence[.]csv";
import { loader as listLoader } from "./backlog._index";
import { loader as csvLoader } from "./backlog[.]csv";
import { loader as newLoader, action as newAction } from "./backlog.new";

const context = routeContext;

const fields = (overrides: Partial<BacklogFields> = {}): BacklogFields => ({
  title: "Bulk export",
  description: null,
  ownerId: null,
  target: "",
  externalUrl: null,
  isPublic: false,
  tagIds: [],
  ...overrides,
});

describe("the backlog's pages and exports", () => {
  it.each([
    ["member", 403],
    ["moderator", 403],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answer a %s with %i, for every page, export and action", async (role, expected) => {
    const staff = await createUser({ role: "staff" });
    const itemId = await createBacklogItem(staff, fields(), null);
    const { get, post } = await signedIn(role);
    const params = { itemId };
    const statuses = [
      await statusOf(() => listLoader({ request: get("/staff/backlog"), params: {}, context })),
      await statusOf(() => newLoader({ request: get("/staff/backlog/new"), params: {}, context })),
      await statusOf(() =>
        itemLoader({ request: get(`/staff/backlog/${itemId}`), params, context }),
      ),
      await statusOf(() => csvLoader({ request: get("/staff/backlog.csv"), params: {}, context })),
      await statusOf(() =>
        evidenceCsvLoader({
          request: get(`/staff/backlog/${itemId}/evidence.csv`),
          params,
          context,
        }),
      ),
    ];
    expect(statuses).toEqual([expected, expected, expected, expected, expected]);
    const refused = expected === 403;
    // Actions: a refused person changes nothing; staff get their answer (a redirect on create).
    const created = await statusOf(() =>
      newAction({
        request: post("/staff/backlog/new", { title: "Sneaky item" }),
        params: {},
        context,
      }),
    );
    expect(created).toBe(refused ? 403 : 302);
    // Status changes go through their preview page's confirm (a redirect back to the item).
    const moved = await statusOf(() =>
      statusAction({
        request: post(`/staff/backlog/${itemId}/status`, { intent: "confirm", to: "planned" }),
        params,
        context,
      }),
    );
    expect(moved).toBe(refused ? 403 : 302);
  });

  it("keeps a bad form's input and says what is wrong", async () => {
    const { post } = await signedIn("staff");
    const answer = (await newAction({
      request: post("/staff/backlog/new", {
        title: "ok",
        externalUrl: "javascript:alert(1)",
        target: "Q3",
      }),
      params: {},
      context,
    })) as {
      data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    };
    expect(answer.data.result.error.title?.[0]).toMatch(/at least 3/);
    expect(answer.data.result.error.externalUrl?.[0]).toMatch(/https/);
    expect(answer.data.result.initialValue.target).toBe("Q3");
  });

  it("exports CSV with formulas neutralised and quoting intact", async () => {
    const staff = await createUser({ role: "staff" });
    const member = await createUser();
    const space = await createTestSpace();
    const thread = await createTestThread(member, space.id, {
      title: '=HYPERLINK("http://evil.test","click")',
      body: '@SUM(1,2) and a line, with "quotes"',
    });
    const itemId = await createBacklogItem(staff, fields({ title: "+cmd|' /C calc'!A0" }), {
      threadId: thread.threadId,
    });
    await addEvidence(staff, itemId, { postId: thread.postId, quote: "@SUM(1,2) and a line," });
    const { get } = await signedIn("staff");
    const list = (await csvLoader({
      request: get("/staff/backlog.csv?q=cmd"),
      params: {},
      context,
    })) as Response;
    const listCsv = await list.text();
    expect(list.headers.get("Content-Type")).toContain("text/csv");
    expect(listCsv).toContain("'+cmd|' /C calc'!A0");
    const evidence = (await evidenceCsvLoader({
      request: get(`/staff/backlog/${itemId}/evidence.csv`),
      params: { itemId },
      context,
    })) as Response;
    const evidenceCsv = await evidence.text();
    expect(evidenceCsv).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(evidenceCsv).toContain(`"'@SUM(1,2) and a line,"`);
    expect(evidenceCsv).not.toMatch(/(^|,)[=+@-]/m);
  });

  it("costs the same queries with 2 items as with a full page", async () => {
    const staff = await createUser({ role: "staff" });
    const space = await createTestSpace();
    const tag = `budget${Date.now()}`;
    for (let i = 0; i < 2; i++)
      await createBacklogItem(staff, fields({ title: `${tag}-few ${i}` }), null);
    // Shared among colleagues: one person's new items are counted against a rate (ten a minute).
    const colleagues = await Promise.all(
      Array.from({ length: 6 }, () => createUser({ role: "staff" })),
    );
    for (let i = 0; i < 50; i++) {
      const thread = await createTestThread(await createUser(), space.id);
      await createBacklogItem(
        colleagues[i % colleagues.length],
        fields({ title: `${tag}-many ${i}` }),
        {
          threadId: thread.threadId,
        },
      );
    }
    const { get } = await signedIn("staff");
    const run = (q: string) =>
      listLoader({ request: get(`/staff/backlog?q=${q}&sort=weighted`), params: {}, context });
    await run(`${tag}-few`);
    const few = await countQueries(() => run(`${tag}-few`));
    const many = await countQueries(() => run(`${tag}-many`));
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(6);
  });
});

describe("what members see of the backlog", () => {
  it("never an internal note, a private item's name, or the item's demand", async () => {
    const staff = await createUser({ role: "staff" });
    const member = await createUser();
    const space = await createTestSpace();
    const idea = await createTestThread(member, space.id, {
      kind: "discussion",
      title: "Need SSO",
    });
    const itemId = await createBacklogItem(staff, fields({ title: "Secret codename Falcon" }), {
      threadId: idea.threadId,
    });
    const staffSide = await signedIn("staff");
    await itemAction({
      request: staffSide.post(`/staff/backlog/${itemId}`, {
        intent: "add-note",
        note: "Renewal at risk, do not share",
      }),
      params: { itemId },
      context,
    });
    await statusAction({
      request: staffSide.post(`/staff/backlog/${itemId}/status`, {
        intent: "confirm",
        to: "planned",
      }),
      params: { itemId },
      context,
    }).catch((thrown: unknown) => {
      if (!(thrown instanceof Response)) throw thrown;
    });
    await closeTestUndoWindows();
    await releaseDueStatusChanges();
    const { get } = await signedIn(member);
    const pages = JSON.stringify([
      await notificationsLoader({ request: get("/notifications"), params: {}, context }),
      await roadmapLoader({ request: get("/roadmap"), params: {}, context }),
      await changelogLoader({ request: get("/changelog"), params: {}, context }),
    ]);
    expect(pages).toContain("backlog_update");
    expect(pages).not.toContain("Falcon");
    expect(pages).not.toContain("Renewal at risk");
    expect(pages).not.toContain("weightedScore");
  });
});
