import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { RETRY_AFTER_SECONDS, sayWhenToRetry } from "./retry-after.server";

const servers: Array<{ close: () => void }> = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function answerTo(handler: express.RequestHandler) {
  const app = express();
  app.use(sayWhenToRetry());
  app.get("*", handler);
  const server = app.listen(0);
  servers.push(server);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/t/some-thread`);
  await response.text();
  return response;
}

describe("Retry-After", () => {
  it("is on every 503, however its status was set", async () => {
    const bySend = await answerTo((_req, res) => {
      res.status(503).send("We'll be right back");
    });
    expect(bySend.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    const byWriteHead = await answerTo((_req, res) => {
      res.writeHead(503, { "Content-Type": "text/plain" }).end("down");
    });
    expect(byWriteHead.status).toBe(503);
    expect(byWriteHead.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
  });

  it("keeps a route's own value, and is on no other status", async () => {
    const own = await answerTo((_req, res) => {
      res.status(503).set("Retry-After", "5").send("down");
    });
    expect(own.headers.get("retry-after")).toBe("5");
    for (const status of [200, 429, 500]) {
      const other = await answerTo((_req, res) => {
        res.status(status).send("answer");
      });
      expect(other.headers.get("retry-after")).toBeNull();
    }
  });
});
