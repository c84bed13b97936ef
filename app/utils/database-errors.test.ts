import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "~/utils/database-errors";

describe("isDatabaseUnavailable", () => {
  it("recognises a server that does not answer", async () => {
    const client = postgres("postgres://nobody@127.0.0.1:1/none", { connect_timeout: 2, max: 1 });
    const error = await client`select 1`.catch((e: unknown) => e);
    await client.end();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
  it("does not mistake a bad query for an outage", async () => {
    expect(isDatabaseUnavailable({ code: "42P01" })).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
  });
});
