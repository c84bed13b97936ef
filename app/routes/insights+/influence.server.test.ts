import { describe, expect, it } from "vitest";
import {
  computeTestInfluence,
  createAccount,
  createTestReply,
  createTestSpace,
  createTestThread,
  createUser,
} from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import { outcome, routeContext as context, signedIn, statusOf } from "#db/testing/requests";
import { loader as overviewLoader } from "./influence._index";
import { loader as memberLoader } from "./influence.members.$userId";
import { loader as peopleLoader } from "./influence.people";
import { loader as profileLoader } from "../u.$handle";

/** A small account's member whom people from `fans` other accounts reply to. */
async function influentialSmallAccount(fans: number) {
  const space = await createTestSpace();
  const small = await createAccount({ name: `Tiny ${Date.now()}`, revenueCents: 0 });
  const star = await createUser({ accountId: small.id, displayName: "Star Small" });
  const { threadId } = await createTestThread(star, space.id, { title: "Our audit trick" });
  for (let i = 0; i < fans; i++) {
    const fan = await createUser({ displayName: `Fan ${i}` });
    await createTestReply(fan, threadId, `Fan ${i} agrees.`);
  }
  return { small, star };
}

describe("the influence pages", () => {
  it.each([
    ["member", 403],
    ["moderator", 403],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answer a %s with %i", async (role, expected) => {
    const { star } = await influentialSmallAccount(2);
    await computeTestInfluence();
    const { get } = await signedIn(role);
    expect(
      await statusOf(() =>
        overviewLoader({ request: get("/insights/influence"), params: {}, context }),
      ),
    ).toBe(expected);
    expect(
      await statusOf(() =>
        memberLoader({
          request: get(`/insights/influence/members/${star.id}`),
          params: { userId: star.id },
          context,
        }),
      ),
    ).toBe(expected);
  });

  it("list the small account whose member others engage with, with the edges behind it", async () => {
    const { small, star } = await influentialSmallAccount(3);
    await computeTestInfluence();
    const { get } = await signedIn("staff");
    const overview = await outcome(() =>
      overviewLoader({ request: get("/insights/influence"), params: {}, context }),
    );
    const body = overview.body as {
      overview: { byInfluence: { id: string }[]; smallInfluential: { id: string }[] };
      members: { id: string; rank: number }[];
    };
    expect(body.overview.byInfluence.map((account) => account.id)).toContain(small.id);
    expect(body.members.find((member) => member.id === star.id)).toBeDefined();

    const member = await outcome(() =>
      memberLoader({
        request: get(`/insights/influence/members/${star.id}`),
        params: { userId: star.id },
        context,
      }),
    );
    const detail = member.body as {
      influence: { reachMembers: number; reachAccounts: number };
      engagedBy: { displayName: string; kinds: { kind: string; interactions: number }[] }[];
    };
    expect(detail.influence).toMatchObject({ reachMembers: 3, reachAccounts: 3 });
    expect(detail.engagedBy.map((edge) => edge.displayName).sort()).toEqual([
      "Fan 0",
      "Fan 1",
      "Fan 2",
    ]);
    expect(detail.engagedBy[0].kinds).toEqual([{ kind: "reply", interactions: 1 }]);
  });

  it("answer 404 for staff, who are not in the graph, and for no one", async () => {
    const staff = await createUser({ role: "staff" });
    const { get } = await signedIn("staff");
    for (const userId of [staff.id, "7b0c3c1e-8d8e-4f0a-9a7b-2d3e4f5a6b7c", "not-a-uuid"]) {
      expect(
        await statusOf(() =>
          memberLoader({
            request: get(`/insights/influence/members/${userId}`),
            params: { userId },
            context,
          }),
        ),
      ).toBe(404);
    }
  });

  it("read the overview in the same number of queries, however many accounts take part", async () => {
    await influentialSmallAccount(1);
    await computeTestInfluence();
    const { get } = await signedIn("staff");
    const run = () => overviewLoader({ request: get("/insights/influence"), params: {}, context });
    await run(); // The first request of a session also notes the visit.
    // A new run, so that the overview is computed (not read as kept) both times.
    await computeTestInfluence();
    const few = await countQueries(run);
    await influentialSmallAccount(6);
    await computeTestInfluence();
    expect(await countQueries(run)).toBe(few);
  });

  it.each([
    ["member", 403],
    ["moderator", 403],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answer a %s with %i on the people page", async (role, expected) => {
    await influentialSmallAccount(1);
    await computeTestInfluence();
    const { get } = await signedIn(role);
    expect(
      await statusOf(() =>
        peopleLoader({ request: get("/insights/influence/people"), params: {}, context }),
      ),
    ).toBe(expected);
  });

  it("read the people page in the same number of queries, however many take part", async () => {
    await influentialSmallAccount(1);
    await computeTestInfluence();
    const { get } = await signedIn("staff");
    const run = () =>
      peopleLoader({ request: get("/insights/influence/people"), params: {}, context });
    await run();
    const few = await countQueries(run);
    await influentialSmallAccount(8);
    await computeTestInfluence();
    expect(await countQueries(run)).toBe(few);
  });

  it.each([
    ["member", false],
    ["moderator", false],
    ["staff", true],
    ["admin", true],
  ] as const)("show a %s a member's influence on their profile: %s", async (role, shown) => {
    const { star } = await influentialSmallAccount(2);
    await computeTestInfluence();
    const { get } = await signedIn(role);
    const profile = await outcome(() =>
      profileLoader({
        request: get(`/u/${star.handle}`),
        params: { handle: star.handle },
        context,
      }),
    );
    const influence = (profile.body as { influence: { rank: number; reachMembers: number } | null })
      .influence;
    if (shown) expect(influence).toMatchObject({ reachMembers: 2 });
    else expect(influence).toBeNull();
    // Nor does the member's own profile tell them.
    const own = await signedIn(star);
    const mine = await outcome(() =>
      profileLoader({
        request: own.get(`/u/${star.handle}`),
        params: { handle: star.handle },
        context,
      }),
    );
    expect((mine.body as { influence: unknown }).influence).toBeNull();
  });
});
