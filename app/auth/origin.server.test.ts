import { describe, expect, it } from "vitest";
import { isTrustedOrigin } from "./origin.server";

describe("isTrustedOrigin", () => {
  const host = "community.example.com";
  it("lets reads through whatever their origin", () => {
    expect(isTrustedOrigin({ method: "GET", origin: "https://evil.example", host })).toBe(true);
  });
  it("accepts a POST from this site", () => {
    expect(isTrustedOrigin({ method: "POST", origin: "https://community.example.com", host })).toBe(
      true,
    );
  });
  it.each(["POST", "PUT", "PATCH", "DELETE"])("refuses a %s from another site", (method) => {
    expect(isTrustedOrigin({ method, origin: "https://evil.example", host })).toBe(false);
  });
  it("refuses a POST without an Origin header", () => {
    expect(isTrustedOrigin({ method: "POST", origin: undefined, host })).toBe(false);
  });
  it("accepts the configured public URL behind a proxy", () => {
    expect(
      isTrustedOrigin({
        method: "POST",
        origin: "https://community.example.com",
        host: "10.0.0.5:3000",
        appUrl: "https://community.example.com",
      }),
    ).toBe(true);
  });
});
