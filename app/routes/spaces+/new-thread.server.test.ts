import { describe, expect, it } from "vitest";
import { createTestSpace, createUser, setTestSilenced } from "#db/testing/factories";
import { answerOf, routeContext, signedIn, statusOf } from "#db/testing/requests";
import { action } from "./$slug.new";

type Person = Awaited<ReturnType<typeof signedIn>>;

const post = (who: Person, slug: string, fields: Record<string, string>) =>
  answerOf(() =>
    action({
      request: who.post(`/spaces/${slug}/new`, { creationKey: crypto.randomUUID(), ...fields }),
      params: { slug },
      context: routeContext,
    }),
  );

describe("the new-thread form", () => {
  it("answers a kind the space or the person may not post on the kind field (403)", async () => {
    const member = await signedIn("member");
    const space = await createTestSpace({ ideasEnabled: false });
    const idea = await post(member, space.slug, {
      kind: "idea",
      title: "Scheduled exports for finance",
      body: "Please",
    });
    expect(idea).toMatchObject({ status: 403, intent: null, done: null });
    expect(idea.result.error).toEqual({ kind: ["This space doesn't take ideas."] });
    expect(idea.result.initialValue).toMatchObject({ title: "Scheduled exports for finance" });
    const learning = await post(member, space.slug, {
      kind: "learning",
      title: "What finance told us",
      body: "They export by hand.",
    });
    expect(learning.status).toBe(403);
    expect(learning.result.error).toEqual({ kind: ["Only staff publish learnings."] });
  });

  it("answers an unreadable body or source on its field (400)", async () => {
    const staff = await signedIn("staff");
    const space = await createTestSpace();
    const empty = await post(staff, space.slug, { kind: "discussion", title: "Exports" });
    expect(empty.status).toBe(400);
    expect(empty.result.error).toEqual({ body: ["Write something before posting."] });
    const sources = await post(staff, space.slug, {
      kind: "learning",
      title: "What finance told us",
      body: "They export by hand.",
      sources: "not an address",
    });
    expect(sources.status).toBe(400);
    expect(Object.keys(sources.result.error ?? {})).toEqual(["sources"]);
  });

  it("shows the posting check's refusal above the form, and posts otherwise", async () => {
    const person = await createUser();
    const member = await signedIn(person);
    const space = await createTestSpace();
    const fields = { kind: "discussion", title: "Exports", body: "How do you export?" };
    await setTestSilenced(person.id, true);
    const refused = await post(member, space.slug, fields);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(Object.keys(refused.result.error ?? {})).toEqual([""]);
    expect(refused.result.initialValue).toMatchObject({ body: "How do you export?" });
    await setTestSilenced(person.id, false);
    expect(
      await statusOf(() =>
        action({
          request: member.post(`/spaces/${space.slug}/new`, fields),
          params: { slug: space.slug },
          context: routeContext,
        }),
      ),
    ).toBe(302);
  });
});
