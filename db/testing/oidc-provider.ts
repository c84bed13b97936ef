import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type Configuration } from "oidc-provider";
import { TEST_OIDC_CLIENT } from "./oidc-client";

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback, standing in for a
 * company's identity provider in tests. Whoever signs in is the email typed on its sign-in page
 * (or given as `login_hint`, which skips the page); an address with "+unverified" in it comes
 * back with `email_verified: false`.
 */
export type TestOidcProvider = {
  /** The issuer it names: what OIDC_ISSUER must say. */
  issuer: string;
  /** Where it listens (the issuer too, unless overridden). */
  url: string;
  clientId: string;
  clientSecret: string;
  /** From now on, ID tokens are issued already expired (as if the provider's clock ran ahead). */
  issueExpiredIdTokens: (on: boolean) => void;
  close: () => Promise<void>;
};

export async function startOidcProvider(options: {
  /** Where the app's callback is (`<app>/sso/callback`). */
  redirectUris: string[];
  port?: number;
  /** The issuer the provider names, when it must differ from where it is reached. */
  issuerOverride?: string;
}): Promise<TestOidcProvider> {
  const server = createServer();
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const reachedAt = `http://127.0.0.1:${port}`;
  const issuer = options.issuerOverride ?? reachedAt;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: "test", alg: "RS256", use: "sig" };
  let expiredIdTokens = false;

  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_OIDC_CLIENT.clientId,
        client_secret: TEST_OIDC_CLIENT.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ["test-provider-cookie-key"] },
    pkce: { required: () => true },
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 3600,
      IdToken: 3600,
      Grant: 3600,
      Interaction: 3600,
      Session: 3600,
    },
    features: { devInteractions: { enabled: false } },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: `subject:${id}`,
        email: id,
        email_verified: !id.includes("+unverified"),
        name: nameFrom(id),
      }),
    }),
    // Consent is the company's business, not the test's: every client gets what it asks.
    loadExistingGrant: async (ctx) => {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session?.accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = "text/plain";
      ctx.body = `${out.error}: ${out.error_description ?? ""}`;
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.use(async (ctx, next) => {
    if (!expiredIdTokens || ctx.path !== "/token") return next();
    // Issued two hours ago, with the default one hour to live.
    const realNow = Date.now;
    Date.now = () => realNow() - 2 * 60 * 60 * 1000;
    try {
      await next();
    } finally {
      Date.now = realNow;
    }
  });
  const handleProvider = provider.callback();

  server.on("request", (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path.startsWith("/interaction/")) {
      handleInteraction(provider, req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void handleProvider(req, res);
  });

  return {
    issuer,
    url: reachedAt,
    ...TEST_OIDC_CLIENT,
    issueExpiredIdTokens: (on) => {
      expiredIdTokens = on;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  const hint = typeof details.params.login_hint === "string" ? details.params.login_hint : "";
  if (req.method === "POST" || hint) {
    const email = req.method === "POST" ? await emailFrom(req) : hint;
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: email.trim().toLowerCase() } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/interaction/${details.uid}">
<label for="email">Work email</label> <input id="email" name="email" type="email" required>
<button type="submit">Continue</button>
</form></main></body></html>`);
}

async function emailFrom(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) throw new Error("Too long");
  }
  return new URLSearchParams(body).get("email") ?? "";
}

function nameFrom(email: string): string {
  const local = email.split("@")[0].split("+")[0];
  return local
    .split(".")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(" ");
}
