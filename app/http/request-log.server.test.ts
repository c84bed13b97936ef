import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import express from "express";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { redactSecrets } from "./redact";
import { logRequests } from "./request-log.server";
import { hasNulCharacter } from "./url-guard.server";

const servers: Array<{ close: () => void }> = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** The log lines written while serving one request through the real middleware. */
async function logLinesFor(path: string): Promise<string> {
  let written = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  });
  const app = express();
  app.use(logRequests(pino({ base: undefined }, sink)));
  app.get("*", (_req, res) => {
    res.status(404).send("no");
  });
  const server = app.listen(0);
  servers.push(server);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await fetch(`http://127.0.0.1:${port}${path}`);
  // The line is written when the response finishes, just after the client has it.
  for (let tries = 0; !written && tries < 50; tries++) await new Promise((r) => setTimeout(r, 10));
  return written;
}

describe("request logs", () => {
  it("never contain reset or invitation tokens", async () => {
    const reset = await logLinesFor("/reset-password/s3cr3t-reset-token?x=1");
    expect(reset).toContain('"path":"/reset-password/[redacted]"');
    expect(reset).not.toContain("s3cr3t");
    const invitation = await logLinesFor("/invitations/s3cr3t-invite-token/");
    expect(invitation).toContain('"path":"/invitations/[redacted]/"');
    expect(invitation).not.toContain("s3cr3t");
  });

  it("keep other paths as they are", async () => {
    expect(await logLinesFor("/t/123?page=2")).toContain('"path":"/t/123"');
  });
});

describe("redactSecrets", () => {
  it("redacts full URLs and links inside a query string", () => {
    expect(redactSecrets("http://x.test/reset-password/abc?y=1")).toBe(
      "http://x.test/reset-password/[redacted]?y=1",
    );
    expect(redactSecrets("/login?redirectTo=%2Finvitations%2Fabc%3Fz")).toBe(
      "/login?redirectTo=%2Finvitations%2F[redacted]%3Fz",
    );
    expect(redactSecrets("/INVITATIONS/abc")).toBe("/INVITATIONS/[redacted]");
    // The identity provider's authorization code and state.
    expect(redactSecrets("http://x.test/sso/callback?code=abc&state=def#top")).toBe(
      "http://x.test/sso/callback?[redacted]#top",
    );
  });
});

describe("hasNulCharacter", () => {
  it("finds NUL in the path, a key or a value, encoded or not", () => {
    expect(hasNulCharacter("/search?q=a%00b")).toBe(true);
    expect(hasNulCharacter("/search?a%00=1")).toBe(true);
    expect(hasNulCharacter("/t/%00")).toBe(true);
    expect(hasNulCharacter("/search?q=a%2500b&r=%E2%9C%93")).toBe(false);
  });
});

describe("private feed addresses in logs", () => {
  it("never writes the key that reads as a member", () => {
    expect(redactSecrets("/feeds/00000000-0000-4000-8000-000000000001.s3cr3t/activity.atom")).toBe(
      "/feeds/[redacted]/activity.atom",
    );
  });
});

describe("unsubscribe links in logs", () => {
  it("keep their token out", () => {
    expect(redactSecrets("/unsubscribe/00000000-0000-4000-8000-000000000001.mention.s3cr3t")).toBe(
      "/unsubscribe/[redacted]",
    );
  });
});
