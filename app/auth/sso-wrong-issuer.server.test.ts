import { afterAll, expect, it } from "vitest";
import { startOidcProvider } from "#db/testing/oidc-provider";
import { startSsoSignIn } from "./sso.server";

// A provider that answers for another issuer than the one configured (a mistyped address, or
// someone else's server in between) is never trusted.
const provider = await startOidcProvider({
  redirectUris: ["http://localhost:3000/sso/callback"],
  issuerOverride: "https://login.elsewhere.example",
});
process.env.OIDC_ISSUER = provider.url;
process.env.OIDC_CLIENT_ID = provider.clientId;
process.env.OIDC_CLIENT_SECRET = provider.clientSecret;
afterAll(() => provider.close());

it("refuses a provider whose discovery document names another issuer", async () => {
  const start = await startSsoSignIn({
    redirectTo: "/",
    client: { ip: "10.9.1.1", userAgent: "" },
  });
  expect(start).toEqual({ ok: false, reason: "provider-unreachable" });
});
