import { describe, expect, it } from "vitest";
import { isTrustedOrigin } from "./origin.server";

describe("isTrustedOrigin", () => {
  const host = "community.example.com";
  const post = (origin: string | undefined, extra: { appUrl?: string; protocol?: string } = {}) =>
    isTrustedOrigin({ method: "POST", origin, host, protocol: "https", ...extra });

  it("lets reads through whatever their origin", () => {
    expect(
      isTrustedOrigin({ method: "GET", origin: "https://evil.example", host, protocol: "https" }),
    ).toBe(true);
  });
  it("accepts a POST from this site", () => {
    expect(post("https://community.example.com")).toBe(true);
  });
  it.each(["POST", "PUT", "PATCH", "DELETE"])("refuses a %s from another site", (method) => {
    expect(
      isTrustedOrigin({ method, origin: "https://evil.example", host, protocol: "https" }),
    ).toBe(false);
  });
  it("lets a token's call to the API through without an Origin, as scripts send it, and nothing else", () => {
    const call = (path: string, authorization?: string) =>
      isTrustedOrigin({
        method: "PUT",
        origin: undefined,
        host,
        protocol: "https",
        path,
        authorization,
      });
    expect(call("/api/v1/ideas/x/vote", "Bearer vgp_abc")).toBe(true);
    expect(call("/api/v1/ideas/x/vote")).toBe(false);
    expect(call("/api/v1/ideas/x/vote", "Basic abc")).toBe(false);
    expect(call("/settings/tokens", "Bearer vgp_abc")).toBe(false);
  });
  it("refuses a POST without an Origin header, or with one that is not an address", () => {
    expect(post(undefined)).toBe(false);
    expect(post("null")).toBe(false);
    expect(post("community.example.com")).toBe(false);
  });
  it("accepts the configured public URL behind a proxy, and not the inner address", () => {
    const appUrl = "https://community.example.com";
    expect(
      isTrustedOrigin({
        method: "POST",
        origin: "https://community.example.com",
        host: "10.0.0.5:3000",
        protocol: "http",
        appUrl,
      }),
    ).toBe(true);
    expect(
      isTrustedOrigin({
        method: "POST",
        origin: "http://10.0.0.5:3000",
        host: "10.0.0.5:3000",
        protocol: "http",
        appUrl,
      }),
    ).toBe(false);
  });
  it("compares the scheme: an http page may not post to an https deployment", () => {
    expect(post("http://community.example.com")).toBe(false);
    expect(post("http://community.example.com", { appUrl: "https://community.example.com" })).toBe(
      false,
    );
  });
  it("compares the port", () => {
    expect(post("https://community.example.com:8443")).toBe(false);
    expect(post("https://community.example.com:443")).toBe(true);
    expect(
      post("http://localhost:3001", { appUrl: "http://localhost:3000", protocol: "http" }),
    ).toBe(false);
  });
});

describe("the one-click unsubscribe address", () => {
  const host = "community.example.com";
  const unsubscribe = "/unsubscribe/00000000-0000-4000-8000-000000000001.mention.abc_-";

  it("takes a mail provider's POST, which has no Origin (RFC 8058)", () => {
    for (const origin of [undefined, "https://mail.provider.example"]) {
      expect(
        isTrustedOrigin({ method: "POST", origin, host, protocol: "https", path: unsubscribe }),
      ).toBe(true);
    }
  });

  it("lets nothing else through: other paths, other methods, look-alikes", () => {
    for (const path of [
      "/unsubscribe",
      "/unsubscribe/",
      "/unsubscribe/token/extra",
      "/settings",
      "/unsubscribe/../settings",
      "/x/unsubscribe/token",
      "/unsubscribe/token%2F..%2Fsettings",
    ]) {
      expect(
        isTrustedOrigin({ method: "POST", origin: undefined, host, protocol: "https", path }),
        path,
      ).toBe(false);
    }
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(
        isTrustedOrigin({ method, origin: undefined, host, protocol: "https", path: unsubscribe }),
        method,
      ).toBe(false);
    }
  });
});
