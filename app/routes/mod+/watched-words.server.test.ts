import { describe, expect, it } from "vitest";
import { answerOf, routeContext, signedIn, statusOf } from "#db/testing/requests";
import { checkWatchedWords, listWatchedWords } from "~/models/watched-word.server";
import { action, loader } from "./watched-words";

const context = routeContext;
const path = "/mod/watched-words";

describe("the watched-words page", () => {
  it.each([
    ["member", 403],
    ["moderator", 200],
    ["staff", 200],
    ["admin", 200],
  ] as const)("answers a %s with %i", async (role, expected) => {
    const { get } = await signedIn(role);
    expect(await statusOf(() => loader({ request: get(path), params: {}, context }))).toBe(
      expected,
    );
  });

  it("refuses a member's change, and changes nothing", async () => {
    const { post } = await signedIn("member");
    const status = await statusOf(() =>
      action({
        request: post(path, { intent: "add", phrase: "sneaky", action: "block" }),
        params: {},
        context,
      }),
    );
    expect(status).toBe(403);
    expect(await listWatchedWords()).toEqual([]);
  });

  it("keeps what was typed and says what is wrong", async () => {
    const { post } = await signedIn("moderator");
    const answer = await answerOf(() =>
      action({
        request: post(path, {
          intent: "add",
          phrase: "one two three four five six",
          action: "delete",
        }),
        params: {},
        context,
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.result.initialValue?.phrase).toBe("one two three four five six");
    expect(answer.result.error?.phrase?.[0]).toMatch(/at most 5 words/);
    expect(answer.result.error?.action?.[0]).toMatch(/block it or hold it/);
  });

  it("adds, refuses a duplicate with the phrase kept, and removes", async () => {
    const { post } = await signedIn("moderator");
    const added = await answerOf(() =>
      action({
        request: post(path, { intent: "add", phrase: "  Free   Money ", action: "hold" }),
        params: {},
        context,
      }),
    );
    expect(added.done).toMatch(/“free money”/);
    expect(await checkWatchedWords("get FREE money")).toEqual({
      action: "hold",
      phrase: "free money",
    });

    const duplicate = await answerOf(() =>
      action({
        request: post(path, { intent: "add", phrase: "FREE MONEY", action: "block" }),
        params: {},
        context,
      }),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.result.initialValue?.phrase).toBe("FREE MONEY");
    expect(duplicate.result.error?.phrase).toEqual(["“free money” is already on the list."]);

    const [word] = await listWatchedWords();
    const removed = await answerOf(() =>
      action({
        request: post(path, { intent: "remove", id: word.id }),
        params: {},
        context,
      }),
    );
    expect(removed.done).toBe("Removed “free money”.");
    expect(await checkWatchedWords("get free money")).toBeNull();

    const again = await statusOf(() =>
      action({ request: post(path, { intent: "remove", id: word.id }), params: {}, context }),
    );
    expect(again).toBe(404);
  });
});
