import { describe, expect, it } from "vitest";
import { createTestSpace, createTestThread, createUser } from "#db/testing/factories";
import { answerOf, outcome, routeContext, signedIn, statusOf } from "#db/testing/requests";
import { getIdea, setIdeaStatus } from "~/models/idea.server";
import { action, loader } from "./ideas";
import { loader as chooserLoader } from "./ideas_.new";

type Session = Awaited<ReturnType<typeof signedIn>>;
type Board = Awaited<ReturnType<typeof loader>>;

const BOARD = "/ideas?sort=new&status=open&page=1";

const board = async (who: Session, path = "/ideas") =>
  (await outcome(() => loader({ request: who.get(path), params: {}, context: routeContext })))
    .body as Board;

const chooser = (who: Session) =>
  outcome(() =>
    chooserLoader({ request: who.get("/ideas/new"), params: {}, context: routeContext }),
  );

const post = (who: Session, fields: Record<string, string>, path = BOARD) =>
  outcome(() => action({ request: who.post(path, fields), params: {}, context: routeContext }));

const refusal = (who: Session, fields: Record<string, string>) =>
  answerOf(() => action({ request: who.post(BOARD, fields), params: {}, context: routeContext }));

async function newIdea() {
  const space = await createTestSpace({ ideasEnabled: true });
  const { threadId } = await createTestThread(await createUser(), space.id, { kind: "idea" });
  return { space, ideaId: threadId };
}

describe("the ideas board's “New idea”", () => {
  // First in the file, on its fresh database: no space takes ideas yet.
  it("says so while no space the member may post in takes ideas, then leads to the one that does, or to a choice", async () => {
    const member = await signedIn("member");
    const closed = await createTestSpace({ ideasEnabled: false });
    expect((await board(member)).newIdea).toBeNull();
    expect(await chooser(member)).toMatchObject({ status: 200, body: { spaces: [] } });

    const open = await createTestSpace({ ideasEnabled: true });
    // A private space that takes ideas, which the member isn't in, is not theirs to post in.
    const secret = await createTestSpace({ ideasEnabled: true, visibility: "private" });
    const form = (slug: string) => `/spaces/${slug}/new?kind=idea`;
    expect((await board(member)).newIdea).toBe(form(open.slug));
    const straight = await chooser(member);
    expect(straight.status).toBe(302);
    expect((straight.result as Response).headers.get("Location")).toBe(form(open.slug));

    const other = await createTestSpace({ ideasEnabled: true });
    expect((await board(member)).newIdea).toBe("/ideas/new");
    // A board showing one space that takes ideas leads to that space's form.
    expect((await board(member, `/ideas?space=${other.slug}`)).newIdea).toBe(form(other.slug));
    const choice = await chooser(member);
    const slugs = (choice.body as { spaces: { slug: string }[] }).spaces.map((s) => s.slug);
    expect(slugs.sort()).toEqual([open.slug, other.slug].sort());

    // Staff may post an idea in any space they see (the policy's rule): every one is offered,
    // those that take ideas first.
    const staff = await signedIn("staff");
    const offered = (
      (await chooser(staff)).body as { spaces: { slug: string; ideasEnabled: boolean }[] }
    ).spaces;
    expect(offered.map((s) => s.slug).sort()).toEqual(
      [closed.slug, open.slug, secret.slug, other.slug].sort(),
    );
    expect(offered.at(-1)).toMatchObject({ slug: closed.slug, ideasEnabled: false });
  });
});

