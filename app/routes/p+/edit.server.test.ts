import { describe, expect, it } from "vitest";
import {
  createTestSpace,
  createTestThread,
  createUser,
  setTestSilenced,
} from "#db/testing/factories";
import { answerOf, routeContext, signedIn } from "#db/testing/requests";
import { action } from "./$postId.edit";

const edit = (
  who: Awaited<ReturnType<typeof signedIn>>,
  postId: string,
  fields: Record<string, string>,
) =>
  answerOf(() =>
    action({
      request: who.post(`/p/${postId}/edit`, fields),
      params: { postId },
      context: routeContext,
    }),
  );

describe("the post editor's form", () => {
  it("answers an empty post on its body, keeping the title as typed (400)", async () => {
    const person = await createUser();
    const space = await createTestSpace();
    const { postId } = await createTestThread(person, space.id, { title: "Exports" });
    const answer = await edit(await signedIn(person), postId, { title: "Exports, again" });
    expect(answer).toMatchObject({ status: 400, done: null });
    expect(answer.result.error).toEqual({ body: ["Write something before posting."] });
    expect(answer.result.initialValue).toMatchObject({ title: "Exports, again" });
  });

  it("shows the posting check's refusal above the form, with the text kept", async () => {
    const person = await createUser();
    const space = await createTestSpace();
    const { postId } = await createTestThread(person, space.id, { title: "Exports" });
    await setTestSilenced(person.id, true);
    const answer = await edit(await signedIn(person), postId, {
      title: "Exports",
      body: "Changed while silenced",
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(Object.keys(answer.result.error ?? {})).toEqual([""]);
    expect(answer.result.initialValue).toMatchObject({ body: "Changed while silenced" });
  });

  it("asks a moderator editing someone else's post for a reason", async () => {
    const space = await createTestSpace();
    const { postId } = await createTestThread(await createUser(), space.id, { title: "Exports" });
    const answer = await edit(await signedIn("moderator"), postId, {
      title: "Exports",
      body: "Tidied",
    });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.result.error ?? {})).toEqual(["reason"]);
  });
});
