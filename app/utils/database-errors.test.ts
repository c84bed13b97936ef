import postgres from "postgres";
import { describe, expect, it } from "vitest";
import {
  isDatabaseUnavailable,
  MAX_RECONNECT_DELAY_SECONDS,
  reconnectDelaySeconds,
} from "~/utils/database-errors";

describe("isDatabaseUnavailable", () => {
  it("recognises a server that does not answer", async () => {
    const client = postgres("postgres://nobody@127.0.0.1:1/none", { connect_timeout: 2, max: 1 });
    const error = await client`select 1`.catch((e: unknown) => e);
    await client.end();
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
  it("recognises a connection closed under a query, as drizzle wraps it", () => {
    const cause = Object.assign(new Error("write EPIPE"), { code: "EPIPE" });
    expect(isDatabaseUnavailable(Object.assign(new Error("Failed query"), { cause }))).toBe(true);
  });
  it("does not mistake a bad query for an outage", async () => {
    expect(isDatabaseUnavailable({ code: "42P01" })).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
  });
});

describe("reconnectDelaySeconds", () => {
  it("tries again soon after a first failure, and never waits more than a second", () => {
    expect(reconnectDelaySeconds(0)).toBeLessThanOrEqual(0.1);
    expect(reconnectDelaySeconds(1)).toBeGreaterThanOrEqual(reconnectDelaySeconds(0));
    for (const retries of [5, 10, 50, 1_000]) {
      expect(reconnectDelaySeconds(retries)).toBe(MAX_RECONNECT_DELAY_SECONDS);
    }
    expect(MAX_RECONNECT_DELAY_SECONDS).toBeLessThanOrEqual(1);
  });

  it("lets a client reach a server that comes back after failed attempts", async () => {
    // A port nobody listens on yet: the first queries fail, as during a restart.
    const { createServer } = await import("node:net");
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const client = postgres(`postgres://nobody@127.0.0.1:${port}/none`, {
      max: 1,
      connect_timeout: 2,
      backoff: reconnectDelaySeconds,
    });
    const failures: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = performance.now();
      const error = await client`select 1`.catch((e: unknown) => e);
      expect(isDatabaseUnavailable(error)).toBe(true);
      failures.push(performance.now() - started);
    }
    await client.end();
    // Each failure is answered within the cap (plus the refused connection itself).
    expect(Math.max(...failures)).toBeLessThan(MAX_RECONNECT_DELAY_SECONDS * 1000 + 500);
  });
});
