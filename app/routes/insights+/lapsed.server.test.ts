import { describe, expect, it } from "vitest";
import {
  createAccount,
  createTestQuietMember,
  createTestSpace,
  createUser,
  detectTestLapsed,
  emailsTo,
} from "#db/testing/factories";
import { countQueries } from "#db/testing/query-count";
import {
  answerOf,
  outcome,
  routeContext as context,
  signedIn,
  statusOf,
} from "#db/testing/requests";
import { action as entryAction, loader as entryLoader } from "./lapsed.$entryId";
import { loader as listLoader } from "./lapsed._index";

type ListData = {
  entries: { id: string; accountName: string; memberName: string | null }[];
  total: number;
};

/** A quiet member on the list, with their entry's id (found through the list itself). */
async function quietOnTheList(name: string) {
  const member = await createTestQuietMember({ displayName: name });
  await detectTestLapsed();
  const { get } = await signedIn("staff");
  const { body } = await outcome(() =>
    listLoader({
      request: get(`/insights/lapsed?q=${encodeURIComponent(name)}`),
      params: {},
      context,
    }),
  );
  const entry = (body as ListData).entries.find((row) => row.memberName === name)!;
  return { member, entryId: entry.id };
}

describe("the lapsed pages", () => {
  it.each([
    ["member", 403],
    ["moderator", 403],
    ["staff", 200],
    ["admin", 200],
  ] as const)(
    "answer a %s with %i, for the list, an entry and its actions",
    async (role, expected) => {
      const { member, entryId } = await quietOnTheList(`Quiet ${role} ${Date.now()}`);
      const { get, post, person } = await signedIn(role);
      const params = { entryId };
      expect(
        await statusOf(() => listLoader({ request: get("/insights/lapsed"), params: {}, context })),
      ).toBe(expected);
      const page = await outcome(() =>
        entryLoader({ request: get(`/insights/lapsed/${entryId}`), params, context }),
      );
      expect(page.status).toBe(expected);
      if (expected === 403) expect(JSON.stringify(page.body)).not.toContain(member.displayName);
      // Members' names lead to their admin page only for those who may open it.
      if (expected === 200) {
        expect((page.body as { linkMembers: boolean }).linkMembers).toBe(role === "admin");
      }
      const act = (fields: Record<string, string>) =>
        statusOf(() =>
          entryAction({ request: post(`/insights/lapsed/${entryId}`, fields), params, context }),
        );
      expect(await act({ intent: "assign", ownerId: person.id })).toBe(expected);
      expect(await act({ intent: "note", note: "Called them" })).toBe(expected);
      expect(
        await act({
          intent: "email",
          recipientId: member.id,
          subject: "Hello {{name}}",
          body: "Hi {{name}}, from {{sender}}",
        }),
      ).toBe(expected);
      expect(await act({ intent: "handle" })).toBe(expected);
      expect(await act({ intent: "reopen" })).toBe(expected);
      expect(await emailsTo(member.email)).toHaveLength(expected === 200 ? 1 : 0);
    },
  );

  it("keeps what was typed when an email is refused, and says why on the field", async () => {
    const { member, entryId } = await quietOnTheList(`Kept ${Date.now()}`);
    const outsider = await createUser({ accountId: (await createAccount()).id });
    const { post } = await signedIn("staff");
    const fields = { intent: "email", subject: "Checking in", body: "A long careful message" };
    const refused = await answerOf(() =>
      entryAction({
        request: post(`/insights/lapsed/${entryId}`, { ...fields, recipientId: outsider.id }),
        params: { entryId },
        context,
      }),
    );
    expect(refused.status).toBe(422);
    expect(refused.result.error?.recipientId?.[0]).toBe(
      "This entry is about one member: the email goes to them.",
    );
    expect(refused.result.initialValue).toMatchObject(fields);
    const ownerRefused = await answerOf(() =>
      entryAction({
        request: post(`/insights/lapsed/${entryId}`, { intent: "assign", ownerId: member.id }),
        params: { entryId },
        context,
      }),
    );
    expect(ownerRefused.status).toBe(422);
    expect(ownerRefused.result.error?.ownerId?.[0]).toBe(
      "Choose a staff member or an admin as the owner.",
    );
    const gone = "7b0c3c1e-8d8e-4f0a-9a7b-2d3e4f5a6b7c";
    const replayed = await answerOf(() =>
      entryAction({
        request: post(`/insights/lapsed/${gone}`, { intent: "handle" }),
        params: { entryId: gone },
        context,
      }),
    );
    expect(replayed.status).toBe(404);
    expect(replayed.result.error?.[""]?.[0]).toBe("There is no such entry on the lapsed list.");
  });

  it("answers hostile bodies and placeholders with words, and sends nothing", async () => {
    const { member, entryId } = await quietOnTheList(`Hostile ${Date.now()}`);
    const { post } = await signedIn("staff");
    const send = (fields: Record<string, string>) =>
      answerOf(() =>
        entryAction({
          request: post(`/insights/lapsed/${entryId}`, fields),
          params: { entryId },
          context,
        }),
      );
    const email = { intent: "email", recipientId: member.id, subject: "Hi", body: "Hi" };
    for (const [fields, field] of [
      [{ ...email, subject: "Hi \u0000 there" }, "subject"],
      // (Half an emoji can't arrive in a form body: encoding it as UTF-8 makes it U+FFFD.)
      [{ ...email, body: "Hi {{constructor}}" }, "body"],
      [{ ...email, subject: "{{__proto__}}" }, "subject"],
      [{ ...email, body: "{{ name }".repeat(100) + "{{toString}}" }, "body"],
    ] as const) {
      const refused = await send(fields);
      // Bad bytes are the form's (400), unknown placeholders the email's (422): both on the field.
      expect([400, 422]).toContain(refused.status);
      expect(refused.result.error?.[field]?.[0]).toBeTruthy();
    }
    const unknown = await send({ intent: "delete-everything" });
    expect(unknown.status).toBe(400);
    const stray = await send({ intent: "handle", "x[100000000]": "1", "a.a.a.a.a.a.a.a": "1" });
    expect(stray.status).toBe(200);
    expect(JSON.stringify(stray.result)).not.toContain("100000000");
    expect(await emailsTo(member.email)).toEqual([]);
  });

  it("reads a page of entries in the same number of queries, however many there are", async () => {
    const space = await createTestSpace();
    const tag = `Budget${Date.now()}`;
    await createTestQuietMember({ displayName: `${tag} few 1`, spaceId: space.id });
    for (let i = 1; i <= 6; i++) {
      await createTestQuietMember({ displayName: `${tag} many ${i}`, spaceId: space.id });
    }
    await detectTestLapsed();
    const { get } = await signedIn("staff");
    const run = (q: string) =>
      listLoader({ request: get(`/insights/lapsed?state=all&q=${q}`), params: {}, context });
    await run(`${tag}%20few`);
    const few = await countQueries(() => run(`${tag}%20few`));
    const many = await countQueries(() => run(`${tag}%20many`));
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(5);
    const { body } = await outcome(() => run(`${tag}%20many`));
    expect((body as ListData).total).toBe(6);
  });
});
