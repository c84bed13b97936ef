import { describe, expect, it } from "vitest";
import { castTestVote, createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import { outcome, routeContext, signedIn, statusOf } from "#db/testing/requests";
import { loader } from "~/routes/staff+/_index";
import { createBacklogItem } from "./backlog.server";
import { setBacklogStatus } from "./backlog-status.server";
import { setIdeaStatus } from "./idea.server";

const fields = (title: string, ownerId: string | null) => ({
  title,
  description: null,
  ownerId,
  target: "Q3",
  externalUrl: null,
  isPublic: false,
  tagIds: [],
});

const open = (get: (path: string) => Request) =>
  loader({ request: get("/staff"), params: {}, context: routeContext });

describe("the staff workspace home (issue 20, case 7)", () => {
  it("answers /staff with what waits, what gained, what moved and what the viewer owns", async () => {
    const { person: staff, get } = await signedIn("staff");
    const space = await createTestSpace({ ideasEnabled: true });
    const author = await createUser();
    const idea = await createTestThread(author, space.id, {
      kind: "idea",
      title: "Batch invoices",
    });
    await castTestVote(await createUser(), idea.threadId, "critical");
    await setIdeaStatus(staff, idea.threadId, "under_review", null);
    const mine = await createBacklogItem(staff, fields("Invoice batching", staff.id), null);
    await setBacklogStatus(staff, mine, "planned");
    await createBacklogItem(staff, fields("Someone else's", null), null);

    const { workspace } = (await outcome(() => open(get))).body as Awaited<
      ReturnType<typeof loader>
    >;
    expect(workspace.inbox.newest.map((entry) => entry.threadId)).toContain(idea.threadId);
    expect(workspace.inbox.open).toBeGreaterThan(0);
    expect(workspace.owned.map((item) => item.title)).toEqual(["Invoice batching"]);
    expect(workspace.gainingIdeas.find((row) => row.id === idea.threadId)?.gained).toBe(2);
    expect(workspace.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "idea", targetId: idea.threadId, to: "under_review" }),
        expect.objectContaining({ kind: "backlog", targetId: mine, to: "planned" }),
      ]),
    );
  });

  it("is refused to members and to moderators who are not staff", async () => {
    for (const role of ["member", "moderator"] as const) {
      const { get } = await signedIn(role);
      expect(await statusOf(() => open(get))).toBe(403);
    }
  });

  it("costs the same number of queries however much there is", async () => {
    const { person: staff, get } = await signedIn("staff");
    await open(get);
    const before = await countQueries(() => open(get));
    const space = await createTestSpace({ ideasEnabled: true });
    for (let i = 0; i < 8; i++) {
      const idea = await createTestThread(await createUser(), space.id, { kind: "idea" });
      await setIdeaStatus(staff, idea.threadId, "planned", null);
      await createBacklogItem(staff, fields(`Item ${i}`, staff.id), null);
    }
    expect(await countQueries(() => open(get))).toBe(before);
  });
});
