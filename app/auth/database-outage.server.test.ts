import { describe, expect, it } from "vitest";
import { createUser } from "#db/testing/factories";
import { closeDatabase } from "~/db.server";
import { getSession } from "./current-user.server";
import { startSession } from "./session.server";

describe("when the database is unreachable", () => {
  it("pages get a 503 to retry, and work again once it is back", async () => {
    const member = await createUser();
    const cookie = (await startSession(member.id)).split(";")[0];
    const request = () => new Request("http://localhost/", { headers: { Cookie: cookie } });

    const workingUrl = process.env.DATABASE_URL;
    await closeDatabase();
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/vanguard";
    const failure = await getSession(request()).catch((error: unknown) => error);
    expect(failure).toMatchObject({ type: "DataWithResponseInit", init: { status: 503 } });

    await closeDatabase();
    process.env.DATABASE_URL = workingUrl;
    expect((await getSession(request())).user?.id).toBe(member.id);
  });
});
