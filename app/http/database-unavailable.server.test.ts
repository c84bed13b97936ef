import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import handleRequest, { handleDataRequest, handleError } from "~/entry.server";
import { RETRY_AFTER_SECONDS } from "./retry-after.server";

const refused = () => Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
const newContext = () =>
  ({ cspNonce: "n", requestId: "r", clientIp: "127.0.0.1" }) as unknown as AppLoadContext;
const request = () => new Request("http://localhost/t/some-thread");
// What Remix hands the document handler in production: the loader's error already replaced.
const sanitized = {
  staticHandlerContext: { errors: { "routes/t+/$threadId": new Error("Unexpected Server Error") } },
} as unknown as EntryContext;

describe("a loader that lost the database", () => {
  it("answers a page with 503, Retry-After and a short page, not a 500", async () => {
    const context = newContext();
    handleError(refused(), { request: request(), params: {}, context });
    const response = (await handleRequest(
      request(),
      500,
      new Headers(),
      sanitized,
      context,
    )) as Response;
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    const page = await response.text();
    expect(page).toContain("We'll be right back");
    expect(page).not.toMatch(/Unexpected Server Error|\n\s+at |ECONNREFUSED/);
  });

  it("answers a data request with 503 and Retry-After", async () => {
    const context = newContext();
    handleError(refused(), { request: request(), params: {}, context });
    const response = handleDataRequest(new Response("encoded error", { status: 500 }), {
      context,
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(await response.text()).toBe("encoded error");
  });

  it("leaves other failures and other requests alone", async () => {
    const context = newContext();
    // Another request lost the database; this one did not.
    handleError(refused(), { request: request(), params: {}, context: newContext() });
    const data = handleDataRequest(new Response("x", { status: 500 }), { context });
    expect(data.status).toBe(500);
    const fine = handleDataRequest(new Response("x", { status: 200 }), { context });
    expect(fine.status).toBe(200);
  });
});
