import { once } from "node:events";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { keepPagesPrivate } from "./private-pages.server";

const servers: Array<{ close: () => void }> = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function headersFor(handler: express.RequestHandler) {
  const app = express();
  app.use(keepPagesPrivate());
  app.get("*", handler);
  const server = app.listen(0);
  servers.push(server);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/notifications.data`);
  await response.text();
  return response.headers;
}

describe("answers that depend on who is signed in", () => {
  it("are private and never stored, and vary by cookie", async () => {
    const headers = await headersFor((_req, res) => {
      res.status(200).send("page");
    });
    expect(headers.get("cache-control")).toBe("private, no-store");
    expect(headers.get("vary")).toMatch(/Cookie/);
  });

  it("keep a policy their route chose, and still vary by cookie", async () => {
    const headers = await headersFor((_req, res) => {
      res.set("Cache-Control", "private, max-age=300").set("Vary", "Accept").send("feed");
    });
    expect(headers.get("cache-control")).toBe("private, max-age=300");
    expect(headers.get("vary")).toBe("Accept, Cookie");
  });
});
