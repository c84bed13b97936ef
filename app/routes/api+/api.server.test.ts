import { describe, expect, it } from "vitest";
import type { ApiTokenScope, UserRole } from "#db/schema";
import {
  castTestVote,
  createAccount,
  countTestVotes,
  createTestInternalTag,
  expireTestApiToken,
  fillTestRateLimit,
  setTestPerson,
  TEST_PASSWORD,
  createTestBacklogItem,
  createTestProposal,
  createTestSpace,
  createTestTag,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { routeContext as context } from "#db/testing/requests";
import { endAllSessionsOf } from "~/auth/session.server";
import {
  createApiToken,
  listOwnApiTokens,
  purgeEndedApiTokens,
  revokeApiToken,
} from "~/models/api-token.server";
import { recordAuditEvent } from "~/models/audit.server";
import { tagThread } from "~/models/tag.server";
import { ErrorSchema } from "./__schemas.server";
import { ENDPOINTS } from "./__endpoints.server";
import { openApiDocument } from "./__openapi.server";
import * as me from "./v1.me";
import * as ideasIndex from "./v1.ideas._index";
import * as ideaRoute from "./v1.ideas.$ideaId._index";
import * as voteRoute from "./v1.ideas.$ideaId.vote";
import * as proxyRoute from "./v1.ideas.$ideaId.proxy-votes";
import * as tagsRoute from "./v1.tags";
import * as unknownRoute from "./v1.$";
import * as accountsIndex from "./v1.accounts._index";
import * as logRoute from "./v1.moderation-log";
import * as learningsIndex from "./v1.learnings._index";
import * as learningRoute from "./v1.learnings.$learningId";
import * as proposalsRoute from "./v1.proposals._index";
import * as proposalRoute from "./v1.proposals.$proposalId";
import * as accountRoute from "./v1.accounts.$accountId";
import * as importRoute from "./v1.accounts.imports";
import * as backlogIndex from "./v1.backlog._index";
import * as backlogItem from "./v1.backlog.$itemId";
import * as membersIndex from "./v1.members._index";
import * as memberRoute from "./v1.members.$memberId";

type Route = {
  loader: (args: never) => Promise<Response> | Response;
  action: (args: never) => Promise<Response> | Response;
};

async function tokenFor(
  who: UserRole | { id: string; role: UserRole; accountId: string | null },
  scopes: ApiTokenScope[] = ["read"],
) {
  const person = typeof who === "string" ? await createUser({ role: who }) : who;
  const { secret, id } = await createApiToken(person, {
    name: "test",
    scopes,
    lifetimeDays: 30,
    password: TEST_PASSWORD,
  });
  return { person, secret, id };
}

/**
 * Calls a route as a client would, and checks the answer against the OpenAPI document: its
 * status is one the operation lists, and its body fits the schema the document was made from.
 */
async function call(
  route: Route,
  path: string,
  options: {
    token?: string;
    method?: string;
    body?: unknown;
    params?: Record<string, string>;
    headers?: Record<string, string>;
  } = {},
) {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const request = new Request(`http://localhost/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const handler = method === "GET" ? route.loader : route.action;
  const response = await handler({ request, params: options.params ?? {}, context } as never);
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  const spec = ENDPOINTS.find(
    (e) =>
      e.method === method.toLowerCase() &&
      e.path.replace(/\{\w+\}/g, "ID") === path.split("?")[0].replace(/[0-9a-f-]{36}/g, "ID"),
  );
  if (spec) {
    const documented = (
      openApiDocument().paths as Record<string, Record<string, { responses: object }>>
    )[spec.path][spec.method].responses;
    expect(Object.keys(documented), `${method} ${path} ${response.status}`).toContain(
      String(response.status),
    );
    if (response.status < 300 && body !== null) spec.response.parse(body);
  }
  if (response.status >= 400) ErrorSchema.parse(body);
  return { status: response.status, body, headers: response.headers };
}

async function ideaIn(space: { id: string }, title = "An idea") {
  const author = await createUser({ role: "staff" });
  const { threadId } = await createTestThread(author, space.id, { kind: "idea", title });
  return threadId;
}

describe("API tokens", () => {
  it("refuses a call without a token, with a made-up one, a revoked one and an expired one (401)", async () => {
    const none = await call(me, "/me");
    expect(none.status).toBe(401);
    expect(none.headers.get("WWW-Authenticate")).toContain("Bearer");
    expect((await call(me, "/me", { token: "vgp_not-a-real-token" })).status).toBe(401);
    expect((await call(me, "/me", { token: `vgp_${"A".repeat(43)}` })).status).toBe(401);

    const revoked = await tokenFor("staff");
    expect((await call(me, "/me", { token: revoked.secret })).status).toBe(200);
    await revokeApiToken(revoked.person, revoked.id);
    expect((await call(me, "/me", { token: revoked.secret })).status).toBe(401);

    const expired = await tokenFor("member");
    await expireTestApiToken(expired.id);
    expect((await call(me, "/me", { token: expired.secret })).status).toBe(401);
  });

  it("lists an ended token for 30 days, then forgets it", async () => {
    const recent = await tokenFor("member");
    const old = await tokenFor(recent.person);
    await expireTestApiToken(recent.id, 29 * 86_400);
    await expireTestApiToken(old.id, 31 * 86_400);
    await purgeEndedApiTokens();
    const listed = (await listOwnApiTokens(recent.person)).map((token) => token.id);
    expect(listed).toEqual([recent.id]);
  });

  it("revokes every token of a person signed out everywhere (a password reset or change)", async () => {
    const owner = await tokenFor("member");
    await endAllSessionsOf(owner.person.id);
    expect((await call(me, "/me", { token: owner.secret })).status).toBe(401);
  });

  it("stops a suspended owner's tokens at once, and a lowered role's permissions with them", async () => {
    const owner = await tokenFor("member");
    await setTestPerson(owner.person.id, { status: "suspended" });
    expect((await call(me, "/me", { token: owner.secret })).status).toBe(401);

    const staff = await tokenFor("staff");
    const before = await call(me, "/me", { token: staff.secret });
    expect(before.body).toMatchObject({ role: "staff", token: { scopes: ["read"] } });
    await setTestPerson(staff.person.id, { role: "moderator" });
    expect((await call(me, "/me", { token: staff.secret })).body).toMatchObject({
      role: "moderator",
    });
    const tags = await call(tagsRoute, "/tags", { token: staff.secret });
    expect(
      (tags.body!.data as { visibility: string }[]).every((t) => t.visibility === "public"),
    ).toBe(true);
  });

  it("never gives a token a scope beyond its owner's role, and revokes only its owner's", async () => {
    const member = await createUser();
    await expect(
      createApiToken(member, {
        name: "x",
        scopes: ["admin"],
        lifetimeDays: 7,
        password: TEST_PASSWORD,
      }),
    ).rejects.toMatchObject({ status: 403, field: "scopes" });
    // Asked again: a session alone (a stolen cookie) makes no token.
    await expect(
      createApiToken(member, {
        name: "x",
        scopes: ["read"],
        lifetimeDays: 7,
        password: "not-the-password",
      }),
    ).rejects.toMatchObject({ status: 400, field: "password" });
    const admin = await tokenFor("admin", ["read", "admin"]);
    await expect(revokeApiToken(member, admin.id)).rejects.toMatchObject({ status: 404 });
    expect((await call(me, "/me", { token: admin.secret })).status).toBe(200);
  });

  it("refuses a token without the scope a call needs (403), whatever its owner may do", async () => {
    const space = await createTestSpace({ ideasEnabled: true });
    const ideaId = await ideaIn(space);
    const reader = await tokenFor("member", ["read"]);
    const refused = await call(voteRoute, `/ideas/${ideaId}/vote`, {
      token: reader.secret,
      method: "PUT",
      params: { ideaId },
      body: { importance: "critical" },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "insufficient_scope" } });
  });

  it("counts calls per token and says so in the standard headers, refusing past the limit", async () => {
    const { secret, id } = await tokenFor("member");
    const first = await call(me, "/me", { token: secret });
    expect(first.headers.get("X-RateLimit-Limit")).toBe("5000");
    expect(first.headers.get("X-RateLimit-Remaining")).toBe("4999");
    await fillTestRateLimit(`api:${id}`, 5000);
    const limited = await call(me, "/me", { token: secret });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});

describe("API backlog", () => {
  it("is the staff's: member and moderator tokens are refused, staff get demand and evidence", async () => {
    const space = await createTestSpace({ ideasEnabled: true });
    const customer = await createUser();
    const { threadId } = await createTestThread(customer, space.id, {
      kind: "idea",
      title: "Bulk export",
      body: "We export every Friday by hand.",
    });
    await castTestVote(customer, threadId, "critical");
    const staff = await createUser({ role: "staff" });
    const item = await createTestBacklogItem(staff, {
      title: "Bulk export API",
      fromThreadId: threadId,
    });

    for (const role of ["member", "moderator"] as const) {
      const { secret: token } = await tokenFor(role);
      expect((await call(backlogIndex, "/backlog", { token })).status).toBe(403);
      const one = await call(backlogItem, `/backlog/${item.id}`, {
        token,
        params: { itemId: item.id },
      });
      expect(one.status).toBe(403);
    }
    const { secret: token } = await tokenFor(staff);
    const listed = await call(backlogIndex, "/backlog?q=Bulk%20export%20API", { token });
    expect(listed.body!.data).toEqual([
      expect.objectContaining({
        id: item.id,
        demand: expect.objectContaining({ members: 1, critical: 1 }),
      }),
    ]);
    const detail = await call(backlogItem, `/backlog/${item.id}`, {
      token,
      params: { itemId: item.id },
    });
    expect(detail.body).toMatchObject({
      evidence: [{ kind: "thread", thread: { id: threadId, title: "Bulk export" } }],
    });
    const missing = await call(backlogItem, `/backlog/${threadId}`, {
      token,
      params: { itemId: threadId },
    });
    expect(missing.status).toBe(404);
    const badCursor = await call(backlogIndex, "/backlog?cursor=cDA", { token });
    expect(badCursor.status).toBe(400);
  });
});

describe("API accounts", () => {
  const header = "External ID,Name,Segment,Revenue (12 months),Gross profit,Lifetime value,As of";

  it("imports by API as the admin page does: idempotent, refused whole with row-level problems", async () => {
    const admin = await createUser({ role: "admin" });
    const { secret: token } = await tokenFor(admin, ["read", "admin"]);
    const run = Math.random().toString(36).slice(2, 8);
    const csv = [
      header,
      `${run}-1,Acme ${run},Enterprise,1200000,300000,5000000,2026-09-30`,
      `${run}-2,Bravo ${run},SMB,1000,100,9000,2026-09-30`,
    ].join("\n");
    const send = (body: object, key?: string) =>
      call(importRoute, "/accounts/imports", {
        token,
        method: "POST",
        body,
        headers: key ? { "Idempotency-Key": key } : {},
      });
    const first = await send({ csv }, `import-${run}`);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ state: "applied", rows: 2, created: 2, updated: 0 });
    const replayed = await send({ csv }, `import-${run}`);
    expect(replayed.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replayed.body).toEqual(first.body);
    // The same file again, without a key: the importer itself changes nothing.
    const again = await send({ csv });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const broken = await send({ csv: `${header}\n${run}-3,,SMB,lots,1,1,2026-09-30` });
    expect(broken.status).toBe(422);
    expect((broken.body as { error: { details: { path: string }[] } }).error.details).toEqual([
      expect.objectContaining({ path: "csv line 2, name" }),
      expect.objectContaining({ path: "csv line 2, revenue" }),
    ]);
    const listed = await call(accountsIndex, `/accounts?q=${run}&sort=name`, { token });
    expect((listed.body!.data as { name: string; tier: string }[]).map((a) => a.name)).toEqual([
      `Acme ${run}`,
      `Bravo ${run}`,
    ]);
    const [acme] = listed.body!.data as { id: string }[];
    const one = await call(accountRoute, `/accounts/${acme.id}`, {
      token,
      params: { accountId: acme.id },
    });
    expect(one.body).toEqual((listed.body!.data as object[])[0]);
    const missing = "00000000-0000-4000-8000-00000000beef";
    expect(
      (await call(accountRoute, `/accounts/${missing}`, { token, params: { accountId: missing } }))
        .status,
    ).toBe(404);
  });

  it("is refused to every other role, and to an admin's token without the admin scope", async () => {
    for (const role of ["member", "moderator", "staff"] as const) {
      const { secret: token } = await tokenFor(role, ["read", "write"]);
      expect((await call(accountsIndex, "/accounts", { token })).status).toBe(403);
      const anyId = "00000000-0000-4000-8000-00000000beef";
      expect(
        (await call(accountRoute, `/accounts/${anyId}`, { token, params: { accountId: anyId } }))
          .status,
      ).toBe(403);
    }
    const { secret: reader } = await tokenFor("admin", ["read"]);
    const refused = await call(importRoute, "/accounts/imports", {
      token: reader,
      method: "POST",
      body: { csv: header },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "insufficient_scope" } });
  });
});

describe("API members", () => {
  it("lists people for staff with their account and activity; emails only for admins", async () => {
    const run = Date.now().toString(36);
    const account = await createAccount({ name: `Members Co ${run}` });
    const person = await createUser({ accountId: account.id, displayName: `Mira ${run}` });
    const { secret: staffToken } = await tokenFor("staff");
    const listed = await call(membersIndex, `/members?q=Mira%20${run}`, { token: staffToken });
    expect(listed.body!.data).toEqual([
      expect.objectContaining({
        id: person.id,
        email: null,
        role: "member",
        account: expect.objectContaining({ id: account.id, name: account.name }),
        posts: 0,
      }),
    ]);
    // Staff can't find people by their address either.
    const byEmail = await call(membersIndex, `/members?q=${encodeURIComponent(person.email)}`, {
      token: staffToken,
    });
    expect(byEmail.body!.data).toEqual([]);

    const { secret: adminToken } = await tokenFor("admin");
    const one = await call(memberRoute, `/members/${person.id}`, {
      token: adminToken,
      params: { memberId: person.id },
    });
    expect(one.body).toMatchObject({ id: person.id, email: person.email });
  });

  it("is refused to members' and moderators' tokens", async () => {
    const someone = await createUser();
    for (const role of ["member", "moderator"] as const) {
      const { secret: token } = await tokenFor(role);
      expect((await call(membersIndex, "/members", { token })).status, role).toBe(403);
      const single = await call(memberRoute, `/members/${someone.id}`, {
        token,
        params: { memberId: someone.id },
      });
      expect(single.status, role).toBe(403);
    }
  });
});

describe("API moderation log", () => {
  it("reads the log as the page does for moderators and up, and refuses members", async () => {
    const moderator = await createUser({ role: "moderator" });
    const target = await createUser();
    await recordAuditEvent({
      actorId: moderator.id,
      action: "user.silenced",
      targetType: "user",
      targetId: target.id,
      details: { reason: "Shouting at everyone" },
    });
    const { secret: member } = await tokenFor("member");
    expect((await call(logRoute, "/moderation-log", { token: member })).status).toBe(403);
    const { secret: token } = await tokenFor(moderator);
    const log = await call(logRoute, `/moderation-log?actor=${moderator.handle}`, { token });
    expect(log.status).toBe(200);
    expect(log.body!.data).toEqual([
      expect.objectContaining({
        action: "user.silenced",
        person: { name: target.displayName, handle: target.handle },
      }),
    ]);
    const bad = await call(logRoute, "/moderation-log?from=yesterday", { token });
    expect(bad.status).toBe(400);
  });
});

describe("API learnings and proposals", () => {
  it("list and give only what the owner may read: no private space's learning, no one else's draft", async () => {
    const open = await createTestSpace();
    const secret = await createTestSpace({ visibility: "private" });
    const staff = await createUser({ role: "staff" });
    const shared = await createTestThread(staff, open.id, {
      kind: "learning",
      title: "Finance teams close on day three",
      body: "We heard that finance teams close their books on the third working day.",
    });
    const hidden = await createTestThread(staff, secret.id, {
      kind: "learning",
      title: "Board-room learning",
    });
    const author = await createUser();
    const draft = await createTestProposal(author, open.id, { title: "Scheduled exports draft" });
    const opened = await createTestProposal(author, open.id, {
      title: "Scheduled exports",
      open: true,
    });

    const { secret: token } = await tokenFor("member");
    const learnings = await call(learningsIndex, "/learnings", { token });
    const listed = JSON.stringify(learnings.body);
    expect(listed).toContain(shared.threadId);
    expect(listed).not.toContain(hidden.threadId);
    const one = await call(learningRoute, `/learnings/${shared.threadId}`, {
      token,
      params: { learningId: shared.threadId },
    });
    expect(one.body).toMatchObject({
      title: "Finance teams close on day three",
      text: expect.stringContaining("third working day"),
      confirmations: 0,
    });
    const refused = await call(learningRoute, `/learnings/${hidden.threadId}`, {
      token,
      params: { learningId: hidden.threadId },
    });
    expect(refused.status).toBe(404);
    const notALearning = await call(learningRoute, `/learnings/${opened.threadId}`, {
      token,
      params: { learningId: opened.threadId },
    });
    expect(notALearning.status).toBe(404);

    const proposals = JSON.stringify((await call(proposalsRoute, "/proposals", { token })).body);
    expect(proposals).toContain(opened.threadId);
    expect(proposals).not.toContain(draft.threadId);
    const { secret: authorToken } = await tokenFor(author);
    const own = await call(proposalsRoute, "/proposals?stage=draft", { token: authorToken });
    expect(JSON.stringify(own.body)).toContain(draft.threadId);

    const proposal = await call(proposalRoute, `/proposals/${opened.threadId}`, {
      token,
      params: { proposalId: opened.threadId },
    });
    expect(proposal.body).toMatchObject({ id: opened.threadId, stage: "open" });
    // Someone else's draft answers as if it did not exist; its author reads it.
    const othersDraft = await call(proposalRoute, `/proposals/${draft.threadId}`, {
      token,
      params: { proposalId: draft.threadId },
    });
    expect(othersDraft.status).toBe(404);
    const ownDraft = await call(proposalRoute, `/proposals/${draft.threadId}`, {
      token: authorToken,
      params: { proposalId: draft.threadId },
    });
    expect(ownDraft.body).toMatchObject({ id: draft.threadId, stage: "draft" });
  });
});

describe("API ideas", () => {
  it("lists only what the owner may see: no private space's idea, no internal tag, no value for members", async () => {
    const open = await createTestSpace({ ideasEnabled: true });
    const secret = await createTestSpace({ ideasEnabled: true, visibility: "private" });
    const visibleId = await ideaIn(open, "Visible idea");
    const hiddenId = await ideaIn(secret, "Board-room idea");
    const staffPerson = await createUser({ role: "staff" });
    await createTestTag(staffPerson, `public-${visibleId.slice(0, 6)}`);
    await tagThread(staffPerson, visibleId, `public-${visibleId.slice(0, 6)}`);
    await createTestInternalTag(staffPerson, `internal-${visibleId.slice(0, 6)}`);
    await tagThread(staffPerson, visibleId, `internal-${visibleId.slice(0, 6)}`);

    for (const role of ["member", "moderator"] as const) {
      const { secret: token } = await tokenFor(role);
      const listed = await call(ideasIndex, "/ideas?sort=new&limit=100", { token });
      const text = JSON.stringify(listed.body);
      expect(text).toContain(visibleId);
      expect(text).not.toContain(hiddenId);
      expect(text).not.toContain("internal-");
      const idea = (listed.body!.data as { id: string; demand: unknown }[]).find(
        (row) => row.id === visibleId,
      );
      expect(idea?.demand).toBeNull();
      const direct = await call(ideaRoute, `/ideas/${hiddenId}`, {
        token,
        params: { ideaId: hiddenId },
      });
      expect(direct.status).toBe(404);
      const tags = await call(tagsRoute, "/tags", { token });
      expect(JSON.stringify(tags.body)).not.toContain("internal-");
    }
    const { secret: staffToken } = await tokenFor(staffPerson);
    const staffList = await call(ideasIndex, "/ideas?sort=new&limit=100", { token: staffToken });
    const staffIdea = (
      staffList.body!.data as { id: string; demand: unknown; tags: object[] }[]
    ).find((row) => row.id === visibleId);
    expect(staffIdea?.demand).toEqual({ valueCents: 0 });
    expect(staffIdea?.tags).toHaveLength(2);
  });

  it("walks every idea once with the cursor, answers 304 to a matching ETag, and refuses a forged cursor", async () => {
    const space = await createTestSpace({ ideasEnabled: true });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await ideaIn(space, `Paged idea ${i}`));
    const voter = await createUser();
    await castTestVote(voter, ids[2], "critical");
    const { secret: token } = await tokenFor("member");
    const seen: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const query: string = `/ideas?space=${space.slug}&limit=2${next ? `&cursor=${next}` : ""}`;
      const page = await call(ideasIndex, query, { token });
      expect(page.status).toBe(200);
      seen.push(...(page.body!.data as { id: string }[]).map((row) => row.id));
      next = page.body!.nextCursor as string | null;
      if (next) expect(page.headers.get("Link")).toContain('rel="next"');
      pages++;
    } while (next && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(ids));
    // "top": the voted idea first.
    expect(seen[0]).toBe(ids[2]);

    const first = await call(ideasIndex, `/ideas?space=${space.slug}`, { token });
    const etag = first.headers.get("ETag")!;
    const again = await call(ideasIndex, `/ideas?space=${space.slug}`, {
      token,
      headers: { "If-None-Match": etag },
    });
    expect(again.status).toBe(304);

    const forged = Buffer.from(JSON.stringify([["1); drop table ideas; --"], ids[0]])).toString(
      "base64url",
    );
    const bad = await call(ideasIndex, `/ideas?cursor=${forged}`, { token });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "invalid_request" } });
    const huge = Buffer.from(JSON.stringify([["99999999999999999999", "1"], ids[0]])).toString(
      "base64url",
    );
    expect((await call(ideasIndex, `/ideas?cursor=${huge}`, { token })).status).toBe(400);
    const wrongLimit = await call(ideasIndex, "/ideas?limit=1000", { token });
    expect(wrongLimit.status).toBe(400);
    expect(
      (wrongLimit.body as { error: { details: { path: string }[] } }).error.details[0].path,
    ).toBe("limit");
  });

  it("casts, changes and withdraws a member's own vote with a write token", async () => {
    const space = await createTestSpace({ ideasEnabled: true });
    const ideaId = await ideaIn(space);
    const { secret: token } = await tokenFor("member", ["read", "write"]);
    const cast = await call(voteRoute, `/ideas/${ideaId}/vote`, {
      token,
      method: "PUT",
      params: { ideaId },
      body: { importance: "important" },
    });
    expect(cast.status).toBe(200);
    expect(cast.body).toEqual({ ideaId, importance: "important", count: 1 });
    const changed = await call(voteRoute, `/ideas/${ideaId}/vote`, {
      token,
      method: "PUT",
      params: { ideaId },
      body: { importance: "critical" },
    });
    expect(changed.body).toEqual({ ideaId, importance: "critical", count: 1 });
    const badBody = await call(voteRoute, `/ideas/${ideaId}/vote`, {
      token,
      method: "PUT",
      params: { ideaId },
      body: { importance: "urgent", extra: 1 },
    });
    expect(badBody.status).toBe(400);
    const withdrawn = await call(voteRoute, `/ideas/${ideaId}/vote`, {
      token,
      method: "DELETE",
      params: { ideaId },
    });
    expect(withdrawn.status).toBe(204);
    const after = await call(ideaRoute, `/ideas/${ideaId}`, { token, params: { ideaId } });
    expect(after.body).toMatchObject({ votes: { count: 0, mine: null } });
    // Staff don't vote for themselves: the policy says so through the API too.
    const { secret: staffToken } = await tokenFor("staff", ["read", "write"]);
    const staffVote = await call(voteRoute, `/ideas/${ideaId}/vote`, {
      token: staffToken,
      method: "PUT",
      params: { ideaId },
      body: { importance: "critical" },
    });
    expect(staffVote.status).toBe(403);
  });

  it("records a proxy vote once per Idempotency-Key, and never for a member's token", async () => {
    const space = await createTestSpace({ ideasEnabled: true });
    const ideaId = await ideaIn(space);
    const customer = await createUser();
    const { secret: staffToken } = await tokenFor("staff", ["read", "write"]);
    const body = { member: customer.handle, importance: "critical", note: "QBR call, 12 March" };
    const send = (token: string, key: string, sent: object = body) =>
      call(proxyRoute, `/ideas/${ideaId}/proxy-votes`, {
        token,
        method: "POST",
        params: { ideaId },
        body: sent,
        headers: { "Idempotency-Key": key },
      });
    const first = await send(staffToken, "retry-1");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ member: { handle: customer.handle } });
    const retried = await send(staffToken, "retry-1");
    expect(retried.status).toBe(201);
    expect(retried.headers.get("Idempotent-Replayed")).toBe("true");
    const reused = await send(staffToken, "retry-1", { ...body, importance: "important" });
    expect(reused.status).toBe(422);
    const twice = await send(staffToken, "retry-2");
    expect(twice.status).toBe(409);
    expect(await countTestVotes(ideaId)).toBe(1);

    const { secret: memberToken } = await tokenFor("member", ["read", "write"]);
    const refused = await send(memberToken, "member-1", { ...body, member: "nobody-here" });
    // Refused before anyone is looked up: the answer says nothing of who exists.
    expect(refused.status).toBe(403);
  });

  it("answers unknown addresses and methods in the API's shape", async () => {
    const { secret: token } = await tokenFor("member");
    const response = await unknownRoute.loader({
      params: { "*": "nothing/here" },
    } as never);
    expect(response.status).toBe(404);
    ErrorSchema.parse(await response.json());
    const wrongMethod = await call(me, "/me", { token, method: "POST", body: {} });
    expect(wrongMethod.status).toBe(405);
  });
});