describe("voting from the ideas board", () => {
  it("votes, changes the importance and withdraws, each time back to the board's address", async () => {
    const member = await signedIn("member");
    const { ideaId } = await newIdea();
    const back = (answer: Awaited<ReturnType<typeof post>>) => ({
      status: answer.status,
      location: (answer.result as Response).headers.get("Location"),
    });
    const address = "/ideas?sort=new&status=open&page=2";
    const expected = { status: 303, location: address };

    const cast = await post(member, { intent: "vote", ideaId, importance: "critical" }, address);
    expect(back(cast)).toEqual(expected);
    expect(await getIdea(member.person, ideaId)).toMatchObject({
      myImportance: "critical",
      voteCount: 2,
    });

    const changed = await post(
      member,
      { intent: "vote", ideaId, importance: "nice_to_have" },
      address,
    );
    expect(back(changed)).toEqual(expected);
    expect(await getIdea(member.person, ideaId)).toMatchObject({
      myImportance: "nice_to_have",
      voteCount: 2,
    });

    const withdrawn = await post(member, { intent: "withdraw-vote", ideaId }, address);
    expect(back(withdrawn)).toEqual(expected);
    expect(await getIdea(member.person, ideaId)).toMatchObject({
      myImportance: null,
      voteCount: 1,
    });

    // Only the board's own filters come back, whatever else the address carried.
    const odd = await post(
      member,
      { intent: "vote", ideaId, importance: "important" },
      "/ideas?space=x&next=https://elsewhere.example&page=3",
    );
    expect(back(odd)).toEqual({ status: 303, location: "/ideas?space=x&page=3" });
  });

  it("refuses a vote on a closed idea, on one the voter can't see, and from staff, as the idea page does", async () => {
    const member = await signedIn("member");
    const staffPerson = await createUser({ role: "staff" });
    const { ideaId } = await newIdea();
    await refusal(member, { intent: "vote", ideaId, importance: "important" });
    await setIdeaStatus(staffPerson, ideaId, "shipped", null);
    const closed = await refusal(member, { intent: "vote", ideaId, importance: "critical" });
    expect(closed.status).toBe(409);
    expect(closed.result.error).toEqual({ "": ["This idea is no longer open for voting."] });
    const stays = await refusal(member, { intent: "withdraw-vote", ideaId });
    expect(stays.status).toBe(409);
    expect(await getIdea(member.person, ideaId)).toMatchObject({
      myImportance: "important",
      voteCount: 2,
    });

    // Replayed with the id of an idea in a private space the member isn't in: no such idea.
    const secret = await createTestSpace({ ideasEnabled: true, visibility: "private" });
    const insider = await createUser();
    const { threadId: secretIdea } = await createTestThread(insider, secret.id, { kind: "idea" });
    const replays: Record<string, string>[] = [
      { intent: "vote", ideaId: secretIdea, importance: "critical" },
      { intent: "withdraw-vote", ideaId: secretIdea },
      { intent: "vote", ideaId: crypto.randomUUID(), importance: "critical" },
    ];
    for (const fields of replays) {
      const hidden = await refusal(member, fields);
      expect(hidden.status).toBe(404);
      expect(hidden.result.error).toEqual({ "": ["No such idea."] });
    }
    expect(await getIdea(insider, secretIdea)).toMatchObject({ voteCount: 1 });

    const open = await newIdea();
    const staff = await refusal(await signedIn(staffPerson), {
      intent: "vote",
      ideaId: open.ideaId,
      importance: "critical",
    });
    expect(staff.status).toBe(403);
    const unclear = await refusal(member, { intent: "vote", ideaId: open.ideaId });
    expect(unclear.status).toBe(400);
    expect(unclear.result.error).toEqual({ importance: ["Choose how important this is to you."] });

    const signedOut = new Request("http://localhost/ideas", {
      method: "POST",
      headers: { Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "withdraw-vote", ideaId: open.ideaId }),
    });
    expect(
      await statusOf(() => action({ request: signedOut, params: {}, context: routeContext })),
    ).toBe(302);
  });

  it("gives a vote control only where the idea rule does: customers, on ideas open for voting", async () => {
    const { space, ideaId } = await newIdea();
    const { threadId: shipped } = await createTestThread(await createUser(), space.id, {
      kind: "idea",
    });
    await setIdeaStatus(await createUser({ role: "staff" }), shipped, "shipped", null);
    const controls = async (who: Session) =>
      Object.fromEntries(
        (await board(who, `/ideas?space=${space.slug}`)).ideas.map((idea) => [
          idea.id,
          idea.canVote,
        ]),
      );
    expect(await controls(await signedIn("member"))).toEqual({
      [ideaId]: true,
      [shipped]: false,
    });
    for (const role of ["moderator", "staff", "admin"] as const) {
      expect(await controls(await signedIn(role))).toEqual({ [ideaId]: false, [shipped]: false });
    }
  });
});
